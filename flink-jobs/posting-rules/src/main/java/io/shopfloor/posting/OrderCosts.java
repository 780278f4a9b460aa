package io.shopfloor.posting;

import io.shopfloor.posting.model.CostBucket;
import io.shopfloor.posting.model.Item;
import io.shopfloor.posting.order.Component;
import io.shopfloor.posting.order.OrderLine;
import io.shopfloor.posting.order.ProductionOrder;
import io.shopfloor.posting.order.RoutingLine;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Standard, expected and actual cost of an order line per cost bucket (docs/cost-adjustment.md#statistics,
 * docs/cost-adjustment.md#actual-cost).
 */
final class OrderCosts {
    /** Buckets whose actual cost is transferred from WIP to the output as Direct Cost. */
    static final List<CostBucket> DIRECT_BUCKETS = List.of(CostBucket.MATERIAL, CostBucket.CAPACITY,
            CostBucket.SUBCONTRACTED, CostBucket.CAPACITY_OVERHEAD);

    private OrderCosts() {
    }

    /** Item single-level shares × quantity. */
    static Map<CostBucket, BigDecimal> standard(Item parent, BigDecimal quantityBase) {
        Map<CostBucket, BigDecimal> standard = new EnumMap<>(CostBucket.class);
        for (CostBucket bucket : CostBucket.values()) {
            standard.put(bucket, Rounding.amount(parent.singleLevelCost().get(bucket).multiply(quantityBase)));
        }
        return standard;
    }

    /**
     * docs/cost-adjustment.md#actual-cost: material from consumption; capacity, subcontracted and capacity overhead of
     * the routing times the
     * line's share of its output; manufacturing overhead from the parent's rates.
     */
    static Map<CostBucket, BigDecimal> actual(ProductionOrder order, OrderLine line, Item parent) {
        List<OrderLine> sharing = linesSharingRouting(order, line);
        BigDecimal share = share(sharing, line, OrderLine::finishedQtyBase);
        Map<CostBucket, BigDecimal> actual = new EnumMap<>(CostBucket.class);
        actual.put(CostBucket.MATERIAL, line.actualCost(CostBucket.MATERIAL));
        for (CostBucket bucket : List.of(CostBucket.CAPACITY, CostBucket.SUBCONTRACTED, CostBucket.CAPACITY_OVERHEAD)) {
            BigDecimal routingTotal = sharing.stream().map(l -> l.actualCost(bucket)).reduce(BigDecimal.ZERO, BigDecimal::add);
            actual.put(bucket, Rounding.amount(routingTotal.multiply(share)));
        }
        BigDecimal outputQtyBase = line.outputEntries().stream().map(e -> e.quantityBase())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        actual.put(CostBucket.MANUFACTURING_OVERHEAD, manufacturingOverhead(actual, parent, outputQtyBase));
        return actual;
    }

    /**
     * Expected column (docs/cost-adjustment.md#statistics): component cost amounts, routing expected costs × the line's
     * share of quantity.
     */
    static Map<CostBucket, BigDecimal> expected(ProductionOrder order, OrderLine line, Item parent) {
        List<OrderLine> sharing = linesSharingRouting(order, line);
        BigDecimal share = share(sharing, line, OrderLine::quantityBase);
        BigDecimal capacity = BigDecimal.ZERO;
        BigDecimal subcontracted = BigDecimal.ZERO;
        BigDecimal overhead = BigDecimal.ZERO;
        for (RoutingLine r : line.routing()) {
            BigDecimal direct = r.expected().operationCostAmount().subtract(r.expected().capacityOverheadCost());
            if (r.isSubcontracted()) {
                subcontracted = subcontracted.add(direct);
            } else {
                capacity = capacity.add(direct);
            }
            overhead = overhead.add(r.expected().capacityOverheadCost());
        }
        Map<CostBucket, BigDecimal> expected = new EnumMap<>(CostBucket.class);
        expected.put(CostBucket.MATERIAL, line.components().stream().map(Component::costAmount)
                .reduce(BigDecimal.ZERO.setScale(Rounding.AMOUNT_SCALE), BigDecimal::add));
        expected.put(CostBucket.CAPACITY, Rounding.amount(capacity.multiply(share)));
        expected.put(CostBucket.SUBCONTRACTED, Rounding.amount(subcontracted.multiply(share)));
        expected.put(CostBucket.CAPACITY_OVERHEAD, Rounding.amount(overhead.multiply(share)));
        expected.put(CostBucket.MANUFACTURING_OVERHEAD, manufacturingOverhead(expected, parent, line.quantityBase()));
        return expected;
    }

    /** RoundAmt((material + capacity + subcontracted + capacity overhead) × Indirect %/100 + Overhead Rate × qty). */
    private static BigDecimal manufacturingOverhead(Map<CostBucket, BigDecimal> costs, Item parent,
                                                    BigDecimal quantityBase) {
        BigDecimal direct = DIRECT_BUCKETS.stream().map(costs::get).reduce(BigDecimal.ZERO, BigDecimal::add);
        return Rounding.amount(direct.multiply(Rounding.percent(parent.indirectCostPct()))
                .add(parent.overheadRate().multiply(quantityBase)));
    }

    private static List<OrderLine> linesSharingRouting(ProductionOrder order, OrderLine line) {
        if (line.routing().isEmpty()) {
            return List.of(line);
        }
        return order.lines().stream()
                .filter(l -> line.routingNo().equals(l.routingNo()) && l.routingReferenceNo() == line.routingReferenceNo())
                .toList();
    }

    /** The line's part of the lines sharing its routing; 1 when they have nothing to share by. */
    private static BigDecimal share(List<OrderLine> sharing, OrderLine line, Function<OrderLine, BigDecimal> measure) {
        BigDecimal total = sharing.stream().map(measure).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (total.signum() == 0 || sharing.size() == 1) {
            return BigDecimal.ONE;
        }
        return Rounding.divide(measure.apply(line), total);
    }

    /** Splits an amount over entries in proportion to their quantities, the rounding residue on the last entry. */
    static List<BigDecimal> distribute(BigDecimal total, List<BigDecimal> quantities) {
        BigDecimal totalQuantity = quantities.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal[] shares = new BigDecimal[quantities.size()];
        BigDecimal assigned = BigDecimal.ZERO;
        for (int i = 0; i < shares.length - 1; i++) {
            shares[i] = totalQuantity.signum() == 0 ? BigDecimal.ZERO.setScale(Rounding.AMOUNT_SCALE)
                    : Rounding.amount(Rounding.divide(total.multiply(quantities.get(i)), totalQuantity));
            assigned = assigned.add(shares[i]);
        }
        shares[shares.length - 1] = Rounding.amount(total.subtract(assigned));
        return List.of(shares);
    }
}
