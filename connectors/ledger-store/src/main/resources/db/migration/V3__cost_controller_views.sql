-- What cost controllers and dashboards read. Actual figures come from the ledger entries; standard and expected
-- from the order's latest cost plan (the job's snapshot at release, replaced by the one after the adjustment).

CREATE VIEW production_order_latest_cost_plan AS
SELECT DISTINCT ON (order_no) *
FROM production_order_cost_plan
ORDER BY order_no, event_time DESC, (status = 'FINISHED') DESC, id DESC;

-- §7.2 per order line: material from consumption value entries; capacity, subcontracted and capacity overhead from
-- the capacity value entries of the line's routing, times the line's share of the routing's output (1 when it has
-- no output or is alone on its routing); manufacturing overhead from the parent's rates.
CREATE VIEW production_order_line_actual_cost AS
WITH plan_line AS (
    SELECT p.order_no, l.order_line_no, l.routing_reference_no, l.indirect_cost_pct, l.overhead_rate
    FROM production_order_latest_cost_plan p,
         jsonb_to_recordset(p.lines) AS l (order_line_no integer, routing_reference_no integer,
                                           indirect_cost_pct numeric, overhead_rate numeric)
), material AS (
    SELECT order_no, order_line_no, -sum(cost_amount_actual) AS amount
    FROM value_entry
    WHERE item_ledger_entry_type = 'CONSUMPTION' AND entry_type <> 'ROUNDING' AND inventoriable
    GROUP BY order_no, order_line_no
), routing_capacity AS (
    SELECT v.order_no, c.routing_reference_no,
           coalesce(sum(v.cost_amount_actual) FILTER (WHERE v.entry_type = 'DIRECT_COST' AND NOT c.subcontracting), 0)
               AS capacity,
           coalesce(sum(v.cost_amount_actual) FILTER (WHERE v.entry_type = 'DIRECT_COST' AND c.subcontracting), 0)
               AS subcontracted,
           coalesce(sum(v.cost_amount_actual) FILTER (WHERE v.entry_type = 'INDIRECT_COST'), 0) AS capacity_overhead
    FROM value_entry v
    JOIN capacity_ledger_entry c ON c.entry_no = v.capacity_ledger_entry_no
    GROUP BY v.order_no, c.routing_reference_no
), output AS (
    SELECT order_no, order_line_no, sum(quantity) AS quantity
    FROM item_ledger_entry
    WHERE entry_type = 'OUTPUT'
    GROUP BY order_no, order_line_no
), line_share AS (
    SELECT l.*, coalesce(o.quantity, 0) AS output_quantity,
           sum(coalesce(o.quantity, 0)) OVER routing AS routing_output,
           count(*) OVER routing AS lines_on_routing
    FROM plan_line l
    LEFT JOIN output o USING (order_no, order_line_no)
    WINDOW routing AS (PARTITION BY l.order_no, l.routing_reference_no)
), line_direct AS (
    SELECT s.order_no, s.order_line_no, s.indirect_cost_pct, s.overhead_rate, s.output_quantity,
           coalesce(m.amount, 0) AS material,
           round(coalesce(r.capacity, 0) * share.value, 2) AS capacity,
           round(coalesce(r.subcontracted, 0) * share.value, 2) AS subcontracted,
           round(coalesce(r.capacity_overhead, 0) * share.value, 2) AS capacity_overhead
    FROM line_share s
    CROSS JOIN LATERAL (SELECT CASE WHEN s.routing_output = 0 OR s.lines_on_routing = 1 THEN 1
                                    ELSE s.output_quantity / s.routing_output END AS value) share
    LEFT JOIN material m USING (order_no, order_line_no)
    LEFT JOIN routing_capacity r ON r.order_no = s.order_no AND r.routing_reference_no = s.routing_reference_no
)
SELECT order_no, order_line_no, material, capacity, subcontracted, capacity_overhead,
       round((material + capacity + subcontracted + capacity_overhead) * indirect_cost_pct / 100
             + overhead_rate * output_quantity, 2) AS manufacturing_overhead
FROM line_direct;

-- Production Order Statistics (page 99000816): rows Material, Capacity, Subcontracted, Capacity Overhead,
-- Manufacturing Overhead, Total; columns standard, expected, actual, deviation % and variance (actual − standard).
-- Dev. % is against ${deviation_basis} cost (spec §14 item 2, UNCONFIRMED: the posting rules' DeviationBasis
-- setting), rounded to 0.0001.
CREATE VIEW production_order_statistics AS
WITH actual AS (
    SELECT order_no, bucket, sum(amount) AS amount
    FROM production_order_line_actual_cost,
         LATERAL (VALUES ('MATERIAL', material), ('CAPACITY', capacity), ('SUBCONTRACTED', subcontracted),
                         ('CAPACITY_OVERHEAD', capacity_overhead),
                         ('MANUFACTURING_OVERHEAD', manufacturing_overhead)) AS a (bucket, amount)
    GROUP BY order_no, bucket
), bucket_row AS (
    SELECT p.order_no, r.cost_bucket, b.row_no, r.standard_cost, r.expected_cost,
           coalesce(a.amount, 0) AS actual_cost
    FROM production_order_latest_cost_plan p
    CROSS JOIN jsonb_to_recordset(p.cost_rows) AS r (cost_bucket text, standard_cost numeric, expected_cost numeric)
    JOIN (VALUES ('MATERIAL', 1), ('CAPACITY', 2), ('SUBCONTRACTED', 3), ('CAPACITY_OVERHEAD', 4),
                 ('MANUFACTURING_OVERHEAD', 5)) AS b (cost_bucket, row_no) USING (cost_bucket)
    LEFT JOIN actual a ON a.order_no = p.order_no AND a.bucket = r.cost_bucket
), with_total AS (
    SELECT order_no, cost_bucket, row_no, standard_cost, expected_cost, actual_cost FROM bucket_row
    UNION ALL
    SELECT order_no, 'TOTAL', 6, sum(standard_cost), sum(expected_cost), sum(actual_cost)
    FROM bucket_row GROUP BY order_no
)
SELECT order_no, cost_bucket, row_no, standard_cost, expected_cost, actual_cost,
       CASE WHEN ${deviation_basis}_cost = 0 THEN 0.0000
            ELSE round((actual_cost - ${deviation_basis}_cost) * 100 / ${deviation_basis}_cost, 4) END
           AS deviation_pct,
       actual_cost - standard_cost AS variance
FROM with_total;

-- WIP per order: consumption and capacity cost posted in, minus actual direct cost transferred to output.
-- Expected cost, manufacturing overhead (indirect cost on output) and variances do not touch WIP.
CREATE VIEW production_order_wip AS
SELECT order_no,
       sum(CASE WHEN item_ledger_entry_type = 'CONSUMPTION' THEN -cost_amount_actual
                WHEN item_ledger_entry_type IS NULL THEN cost_amount_actual
                WHEN entry_type = 'DIRECT_COST' THEN -cost_amount_actual
                ELSE 0 END) AS wip_amount
FROM value_entry
WHERE coalesce(order_no, '') <> ''
GROUP BY order_no;

-- Capacity ledger per work or machine center and day (times in the center's capacity unit).
CREATE VIEW capacity_ledger_by_center_and_day AS
SELECT type, no, work_center_no, posting_date,
       sum(setup_time) AS setup_time, sum(run_time) AS run_time, sum(stop_time) AS stop_time,
       sum(output_quantity) AS output_quantity, sum(scrap_quantity) AS scrap_quantity, count(*) AS entries
FROM capacity_ledger_entry
GROUP BY type, no, work_center_no, posting_date;

-- Consumption against expected per component of the order's latest plan (quantities in base units).
CREATE VIEW component_consumption_against_expected AS
WITH consumed AS (
    SELECT order_no, order_line_no, prod_order_comp_line_no, -sum(quantity) AS quantity
    FROM item_ledger_entry
    WHERE entry_type = 'CONSUMPTION'
    GROUP BY order_no, order_line_no, prod_order_comp_line_no
)
SELECT p.order_no, c.order_line_no, c.line_no AS component_line_no, c.item_no,
       c.expected_qty_base, coalesce(k.quantity, 0) AS consumed_qty_base,
       coalesce(k.quantity, 0) - c.expected_qty_base AS deviation_qty_base,
       CASE WHEN c.expected_qty_base = 0 THEN NULL
            ELSE round((coalesce(k.quantity, 0) - c.expected_qty_base) * 100 / c.expected_qty_base, 4) END
           AS deviation_pct
FROM production_order_latest_cost_plan p
CROSS JOIN jsonb_to_recordset(p.components) AS c (order_line_no integer, line_no integer, item_no text,
                                                  expected_qty_base numeric)
LEFT JOIN consumed k ON k.order_no = p.order_no AND k.order_line_no = c.order_line_no
                    AND k.prod_order_comp_line_no = c.line_no;

-- OEE per machine and shift (availability × performance × quality, as the job's live KPIs compute it per window:
-- setup, stops and idle time are lost time; no-signal time is left out; performance needs the ideal cycle time).
CREATE VIEW machine_oee_by_shift AS
WITH kpi_shift AS (
    SELECT k.*, s.code AS shift_code,
           ((k.window_start AT TIME ZONE s.time_zone) - s.starting_time)::date AS shift_date
    FROM machine_kpi k
    CROSS JOIN LATERAL (
        SELECT code, starting_time, time_zone FROM work_shift
        -- the shift that started last before the window: least time since its start, modulo a day
        ORDER BY mod(extract(epoch FROM (k.window_start AT TIME ZONE time_zone)::time - starting_time) + 86400, 86400)
        LIMIT 1) s
), totals AS (
    SELECT machine_id, shift_date, shift_code,
           sum(good_parts) AS good_parts, sum(scrap_parts) AS scrap_parts,
           sum(setup_millis) AS setup_millis, sum(run_millis) AS run_millis, sum(stop_millis) AS stop_millis,
           sum(idle_millis) AS idle_millis, sum(no_signal_millis) AS no_signal_millis,
           sum(ideal_cycle_time_millis * (good_parts + scrap_parts)) AS ideal_millis,
           sum(run_millis) FILTER (WHERE ideal_cycle_time_millis IS NOT NULL) AS run_millis_with_ideal
    FROM kpi_shift
    GROUP BY machine_id, shift_date, shift_code
), ratios AS (
    SELECT t.*,
           t.run_millis::numeric / nullif(t.run_millis + t.setup_millis + t.stop_millis + t.idle_millis, 0)
               AS availability,
           t.ideal_millis::numeric / nullif(t.run_millis_with_ideal, 0) AS performance,
           t.good_parts::numeric / nullif(t.good_parts + t.scrap_parts, 0) AS quality
    FROM totals t
)
SELECT machine_id, shift_date, shift_code, good_parts, scrap_parts, setup_millis, run_millis, stop_millis,
       idle_millis, no_signal_millis, round(availability, 4) AS availability, round(performance, 4) AS performance,
       round(quality, 4) AS quality, round(availability * performance * quality, 4) AS oee
FROM ratios;

GRANT SELECT ON production_order_latest_cost_plan, production_order_line_actual_cost, production_order_statistics,
    production_order_wip, capacity_ledger_by_center_and_day, component_consumption_against_expected,
    machine_oee_by_shift TO "${reporting_role}", "${writer_role}";
