package io.shopfloor.ledger;

import io.shopfloor.job.machine.MachineKpi;
import io.shopfloor.job.order.OrderCostPlan;
import io.shopfloor.job.order.PostedEntry;
import io.shopfloor.posting.ItemCostUpdate;
import io.shopfloor.posting.gl.GlEntry;
import io.shopfloor.posting.gl.ValuePostingGroups;
import io.shopfloor.posting.ledger.CapacityLedgerEntry;
import io.shopfloor.posting.ledger.ItemLedgerEntry;
import io.shopfloor.posting.ledger.OrderStatusEntry;
import io.shopfloor.posting.ledger.ValueEntry;
import io.shopfloor.posting.ledger.WarehouseEntry;
import io.shopfloor.posting.ledger.WarehouseRequest;
import io.shopfloor.posting.model.CostBucket;
import io.shopfloor.schema.common.DeadLetter;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.StringJoiner;

/** What the job emits, as rows of the ledger tables. */
public final class StoreRows {

    private StoreRows() {
    }

    public static StoreRow of(PostedEntry posted) {
        String key = posted.key();
        if (posted.itemLedgerEntry() != null) {
            ItemLedgerEntry e = posted.itemLedgerEntry();
            return StoreRow.of(LedgerTable.ITEM_LEDGER_ENTRY, e.idempotencyKey(), key, e.entryNo(), e.itemNo(),
                    e.variantCode(), e.postingDate(), e.entryType(), e.sourceNo(), e.documentNo(), e.description(),
                    e.locationCode(), e.quantity(), e.remainingQuantity(), e.invoicedQuantity(), e.open(),
                    e.positive(), e.appliesToEntry(), e.orderType(), e.orderNo(), e.orderLineNo(),
                    e.prodOrderCompLineNo(), e.unitOfMeasureCode(), e.qtyPerUnitOfMeasure(), e.completelyInvoiced(),
                    e.sourceCode(), posted.costAmountExpected(), posted.costAmountActual(), posted.eventTime(),
                    e.postedBy());
        }
        if (posted.capacityLedgerEntry() != null) {
            CapacityLedgerEntry e = posted.capacityLedgerEntry();
            return StoreRow.of(LedgerTable.CAPACITY_LEDGER_ENTRY, e.idempotencyKey(), key, e.entryNo(),
                    e.operationNo(), e.type(), e.no(), e.description(), e.workCenterNo(), e.workCenterGroupCode(),
                    e.subcontracting(), e.quantity(), e.invoicedQuantity(), e.completelyInvoiced(), e.setupTime(),
                    e.runTime(), e.stopTime(), e.capUnitOfMeasureCode(), e.qtyPerCapUnitOfMeasure(), e.itemNo(),
                    e.variantCode(), e.outputQuantity(), e.scrapQuantity(), e.unitOfMeasureCode(),
                    e.qtyPerUnitOfMeasure(), e.orderType(), e.orderNo(), e.orderLineNo(), e.routingNo(),
                    e.routingReferenceNo(), e.postingDate(), e.documentDate(), e.documentNo(),
                    e.externalDocumentNo(), e.startingTime(), e.endingTime(), e.concurrentCapacity(),
                    e.workShiftCode(), e.stopCode(), e.scrapCode(), e.lastOutputLine(), posted.eventTime(),
                    e.postedBy(), e.appliesToEntryNo());
        }
        if (posted.valueEntry() != null) {
            ValueEntry e = posted.valueEntry();
            ValuePostingGroups g = posted.postingGroups();
            return StoreRow.of(LedgerTable.VALUE_ENTRY, e.idempotencyKey(), key, e.entryNo(), e.itemLedgerEntryNo(),
                    e.capacityLedgerEntryNo(), e.entryType(), e.varianceType(), e.itemLedgerEntryType(), e.type(),
                    e.no(), e.itemNo(), e.orderType(), e.orderNo(), e.orderLineNo(), e.sourceNo(), e.locationCode(),
                    e.valuedQuantity(), e.invoicedQuantity(), e.itemLedgerEntryQuantity(), e.costAmountActual(),
                    e.costAmountExpected(), e.costPerUnit(), e.expectedCost(), e.inventoriable(), e.postingDate(),
                    e.valuationDate(), e.documentNo(), e.sourceCode(), e.adjustment(), posted.eventTime(),
                    e.postedBy(),
                    g == null ? null : g.genBusPostingGroup(), g == null ? null : g.genProdPostingGroup(),
                    g == null ? null : g.inventoryPostingGroup(), g == null ? null : g.globalDimension1Code(),
                    g == null ? null : g.globalDimension2Code());
        }
        if (posted.glEntry() != null) {
            GlEntry e = posted.glEntry();
            return StoreRow.of(LedgerTable.GENERAL_LEDGER_ENTRY, e.idempotencyKey(), e.valueEntryKey(),
                    e.postingDate(), e.documentNo(), e.accountNo(), e.accountType(), e.amount(), e.expectedCost(),
                    e.orderNo(), e.locationCode(), e.inventoryPostingGroup(), e.genBusPostingGroup(),
                    e.genProdPostingGroup(), e.globalDimension1Code(), e.globalDimension2Code(), posted.eventTime());
        }
        if (posted.itemCostUpdate() != null) {
            ItemCostUpdate u = posted.itemCostUpdate();
            return StoreRow.of(LedgerTable.ITEM_COST_UPDATE, u.idempotencyKey(), key, u.itemNo(), u.costingMethod(),
                    u.orderNo(), u.orderLineNo(), u.outputQuantityBase(), u.costAmount(), u.unitCost(),
                    u.postingDate(), posted.eventTime());
        }
        if (posted.warehouseEntry() != null) {
            WarehouseEntry e = posted.warehouseEntry();
            return StoreRow.of(LedgerTable.WAREHOUSE_ENTRY, e.idempotencyKey(), key, e.entryNo(), e.locationCode(),
                    e.binCode(), e.itemNo(), e.variantCode(), e.quantity(), e.qtyBase(), e.unitOfMeasureCode(),
                    e.entryType(), e.sourceNo(), e.sourceLineNo(), e.sourceSublineNo(), e.referenceNo(),
                    e.registeringDate(), posted.eventTime());
        }
        if (posted.warehouseRequest() != null) {
            WarehouseRequest e = posted.warehouseRequest();
            return StoreRow.of(LedgerTable.WAREHOUSE_REQUEST, e.idempotencyKey(), key, e.requestType(),
                    e.locationCode(), e.binCode(), e.itemNo(), e.variantCode(), e.orderNo(), e.orderLineNo(),
                    e.quantityBase(), e.date(), posted.eventTime());
        }
        OrderStatusEntry e = posted.statusChange();
        return StoreRow.of(LedgerTable.PRODUCTION_ORDER_STATUS_HISTORY, e.idempotencyKey(), key, e.orderNo(),
                e.fromStatus(), e.toStatus(), e.postingDate(), posted.eventTime());
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
