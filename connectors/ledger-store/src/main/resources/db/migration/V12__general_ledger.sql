-- The general ledger side of the cost controllers' reconciliation (docs/general-ledger.md).
-- general_ledger_entry: G/L entries derived from value entries by the posting rules (InventoryCostToGl), append-only
-- like the ledger. value_entry_key is BC's G/L – Item Ledger Relation: the value entry the G/L entry posts, by the
-- value entry's idempotency key (unique, so a foreign key), and idempotency_key is '<value entry key>/GL<n>', so a
-- replay of the same value entry stores nothing twice. amount: positive = debit, negative = credit.
CREATE TABLE general_ledger_entry (
    entry_no                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    idempotency_key          text    COLLATE "C" NOT NULL UNIQUE,
    value_entry_key          text    COLLATE "C" NOT NULL REFERENCES value_entry (idempotency_key),
    posting_date             date    NOT NULL,
    document_no              text,
    account_no               text    COLLATE "C" NOT NULL,
    account_type             text    NOT NULL,
    amount                   numeric(38, 2) NOT NULL,
    debit_amount             numeric(38, 2) GENERATED ALWAYS AS (greatest(amount, 0)) STORED,
    credit_amount            numeric(38, 2) GENERATED ALWAYS AS (greatest(-amount, 0)) STORED,
    expected_cost            boolean NOT NULL,
    order_no                 text    COLLATE "C",
    location_code            text,
    inventory_posting_group  text,
    gen_bus_posting_group    text,
    gen_prod_posting_group   text,
    event_time               timestamptz NOT NULL,
    content_hash             bytea   NOT NULL,
    committed_at             timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX general_ledger_entry_value_entry ON general_ledger_entry (value_entry_key);
CREATE INDEX general_ledger_entry_posting_date ON general_ledger_entry USING brin (posting_date);

CREATE TRIGGER general_ledger_entry_append_only BEFORE UPDATE OR DELETE ON general_ledger_entry FOR EACH ROW
    EXECUTE FUNCTION refuse_ledger_change();
CREATE TRIGGER general_ledger_entry_append_only_statement BEFORE UPDATE OR DELETE ON general_ledger_entry
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_ledger_change();
CREATE TRIGGER general_ledger_entry_no_truncate BEFORE TRUNCATE ON general_ledger_entry FOR EACH STATEMENT
    EXECUTE FUNCTION refuse_ledger_change();
REVOKE ALL ON general_ledger_entry FROM PUBLIC;
GRANT SELECT, INSERT ON general_ledger_entry TO "${writer_role}";

-- Trial balance per account and calendar month: debits, credits, net change, and the balance at the month's end.
CREATE VIEW trial_balance AS
WITH per_period AS (
    SELECT account_no, date_trunc('month', posting_date)::date AS period_start,
           sum(debit_amount) AS debit_amount, sum(credit_amount) AS credit_amount, sum(amount) AS net_change
    FROM general_ledger_entry
    GROUP BY 1, 2
)
SELECT account_no, period_start, (period_start + interval '1 month' - interval '1 day')::date AS period_end,
       debit_amount, credit_amount, net_change,
       sum(net_change) OVER (PARTITION BY account_no ORDER BY period_start) AS balance_at_end
FROM per_period;

-- WIP per production order and month, as BC's Inventory Valuation – WIP report: starting WIP, consumption, capacity
-- (direct) and capacity overhead (indirect) in, output at actual direct cost out, ending WIP. Expected cost,
-- manufacturing overhead and variances do not touch WIP; after finish and adjustment the ending WIP is 0.
CREATE VIEW production_order_wip_report AS
WITH per_period AS (
    SELECT order_no, date_trunc('month', posting_date)::date AS period_start,
           sum(CASE WHEN item_ledger_entry_type = 'CONSUMPTION' THEN -cost_amount_actual ELSE 0 END) AS consumption,
           sum(CASE WHEN item_ledger_entry_type IS NULL AND entry_type = 'DIRECT_COST'
                    THEN cost_amount_actual ELSE 0 END) AS capacity,
           sum(CASE WHEN item_ledger_entry_type IS NULL AND entry_type = 'INDIRECT_COST'
                    THEN cost_amount_actual ELSE 0 END) AS capacity_overhead,
           sum(CASE WHEN item_ledger_entry_type = 'OUTPUT' AND entry_type = 'DIRECT_COST'
                    THEN cost_amount_actual ELSE 0 END) AS output
    FROM value_entry
    WHERE coalesce(order_no, '') <> ''
    GROUP BY 1, 2
)
SELECT order_no, period_start, (period_start + interval '1 month' - interval '1 day')::date AS period_end,
       coalesce(sum(consumption + capacity + capacity_overhead - output) OVER (PARTITION BY order_no
           ORDER BY period_start ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS starting_wip,
       consumption, capacity, capacity_overhead, output,
       sum(consumption + capacity + capacity_overhead - output) OVER (PARTITION BY order_no
           ORDER BY period_start) AS ending_wip
FROM per_period;

-- Inventory valuation per item, location and month: the change of quantity (item entries), of actual and of expected
-- cost (the value entries of item entries), and the totals at the month's end.
CREATE VIEW inventory_valuation AS
WITH movements AS (
    SELECT item_no, location_code, date_trunc('month', posting_date)::date AS period_start, quantity,
           0::numeric AS cost_amount_actual, 0::numeric AS cost_amount_expected
    FROM item_ledger_entry
    UNION ALL
    SELECT item_no, location_code, date_trunc('month', posting_date)::date, 0, cost_amount_actual,
           cost_amount_expected
    FROM value_entry
    WHERE item_ledger_entry_no IS NOT NULL AND inventoriable
), per_period AS (
    SELECT item_no, location_code, period_start, sum(quantity) AS quantity_change,
           sum(cost_amount_actual) AS cost_actual_change, sum(cost_amount_expected) AS cost_expected_change
    FROM movements
    GROUP BY 1, 2, 3
)
SELECT item_no, location_code, period_start, (period_start + interval '1 month' - interval '1 day')::date AS period_end,
       quantity_change, cost_actual_change, cost_expected_change,
       sum(quantity_change) OVER w AS quantity, sum(cost_actual_change) OVER w AS cost_amount_actual,
       sum(cost_expected_change) OVER w AS cost_amount_expected
FROM per_period
WINDOW w AS (PARTITION BY item_no, location_code ORDER BY period_start);

-- Value entries with cost that have no G/L entry yet: what the reconciliation below is missing.
CREATE VIEW value_entry_not_posted_to_gl AS
SELECT v.entry_no, v.idempotency_key, v.posting_date, v.order_no, v.item_ledger_entry_type, v.entry_type, v.item_no,
       v.cost_amount_actual, v.cost_amount_expected
FROM value_entry v
WHERE v.cost_amount_actual <> 0
  AND NOT EXISTS (SELECT FROM general_ledger_entry g WHERE g.value_entry_key = v.idempotency_key);

-- Inventory to G/L: per account type, what the G/L holds and what the value entries say it should hold. Inventory:
-- actual cost of item entries; Inventory (Interim): expected cost of the value entries whose expected cost was posted
-- (Expected Cost Posting to G/L); WIP: consumption and capacity in, output out at actual cost and, where expected cost
-- was posted, at expected cost too. A difference means value entries not (or differently) posted.
CREATE VIEW inventory_to_gl_reconciliation AS
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
                    ELSE 0 END) AS wip
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

CREATE VIEW export_general_ledger_entry AS SELECT * FROM general_ledger_entry;

GRANT SELECT ON trial_balance, production_order_wip_report, inventory_valuation, value_entry_not_posted_to_gl,
    inventory_to_gl_reconciliation, export_general_ledger_entry TO "${reporting_role}";
