-- What the live dashboard reads as the reporting role (which reads views only): each order's status, progress,
-- output and scrap; a feed of the latest item and capacity ledger entries; what was reported per operation (the
-- filled-in columns of a job card).

-- Planned quantity from the order's latest cost plan; status from the latest posted status change (the plan's
-- status before the first one); output from the output entries; scrap from the capacity entries of every operation.
CREATE VIEW production_order_progress AS
WITH plan AS (
    SELECT p.order_no, p.status AS plan_status,
           (SELECT coalesce(sum(l.quantity_base), 0)
            FROM jsonb_to_recordset(p.lines) AS l (quantity_base numeric)) AS planned_quantity
    FROM production_order_latest_cost_plan p
), latest_status AS (
    SELECT DISTINCT ON (order_no) order_no, to_status, posting_date
    FROM production_order_status_history
    ORDER BY order_no, event_time DESC, id DESC
), output AS (
    SELECT order_no, sum(quantity) AS output_quantity, max(posting_date) AS last_output_date
    FROM item_ledger_entry
    WHERE entry_type = 'OUTPUT'
    GROUP BY order_no
), scrap AS (
    SELECT order_no, coalesce(sum(scrap_quantity), 0) AS scrap_quantity
    FROM capacity_ledger_entry
    GROUP BY order_no
)
SELECT plan.order_no, coalesce(s.to_status, plan.plan_status) AS status, s.posting_date AS status_date,
       plan.planned_quantity, coalesce(o.output_quantity, 0) AS output_quantity,
       coalesce(c.scrap_quantity, 0) AS scrap_quantity,
       CASE WHEN plan.planned_quantity = 0 THEN NULL
            ELSE round(coalesce(o.output_quantity, 0) * 100 / plan.planned_quantity, 2) END AS progress_pct,
       o.last_output_date
FROM plan
LEFT JOIN latest_status s USING (order_no)
LEFT JOIN output o USING (order_no)
LEFT JOIN scrap c USING (order_no);

-- Item and capacity ledger entries in one shape, newest last committed first when ordered by committed_at DESC.
-- Amounts are the entry's cost as of its posting (expected + actual); capacity entries carry their time instead.
CREATE VIEW ledger_entry_feed AS
SELECT 'ITEM' AS ledger, entry_no, posting_date, order_no, entry_type, item_no AS no, NULL::text AS operation_no,
       description, quantity, unit_of_measure_code AS unit_of_measure,
       cost_amount_expected + cost_amount_actual AS cost_amount, committed_at
FROM item_ledger_entry
UNION ALL
SELECT 'CAPACITY', entry_no, posting_date, order_no, type, no, operation_no, description, quantity,
       cap_unit_of_measure_code, NULL, committed_at
FROM capacity_ledger_entry;

-- Per order and operation: output, scrap and times the capacity ledger holds, the last posting date, and the
-- machines whose KPI windows ran the operation ("by" on the job card).
CREATE VIEW production_order_operation_reported AS
WITH reported AS (
    SELECT order_no, routing_reference_no, operation_no,
           sum(output_quantity) AS output_quantity, sum(scrap_quantity) AS scrap_quantity,
           sum(setup_time) AS setup_time, sum(run_time) AS run_time, sum(stop_time) AS stop_time,
           max(posting_date) AS last_posting_date, count(*) AS entries
    FROM capacity_ledger_entry
    WHERE coalesce(order_no, '') <> ''
    GROUP BY order_no, routing_reference_no, operation_no
), machines AS (
    SELECT order_no, operation_no, string_agg(DISTINCT machine_id, ', ' ORDER BY machine_id) AS machine_ids
    FROM machine_kpi
    WHERE order_no IS NOT NULL AND operation_no IS NOT NULL
    GROUP BY order_no, operation_no
)
SELECT r.order_no, r.routing_reference_no, r.operation_no, r.output_quantity, r.scrap_quantity, r.setup_time,
       r.run_time, r.stop_time, r.last_posting_date, r.entries, m.machine_ids
FROM reported r
LEFT JOIN machines m ON m.order_no = r.order_no AND m.operation_no = r.operation_no;

GRANT SELECT ON production_order_progress, ledger_entry_feed, production_order_operation_reported
    TO "${reporting_role}", "${writer_role}";
