-- Export for Business Central (BusinessCentralExport) and the views a cost controller compares with Business
-- Central's own capacity and value entries. Column names are Business Central's field captions, so a file written
-- from these views (CSV header, JSON keys) maps field by field onto the Item Journal Line of the output, consumption
-- and capacity journals.
--
-- A journal line of ours is one posting of one order line, operation and posting window: the entries it produced
-- share the idempotency key up to the last '/' (e.g. 'CUT-1/RPO-1001/10000/10/1772418600000' for '.../CLE1',
-- '.../ILE1'). That key is the line's External Document No., so a line imported twice is recognisable in BC.
-- "Line No." is 0 here: the export numbers the lines of a file 10000, 20000, ... in the order of "Entry No."
-- (the store's first entry of the line), which the export leaves out of the file.

CREATE FUNCTION journal_line_key(entry_key text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN regexp_replace(entry_key, '/[^/]*$', '');

-- BC's option captions ('WORK_CENTER' -> 'Work Center'); NONE is BC's blank option.
CREATE FUNCTION bc_option(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN initcap(replace(nullif(value, 'NONE'), '_', ' '));

-- Output journal: one line per capacity ledger entry of a production order; the location is the order line's, as
-- its value entries carry it (BC fills it from the order line too). Times of day in UTC.
CREATE VIEW bc_output_journal_line AS
SELECT 'OUTPUT'::text AS "Journal Template Name", 'DEFAULT'::text AS "Journal Batch Name", 0 AS "Line No.",
       'Output'::text AS "Entry Type", c.posting_date AS "Posting Date", c.document_no AS "Document No.",
       bc_option(c.order_type) AS "Order Type", c.order_no AS "Order No.", c.order_line_no AS "Order Line No.",
       c.item_no AS "Item No.", c.variant_code AS "Variant Code", o.location_code AS "Location Code",
       c.routing_no AS "Routing No.", c.routing_reference_no AS "Routing Reference No.",
       c.operation_no AS "Operation No.", bc_option(c.type) AS "Type", c.no AS "No.",
       c.setup_time AS "Setup Time", c.run_time AS "Run Time", c.stop_time AS "Stop Time",
       c.cap_unit_of_measure_code AS "Cap. Unit of Measure Code", c.output_quantity AS "Output Quantity",
       c.scrap_quantity AS "Scrap Quantity", c.scrap_code AS "Scrap Code", c.stop_code AS "Stop Code",
       c.unit_of_measure_code AS "Unit of Measure Code",
       to_char(c.starting_time AT TIME ZONE 'UTC', 'HH24:MI:SS') AS "Starting Time",
       to_char(c.ending_time AT TIME ZONE 'UTC', 'HH24:MI:SS') AS "Ending Time",
       c.concurrent_capacity AS "Concurrent Capacity", c.work_shift_code AS "Work Shift Code",
       journal_line_key(c.idempotency_key) AS "External Document No.", c.entry_no AS "Entry No."
FROM capacity_ledger_entry c
LEFT JOIN LATERAL (
    -- through the value entries' order index: their capacity entry reference has none
    SELECT v.location_code FROM value_entry v
    WHERE v.order_no = c.order_no AND v.order_line_no = c.order_line_no AND v.capacity_ledger_entry_no = c.entry_no
    LIMIT 1) o ON true
WHERE c.order_type = 'PRODUCTION';

-- Consumption journal: per journal line, order line and component line one line with the quantity consumed
-- (positive; a negative one is a reversal); the operation of the journal line's capacity entry when it posted one
-- (consumption flushed with that operation), else none (flushed at finish or posted by hand).
CREATE VIEW bc_consumption_journal_line AS
SELECT 'CONSUMP'::text AS "Journal Template Name", 'DEFAULT'::text AS "Journal Batch Name", 0 AS "Line No.",
       'Consumption'::text AS "Entry Type", i.posting_date AS "Posting Date", i.document_no AS "Document No.",
       bc_option(i.order_type) AS "Order Type", i.order_no AS "Order No.", i.order_line_no AS "Order Line No.",
       i.prod_order_comp_line_no AS "Prod. Order Comp. Line No.", i.item_no AS "Item No.",
       i.variant_code AS "Variant Code", i.location_code AS "Location Code", c.operation_no AS "Operation No.",
       -sum(i.quantity) AS "Quantity", i.unit_of_measure_code AS "Unit of Measure Code",
       journal_line_key(i.idempotency_key) AS "External Document No.", min(i.entry_no) AS "Entry No."
FROM item_ledger_entry i
LEFT JOIN LATERAL (
    SELECT operation_no FROM capacity_ledger_entry c
    WHERE c.order_no = i.order_no AND c.order_line_no = i.order_line_no
      AND journal_line_key(c.idempotency_key) = journal_line_key(i.idempotency_key)
    LIMIT 1) c ON true
WHERE i.entry_type = 'CONSUMPTION' AND i.order_type = 'PRODUCTION'
GROUP BY i.posting_date, i.document_no, i.order_type, i.order_no, i.order_line_no, i.prod_order_comp_line_no,
         i.item_no, i.variant_code, i.location_code, c.operation_no, i.unit_of_measure_code,
         journal_line_key(i.idempotency_key);

-- Capacity journal: capacity posted without a production order (maintenance, other non-order use).
CREATE VIEW bc_capacity_journal_line AS
SELECT 'CAPACITY'::text AS "Journal Template Name", 'DEFAULT'::text AS "Journal Batch Name", 0 AS "Line No.",
       c.posting_date AS "Posting Date", c.document_no AS "Document No.", bc_option(c.type) AS "Type",
       c.no AS "No.", c.work_shift_code AS "Work Shift Code",
       to_char(c.starting_time AT TIME ZONE 'UTC', 'HH24:MI:SS') AS "Starting Time",
       to_char(c.ending_time AT TIME ZONE 'UTC', 'HH24:MI:SS') AS "Ending Time",
       c.concurrent_capacity AS "Concurrent Capacity", c.setup_time AS "Setup Time", c.run_time AS "Run Time",
       c.stop_time AS "Stop Time", c.cap_unit_of_measure_code AS "Cap. Unit of Measure Code",
       c.stop_code AS "Stop Code", journal_line_key(c.idempotency_key) AS "External Document No.",
       c.entry_no AS "Entry No."
FROM capacity_ledger_entry c
WHERE coalesce(c.order_type, 'NONE') <> 'PRODUCTION';

-- For the comparison with BC's Capacity Ledger Entries (page 5832) after the import: each of our capacity entries
-- with BC's fields, its Direct Cost and Overhead Cost (BC's FlowFields: the sums of its value entries), and the
-- External Document No. the imported journal line carried.
CREATE VIEW bc_capacity_ledger_entry_comparison AS
SELECT c.entry_no AS "Entry No.", c.posting_date AS "Posting Date", c.document_no AS "Document No.",
       journal_line_key(c.idempotency_key) AS "External Document No.", bc_option(c.order_type) AS "Order Type",
       c.order_no AS "Order No.", c.order_line_no AS "Order Line No.", c.routing_no AS "Routing No.",
       c.operation_no AS "Operation No.", bc_option(c.type) AS "Type", c.no AS "No.",
       c.work_center_no AS "Work Center No.", c.item_no AS "Item No.", c.quantity AS "Quantity",
       c.setup_time AS "Setup Time", c.run_time AS "Run Time", c.stop_time AS "Stop Time",
       c.cap_unit_of_measure_code AS "Cap. Unit of Measure Code", c.output_quantity AS "Output Quantity",
       c.scrap_quantity AS "Scrap Quantity",
       coalesce(sum(v.cost_amount_actual) FILTER (WHERE v.entry_type = 'DIRECT_COST'), 0.00) AS "Direct Cost",
       coalesce(sum(v.cost_amount_actual) FILTER (WHERE v.entry_type = 'INDIRECT_COST'), 0.00) AS "Overhead Cost"
FROM capacity_ledger_entry c
LEFT JOIN value_entry v ON v.capacity_ledger_entry_no = c.entry_no
GROUP BY c.entry_no;

-- For the comparison with BC's Value Entries filtered by order (page 5802): per order, posting date, item ledger
-- entry type, entry type, variance type, capacity or item, the number of value entries and their sums. Adjustment
-- entries are apart (BC's "Adjustment" field), as BC's Adjust Cost - Item Entries posts them.
CREATE VIEW bc_value_entry_comparison AS
SELECT v.order_no AS "Order No.", v.posting_date AS "Posting Date",
       bc_option(v.item_ledger_entry_type) AS "Item Ledger Entry Type",
       bc_option(v.entry_type) AS "Entry Type", bc_option(v.variance_type) AS "Variance Type",
       bc_option(v.type) AS "Type", v.no AS "No.", v.item_no AS "Item No.",
       CASE WHEN v.adjustment THEN 'Yes' ELSE 'No' END AS "Adjustment",
       count(*) AS "Entries", sum(v.valued_quantity) AS "Valued Quantity",
       sum(v.cost_amount_actual) AS "Cost Amount (Actual)", sum(v.cost_amount_expected) AS "Cost Amount (Expected)"
FROM value_entry v
GROUP BY v.order_no, v.posting_date, v.item_ledger_entry_type, v.entry_type, v.variance_type, v.type, v.no,
         v.item_no, v.adjustment;

GRANT SELECT ON bc_output_journal_line, bc_consumption_journal_line, bc_capacity_journal_line,
    bc_capacity_ledger_entry_comparison, bc_value_entry_comparison TO "${reporting_role}";
