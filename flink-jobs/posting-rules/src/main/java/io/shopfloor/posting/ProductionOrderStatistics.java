package io.shopfloor.posting;

import io.shopfloor.posting.model.CostBucket;
import io.shopfloor.posting.model.Item;
import io.shopfloor.posting.order.OrderLine;
import io.shopfloor.posting.order.ProductionOrder;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Production Order Statistics (page 99000816, docs/cost-adjustment.md#statistics): rows Material, Capacity,
 * Subcontracted, Capacity Overhead,
 * Manufacturing Overhead and Total; columns Standard, Expected, Actual, Dev. % and Variance (= Actual −
 * Standard); plus the expected capacity need against the actual time used (Σ capacity entry Quantity).
 */
public record ProductionOrderStatistics(Map<CostBucket, Row> rows, Row total, BigDecimal expectedCapacityNeed,
                                        BigDecimal actualTimeUsed) {

    /** One row; Dev. % is rounded to 0.0001 and its basis is {@link PostingSettings.DeviationBasis}. */
    public record Row(BigDecimal standard, BigDecimal expected, BigDecimal actual, BigDecimal deviationPct,
                      BigDecimal variance) {
    }

    public Row row(CostBucket bucket) {
        return rows.get(bucket);
    }

    static ProductionOrderStatistics of(PostingContext ctx, ProductionOrder order) {
        Map<CostBucket, BigDecimal> standard = zeros();
        Map<CostBucket, BigDecimal> expected = zeros();
        Map<CostBucket, BigDecimal> actual = zeros();
        for (OrderLine line : order.lines()) {
            Item parent = ctx.item(line.itemNo());
            // Standard is for the line quantity until the order is adjusted, then for what was finished.
            BigDecimal standardQuantity = order.isCostAdjusted() ? line.finishedQtyBase() : line.quantityBase();
            OrderCosts.standard(parent, standardQuantity).forEach((b, v) -> standard.merge(b, v, BigDecimal::add));
            OrderCosts.expected(order, line, parent).forEach((b, v) -> expected.merge(b, v, BigDecimal::add));
            OrderCosts.actual(order, line, parent).forEach((b, v) -> actual.merge(b, v, BigDecimal::add));
        }
        PostingSettings.DeviationBasis basis = ctx.settings.deviationBasis();
        Map<CostBucket, Row> rows = new EnumMap<>(CostBucket.class);
        for (CostBucket bucket : CostBucket.values()) {
            rows.put(bucket, row(standard.get(bucket), expected.get(bucket), actual.get(bucket), basis));
        }
        Row total = row(sum(standard), sum(expected), sum(actual), basis);
        BigDecimal need = order.routingLines().map(r -> r.expected().capacityNeed())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return new ProductionOrderStatistics(Collections.unmodifiableMap(rows), total, need,
                order.capacityQuantityPosted());
    }

    private static Row row(BigDecimal standard, BigDecimal expected, BigDecimal actual,
                           PostingSettings.DeviationBasis basis) {
        BigDecimal variance = actual.subtract(standard);
        BigDecimal base = basis == PostingSettings.DeviationBasis.STANDARD ? standard : expected;
        BigDecimal deviation = base.signum() == 0 ? BigDecimal.ZERO.setScale(4)
                : actual.subtract(base).multiply(BigDecimal.valueOf(100)).divide(base, 4, RoundingMode.HALF_UP);
        return new Row(standard, expected, actual, deviation, variance);
    }

    private static Map<CostBucket, BigDecimal> zeros() {
        Map<CostBucket, BigDecimal> map = new EnumMap<>(CostBucket.class);
        for (CostBucket bucket : CostBucket.values()) {
            map.put(bucket, BigDecimal.ZERO.setScale(Rounding.AMOUNT_SCALE));
        }
        return map;
    }

    private static BigDecimal sum(Map<CostBucket, BigDecimal> values) {
        return values.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

}
