package io.shopfloor.ledger;

import java.util.List;

import static io.shopfloor.ledger.ColumnType.BOOL;
import static io.shopfloor.ledger.ColumnType.BYTEA;
import static io.shopfloor.ledger.ColumnType.DATE;
import static io.shopfloor.ledger.ColumnType.INT4;
import static io.shopfloor.ledger.ColumnType.INT8;
import static io.shopfloor.ledger.ColumnType.JSONB;
import static io.shopfloor.ledger.ColumnType.NUMERIC;
import static io.shopfloor.ledger.ColumnType.TEXT;
import static io.shopfloor.ledger.ColumnType.TIMESTAMPTZ;

/**
 * The tables the ledger store appends to, with the columns the writer fills and their PostgreSQL types, in the order
 * {@link StoreRow}s carry their values; the writer adds {@value #CONTENT_HASH} after them. Every table has an
 * {@code idempotency_key} (first); the entry tables also {@code source_key} and {@code source_entry_no}, the job's
 * numbering, through which the entries name each other: a {@link Reference} column arrives holding the job's number
 * and is stored as the store's entry number.
 */
public enum LedgerTable {
    ITEM_LEDGER_ENTRY("item_ledger_entry", List.of(c("idempotency_key", TEXT), c("source_key", TEXT),
            c("source_entry_no", INT8).from("entryNo"), c("item_no", TEXT), c("variant_code", TEXT),
            c("posting_date", DATE),
            c("entry_type", TEXT), c("source_no", TEXT), c("document_no", TEXT), c("description", TEXT),
            c("location_code", TEXT), c("quantity", NUMERIC), c("remaining_quantity", NUMERIC),
            c("invoiced_quantity", NUMERIC), c("open", BOOL), c("positive", BOOL), c("applies_to_entry", INT8),
            c("order_type", TEXT), c("order_no", TEXT), c("order_line_no", INT4), c("prod_order_comp_line_no", INT4),
            c("unit_of_measure_code", TEXT), c("qty_per_unit_of_measure", NUMERIC), c("completely_invoiced", BOOL),
            c("source_code", TEXT), c("cost_amount_expected", NUMERIC), c("cost_amount_actual", NUMERIC),
            c("event_time", TIMESTAMPTZ), added("posted_by", TEXT)),
            List.of(new Reference("applies_to_entry", "item_ledger_entry"))),
    CAPACITY_LEDGER_ENTRY("capacity_ledger_entry", List.of(c("idempotency_key", TEXT), c("source_key", TEXT),
            c("source_entry_no", INT8).from("entryNo"), c("operation_no", TEXT), c("type", TEXT),
            c("no", TEXT),
            c("description", TEXT), c("work_center_no", TEXT), c("work_center_group_code", TEXT),
            c("subcontracting", BOOL), c("quantity", NUMERIC), c("invoiced_quantity", NUMERIC),
            c("completely_invoiced", BOOL), c("setup_time", NUMERIC), c("run_time", NUMERIC), c("stop_time", NUMERIC),
            c("cap_unit_of_measure_code", TEXT), c("qty_per_cap_unit_of_measure", NUMERIC), c("item_no", TEXT),
            c("variant_code", TEXT), c("output_quantity", NUMERIC), c("scrap_quantity", NUMERIC),
            c("unit_of_measure_code", TEXT), c("qty_per_unit_of_measure", NUMERIC), c("order_type", TEXT),
            c("order_no", TEXT), c("order_line_no", INT4), c("routing_no", TEXT), c("routing_reference_no", INT4),
            c("posting_date", DATE), c("document_date", DATE), c("document_no", TEXT),
            c("external_document_no", TEXT), c("starting_time", TIMESTAMPTZ), c("ending_time", TIMESTAMPTZ),
            c("concurrent_capacity", NUMERIC), c("work_shift_code", TEXT), c("stop_code", TEXT),
            c("scrap_code", TEXT), c("last_output_line", BOOL), c("event_time", TIMESTAMPTZ),
            added("posted_by", TEXT), added("applies_to_entry", INT8).from("appliesToEntryNo")),
            List.of(new Reference("applies_to_entry", "capacity_ledger_entry"))),
    VALUE_ENTRY("value_entry", List.of(c("idempotency_key", TEXT), c("source_key", TEXT),
            c("source_entry_no", INT8).from("entryNo"),
            c("item_ledger_entry_no", INT8), c("capacity_ledger_entry_no", INT8), c("entry_type", TEXT),
            c("variance_type", TEXT), c("item_ledger_entry_type", TEXT), c("type", TEXT), c("no", TEXT),
            c("item_no", TEXT), c("order_type", TEXT), c("order_no", TEXT), c("order_line_no", INT4),
            c("source_no", TEXT), c("location_code", TEXT), c("valued_quantity", NUMERIC),
            c("invoiced_quantity", NUMERIC), c("item_ledger_entry_quantity", NUMERIC),
            c("cost_amount_actual", NUMERIC), c("cost_amount_expected", NUMERIC), c("cost_per_unit", NUMERIC),
            c("expected_cost", BOOL), c("inventoriable", BOOL), c("posting_date", DATE), c("valuation_date", DATE),
            c("document_no", TEXT), c("source_code", TEXT), c("adjustment", BOOL), c("event_time", TIMESTAMPTZ),
            added("posted_by", TEXT),
            // V16; not content: a replay of a value entry stored before V16 (without them) is the same posting
            circumstance("gen_bus_posting_group", TEXT), circumstance("gen_prod_posting_group", TEXT),
            circumstance("inventory_posting_group", TEXT), circumstance("global_dimension_1_code", TEXT),
            circumstance("global_dimension_2_code", TEXT)),
            List.of(new Reference("item_ledger_entry_no", "item_ledger_entry"),
                    new Reference("capacity_ledger_entry_no", "capacity_ledger_entry"))),
    /** After the value entries: each names its value entry by key (a foreign key), possibly in the same batch. */
    GENERAL_LEDGER_ENTRY("general_ledger_entry", List.of(c("idempotency_key", TEXT), c("value_entry_key", TEXT),
            c("posting_date", DATE), c("document_no", TEXT), c("account_no", TEXT), c("account_type", TEXT),
            c("amount", NUMERIC), c("expected_cost", BOOL), c("order_no", TEXT), c("location_code", TEXT),
            c("inventory_posting_group", TEXT), c("gen_bus_posting_group", TEXT), c("gen_prod_posting_group", TEXT),
            c("global_dimension_1_code", TEXT), c("global_dimension_2_code", TEXT), c("event_time", TIMESTAMPTZ)),
            List.of()),
    ITEM_COST_UPDATE("item_cost_update", List.of(c("idempotency_key", TEXT), c("source_key", TEXT),
            c("item_no", TEXT), c("costing_method", TEXT), c("order_no", TEXT), c("order_line_no", INT4),
            c("output_quantity_base", NUMERIC), c("cost_amount", NUMERIC), c("unit_cost", NUMERIC),
            c("posting_date", DATE), c("event_time", TIMESTAMPTZ)),
            List.of()),
    WAREHOUSE_ENTRY("warehouse_entry", List.of(c("idempotency_key", TEXT), c("source_key", TEXT),
            c("source_entry_no", INT8).from("entryNo"), c("location_code", TEXT), c("bin_code", TEXT),
            c("item_no", TEXT),
            c("variant_code", TEXT), c("quantity", NUMERIC), c("qty_base", NUMERIC), c("unit_of_measure_code", TEXT),
            c("entry_type", TEXT), c("source_no", TEXT), c("source_line_no", INT4), c("source_subline_no", INT4),
            c("reference_no", TEXT), c("registering_date", DATE), c("event_time", TIMESTAMPTZ)),
            List.of()),
    WAREHOUSE_REQUEST("warehouse_request", List.of(c("idempotency_key", TEXT), c("source_key", TEXT),
            c("request_type", TEXT), c("location_code", TEXT), c("bin_code", TEXT), c("item_no", TEXT),
            c("variant_code", TEXT), c("order_no", TEXT), c("order_line_no", INT4), c("quantity_base", NUMERIC),
            c("date", DATE), c("event_time", TIMESTAMPTZ)),
            List.of()),
    PRODUCTION_ORDER_STATUS_HISTORY("production_order_status_history", List.of(c("idempotency_key", TEXT),
            c("source_key", TEXT), c("order_no", TEXT), c("from_status", TEXT), c("to_status", TEXT),
            c("posting_date", DATE), c("event_time", TIMESTAMPTZ)),
            List.of()),
    PRODUCTION_ORDER_COST_PLAN("production_order_cost_plan", List.of(c("idempotency_key", TEXT),
            c("source_key", TEXT), c("order_no", TEXT), c("status", TEXT), c("posting_date", DATE),
            c("expected_capacity_need", NUMERIC), c("cost_rows", JSONB), c("lines", JSONB), c("components", JSONB),
            c("event_time", TIMESTAMPTZ)),
            List.of()),
    MACHINE_KPI("machine_kpi", List.of(c("idempotency_key", TEXT), c("machine_id", TEXT),
            c("window_start", TIMESTAMPTZ), c("window_end", TIMESTAMPTZ), c("order_no", TEXT),
            c("order_line_no", INT4), c("operation_no", TEXT), c("good_parts", INT8), c("scrap_parts", INT8),
            c("setup_millis", INT8), c("run_millis", INT8), c("stop_millis", INT8), c("idle_millis", INT8),
            c("no_signal_millis", INT8), c("ideal_cycle_time_millis", INT8), c("shift_date", DATE),
            c("shift_code", TEXT), c("not_scheduled_millis", INT8), c("break_millis", INT8),
            c("absence_millis", INT8), c("planned_stop_millis", INT8), c("planned_busy_millis", INT8),
            c("down_millis", INT8), c("delay_millis", INT8), c("planned_busy_no_signal_millis", INT8),
            c("ideal_production_millis", INT8), c("run_millis_with_ideal_cycle_time", INT8), c("flags", TEXT)),
            List.of()),
    DEAD_LETTER("dead_letter", List.of(c("idempotency_key", TEXT), c("source_topic", TEXT),
            c("source_partition", INT4), c("source_offset", INT8), c("key", BYTEA), c("payload", BYTEA),
            c("payload_schema_fingerprint", INT8), c("reason_code", TEXT), circumstance("reason_detail", TEXT),
            circumstance("failed_at", TIMESTAMPTZ), c("stage", TEXT), circumstance("attempt", INT4)),
            List.of());

    /** The column holding the SHA-256 of a row's content (bytea), filled from {@link StoreRow#contentHash()}. */
    public static final String CONTENT_HASH = "content_hash";

    /**
     * A column the writer fills, with its type; {@code content} false for a circumstance of one delivery that is
     * not part of what the row records (when a dead letter was written and the words of its reason: the same bad
     * message delivered again is the same dead letter, not a conflict).
     */
    public record Column(String name, ColumnType type, boolean content, boolean hashedWhenNull, String field) {
        public Column(String name, ColumnType type, boolean content) {
            this(name, type, content, true);
        }

        public Column(String name, ColumnType type, boolean content, boolean hashedWhenNull) {
            this(name, type, content, hashedWhenNull, camelCase(name));
        }

        /** Filled from the ledger model's field of another name than the column's. */
        Column from(String modelField) {
            return new Column(name, type, content, hashedWhenNull, modelField);
        }
    }

    /**
     * The ledger model's name of a column ({@code io.shopfloor.ledger.model.LedgerFields}): the column's name in
     * camel case, as the Avro contracts spell it ({@code global_dimension_1_code} is {@code globalDimension1Code}).
     */
    static String camelCase(String column) {
        StringBuilder field = new StringBuilder();
        boolean upper = false;
        for (char c : column.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                field.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return field.toString();
    }

    /** A column that names another entry by the job's entry number within the same source key. */
    public record Reference(String column, String table) {
    }

    private final String tableName;
    private final List<Column> columns;
    private final List<Reference> references;

    LedgerTable(String tableName, List<Column> columns, List<Reference> references) {
        this.tableName = tableName;
        this.columns = columns;
        this.references = references;
    }

    private static Column c(String name, ColumnType type) {
        return new Column(name, type, true);
    }

    /**
     * Content added to a table after rows were stored (nullable): a NULL is left out of the content hash, so an entry
     * stored before the column existed and replayed after it still has the same hash (V15: {@code posted_by}).
     */
    private static Column added(String name, ColumnType type) {
        return new Column(name, type, true, false);
    }

    private static Column circumstance(String name, ColumnType type) {
        return new Column(name, type, false);
    }

    public String tableName() {
        return tableName;
    }

    /** The columns a row's values fill, in order (without the content hash). */
    public List<Column> columns() {
        return columns;
    }

    /** The position of a column among {@link #columns()}, or -1. */
    public int indexOf(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        return -1;
    }

    public List<Reference> references() {
        return references;
    }

    /** The column naming an entry of this same table (an applies-to), possibly in the same batch; null if none. */
    public Reference selfReference() {
        return references.stream().filter(r -> r.table().equals(tableName)).findFirst().orElse(null);
    }
}
