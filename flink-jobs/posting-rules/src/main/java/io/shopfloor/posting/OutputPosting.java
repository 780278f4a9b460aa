package io.shopfloor.posting;

import io.shopfloor.posting.journal.OutputJournalLine;
import io.shopfloor.posting.ledger.CapacityLedgerEntry;
import io.shopfloor.posting.ledger.ItemLedgerEntry;
import io.shopfloor.posting.ledger.ItemLedgerEntryType;
import io.shopfloor.posting.ledger.OrderType;
import io.shopfloor.posting.ledger.ValueEntry;
import io.shopfloor.posting.ledger.ValueEntryType;
import io.shopfloor.posting.ledger.WarehouseEntry;
import io.shopfloor.posting.ledger.WarehouseRequest;
import io.shopfloor.posting.model.CostBucket;
import io.shopfloor.posting.model.Item;
import io.shopfloor.posting.model.Location;
import io.shopfloor.posting.model.ProdOutputWhseHandling;
import io.shopfloor.posting.model.UnitCostCalculation;
import io.shopfloor.posting.order.Component;
import io.shopfloor.posting.order.OrderLine;
import io.shopfloor.posting.order.OutputEntry;
import io.shopfloor.posting.order.ProductionOrder;
import io.shopfloor.posting.order.RoutingLine;
import io.shopfloor.posting.order.RoutingStatus;

import java.math.BigDecimal;
import java.util.List;

/**
 * Output posting (docs/output-posting.md#steps): stop entry, capacity ledger entry, operation flush, capacity value
 * entries, and, on the
 * last operation only, the output item ledger entry at expected cost. {@link #check} resolves and validates
 * everything; {@link #apply} cannot be refused.
 */
final class OutputPosting {
    private static final BigDecimal ZERO_QTY = BigDecimal.ZERO.setScale(Rounding.QTY_SCALE);

    /** An output journal line with everything it refers to, checked. */
    record Checked(OutputJournalLine line, ProductionOrder order, OrderLine orderLine, RoutingLine operation,
                   CapacityRate rate, BigDecimal qtyPerCapUnit, boolean lastOperation, Item parent,
                   Location location, OutputEntry appliesTo, List<Component> flushed, boolean stopTimeOnly,
                   String binCode) {
    }

    private OutputPosting() {
    }

    static Checked check(PostingContext ctx, ProductionOrder order, OutputJournalLine line) {
        boolean copiesLine = ctx.settings.stopTimeWithOtherQuantities()
                == PostingSettings.StopTimeWithOtherQuantities.STOP_ENTRY_COPIES_LINE;
        // BC stops after the stop entry when setup and run time are 0; we also keep output/scrap unless told not to.
        boolean stopTimeOnly = line.stopTime().signum() != 0 && line.setupTime().signum() == 0
                && line.runTime().signum() == 0
                && (copiesLine || (line.outputQuantity().signum() == 0 && line.scrapQuantity().signum() == 0));
        if (!stopTimeOnly) {
            PostingContext.checkPostable(order); // stop-time-only lines skip BC's order-field test
        }
        OrderLine orderLine = PostingContext.orderLine(order, line.orderLineNo());
        RoutingLine operation = null;
        if (!orderLine.routing().isEmpty()) {
            if (line.operationNo() == null || line.operationNo().isBlank()) {
                throw PostingContext.refuse(RefusalReason.OPERATION_NO_REQUIRED, order.no() + " line " + line.orderLineNo());
            }
            operation = orderLine.routingLine(line.operationNo()).orElseThrow(() -> PostingContext.refuse(
                    RefusalReason.OPERATION_NOT_FOUND, order.no() + " operation " + line.operationNo()));
        } else if (line.operationNo() != null && !line.operationNo().isBlank()) {
            throw PostingContext.refuse(RefusalReason.OPERATION_NOT_FOUND, order.no() + " has no routing");
        }
        CapacityRate rate = operation == null ? null
                : CapacityRate.of(ctx, operation.type(), operation.no(), operation.unitCostPer(), true);
        BigDecimal factor = rate == null ? BigDecimal.ONE
                : CapacityRate.conversionFactor(ctx, line.capUnitOfMeasureCode(), rate.unitOfMeasureCode());
        if (rate != null && ctx.settings.capacityUnitCostScaling()
                == PostingSettings.CapacityUnitCostScaling.DIVIDED_BY_FACTOR) {
            rate = rate.dividedBy(factor);
        }
        boolean last = operation == null || operation.isLastOperation();
        Item parent = ctx.item(orderLine.itemNo());
        Location location = ctx.location(orderLine.locationCode());
        OutputEntry appliesTo = stopTimeOnly ? null : checkQuantities(ctx, line, orderLine, operation, last, location);
        String binCode = checkBinCode(line, orderLine, location, last && !stopTimeOnly);
        // Stop-time-only lines and negative output flush nothing (docs/flushing.md#when-components-are-flushed).
        List<Component> flushed = !stopTimeOnly && line.outputQuantity().signum() >= 0
                ? Flushing.flushedByOperation(orderLine, operation) : List.of();
        Flushing.checkFlushable(ctx, flushed);
        return new Checked(line, order, orderLine, operation, rate, factor, last, parent, location, appliesTo,
                flushed, stopTimeOnly, binCode);
    }

    /**
     * The bin the output goes into (docs/warehouse.md#bin-on-the-output-journal): the line's, else the order line's.
     * BC's Bin Code validation tests the location's Bin Mandatory, so a bin where bins are not used is refused; a
     * warehouse entry needs a bin, so output on the last operation at a Bin Mandatory location without one is too.
     */
    private static String checkBinCode(OutputJournalLine line, OrderLine orderLine, Location location,
                                       boolean lastOperation) {
        boolean lineHasBin = line.binCode() != null && !line.binCode().isBlank();
        if (lineHasBin && !location.binMandatory()) {
            throw PostingContext.refuse(RefusalReason.BIN_CODE_NOT_ALLOWED, "location " + location.code()
                    + " does not use bins (Bin Mandatory is off): bin " + line.binCode());
        }
        String binCode = lineHasBin ? line.binCode() : orderLine.binCode();
        boolean writesWarehouseEntry = lastOperation && location.binMandatory()
                && outputQtyBase(line, orderLine).signum() != 0;
        if (writesWarehouseEntry && binCode == null) {
            throw PostingContext.refuse(RefusalReason.BIN_CODE_MISSING, "location " + location.code()
                    + " requires a bin and order line " + orderLine.lineNo() + " has none: enter one on the line");
        }
        return binCode;
    }

    private static OutputEntry checkQuantities(PostingContext ctx, OutputJournalLine line, OrderLine orderLine,
                                               RoutingLine operation, boolean last, Location location) {
        BigDecimal outputBase = outputQtyBase(line, orderLine);
        OutputEntry appliesTo = null;
        if (last && outputBase.signum() < 0) {
            if (line.appliesToEntry() == null) {
                throw PostingContext.refuse(RefusalReason.APPLIES_TO_ENTRY_REQUIRED,
                        "negative output on the last operation of " + line.orderNo() + " needs Applies-to Entry");
            }
            appliesTo = orderLine.outputEntry(line.appliesToEntry())
                    .filter(e -> e.quantityBase().signum() > 0)
                    .orElseThrow(() -> PostingContext.refuse(RefusalReason.APPLIES_TO_ENTRY_INVALID,
                            "entry " + line.appliesToEntry() + " is no positive output of this order line"));
            if (appliesTo.remainingQtyBase().add(outputBase).signum() < 0) {
                throw PostingContext.refuse(RefusalReason.APPLIES_TO_ENTRY_INSUFFICIENT, "entry "
                        + appliesTo.entryNo() + " has " + appliesTo.remainingQtyBase() + " open");
            }
        } else if (last && line.appliesToEntry() != null) {
            throw PostingContext.refuse(RefusalReason.APPLIES_TO_ENTRY_INVALID,
                    "Applies-to Entry is only for negative output");
        }
        if (last && orderLine.finishedQtyBase().add(outputBase).signum() < 0) {
            throw PostingContext.refuse(RefusalReason.FINISHED_QUANTITY_NEGATIVE,
                    "finished quantity would be " + orderLine.finishedQtyBase().add(outputBase));
        }
        if (operation != null && operation.routingStatus() == RoutingStatus.FINISHED && outputBase.signum() != 0
                && ctx.settings.outputOnFinishedOperation() == PostingSettings.OutputOnFinishedOperation.REFUSE) {
            throw PostingContext.refuse(RefusalReason.OUTPUT_ON_FINISHED_OPERATION, "operation " + operation.operationNo());
        }
        if (last && outputBase.signum() != 0 && !line.postedByInventoryPutAway()
                && location.prodOutputWhseHandling() == ProdOutputWhseHandling.INVENTORY_PUT_AWAY) {
            throw PostingContext.refuse(RefusalReason.OUTPUT_POSTED_BY_INVENTORY_PUT_AWAY,
                    "location " + location.code() + " posts last-operation output through inventory put-away");
        }
        return appliesTo;
    }

    private static BigDecimal outputQtyBase(OutputJournalLine line, OrderLine orderLine) {
        return Rounding.qty(line.outputQuantity().multiply(orderLine.qtyPerUnitOfMeasure()));
    }

    static void apply(PostingContext ctx, Checked c) {
        ctx.beginApply();
        OutputJournalLine line = c.line();
        BigDecimal setupBase = Rounding.qty(line.setupTime().multiply(c.qtyPerCapUnit()));
        BigDecimal runBase = Rounding.qty(line.runTime().multiply(c.qtyPerCapUnit()));
        BigDecimal stopBase = Rounding.qty(line.stopTime().multiply(c.qtyPerCapUnit()));
        BigDecimal outputBase = outputQtyBase(line, c.orderLine());
        BigDecimal scrapBase = Rounding.qty(line.scrapQuantity().multiply(c.orderLine().qtyPerUnitOfMeasure()));

        // 1. Stop time gets its own capacity entry, unvalued.
        if (stopBase.signum() != 0) {
            boolean copies = ctx.settings.stopTimeWithOtherQuantities()
                    == PostingSettings.StopTimeWithOtherQuantities.STOP_ENTRY_COPIES_LINE;
            insertCapacityEntry(ctx, c, stopBase, copies ? setupBase : ZERO_QTY, copies ? runBase : ZERO_QTY,
                    stopBase, copies ? outputBase : ZERO_QTY, copies ? scrapBase : ZERO_QTY, false);
            if (c.stopTimeOnly()) {
                return;
            }
        }
        // An empty line (BC skips those) only carries its Finished flag: "operation finished, nothing new to report".
        if (setupBase.signum() == 0 && runBase.signum() == 0 && outputBase.signum() == 0 && scrapBase.signum() == 0) {
            if (line.finished() && c.operation() != null) {
                c.operation().setRoutingStatus(RoutingStatus.FINISHED);
            }
            return;
        }
        // 2. Valued quantity.
        BigDecimal valued = ZERO_QTY;
        if (c.rate() != null) {
            if (c.rate().calculation() == UnitCostCalculation.UNITS) {
                valued = outputBase.add(scrapBase);
            } else {
                valued = ctx.masterData.manufacturingSetup().costInclSetup() ? setupBase.add(runBase) : runBase;
            }
        }
        // 3. Routing status, capacity entry, operation flush.
        if (c.operation() != null) {
            if (c.operation().routingStatus() == RoutingStatus.FINISHED && outputBase.signum() != 0) {
                ctx.note(Notice.NoticeCode.OUTPUT_ON_FINISHED_OPERATION, c.order().no() + " operation "
                        + c.operation().operationNo() + " output " + outputBase);
            }
            c.operation().recordPosting(setupBase, runBase, outputBase, scrapBase, line.finished());
        }
        long capacityEntryNo = insertCapacityEntry(ctx, c, valued, setupBase, runBase, ZERO_QTY, outputBase,
                scrapBase, c.lastOperation());
        if (!c.flushed().isEmpty()) {
            ConsumptionPosting.Consumption consumption = new ConsumptionPosting.Consumption(line.postingDate(),
                    ctx.masterData.manufacturingSetup().docNoIsProdOrderNo() ? c.order().no() : line.documentNo(),
                    ctx.masterData.manufacturingSetup().flushingSourceCode());
            Flushing.flush(ctx, c.order(), c.orderLine(), c.flushed(), outputBase.add(scrapBase), consumption);
        }
        // 4. Capacity value entries.
        if (c.rate() != null) {
            insertCapacityValueEntries(ctx, c, capacityEntryNo, valued);
        }
        // 5. Output item ledger entry, last operation only.
        if (c.lastOperation() && outputBase.signum() != 0) {
            insertOutput(ctx, c, outputBase);
        }
    }

    private static long insertCapacityEntry(PostingContext ctx, Checked c, BigDecimal quantity, BigDecimal setup,
                                            BigDecimal run, BigDecimal stop, BigDecimal output, BigDecimal scrap,
                                            boolean lastOutputLine) {
        OutputJournalLine line = c.line();
        OrderLine orderLine = c.orderLine();
        RoutingLine operation = c.operation();
        boolean timeCosted = c.rate() != null && c.rate().calculation() == UnitCostCalculation.TIME;
        long entryNo = ctx.nextCapacityLedgerEntryNo();
        c.order().addCapacityQuantity(quantity);
        orderLine.recordCapacityEntry();
        ctx.add(new CapacityLedgerEntry(entryNo, ctx.capacityLedgerEntryKey(),
                operation == null ? null : operation.operationNo(), operation == null ? null : operation.type(),
                operation == null ? null : operation.no(), operation == null ? null : operation.description(),
                operation == null ? null : operation.workCenterNo(),
                operation == null ? null : operation.workCenterGroupCode(), false, quantity, quantity, true, setup,
                run, stop, timeCosted ? capUnitCode(line, c.rate()) : null,
                timeCosted ? c.qtyPerCapUnit() : null, orderLine.itemNo(), orderLine.variantCode(), output, scrap,
                orderLine.unitOfMeasureCode(), orderLine.qtyPerUnitOfMeasure(), OrderType.PRODUCTION,
                c.order().no(), orderLine.lineNo(), orderLine.routingNo(), orderLine.routingReferenceNo(),
                line.postingDate(), line.postingDate(), line.documentNo(), null, line.startingTime(),
                line.endingTime(), line.concurrentCapacity(), line.workShiftCode(),
                stop.signum() != 0 ? line.stopCode() : null, scrap.signum() != 0 ? line.scrapCode() : null,
                lastOutputLine));
        return entryNo;
    }

    private static String capUnitCode(OutputJournalLine line, CapacityRate rate) {
        return line.capUnitOfMeasureCode() != null ? line.capUnitOfMeasureCode() : rate.unitOfMeasureCode();
    }

    private static void insertCapacityValueEntries(PostingContext ctx, Checked c, long capacityEntryNo,
                                                   BigDecimal valued) {
        CapacityRate.Split split = c.rate().split(valued);
        // A value entry with invoiced quantity and amount both 0 is skipped.
        if (valued.signum() != 0 || split.direct().signum() != 0) {
            ctx.add(capacityValueEntry(ctx, c, capacityEntryNo, ValueEntryType.DIRECT_COST, valued, valued,
                    split.direct()));
            c.orderLine().addActualCost(c.rate().subcontracted() ? CostBucket.SUBCONTRACTED : CostBucket.CAPACITY,
                    split.direct());
        }
        if (split.indirect().signum() != 0) {
            ctx.add(capacityValueEntry(ctx, c, capacityEntryNo, ValueEntryType.INDIRECT_COST, valued, ZERO_QTY,
                    split.indirect()));
            c.orderLine().addActualCost(CostBucket.CAPACITY_OVERHEAD, split.indirect());
        }
    }

    private static ValueEntry capacityValueEntry(PostingContext ctx, Checked c, long capacityEntryNo,
                                                 ValueEntryType type, BigDecimal valued, BigDecimal invoiced,
                                                 BigDecimal amount) {
        OutputJournalLine line = c.line();
        BigDecimal costPerUnit = valued.signum() == 0 ? BigDecimal.ZERO : Rounding.qty(Rounding.divide(amount, valued));
        return new ValueEntry(ctx.nextValueEntryNo(), ctx.valueEntryKey(), null, capacityEntryNo, type, null, null,
                c.operation().type(), c.operation().no(), c.orderLine().itemNo(), OrderType.PRODUCTION, c.order().no(),
                c.orderLine().lineNo(), c.orderLine().itemNo(), c.orderLine().locationCode(), valued, invoiced,
                ZERO_QTY, amount, BigDecimal.ZERO.setScale(Rounding.AMOUNT_SCALE), costPerUnit, false, true,
                line.postingDate(), line.postingDate(), line.documentNo(), line.sourceCode(), false);
    }

    private static void insertOutput(PostingContext ctx, Checked c, BigDecimal outputBase) {
        OutputJournalLine line = c.line();
        OrderLine orderLine = c.orderLine();
        boolean positive = outputBase.signum() > 0;
        // A reversal takes the exact cost of the entry it applies to; new output is valued at the item's unit cost.
        BigDecimal unitCost = c.appliesTo() == null ? c.parent().unitCost()
                : Rounding.divide(c.appliesTo().expectedCost(), c.appliesTo().quantityBase());
        BigDecimal expectedCost = Rounding.amount(outputBase.multiply(unitCost));
        long entryNo = ctx.nextItemLedgerEntryNo();
        ctx.add(new ItemLedgerEntry(entryNo, ctx.itemLedgerEntryKey(), orderLine.itemNo(), orderLine.variantCode(),
                line.postingDate(), ItemLedgerEntryType.OUTPUT, orderLine.itemNo(), line.documentNo(),
                c.parent().description(), orderLine.locationCode(), outputBase, positive ? outputBase : ZERO_QTY,
                ZERO_QTY, positive, positive, c.appliesTo() == null ? null : c.appliesTo().entryNo(),
                OrderType.PRODUCTION, c.order().no(), orderLine.lineNo(), 0, orderLine.unitOfMeasureCode(),
                orderLine.qtyPerUnitOfMeasure(), false, line.sourceCode()));
        ctx.add(new ValueEntry(ctx.nextValueEntryNo(), ctx.valueEntryKey(), entryNo, null, ValueEntryType.DIRECT_COST,
                null, ItemLedgerEntryType.OUTPUT, null, null, orderLine.itemNo(), OrderType.PRODUCTION,
                c.order().no(), orderLine.lineNo(), orderLine.itemNo(), orderLine.locationCode(), outputBase,
                ZERO_QTY, outputBase, BigDecimal.ZERO.setScale(Rounding.AMOUNT_SCALE), expectedCost,
                Rounding.qty(unitCost), true, true, line.postingDate(), line.postingDate(), line.documentNo(),
                line.sourceCode(), false));
        if (c.appliesTo() != null) {
            c.appliesTo().apply(outputBase);
        }
        orderLine.addOutputEntry(new OutputEntry(entryNo, outputBase, expectedCost));

        if (c.location().binMandatory()) {
            ctx.add(new WarehouseEntry(ctx.nextWarehouseEntryNo(), ctx.warehouseEntryKey(), orderLine.locationCode(),
                    c.binCode(), orderLine.itemNo(), orderLine.variantCode(),
                    Rounding.qty(line.outputQuantity()), outputBase, orderLine.unitOfMeasureCode(),
                    positive ? WarehouseEntry.WarehouseEntryType.POSITIVE_ADJMT
                            : WarehouseEntry.WarehouseEntryType.NEGATIVE_ADJMT,
                    c.order().no(), orderLine.lineNo(), 0, line.documentNo(), line.postingDate()));
        }
        if (positive && c.location().prodOutputWhseHandling() == ProdOutputWhseHandling.WAREHOUSE_PUT_AWAY) {
            ctx.add(new WarehouseRequest(ctx.warehouseRequestKey(), WarehouseRequest.RequestType.WAREHOUSE_PUT_AWAY,
                    orderLine.locationCode(), c.binCode(), orderLine.itemNo(), orderLine.variantCode(),
                    c.order().no(), orderLine.lineNo(), outputBase, line.postingDate()));
        }
        orderLine.addFinishedQtyBase(outputBase);
    }

    /** Components that an automatic output posting on these operations would flush (for up-front checks). */
    static List<Component> flushedBy(OrderLine line, List<RoutingLine> operations) {
        return operations.stream().flatMap(op -> Flushing.flushedByOperation(line, op).stream()).toList();
    }
}
