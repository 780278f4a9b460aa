-- Who posted: the person who entered a journal line (the operator terminal's login) on the item, capacity and value
-- entries it posted; NULL for machines, the ERP and cost adjustments (and for every row written before this version).
-- A re-coded stop (docs/capacity-costs.md#re-coding-a-stop): its reversing capacity entry names the stop entry.
-- Additive and nullable: rows written before read NULL, and the content hash leaves a NULL of these columns out, so a
-- replay of an entry stored before this version still matches its stored hash.
ALTER TABLE item_ledger_entry ADD COLUMN posted_by text;
ALTER TABLE capacity_ledger_entry
    ADD COLUMN posted_by        text,
    ADD COLUMN applies_to_entry bigint REFERENCES capacity_ledger_entry (entry_no);
ALTER TABLE value_entry ADD COLUMN posted_by text;

-- The export views were created as SELECT * when the tables had fewer columns: they take the new ones at the end.
CREATE OR REPLACE VIEW export_item_ledger_entry AS SELECT * FROM item_ledger_entry;
CREATE OR REPLACE VIEW export_capacity_ledger_entry AS SELECT * FROM capacity_ledger_entry;
CREATE OR REPLACE VIEW export_value_entry AS SELECT * FROM value_entry;

-- The job card's "By" per operation: the people who posted its capacity entries, and the machines whose KPI windows
-- ran it when any of its entries was posted by no person (a machine).
CREATE OR REPLACE VIEW production_order_operation_reported AS
WITH reported AS (
    SELECT order_no, routing_reference_no, operation_no,
           sum(output_quantity) AS output_quantity, sum(scrap_quantity) AS scrap_quantity,
           sum(setup_time) AS setup_time, sum(run_time) AS run_time, sum(stop_time) AS stop_time,
           max(posting_date) AS last_posting_date, count(*) AS entries,
           string_agg(DISTINCT posted_by, ', ' ORDER BY posted_by) AS persons,
           count(*) FILTER (WHERE posted_by IS NULL) AS machine_entries
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
       r.run_time, r.stop_time, r.last_posting_date, r.entries, m.machine_ids,
       nullif(concat_ws(', ', r.persons, CASE WHEN r.machine_entries > 0 THEN m.machine_ids END), '') AS posted_by
FROM reported r
LEFT JOIN machines m ON m.order_no = r.order_no AND m.operation_no = r.operation_no;
