-- What a cost controller's login (the reporting role, which reads views only) needs besides V3/V4: the ledger tables
-- for the CSV export, dead letters for the dashboard; and two views made easier to read: statistics in a fixed order,
-- OEE times in minutes and ratios in percent, the unit in each column's name.

-- The export reads these (LedgerExport): every column of the table, as the file has always had them. Views over
-- SELECT * keep the columns the table had when the view was made: a column added to a table later needs the view
-- made again.
CREATE VIEW export_item_ledger_entry AS SELECT * FROM item_ledger_entry;
CREATE VIEW export_capacity_ledger_entry AS SELECT * FROM capacity_ledger_entry;
CREATE VIEW export_value_entry AS SELECT * FROM value_entry;
CREATE VIEW export_warehouse_entry AS SELECT * FROM warehouse_entry;

-- Dead letters without their payload (raw input, possibly binary): reason, detail, when, where from. "source" is
-- what the input was about when known: the record key (a machine id from the MQTT bridge, a row key from CDC),
-- else the first part of the posting job's id (its machine input's source, or the order number), else the topic.
CREATE VIEW dead_letter_report AS
SELECT id, failed_at, committed_at, stage, reason_code, reason_detail, source_topic, source_partition, source_offset,
       coalesce(encode(key, 'escape'),
                CASE WHEN stage IN ('machine', 'posting') THEN nullif(split_part(idempotency_key, '/', 2), '') END,
                source_topic) AS source,
       idempotency_key AS dead_letter_id, attempt
FROM dead_letter;

-- Production Order Statistics as before (V3), in a fixed order: the latest finished orders first, then the others,
-- each by order no., and an order's rows in the page's order. finished_at: when the order was last finished.
DROP VIEW production_order_statistics;
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
), finished AS (
    SELECT order_no, max(event_time) AS finished_at
    FROM production_order_status_history
    WHERE to_status = 'FINISHED'
    GROUP BY order_no
)
SELECT t.order_no, t.cost_bucket, t.row_no, t.standard_cost, t.expected_cost, t.actual_cost,
       CASE WHEN t.${deviation_basis}_cost = 0 THEN 0.0000
            ELSE round((t.actual_cost - t.${deviation_basis}_cost) * 100 / t.${deviation_basis}_cost, 4) END
           AS deviation_pct,
       t.actual_cost - t.standard_cost AS variance,
       f.finished_at
FROM with_total t
LEFT JOIN finished f USING (order_no)
ORDER BY f.finished_at DESC NULLS LAST, t.order_no, t.row_no;

-- OEE per machine and shift as V3 computes it, times in minutes (rounded to 0.01) and ratios in percent (rounded to
-- 0.01), ordered by shift and machine.
DROP VIEW machine_oee_by_shift;
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
SELECT machine_id, shift_date, shift_code, good_parts, scrap_parts,
       round(setup_millis / 60000.0, 2) AS setup_minutes, round(run_millis / 60000.0, 2) AS run_minutes,
       round(stop_millis / 60000.0, 2) AS stop_minutes, round(idle_millis / 60000.0, 2) AS idle_minutes,
       round(no_signal_millis / 60000.0, 2) AS no_signal_minutes,
       round(availability * 100, 2) AS availability_pct, round(performance * 100, 2) AS performance_pct,
       round(quality * 100, 2) AS quality_pct, round(availability * performance * quality * 100, 2) AS oee_pct
FROM ratios
ORDER BY shift_date, shift_code, machine_id;

GRANT SELECT ON export_item_ledger_entry, export_capacity_ledger_entry, export_value_entry, export_warehouse_entry,
    dead_letter_report, production_order_statistics, machine_oee_by_shift TO "${reporting_role}", "${writer_role}";
