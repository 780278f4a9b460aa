-- The WIP write-off of an order finished without output (docs/general-ledger.md#wip) moves its WIP to Inventory
-- Adjmt. by G/L entries alone: the value entries stay as they are. The WIP report and the reconciliation read WIP from
-- the value entries, so they count the write-off's WIP credits (G/L entries keyed <value entry key>/WO2) as WIP that
-- left the order: ending WIP and the reconciliation's WIP then net to zero as on the G/L.

CREATE OR REPLACE VIEW production_order_wip_report AS
WITH per_period AS (
    SELECT order_no, period_start, sum(consumption) AS consumption, sum(capacity) AS capacity,
           sum(capacity_overhead) AS capacity_overhead, sum(output) AS output, sum(written_off) AS written_off
    FROM (SELECT order_no, date_trunc('month', posting_date)::date AS period_start,
                 CASE WHEN item_ledger_entry_type = 'CONSUMPTION' THEN -cost_amount_actual ELSE 0 END AS consumption,
                 CASE WHEN item_ledger_entry_type IS NULL AND entry_type = 'DIRECT_COST'
                      THEN cost_amount_actual ELSE 0 END AS capacity,
                 CASE WHEN item_ledger_entry_type IS NULL AND entry_type = 'INDIRECT_COST'
                      THEN cost_amount_actual ELSE 0 END AS capacity_overhead,
                 CASE WHEN item_ledger_entry_type = 'OUTPUT' AND entry_type = 'DIRECT_COST'
                      THEN cost_amount_actual ELSE 0 END AS output,
                 0::numeric AS written_off
          FROM value_entry
          WHERE coalesce(order_no, '') <> ''
          UNION ALL
          SELECT order_no, date_trunc('month', posting_date)::date, 0, 0, 0, 0, -amount
          FROM general_ledger_entry
          WHERE account_type = 'WIP' AND idempotency_key LIKE '%/WO2' AND coalesce(order_no, '') <> '') m
    GROUP BY 1, 2
)
SELECT order_no, period_start, (period_start + interval '1 month' - interval '1 day')::date AS period_end,
       coalesce(sum(consumption + capacity + capacity_overhead - output - written_off) OVER (PARTITION BY order_no
           ORDER BY period_start ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS starting_wip,
       consumption, capacity, capacity_overhead, output,
       sum(consumption + capacity + capacity_overhead - output - written_off) OVER (PARTITION BY order_no
           ORDER BY period_start) AS ending_wip,
       written_off
FROM per_period;

CREATE OR REPLACE VIEW inventory_to_gl_reconciliation AS
WITH expected_posted AS (
    SELECT DISTINCT value_entry_key FROM general_ledger_entry WHERE expected_cost
), ledger AS (
    SELECT sum(CASE WHEN v.item_ledger_entry_no IS NOT NULL AND v.inventoriable
                    THEN v.cost_amount_actual ELSE 0 END) AS inventory,
           sum(CASE WHEN e.value_entry_key IS NOT NULL THEN v.cost_amount_expected ELSE 0 END) AS inventory_interim,
           sum(CASE WHEN coalesce(v.order_no, '') = '' THEN 0
                    WHEN v.item_ledger_entry_type = 'CONSUMPTION' THEN -v.cost_amount_actual
                    WHEN v.item_ledger_entry_type IS NULL THEN v.cost_amount_actual
                    WHEN v.item_ledger_entry_type = 'OUTPUT' AND v.entry_type = 'DIRECT_COST'
                        THEN -v.cost_amount_actual
                             - CASE WHEN e.value_entry_key IS NOT NULL THEN v.cost_amount_expected ELSE 0 END
                    ELSE 0 END)
           + (SELECT coalesce(sum(amount), 0) FROM general_ledger_entry
              WHERE account_type = 'WIP' AND idempotency_key LIKE '%/WO2') AS wip
    FROM value_entry v LEFT JOIN expected_posted e ON e.value_entry_key = v.idempotency_key
), gl AS (
    SELECT account_type, sum(amount) AS amount FROM general_ledger_entry GROUP BY 1
)
SELECT t.account_type, coalesce(gl.amount, 0) AS gl_amount, t.ledger_amount,
       coalesce(gl.amount, 0) - t.ledger_amount AS difference
FROM (SELECT 'INVENTORY' AS account_type, inventory AS ledger_amount, 1 AS row_no FROM ledger
      UNION ALL SELECT 'INVENTORY_INTERIM', inventory_interim, 2 FROM ledger
      UNION ALL SELECT 'WIP', wip, 3 FROM ledger) t
LEFT JOIN gl ON gl.account_type = t.account_type
ORDER BY t.row_no;
