package io.shopfloor.ledger.model;

import io.shopfloor.posting.ItemCostUpdate;
import io.shopfloor.posting.gl.GlEntry;
import io.shopfloor.posting.gl.ValuePostingGroups;
import io.shopfloor.posting.ledger.CapacityLedgerEntry;
import io.shopfloor.posting.ledger.ItemLedgerEntry;
import io.shopfloor.posting.ledger.LedgerEntry;
import io.shopfloor.posting.ledger.OrderStatusEntry;
import io.shopfloor.posting.ledger.ValueEntry;
import io.shopfloor.posting.ledger.WarehouseEntry;
import io.shopfloor.posting.ledger.WarehouseRequest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * The one mapping of the rules' entries to the ledgers' fields, named as the Avro contracts name them (the store's
 * columns are the same names in snake case). Kafka records and PostgreSQL rows are both made from its
 * {@link LedgerFields}. Besides the rules' values it gives:
 * <ul>
 *   <li>where an entry comes from: {@code sourceKey} (the order, or capacity, whose numbering it uses),
 *   {@code eventTime} (the input's; the rules have no clock) and {@code sourceEventId};</li>
 *   <li>what BC derives: the source type of item and value entries, a warehouse entry's source table and unit
 *   factor;</li>
 *   <li>BC's blanks for what production postings here do not fill (tracking, dimension set, additional currency,
 *   document type and line, reason code, journal batch).</li>
 * </ul>
 * {@code sourceKey} and {@code eventTime} may be null for a record that is not stored (a Kafka record needs the event
 * time only for a status change).
 */
public final class LedgerModel {
    /** BC table ids used as warehouse entry source type. */
    static final int PROD_ORDER_LINE_TABLE = 5406;
    static final int PROD_ORDER_COMPONENT_TABLE = 5407;
    /** Warehouse entries are registered only for postings against Released orders (ProductionOrderStatus 3). */
    static final int RELEASED_STATUS_ORDINAL = 3;
    /** Scale of the warehouse entry's unit factor, as of every quantity of the contracts. */
    static final int QTY_SCALE = 5;

    private LedgerModel() {
    }

    /**
     * Any of the rules' entries of a posting.
     *
     * @param costAmountExpected for an item ledger entry: the sum of its value entries in the same posting (BC's
     *                           FlowField at posting time); ignored otherwise
     * @param postingGroups      for a value entry: its posting groups and dimensions as of posting (null: none
     *                           known); ignored otherwise
     */
    public static LedgerFields entry(LedgerEntry entry, String sourceKey, Instant eventTime,
                                     BigDecimal costAmountExpected, BigDecimal costAmountActual,
                                     ValuePostingGroups postingGroups) {
        if (entry instanceof ItemLedgerEntry e) {
            return itemLedgerEntry(e, costAmountExpected, costAmountActual, sourceKey, eventTime);
        }
        if (entry instanceof CapacityLedgerEntry e) {
            return capacityLedgerEntry(e, sourceKey, eventTime);
        }
        if (entry instanceof ValueEntry e) {
            return valueEntry(e, postingGroups, sourceKey, eventTime);
        }
        if (entry instanceof WarehouseEntry e) {
            return warehouseEntry(e, sourceKey, eventTime);
        }
        if (entry instanceof OrderStatusEntry e) {
            return orderStatusChange(e, sourceKey, eventTime);
        }
        if (entry instanceof WarehouseRequest e) {
            return warehouseRequest(e, sourceKey, eventTime);
        }
        throw new IllegalStateException("unknown ledger entry " + entry.getClass().getName());
    }

    /** Source type: the rules give every item entry its source no. (the parent item), and BC's type is then Item. */
    public static LedgerFields itemLedgerEntry(ItemLedgerEntry e, BigDecimal costAmountExpected,
                                               BigDecimal costAmountActual, String sourceKey, Instant eventTime) {
        return LedgerFields.of(Ledger.ITEM_LEDGER_ENTRY)
                .put("idempotencyKey", e.idempotencyKey())
                .put("sourceKey", sourceKey)
                .put("entryNo", e.entryNo())
                .put("itemNo", e.itemNo())
                .put("variantCode", e.variantCode())
                .put("postingDate", e.postingDate())
                .put("entryType", e.entryType())
                .put("sourceType", sourceType(e.sourceNo()))
                .put("sourceNo", e.sourceNo())
                .put("documentNo", e.documentNo())
                .put("description", e.description())
                .put("locationCode", e.locationCode())
                .put("quantity", e.quantity())
                .put("remainingQuantity", e.remainingQuantity())
                .put("invoicedQuantity", e.invoicedQuantity())
                .put("open", e.open())
                .put("positive", e.positive())
                .put("appliesToEntry", e.appliesToEntry())
                .put("orderType", e.orderType())
                .put("orderNo", e.orderNo())
                .put("orderLineNo", e.orderLineNo())
                .put("prodOrderCompLineNo", e.prodOrderCompLineNo())
                .put("unitOfMeasureCode", e.unitOfMeasureCode())
                .put("qtyPerUnitOfMeasure", e.qtyPerUnitOfMeasure())
                .put("completelyInvoiced", e.completelyInvoiced())
                .put("serialNo", "")
                .put("lotNo", "")
                .put("sourceCode", e.sourceCode())
                .put("costAmountExpected", costAmountExpected)
                .put("costAmountActual", costAmountActual)
                .put("globalDimension1Code", "")
                .put("globalDimension2Code", "")
                .put("dimensionSetId", 0)
                .put("sourceEventId", sourceEventId(e.idempotencyKey()))
                .put("eventTime", eventTime)
                .put("postedBy", e.postedBy())
                .build();
    }

    /** The type is null on the entry of an order line without routing. */
    public static LedgerFields capacityLedgerEntry(CapacityLedgerEntry e, String sourceKey, Instant eventTime) {
        return LedgerFields.of(Ledger.CAPACITY_LEDGER_ENTRY)
                .put("idempotencyKey", e.idempotencyKey())
                .put("sourceKey", sourceKey)
                .put("entryNo", e.entryNo())
                .put("operationNo", e.operationNo())
                .put("type", e.type())
                .put("no", e.no())
                .put("description", e.description())
                .put("workCenterNo", e.workCenterNo())
                .put("workCenterGroupCode", e.workCenterGroupCode())
                .put("subcontracting", e.subcontracting())
                .put("quantity", e.quantity())
                .put("invoicedQuantity", e.invoicedQuantity())
                .put("completelyInvoiced", e.completelyInvoiced())
                .put("setupTime", e.setupTime())
                .put("runTime", e.runTime())
                .put("stopTime", e.stopTime())
                .put("capUnitOfMeasureCode", e.capUnitOfMeasureCode())
                .put("qtyPerCapUnitOfMeasure", e.qtyPerCapUnitOfMeasure())
                .put("itemNo", e.itemNo())
                .put("variantCode", e.variantCode())
                .put("outputQuantity", e.outputQuantity())
                .put("scrapQuantity", e.scrapQuantity())
                .put("unitOfMeasureCode", e.unitOfMeasureCode())
                .put("qtyPerUnitOfMeasure", e.qtyPerUnitOfMeasure())
                .put("orderType", e.orderType())
                .put("orderNo", e.orderNo())
                .put("orderLineNo", e.orderLineNo())
                .put("routingNo", e.routingNo())
                .put("routingReferenceNo", e.routingReferenceNo())
                .put("postingDate", e.postingDate())
                .put("documentDate", e.documentDate())
                .put("documentNo", e.documentNo())
                .put("externalDocumentNo", e.externalDocumentNo())
                .put("startingTime", e.startingTime())
                .put("endingTime", e.endingTime())
                .put("concurrentCapacity", e.concurrentCapacity())
                .put("workShiftCode", e.workShiftCode())
                .put("stopCode", e.stopCode())
                .put("scrapCode", e.scrapCode())
                .put("lastOutputLine", e.lastOutputLine())
                .put("globalDimension1Code", "")
                .put("globalDimension2Code", "")
                .put("dimensionSetId", 0)
                .put("sourceEventId", sourceEventId(e.idempotencyKey()))
                .put("eventTime", eventTime)
                .put("postedBy", e.postedBy())
                .put("appliesToEntryNo", e.appliesToEntryNo())
                .build();
    }

    /**
     * Cost per unit is a unit price, not an amount: the rules round it to 5 decimals except for a consumption
     * return valued at the reversed entry's cost, whose unrounded quotient BC would store rounded to the unit-amount
     * precision ({@link LedgerFields.Quotient}). Posting groups and dimensions: as of posting, null when not known.
     */
    public static LedgerFields valueEntry(ValueEntry e, ValuePostingGroups groups, String sourceKey,
                                          Instant eventTime) {
        return LedgerFields.of(Ledger.VALUE_ENTRY)
                .put("idempotencyKey", e.idempotencyKey())
                .put("sourceKey", sourceKey)
                .put("entryNo", e.entryNo())
                .put("itemLedgerEntryNo", e.itemLedgerEntryNo())
                .put("capacityLedgerEntryNo", e.capacityLedgerEntryNo())
                .put("entryType", e.entryType())
                .put("varianceType", e.varianceType())
                .put("itemLedgerEntryType", e.itemLedgerEntryType())
                .put("type", e.type())
                .put("no", e.no())
                .put("itemNo", e.itemNo())
                .put("variantCode", "")
                .put("orderType", e.orderType())
                .put("orderNo", e.orderNo())
                .put("orderLineNo", e.orderLineNo())
                .put("sourceType", sourceType(e.sourceNo()))
                .put("sourceNo", e.sourceNo())
                .put("locationCode", e.locationCode())
                .put("valuedQuantity", e.valuedQuantity())
                .put("invoicedQuantity", e.invoicedQuantity())
                .put("itemLedgerEntryQuantity", e.itemLedgerEntryQuantity())
                .put("costAmountActual", e.costAmountActual())
                .put("costAmountActualAcy", BigDecimal.ZERO)
                .put("costAmountExpected", e.costAmountExpected())
                .put("costPerUnit", new LedgerFields.Quotient(e.costPerUnit()))
                .put("expectedCost", e.expectedCost())
                .put("inventoriable", e.inventoriable())
                .put("postingDate", e.postingDate())
                .put("valuationDate", e.valuationDate())
                .put("documentType", "")
                .put("documentNo", e.documentNo())
                .put("documentLineNo", 0)
                .put("sourceCode", e.sourceCode())
                .put("reasonCode", "")
                .put("journalBatchName", "")
                .put("genBusPostingGroup", groups == null ? null : groups.genBusPostingGroup())
                .put("genProdPostingGroup", groups == null ? null : groups.genProdPostingGroup())
                .put("inventoryPostingGroup", groups == null ? null : groups.inventoryPostingGroup())
                .put("adjustment", e.adjustment())
                .put("globalDimension1Code", groups == null ? null : groups.globalDimension1Code())
                .put("globalDimension2Code", groups == null ? null : groups.globalDimension2Code())
                .put("dimensionSetId", 0)
                .put("sourceEventId", sourceEventId(e.idempotencyKey()))
                .put("eventTime", eventTime)
                .put("postedBy", e.postedBy())
                .build();
    }

    /**
     * Source type and sub-line follow BC: output is registered against the prod. order line (sub-line 0),
     * consumption against the component (sub-line = component line no., never 0). The unit factor is derived from
     * the two quantities the rules give (0 when the quantity is 0); the reference no. has no Avro field.
     */
    public static LedgerFields warehouseEntry(WarehouseEntry e, String sourceKey, Instant eventTime) {
        BigDecimal qtyPerUnit = e.quantity() == null || e.quantity().signum() == 0 || e.qtyBase() == null
                ? BigDecimal.ZERO : e.qtyBase().divide(e.quantity(), QTY_SCALE, RoundingMode.HALF_UP);
        return LedgerFields.of(Ledger.WAREHOUSE_ENTRY)
                .put("idempotencyKey", e.idempotencyKey())
                .put("sourceKey", sourceKey)
                .put("entryNo", e.entryNo())
                .put("locationCode", e.locationCode())
                .put("binCode", e.binCode())
                .put("itemNo", e.itemNo())
                .put("variantCode", e.variantCode())
                .put("quantity", e.quantity())
                .put("qtyBase", e.qtyBase())
                .put("unitOfMeasureCode", e.unitOfMeasureCode())
                .put("qtyPerUnitOfMeasure", qtyPerUnit)
                .put("entryType", e.entryType())
                .put("sourceType", e.sourceSublineNo() == 0 ? PROD_ORDER_LINE_TABLE : PROD_ORDER_COMPONENT_TABLE)
                .put("sourceSubtype", RELEASED_STATUS_ORDINAL)
                .put("sourceNo", e.sourceNo())
                .put("sourceLineNo", e.sourceLineNo())
                .put("sourceSublineNo", e.sourceSublineNo())
                .put("referenceNo", e.referenceNo())
                .put("registeringDate", e.registeringDate())
                .put("serialNo", "")
                .put("lotNo", "")
                .put("sourceEventId", sourceEventId(e.idempotencyKey()))
                .put("eventTime", eventTime)
                .build();
    }

    /** The Avro status change is the journal-side record: its source id stands for the idempotency key. */
    public static LedgerFields orderStatusChange(OrderStatusEntry e, String sourceKey, Instant eventTime) {
        return LedgerFields.of(Ledger.ORDER_STATUS_CHANGE)
                .put("idempotencyKey", e.idempotencyKey())
                .put("sourceKey", sourceKey)
                .put("orderNo", e.orderNo())
                .put("fromStatus", e.fromStatus())
                .put("toStatus", e.toStatus())
                .put("postingDate", e.postingDate())
                .put("sourceId", sourceEventId(e.idempotencyKey()))
                .put("eventTime", eventTime)
                .build();
    }

    /** A G/L entry of the rules (InventoryCostToGl); it names its value entry by key. */
    public static LedgerFields generalLedgerEntry(GlEntry e, Instant eventTime) {
        return LedgerFields.of(Ledger.GENERAL_LEDGER_ENTRY)
                .put("idempotencyKey", e.idempotencyKey())
                .put("valueEntryKey", e.valueEntryKey())
                .put("valueEntryNo", e.valueEntryNo())
                .put("postingDate", e.postingDate())
                .put("documentNo", e.documentNo())
                .put("accountNo", e.accountNo())
                .put("accountType", e.accountType())
                .put("amount", e.amount())
                .put("expectedCost", e.expectedCost())
                .put("orderNo", e.orderNo())
                .put("locationCode", e.locationCode())
                .put("inventoryPostingGroup", e.inventoryPostingGroup())
                .put("genBusPostingGroup", e.genBusPostingGroup())
                .put("genProdPostingGroup", e.genProdPostingGroup())
                .put("globalDimension1Code", e.globalDimension1Code())
                .put("globalDimension2Code", e.globalDimension2Code())
                .put("eventTime", eventTime)
                .build();
    }

    /** A FIFO/average parent's cost after the cost adjustment (docs/cost-adjustment.md#item-cost-update). */
    public static LedgerFields itemCostUpdate(ItemCostUpdate u, String sourceKey, Instant eventTime) {
        return LedgerFields.of(Ledger.ITEM_COST_UPDATE)
                .put("idempotencyKey", u.idempotencyKey())
                .put("sourceKey", sourceKey)
                .put("itemNo", u.itemNo())
                .put("costingMethod", u.costingMethod())
                .put("orderNo", u.orderNo())
                .put("orderLineNo", u.orderLineNo())
                .put("outputQuantityBase", u.outputQuantityBase())
                .put("costAmount", u.costAmount())
                .put("unitCost", u.unitCost())
                .put("postingDate", u.postingDate())
                .put("sourceEventId", sourceEventId(u.idempotencyKey()))
                .put("eventTime", eventTime)
                .build();
    }

    /** An inbound put-away request at release (docs/warehouse.md); no Kafka record. */
    public static LedgerFields warehouseRequest(WarehouseRequest e, String sourceKey, Instant eventTime) {
        return LedgerFields.of(Ledger.WAREHOUSE_REQUEST)
                .put("idempotencyKey", e.idempotencyKey())
                .put("sourceKey", sourceKey)
                .put("requestType", e.requestType())
                .put("locationCode", e.locationCode())
                .put("binCode", e.binCode())
                .put("itemNo", e.itemNo())
                .put("variantCode", e.variantCode())
                .put("orderNo", e.orderNo())
                .put("orderLineNo", e.orderLineNo())
                .put("quantityBase", e.quantityBase())
                .put("date", e.date())
                .put("eventTime", eventTime)
                .build();
    }

    /**
     * The rules key every entry {@code sourceId/<ledger><n>}, so the source event is all before the last '/'. Machine
     * and CDC source ids contain '/' themselves ({@code M1/RPO-1/10000/10/...}, {@code cdc/RPO-1/RELEASED/lsn42}).
     */
    public static String sourceEventId(String idempotencyKey) {
        int slash = idempotencyKey.lastIndexOf('/');
        return slash < 0 ? idempotencyKey : idempotencyKey.substring(0, slash);
    }

    /** BC's Source Type of item and value entries: Item with a source no., blank without. */
    private static String sourceType(String sourceNo) {
        return sourceNo == null || sourceNo.isBlank() ? "NONE" : "ITEM";
    }
}
