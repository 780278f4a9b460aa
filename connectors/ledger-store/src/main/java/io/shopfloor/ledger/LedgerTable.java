package io.shopfloor.ledger;

import java.util.List;

/**
 * The tables the ledger store appends to, with the columns the writer fills, in the order {@link StoreRow}s carry
 * their values. Every table has an {@code idempotency_key} (first) and a {@code content_hash} (last); the entry
 * tables also {@code source_key} and {@code source_entry_no}, the job's numbering, through which the entries name
 * each other: a {@link Reference} column arrives holding the job's number and is stored as the store's entry number.
 */
public enum LedgerTable {
    ITEM_LEDGER_ENTRY("item_ledger_entry", List.of("idempotency_key", "source_key", "source_entry_no", "item_no",
            "variant_code", "posting_date", "entry_type", "source_no", "document_no", "description", "location_code",
            "quantity", "remaining_quantity", "invoiced_quantity", "open", "positive", "applies_to_entry",
            "order_type", "order_no", "order_line_no", "prod_order_comp_line_no", "unit_of_measure_code",
            "qty_per_unit_of_measure", "completely_invoiced", "source_code", "cost_amount_expected",
            "cost_amount_actual", "event_time", "content_hash"),
            List.of(new Reference("applies_to_entry", "item_ledger_entry"))),
    CAPACITY_LEDGER_ENTRY("capacity_ledger_entry", List.of("idempotency_key", "source_key", "source_entry_no",
            "operation_no", "type", "no", "description", "work_center_no", "work_center_group_code", "subcontracting",
            "quantity", "invoiced_quantity", "completely_invoiced", "setup_time", "run_time", "stop_time",
            "cap_unit_of_measure_code", "qty_per_cap_unit_of_measure", "item_no", "variant_code", "output_quantity",
            "scrap_quantity", "unit_of_measure_code", "qty_per_unit_of_measure", "order_type", "order_no",
            "order_line_no", "routing_no", "routing_reference_no", "posting_date", "document_date", "document_no",
            "external_document_no", "starting_time", "ending_time", "concurrent_capacity", "work_shift_code",
            "stop_code", "scrap_code", "last_output_line", "event_time", "content_hash"), List.of()),
    VALUE_ENTRY("value_entry", List.of("idempotency_key", "source_key", "source_entry_no", "item_ledger_entry_no",
            "capacity_ledger_entry_no", "entry_type", "variance_type", "item_ledger_entry_type", "type", "no",
            "item_no", "order_type", "order_no", "order_line_no", "source_no", "location_code", "valued_quantity",
            "invoiced_quantity", "item_ledger_entry_quantity", "cost_amount_actual", "cost_amount_expected",
            "cost_per_unit", "expected_cost", "inventoriable", "posting_date", "valuation_date", "document_no",
            "source_code", "adjustment", "event_time", "content_hash"),
            List.of(new Reference("item_ledger_entry_no", "item_ledger_entry"),
                    new Reference("capacity_ledger_entry_no", "capacity_ledger_entry"))),
    WAREHOUSE_ENTRY("warehouse_entry", List.of("idempotency_key", "source_key", "source_entry_no", "location_code",
            "bin_code", "item_no", "variant_code", "quantity", "qty_base", "unit_of_measure_code", "entry_type",
            "source_no", "source_line_no", "source_subline_no", "reference_no", "registering_date", "event_time",
            "content_hash"), List.of()),
    WAREHOUSE_REQUEST("warehouse_request", List.of("idempotency_key", "source_key", "request_type", "location_code",
            "bin_code", "item_no", "variant_code", "order_no", "order_line_no", "quantity_base", "date", "event_time",
            "content_hash"), List.of()),
    PRODUCTION_ORDER_STATUS_HISTORY("production_order_status_history", List.of("idempotency_key", "source_key",
            "order_no", "from_status", "to_status", "posting_date", "event_time", "content_hash"), List.of()),
    PRODUCTION_ORDER_COST_PLAN("production_order_cost_plan", List.of("idempotency_key", "source_key", "order_no",
            "status", "posting_date", "expected_capacity_need", "cost_rows", "lines", "components", "event_time",
            "content_hash"), List.of()),
    MACHINE_KPI("machine_kpi", List.of("idempotency_key", "machine_id", "window_start", "window_end", "order_no",
            "order_line_no", "operation_no", "good_parts", "scrap_parts", "setup_millis", "run_millis", "stop_millis",
            "idle_millis", "no_signal_millis", "ideal_cycle_time_millis", "content_hash"), List.of()),
    DEAD_LETTER("dead_letter", List.of("idempotency_key", "source_topic", "source_partition", "source_offset", "key",
            "payload", "payload_schema_fingerprint", "reason_code", "reason_detail", "failed_at", "stage", "attempt",
            "content_hash"), List.of());

    /** A column that names another entry by the job's entry number within the same source key. */
    public record Reference(String column, String table) {
    }

    private final String tableName;
    private final List<String> columns;
    private final List<Reference> references;

    LedgerTable(String tableName, List<String> columns, List<Reference> references) {
        this.tableName = tableName;
        this.columns = columns;
        this.references = references;
    }

    public String tableName() {
        return tableName;
    }

    public List<String> columns() {
        return columns;
    }

    public List<Reference> references() {
        return references;
    }

    /** True when a column may name an entry of its own table (an applies-to), possibly in the same batch. */
    public boolean refersToItself() {
        return references.stream().anyMatch(r -> r.table().equals(tableName));
    }
}
