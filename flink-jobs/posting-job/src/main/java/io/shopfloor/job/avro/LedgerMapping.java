package io.shopfloor.job.avro;

import io.shopfloor.posting.gl.GlEntry;
import io.shopfloor.posting.gl.ValuePostingGroups;
import io.shopfloor.posting.ledger.LedgerEntry;
import io.shopfloor.posting.ledger.OrderStatusEntry;
import io.shopfloor.posting.ledger.WarehouseRequest;
import io.shopfloor.schema.common.CapacityType;
import io.shopfloor.schema.common.ItemLedgerEntryType;
import io.shopfloor.schema.common.LedgerSourceType;
import io.shopfloor.schema.common.OrderType;
import io.shopfloor.schema.common.ProductionOrderStatus;
import io.shopfloor.schema.journal.OrderStatusChange;
import io.shopfloor.schema.ledger.CapacityLedgerEntry;
import io.shopfloor.schema.ledger.GeneralLedgerEntry;
import io.shopfloor.schema.ledger.GlAccountType;
import io.shopfloor.schema.ledger.ItemLedgerEntry;
import io.shopfloor.schema.ledger.ValueEntry;
import io.shopfloor.schema.ledger.ValueEntryType;
import io.shopfloor.schema.ledger.VarianceType;
import io.shopfloor.schema.ledger.WarehouseEntry;
import io.shopfloor.schema.ledger.WarehouseEntryType;
import org.apache.avro.specific.SpecificRecord;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import static io.shopfloor.job.avro.AvroValues.amount;
import static io.shopfloor.job.avro.AvroValues.byName;
import static io.shopfloor.job.avro.AvroValues.isBlank;
import static io.shopfloor.job.avro.AvroValues.nullToBlank;
import static io.shopfloor.job.avro.AvroValues.qty;

/**
 * The rules' ledger entries to the Avro ledger records. Every Avro field is set: from the rules' entry where it
 * has the value, otherwise blank ("" for codes, 0 for numbers, NONE for enums) as BC leaves it for production
 * postings we do not model (dimensions, tracking, posting groups, additional currency). Quantities and amounts
 * are rescaled exactly to the field's scale; a value that does not fit is a bug and throws
 * {@link IllegalStateException}. Only the two unit ratios (value entry cost per unit, warehouse entry qty per unit
 * of measure) are rounded half-up, because they are quotients the rules do not round.
 */
public final class LedgerMapping {
    /** BC table ids used as warehouse entry source type. */
    static final int PROD_ORDER_LINE_TABLE = 5406;
    static final int PROD_ORDER_COMPONENT_TABLE = 5407;
    /** Warehouse entries are registered only for postings against Released orders (status ordinal 3). */
    static final int RELEASED_STATUS_ORDINAL = ProductionOrderStatus.RELEASED.ordinal();

    private LedgerMapping() {
    }

    /**
     * One posting's entries, in posting order. {@code unmapped} holds the warehouse requests: the contracts have
     * no record for them.
     */
    public record Mapped(List<SpecificRecord> records, List<WarehouseRequest> unmapped) {
    }

    /**
     * Maps a whole posting. An item ledger entry's cost amounts are the sums of the value entries of the same
     * posting that belong to it (the Avro doc: "sum of this entry's value entries at posting time").
     *
     * @param eventTime the input's event time, for status changes (the rules have no clock)
     */
    public static Mapped posting(List<LedgerEntry> entries, Instant eventTime) {
        List<SpecificRecord> records = new ArrayList<>();
        List<WarehouseRequest> unmapped = new ArrayList<>();
        for (LedgerEntry entry : entries) {
            if (entry instanceof io.shopfloor.posting.ledger.ItemLedgerEntry e) {
                records.add(itemLedgerEntry(e,
                        sum(entries, e.entryNo(), io.shopfloor.posting.ledger.ValueEntry::costAmountExpected),
                        sum(entries, e.entryNo(), io.shopfloor.posting.ledger.ValueEntry::costAmountActual)));
            } else if (entry instanceof io.shopfloor.posting.ledger.CapacityLedgerEntry e) {
                records.add(capacityLedgerEntry(e));
            } else if (entry instanceof io.shopfloor.posting.ledger.ValueEntry e) {
                records.add(valueEntry(e));
            } else if (entry instanceof io.shopfloor.posting.ledger.WarehouseEntry e) {
                records.add(warehouseEntry(e));
            } else if (entry instanceof OrderStatusEntry e) {
                records.add(orderStatusChange(e, eventTime));
            } else if (entry instanceof WarehouseRequest e) {
                unmapped.add(e);
            } else {
                throw new IllegalStateException("unknown ledger entry " + entry.getClass().getName());
            }
        }
        return new Mapped(List.copyOf(records), List.copyOf(unmapped));
    }

    /**
     * Source type: the rules give every item entry its source no. (the parent item, for consumption and output
     * alike), and BC's source type of such an entry is Item.
     */
    public static ItemLedgerEntry itemLedgerEntry(io.shopfloor.posting.ledger.ItemLedgerEntry e,
                                                  BigDecimal costAmountExpected, BigDecimal costAmountActual) {
        return ItemLedgerEntry.newBuilder()
                .setEntryNo(e.entryNo())
                .setItemNo(e.itemNo())
                .setVariantCode(nullToBlank(e.variantCode()))
                .setPostingDate(e.postingDate())
                .setEntryType(byName(e.entryType(), ItemLedgerEntryType.class))
                .setSourceType(sourceType(e.sourceNo()))
                .setSourceNo(nullToBlank(e.sourceNo()))
                .setDocumentNo(nullToBlank(e.documentNo()))
                .setDescription(nullToBlank(e.description()))
                .setLocationCode(nullToBlank(e.locationCode()))
                .setQuantity(qty("quantity", e.quantity()))
                .setRemainingQuantity(qty("remainingQuantity", e.remainingQuantity()))
                .setInvoicedQuantity(qty("invoicedQuantity", e.invoicedQuantity()))
                .setOpen(e.open())
                .setPositive(e.positive())
                .setAppliesToEntry(e.appliesToEntry())
                .setOrderType(byName(e.orderType(), OrderType.class))
                .setOrderNo(nullToBlank(e.orderNo()))
                .setOrderLineNo(e.orderLineNo())
                .setProdOrderCompLineNo(e.prodOrderCompLineNo())
                .setUnitOfMeasureCode(nullToBlank(e.unitOfMeasureCode()))
                .setQtyPerUnitOfMeasure(qty("qtyPerUnitOfMeasure", e.qtyPerUnitOfMeasure()))
                .setCompletelyInvoiced(e.completelyInvoiced())
                .setSerialNo("")
                .setLotNo("")
                .setSourceCode(nullToBlank(e.sourceCode()))
                .setCostAmountExpected(amount("costAmountExpected", costAmountExpected))
                .setCostAmountActual(amount("costAmountActual", costAmountActual))
                .setGlobalDimension1Code("")
                .setGlobalDimension2Code("")
                .setDimensionSetId(0)
                .setIdempotencyKey(e.idempotencyKey())
                .setSourceEventId(sourceEventId(e.idempotencyKey()))
                .setPostedBy(e.postedBy())
                .build();
    }

    /** The type is null on the entry of an order line without routing (nullable since schema v2). */
    public static CapacityLedgerEntry capacityLedgerEntry(io.shopfloor.posting.ledger.CapacityLedgerEntry e) {
        return CapacityLedgerEntry.newBuilder()
                .setEntryNo(e.entryNo())
                .setOperationNo(nullToBlank(e.operationNo()))
                .setType(e.type() == null ? null : byName(e.type(), CapacityType.class))
                .setNo(nullToBlank(e.no()))
                .setDescription(nullToBlank(e.description()))
                .setWorkCenterNo(nullToBlank(e.workCenterNo()))
                .setWorkCenterGroupCode(nullToBlank(e.workCenterGroupCode()))
                .setSubcontracting(e.subcontracting())
                .setQuantity(qty("quantity", e.quantity()))
                .setInvoicedQuantity(qty("invoicedQuantity", e.invoicedQuantity()))
                .setCompletelyInvoiced(e.completelyInvoiced())
                .setSetupTime(qty("setupTime", e.setupTime()))
                .setRunTime(qty("runTime", e.runTime()))
                .setStopTime(qty("stopTime", e.stopTime()))
                .setCapUnitOfMeasureCode(nullToBlank(e.capUnitOfMeasureCode()))
                .setQtyPerCapUnitOfMeasure(qty("qtyPerCapUnitOfMeasure", e.qtyPerCapUnitOfMeasure()))
                .setItemNo(nullToBlank(e.itemNo()))
                .setVariantCode(nullToBlank(e.variantCode()))
                .setOutputQuantity(qty("outputQuantity", e.outputQuantity()))
                .setScrapQuantity(qty("scrapQuantity", e.scrapQuantity()))
                .setUnitOfMeasureCode(nullToBlank(e.unitOfMeasureCode()))
                .setQtyPerUnitOfMeasure(qty("qtyPerUnitOfMeasure", e.qtyPerUnitOfMeasure()))
                .setOrderType(byName(e.orderType(), OrderType.class))
                .setOrderNo(nullToBlank(e.orderNo()))
                .setOrderLineNo(e.orderLineNo())
                .setRoutingNo(nullToBlank(e.routingNo()))
                .setRoutingReferenceNo(e.routingReferenceNo())
                .setPostingDate(e.postingDate())
                .setDocumentDate(e.documentDate())
                .setDocumentNo(nullToBlank(e.documentNo()))
                .setExternalDocumentNo(nullToBlank(e.externalDocumentNo()))
                .setStartingTime(e.startingTime())
                .setEndingTime(e.endingTime())
                .setConcurrentCapacity(qty("concurrentCapacity", e.concurrentCapacity()))
                .setWorkShiftCode(nullToBlank(e.workShiftCode()))
                .setStopCode(nullToBlank(e.stopCode()))
                .setScrapCode(nullToBlank(e.scrapCode()))
                .setLastOutputLine(e.lastOutputLine())
                .setGlobalDimension1Code("")
                .setGlobalDimension2Code("")
                .setDimensionSetId(0)
                .setIdempotencyKey(e.idempotencyKey())
                .setSourceEventId(sourceEventId(e.idempotencyKey()))
                .setAppliesToEntryNo(e.appliesToEntryNo())
                .setPostedBy(e.postedBy())
                .build();
    }

    /** A G/L entry of the rules (InventoryCostToGl) as the ledger-gl-entries record; dimensions blank for now. */
    public static GeneralLedgerEntry generalLedgerEntry(GlEntry e) {
        return GeneralLedgerEntry.newBuilder()
                .setIdempotencyKey(e.idempotencyKey())
                .setValueEntryKey(e.valueEntryKey())
                .setValueEntryNo(e.valueEntryNo())
                .setPostingDate(e.postingDate())
                .setDocumentNo(nullToBlank(e.documentNo()))
                .setAccountNo(nullToBlank(e.accountNo()))
                .setAccountType(byName(e.accountType(), GlAccountType.class))
                .setAmount(amount("amount", e.amount()))
                .setExpectedCost(e.expectedCost())
                .setOrderNo(nullToBlank(e.orderNo()))
                .setLocationCode(nullToBlank(e.locationCode()))
                .setInventoryPostingGroup(nullToBlank(e.inventoryPostingGroup()))
                .setGenBusPostingGroup(nullToBlank(e.genBusPostingGroup()))
                .setGenProdPostingGroup(nullToBlank(e.genProdPostingGroup()))
                .setGlobalDimension1Code(nullToBlank(e.globalDimension1Code()))
                .setGlobalDimension2Code(nullToBlank(e.globalDimension2Code()))
                .build();
    }

    /**
     * Cost per unit is a unit price, not an amount: the rules round it to 5 decimals except for a consumption
     * return valued at the reversed entry's cost, whose unrounded quotient BC would store rounded to the unit-amount
     * precision; so it is rounded half-up here instead of failing.
     */
    public static ValueEntry valueEntry(io.shopfloor.posting.ledger.ValueEntry e) {
        return valueEntry(e, ValuePostingGroups.NONE);
    }

    /** With the posting groups and global dimension values the value entry got as of posting. */
    public static ValueEntry valueEntry(io.shopfloor.posting.ledger.ValueEntry e, ValuePostingGroups groups) {
        ValuePostingGroups g = groups == null ? ValuePostingGroups.NONE : groups;
        return ValueEntry.newBuilder()
                .setEntryNo(e.entryNo())
                .setItemLedgerEntryNo(e.itemLedgerEntryNo())
                .setCapacityLedgerEntryNo(e.capacityLedgerEntryNo())
                .setEntryType(byName(e.entryType(), ValueEntryType.class))
                .setVarianceType(e.varianceType() == null ? VarianceType.NONE
                        : byName(e.varianceType(), VarianceType.class))
                .setItemLedgerEntryType(byName(e.itemLedgerEntryType(), ItemLedgerEntryType.class))
                .setType(byName(e.type(), CapacityType.class))
                .setNo(nullToBlank(e.no()))
                .setItemNo(nullToBlank(e.itemNo()))
                .setVariantCode("")
                .setLocationCode(nullToBlank(e.locationCode()))
                .setOrderType(byName(e.orderType(), OrderType.class))
                .setOrderNo(nullToBlank(e.orderNo()))
                .setOrderLineNo(e.orderLineNo())
                .setSourceType(sourceType(e.sourceNo()))
                .setSourceNo(nullToBlank(e.sourceNo()))
                .setValuedQuantity(qty("valuedQuantity", e.valuedQuantity()))
                .setInvoicedQuantity(qty("invoicedQuantity", e.invoicedQuantity()))
                .setItemLedgerEntryQuantity(qty("itemLedgerEntryQuantity", e.itemLedgerEntryQuantity()))
                .setCostAmountActual(amount("costAmountActual", e.costAmountActual()))
                .setCostAmountActualAcy(amount("costAmountActualAcy", BigDecimal.ZERO))
                .setCostAmountExpected(amount("costAmountExpected", e.costAmountExpected()))
                .setCostPerUnit(qty("costPerUnit", e.costPerUnit().setScale(AvroValues.QTY_SCALE, RoundingMode.HALF_UP)))
                .setExpectedCost(e.expectedCost())
                .setInventoriable(e.inventoriable())
                .setPostingDate(e.postingDate())
                .setValuationDate(e.valuationDate())
                .setDocumentType("")
                .setDocumentNo(nullToBlank(e.documentNo()))
                .setDocumentLineNo(0)
                .setSourceCode(nullToBlank(e.sourceCode()))
                .setReasonCode("")
                .setJournalBatchName("")
                .setGenBusPostingGroup(g.genBusPostingGroup())
                .setGenProdPostingGroup(g.genProdPostingGroup())
                .setInventoryPostingGroup(g.inventoryPostingGroup())
                .setAdjustment(e.adjustment())
                .setGlobalDimension1Code(g.globalDimension1Code())
                .setGlobalDimension2Code(g.globalDimension2Code())
                .setDimensionSetId(0)
                .setIdempotencyKey(e.idempotencyKey())
                .setSourceEventId(sourceEventId(e.idempotencyKey()))
                .setPostedBy(e.postedBy())
                .build();
    }

    /**
     * Source type and sub-line follow BC: output is registered against the prod. order line (sub-line 0),
     * consumption against the component (sub-line = component line no., never 0). The unit factor is derived from
     * the two quantities the rules give (0 when the quantity is 0); the rules' reference no. has no Avro field.
     */
    public static WarehouseEntry warehouseEntry(io.shopfloor.posting.ledger.WarehouseEntry e) {
        BigDecimal quantity = qty("quantity", e.quantity());
        BigDecimal qtyBase = qty("qtyBase", e.qtyBase());
        BigDecimal qtyPerUnit = quantity.signum() == 0 ? qty("qtyPerUnitOfMeasure", BigDecimal.ZERO)
                : qtyBase.divide(quantity, AvroValues.QTY_SCALE, RoundingMode.HALF_UP);
        return WarehouseEntry.newBuilder()
                .setEntryNo(e.entryNo())
                .setLocationCode(nullToBlank(e.locationCode()))
                .setBinCode(nullToBlank(e.binCode()))
                .setItemNo(nullToBlank(e.itemNo()))
                .setVariantCode(nullToBlank(e.variantCode()))
                .setQuantity(quantity)
                .setQtyBase(qtyBase)
                .setUnitOfMeasureCode(nullToBlank(e.unitOfMeasureCode()))
                .setQtyPerUnitOfMeasure(qtyPerUnit)
                .setSourceType(e.sourceSublineNo() == 0 ? PROD_ORDER_LINE_TABLE : PROD_ORDER_COMPONENT_TABLE)
                .setSourceSubtype(RELEASED_STATUS_ORDINAL)
                .setSourceNo(nullToBlank(e.sourceNo()))
                .setSourceLineNo(e.sourceLineNo())
                .setSourceSublineNo(e.sourceSublineNo())
                .setEntryType(byName(e.entryType(), WarehouseEntryType.class))
                .setRegisteringDate(e.registeringDate())
                .setSerialNo("")
                .setLotNo("")
                .setIdempotencyKey(e.idempotencyKey())
                .setSourceEventId(sourceEventId(e.idempotencyKey()))
                .build();
    }

    /**
     * The Avro status change is the journal-side record: it has no idempotency key (only the source id) and needs
     * an event time the rules do not have, so the caller passes the input's.
     */
    public static OrderStatusChange orderStatusChange(OrderStatusEntry e, Instant eventTime) {
        return OrderStatusChange.newBuilder()
                .setOrderNo(e.orderNo())
                .setFromStatus(byName(e.fromStatus(), ProductionOrderStatus.class))
                .setToStatus(byName(e.toStatus(), ProductionOrderStatus.class))
                .setPostingDate(e.postingDate())
                .setSourceId(sourceEventId(e.idempotencyKey()))
                .setEventTime(Objects.requireNonNull(eventTime, "eventTime"))
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

    private static LedgerSourceType sourceType(String sourceNo) {
        return isBlank(sourceNo) ? LedgerSourceType.NONE : LedgerSourceType.ITEM;
    }

    private static BigDecimal sum(List<LedgerEntry> entries, long itemLedgerEntryNo,
                                  Function<io.shopfloor.posting.ledger.ValueEntry, BigDecimal> amount) {
        return entries.stream()
                .filter(io.shopfloor.posting.ledger.ValueEntry.class::isInstance)
                .map(io.shopfloor.posting.ledger.ValueEntry.class::cast)
                .filter(v -> v.itemLedgerEntryNo() != null && v.itemLedgerEntryNo() == itemLedgerEntryNo)
                .map(amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
