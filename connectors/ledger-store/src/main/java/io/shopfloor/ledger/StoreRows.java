package io.shopfloor.ledger;

import io.shopfloor.job.avro.LedgerMapping;
import io.shopfloor.job.machine.MachineKpi;
import io.shopfloor.job.order.OrderCostPlan;
import io.shopfloor.job.order.PostedEntry;
import io.shopfloor.ledger.model.Ledger;
import io.shopfloor.ledger.model.LedgerFields;
import io.shopfloor.posting.model.CostBucket;
import io.shopfloor.schema.common.DeadLetter;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** What the job emits, as rows of the ledger tables. */
public final class StoreRows {

    private StoreRows() {
    }

    /**
     * A posted entry's row, from the ledger model's fields (as its Kafka record is): each column takes the field of
     * its name ({@link LedgerTable.Column#field()}), a unit-cost quotient as it is.
     */
    public static StoreRow of(PostedEntry posted) {
        return of(LedgerMapping.fields(posted));
    }

    public static StoreRow of(LedgerFields fields) {
        LedgerTable table = table(fields.ledger());
        List<LedgerTable.Column> columns = table.columns();
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            Object value = fields.get(columns.get(i).field());
            values[i] = value instanceof LedgerFields.Quotient quotient ? quotient.value() : value;
        }
        return StoreRow.of(table, values);
    }

    static LedgerTable table(Ledger ledger) {
        return switch (ledger) {
            case ITEM_LEDGER_ENTRY -> LedgerTable.ITEM_LEDGER_ENTRY;
            case CAPACITY_LEDGER_ENTRY -> LedgerTable.CAPACITY_LEDGER_ENTRY;
            case VALUE_ENTRY -> LedgerTable.VALUE_ENTRY;
            case WAREHOUSE_ENTRY -> LedgerTable.WAREHOUSE_ENTRY;
            case ORDER_STATUS_CHANGE -> LedgerTable.PRODUCTION_ORDER_STATUS_HISTORY;
            case GENERAL_LEDGER_ENTRY -> LedgerTable.GENERAL_LEDGER_ENTRY;
            case ITEM_COST_UPDATE -> LedgerTable.ITEM_COST_UPDATE;
            case WAREHOUSE_REQUEST -> LedgerTable.WAREHOUSE_REQUEST;
        };
    }

    public static StoreRow of(OrderCostPlan plan) {
        JsonArray costRows = new JsonArray();
        for (CostBucket bucket : CostBucket.values()) {
            costRows.add("cost_bucket", bucket.name(), "standard_cost", plan.standard().get(bucket),
                    "expected_cost", plan.expected().get(bucket));
        }
        JsonArray lines = new JsonArray();
        plan.lines().forEach(l -> lines.add("order_line_no", l.lineNo(), "item_no", l.itemNo(),
                "routing_reference_no", l.routingReferenceNo(), "quantity_base", l.quantityBase(),
                "indirect_cost_pct", l.indirectCostPct(), "overhead_rate", l.overheadRate()));
        JsonArray components = new JsonArray();
        plan.components().forEach(c -> components.add("order_line_no", c.orderLineNo(), "line_no", c.lineNo(),
                "item_no", c.itemNo(), "expected_qty_base", c.expectedQtyBase(), "cost_amount", c.costAmount()));
        return StoreRow.of(LedgerTable.PRODUCTION_ORDER_COST_PLAN, plan.idempotencyKey(), plan.orderNo(),
                plan.orderNo(), plan.status(), plan.postingDate(), plan.expectedCapacityNeed(), costRows.toString(),
                lines.toString(), components.toString(), plan.eventTime());
    }

    /** A KPI restates one machine window: the machine, the window and the operation identify it. */
    public static StoreRow of(MachineKpi k) {
        return StoreRow.of(LedgerTable.MACHINE_KPI,
                k.machineId() + "/" + k.windowStart() + "/" + k.orderNo() + "/" + k.orderLineNo() + "/"
                        + k.operationNo(),
                k.machineId(), k.windowStart(), k.windowEnd(), k.orderNo(), k.orderLineNo(), k.operationNo(),
                k.goodParts(), k.scrapParts(), k.setupMillis(), k.runMillis(), k.stopMillis(), k.idleMillis(),
                k.noSignalMillis(), k.idealCycleTimeMillis(), k.shiftDate(), k.shiftCode(),
                k.time().notScheduledMillis(), k.time().breakMillis(), k.time().absenceMillis(),
                k.time().plannedStopMillis(), k.time().plannedBusyMillis(), k.time().downMillis(),
                k.time().delayMillis(), k.time().noSignalMillis(), k.time().idealMillis(),
                k.time().productionMillisWithIdeal(), k.flags());
    }

    public static StoreRow of(DeadLetter d) {
        return StoreRow.of(LedgerTable.DEAD_LETTER, d.getId(), d.getSourceTopic(), d.getSourcePartition(),
                d.getSourceOffset(), bytes(d.getKey()), bytes(d.getPayload()), d.getPayloadSchemaFingerprint(),
                d.getReasonCode(), d.getReasonDetail(), d.getFailedAt(), d.getStage(), d.getAttempt());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    /** A JSON array of flat objects with string and number members: all a cost plan needs. */
    private static final class JsonArray {
        private final StringJoiner objects = new StringJoiner(",", "[", "]");

        void add(Object... namesAndValues) {
            StringJoiner members = new StringJoiner(",", "{", "}");
            for (int i = 0; i < namesAndValues.length; i += 2) {
                Object value = namesAndValues[i + 1];
                String json = value == null ? "null"
                        : value instanceof BigDecimal decimal ? decimal.toPlainString()
                        : value instanceof Number number ? number.toString()
                        : string(value.toString());
                members.add(string((String) namesAndValues[i]) + ":" + json);
            }
            objects.add(members.toString());
        }

        @Override
        public String toString() {
            return objects.toString();
        }

        private static String string(String text) {
            StringBuilder json = new StringBuilder("\"");
            for (char c : text.toCharArray()) {
                if (c == '"' || c == '\\') {
                    json.append('\\').append(c);
                } else if (c < 0x20) {
                    json.append(String.format("\\u%04x", (int) c));
                } else {
                    json.append(c);
                }
            }
            return json.append('"').toString();
        }
    }
}
