-- Posting groups and dimensions as of posting, item cost updates, and Business Central's short External Document No.
-- (docs/general-ledger.md). Additive only: new columns, a new table, views replaced with the same columns first.

-- Value entries carry the posting groups and global dimension values they were posted with (the job reads them from
-- master data as of the posting); rows stored before this version have none (NULL). G/L entries carry the dimensions.
ALTER TABLE value_entry
    ADD COLUMN gen_bus_posting_group   text,
    ADD COLUMN gen_prod_posting_group  text,
    ADD COLUMN inventory_posting_group text,
    ADD COLUMN global_dimension_1_code text,
    ADD COLUMN global_dimension_2_code text;
ALTER TABLE general_ledger_entry
    ADD COLUMN global_dimension_1_code text,
    ADD COLUMN global_dimension_2_code text;
-- SELECT * is expanded when a view is created: the export views take the new columns (appended) again.
CREATE OR REPLACE VIEW export_value_entry AS SELECT * FROM value_entry;
CREATE OR REPLACE VIEW export_general_ledger_entry AS SELECT * FROM general_ledger_entry;

-- The parent's unit cost after the cost adjustment of a FIFO, LIFO, Specific or Average item (the rules'
-- ItemCostUpdate, docs/cost-adjustment.md#item-cost-update): this order's output quantity, net actual cost and unit
-- cost, for the item's owner to combine with the inventory on hand. Append-only like the ledger.
CREATE TABLE item_cost_update (
    entry_no             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    idempotency_key      text    COLLATE "C" NOT NULL UNIQUE,
    source_key           text    COLLATE "C" NOT NULL,
    item_no              text    NOT NULL,
    costing_method       text    NOT NULL,
    order_no             text    COLLATE "C",
    order_line_no        integer,
    output_quantity_base numeric(38, 5) NOT NULL,
    cost_amount          numeric(38, 2) NOT NULL,
    unit_cost            numeric(38, 5) NOT NULL,
    posting_date         date    NOT NULL,
    event_time           timestamptz NOT NULL,
    content_hash         bytea   NOT NULL,
    committed_at         timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE TRIGGER item_cost_update_append_only BEFORE UPDATE OR DELETE ON item_cost_update FOR EACH ROW
    EXECUTE FUNCTION refuse_ledger_change();
CREATE TRIGGER item_cost_update_append_only_statement BEFORE UPDATE OR DELETE ON item_cost_update
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_ledger_change();
CREATE TRIGGER item_cost_update_no_truncate BEFORE TRUNCATE ON item_cost_update FOR EACH STATEMENT
    EXECUTE FUNCTION refuse_ledger_change();
REVOKE ALL ON item_cost_update FROM PUBLIC;
GRANT SELECT, INSERT ON item_cost_update TO "${writer_role}";
CREATE VIEW export_item_cost_update AS SELECT * FROM item_cost_update;
GRANT SELECT ON export_item_cost_update TO "${reporting_role}";

-- BC's External Document No. is Code[35]; our idempotency keys have 37 to 52 characters (and any length in
-- principle). Each exported line is keyed by the idempotency key of its ledger entry (output and capacity journals:
-- the capacity entry; consumption: the lowest key of the line's item entries), unique in the ledger, exported in
-- full in "Shopfloor Key" (a column of the file, not a field of BC's journal line). Its External Document No. is
-- 'SF' and the first 33 hex digits (132 bits) of the SHA-256 of that key, upper case (BC upper-cases Code fields):
-- 35 characters, deterministic (the same line exports the same number every time, so a line imported twice is
-- recognisable in BC), and unique unless two keys of the ledger share 132 bits of their hash.
CREATE FUNCTION bc_document_key(entry_key text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN 'SF' || upper(left(encode(sha256(convert_to(entry_key, 'UTF8')), 'hex'), 33));

CREATE OR REPLACE VIEW bc_output_journal_line AS
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
       bc_document_key(c.idempotency_key) AS "External Document No.", c.entry_no AS "Entry No.",
       c.idempotency_key AS "Shopfloor Key"
FROM capacity_ledger_entry c
LEFT JOIN LATERAL (
    -- through the value entries' order index: their capacity entry reference has none
    SELECT v.location_code FROM value_entry v
    WHERE v.order_no = c.order_no AND v.order_line_no = c.order_line_no AND v.capacity_ledger_entry_no = c.entry_no
    LIMIT 1) o ON true
WHERE c.order_type = 'PRODUCTION';

-- One consumption line per journal line and component line, keyed by the lowest key of its item entries.
CREATE OR REPLACE VIEW bc_consumption_journal_line AS
SELECT 'CONSUMP'::text AS "Journal Template Name", 'DEFAULT'::text AS "Journal Batch Name", 0 AS "Line No.",
       'Consumption'::text AS "Entry Type", i.posting_date AS "Posting Date", i.document_no AS "Document No.",
       bc_option(i.order_type) AS "Order Type", i.order_no AS "Order No.", i.order_line_no AS "Order Line No.",
       i.prod_order_comp_line_no AS "Prod. Order Comp. Line No.", i.item_no AS "Item No.",
       i.variant_code AS "Variant Code", i.location_code AS "Location Code", c.operation_no AS "Operation No.",
       -sum(i.quantity) AS "Quantity", i.unit_of_measure_code AS "Unit of Measure Code",
       bc_document_key(min(i.idempotency_key)) AS "External Document No.", min(i.entry_no) AS "Entry No.",
       min(i.idempotency_key) AS "Shopfloor Key"
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

CREATE OR REPLACE VIEW bc_capacity_journal_line AS
SELECT 'CAPACITY'::text AS "Journal Template Name", 'DEFAULT'::text AS "Journal Batch Name", 0 AS "Line No.",
       c.posting_date AS "Posting Date", c.document_no AS "Document No.", bc_option(c.type) AS "Type",
       c.no AS "No.", c.work_shift_code AS "Work Shift Code",
       to_char(c.starting_time AT TIME ZONE 'UTC', 'HH24:MI:SS') AS "Starting Time",
       to_char(c.ending_time AT TIME ZONE 'UTC', 'HH24:MI:SS') AS "Ending Time",
       c.concurrent_capacity AS "Concurrent Capacity", c.setup_time AS "Setup Time", c.run_time AS "Run Time",
       c.stop_time AS "Stop Time", c.cap_unit_of_measure_code AS "Cap. Unit of Measure Code",
       c.stop_code AS "Stop Code", bc_document_key(c.idempotency_key) AS "External Document No.",
       c.entry_no AS "Entry No.", c.idempotency_key AS "Shopfloor Key"
FROM capacity_ledger_entry c
WHERE coalesce(c.order_type, 'NONE') <> 'PRODUCTION';

CREATE OR REPLACE VIEW bc_capacity_ledger_entry_comparison AS
SELECT c.entry_no AS "Entry No.", c.posting_date AS "Posting Date", c.document_no AS "Document No.",
       bc_document_key(c.idempotency_key) AS "External Document No.", bc_option(c.order_type) AS "Order Type",
       c.order_no AS "Order No.", c.order_line_no AS "Order Line No.", c.routing_no AS "Routing No.",
       c.operation_no AS "Operation No.", bc_option(c.type) AS "Type", c.no AS "No.",
       c.work_center_no AS "Work Center No.", c.item_no AS "Item No.", c.quantity AS "Quantity",
       c.setup_time AS "Setup Time", c.run_time AS "Run Time", c.stop_time AS "Stop Time",
       c.cap_unit_of_measure_code AS "Cap. Unit of Measure Code", c.output_quantity AS "Output Quantity",
       c.scrap_quantity AS "Scrap Quantity",
       coalesce(sum(v.cost_amount_actual) FILTER (WHERE v.entry_type = 'DIRECT_COST'), 0.00) AS "Direct Cost",
       coalesce(sum(v.cost_amount_actual) FILTER (WHERE v.entry_type = 'INDIRECT_COST'), 0.00) AS "Overhead Cost",
       c.idempotency_key AS "Shopfloor Key"
FROM capacity_ledger_entry c
LEFT JOIN value_entry v ON v.capacity_ledger_entry_no = c.entry_no
GROUP BY c.entry_no;
