package io.shopfloor.posting;

import io.shopfloor.posting.journal.CostAdjustmentRun;
import io.shopfloor.posting.ledger.ItemLedgerEntryType;
import io.shopfloor.posting.ledger.OrderType;
import io.shopfloor.posting.ledger.ValueEntry;
import io.shopfloor.posting.ledger.ValueEntryType;
import io.shopfloor.posting.model.CostBucket;
import io.shopfloor.posting.model.Item;
import io.shopfloor.posting.order.OrderLine;
import io.shopfloor.posting.order.OrderStatus;
import io.shopfloor.posting.order.OutputEntry;
import io.shopfloor.posting.order.ProductionOrder;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Adjust Cost – Item Entries for a finished order (docs/cost-adjustment.md): each output entry gets its share of the
 * actual
 * cost (Direct Cost for what was in WIP, Indirect Cost for manufacturing overhead) with its expected cost
 * reversed; standard-cost parents also get Variance entries (standard share − actual share) per variance type.
 * Shares are split by output quantity in entry order, the rounding residue on the last entry. Only differences to
 * earlier runs are posted.
 */
final class CostAdjustment {
    private static final BigDecimal ZERO_AMOUNT = BigDecimal.ZERO.setScale(Rounding.AMOUNT_SCALE);

    private CostAdjustment() {
    }

    static void adjust(PostingContext ctx, ProductionOrder order, CostAdjustmentRun run) {
        if (order.status() != OrderStatus.FINISHED) {
            throw PostingContext.refuse(RefusalReason.ORDER_NOT_FINISHED, order.no() + " is " + order.status());
        }
        order.lines().forEach(line -> ctx.item(line.itemNo()));
        ctx.beginApply();
        for (OrderLine line : order.lines()) {
            if (!line.outputEntries().isEmpty()) {
                adjustLine(ctx, order, line, run);
            }
        }
        order.markCostAdjusted();
    }

    private static void adjustLine(PostingContext ctx, ProductionOrder order, OrderLine line, CostAdjustmentRun run) {
        Item parent = ctx.item(line.itemNo());
        List<OutputEntry> entries = line.outputEntries();
        List<BigDecimal> quantities = entries.stream().map(OutputEntry::quantityBase).toList();
        BigDecimal outputQtyBase = quantities.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        Map<CostBucket, List<BigDecimal>> actualShares = shares(OrderCosts.actual(order, line, parent), quantities);
        boolean variances = parent.costingMethod().producesVariances();
        Map<CostBucket, List<BigDecimal>> standardShares = variances
                ? shares(OrderCosts.standard(parent, outputQtyBase), quantities) : null;

        boolean changed = false;
        for (int i = 0; i < entries.size(); i++) {
            OutputEntry entry = entries.get(i);
            Map<CostBucket, BigDecimal> actualDelta = new EnumMap<>(CostBucket.class);
            Map<CostBucket, BigDecimal> varianceDelta = new EnumMap<>(CostBucket.class);
            for (CostBucket bucket : CostBucket.values()) {
                BigDecimal actual = actualShares.get(bucket).get(i);
                actualDelta.put(bucket, actual.subtract(entry.actualCostPosted(bucket)));
                if (variances) {
                    BigDecimal variance = standardShares.get(bucket).get(i).subtract(actual);
                    varianceDelta.put(bucket, variance.subtract(entry.variancePosted(bucket)));
                }
            }
            BigDecimal directDelta = OrderCosts.DIRECT_BUCKETS.stream().map(actualDelta::get)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal expectedReversal = entry.expectedCostOutstanding().negate();
            postDirectCost(ctx, order, line, entry, run, directDelta, expectedReversal);
            BigDecimal indirectDelta = actualDelta.get(CostBucket.MANUFACTURING_OVERHEAD);
            if (indirectDelta.signum() != 0) {
                ctx.add(adjustmentEntry(ctx, order, line, entry, run, ValueEntryType.INDIRECT_COST, null,
                        BigDecimal.ZERO, indirectDelta, ZERO_AMOUNT));
            }
            for (Map.Entry<CostBucket, BigDecimal> variance : varianceDelta.entrySet()) {
                if (variance.getValue().signum() != 0) {
                    ctx.add(adjustmentEntry(ctx, order, line, entry, run, ValueEntryType.VARIANCE, variance.getKey(),
                            BigDecimal.ZERO, variance.getValue(), ZERO_AMOUNT));
                }
            }
            changed |= expectedReversal.signum() != 0 || actualDelta.values().stream().anyMatch(d -> d.signum() != 0);
            entry.recordAdjustment(expectedReversal, actualDelta, varianceDelta);
        }
        if (!variances && changed && outputQtyBase.signum() != 0) {
            BigDecimal cost = entries.stream().flatMap(e -> Arrays.stream(CostBucket.values()).map(e::actualCostPosted))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            ctx.add(new ItemCostUpdate(ctx.itemCostUpdateKey(), line.itemNo(), parent.costingMethod(), order.no(),
                    line.lineNo(), Rounding.qty(outputQtyBase), Rounding.amount(cost),
                    Rounding.qty(Rounding.divide(cost, outputQtyBase)), run.postingDate()));
        }
    }

    private static void postDirectCost(PostingContext ctx, ProductionOrder order, OrderLine line, OutputEntry entry,
                                       CostAdjustmentRun run, BigDecimal directDelta, BigDecimal expectedReversal) {
        // The entry that removes the expected cost also completes invoicing of the output entry.
        BigDecimal invoiced = expectedReversal.signum() != 0 ? entry.quantityBase() : BigDecimal.ZERO;
        if (ctx.settings.outputAdjustmentLayout() == PostingSettings.OutputAdjustmentLayout.SEPARATE_EXPECTED_REVERSAL) {
            if (expectedReversal.signum() != 0) {
                ctx.add(adjustmentEntry(ctx, order, line, entry, run, ValueEntryType.DIRECT_COST, null, invoiced,
                        ZERO_AMOUNT, expectedReversal));
            }
            if (directDelta.signum() != 0) {
                ctx.add(adjustmentEntry(ctx, order, line, entry, run, ValueEntryType.DIRECT_COST, null,
                        BigDecimal.ZERO, directDelta, ZERO_AMOUNT));
            }
        } else if (directDelta.signum() != 0 || expectedReversal.signum() != 0) {
            ctx.add(adjustmentEntry(ctx, order, line, entry, run, ValueEntryType.DIRECT_COST, null, invoiced,
                    directDelta, expectedReversal));
        }
    }

    private static ValueEntry adjustmentEntry(PostingContext ctx, ProductionOrder order, OrderLine line,
                                              OutputEntry entry, CostAdjustmentRun run, ValueEntryType type,
                                              CostBucket varianceType, BigDecimal invoicedQuantity,
                                              BigDecimal actual, BigDecimal expected) {
        BigDecimal costPerUnit = Rounding.qty(Rounding.divide(actual.add(expected), entry.quantityBase()));
        return new ValueEntry(ctx.nextValueEntryNo(), ctx.valueEntryKey(), entry.entryNo(), null, type, varianceType,
                ItemLedgerEntryType.OUTPUT, null, null, line.itemNo(), OrderType.PRODUCTION, order.no(),
                line.lineNo(), line.itemNo(), line.locationCode(), entry.quantityBase(),
                Rounding.qty(invoicedQuantity), BigDecimal.ZERO.setScale(Rounding.QTY_SCALE), Rounding.amount(actual),
                Rounding.amount(expected), costPerUnit, false, true, run.postingDate(), run.postingDate(), order.no(),
                "INVTADJMT", true);
    }

    private static Map<CostBucket, List<BigDecimal>> shares(Map<CostBucket, BigDecimal> totals,
                                                            List<BigDecimal> quantities) {
        Map<CostBucket, List<BigDecimal>> shares = new EnumMap<>(CostBucket.class);
        totals.forEach((bucket, total) -> shares.put(bucket, OrderCosts.distribute(total, quantities)));
        return shares;
    }
}
