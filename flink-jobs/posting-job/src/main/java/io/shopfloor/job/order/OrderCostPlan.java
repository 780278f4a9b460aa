package io.shopfloor.job.order;

import io.shopfloor.posting.ProductionOrderStatistics;
import io.shopfloor.posting.model.CostBucket;
import io.shopfloor.posting.model.Item;
import io.shopfloor.posting.model.MasterData;
import io.shopfloor.posting.order.OrderStatus;
import io.shopfloor.posting.order.ProductionOrder;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What an order was planned to cost and consume, as the posting rules saw it at release and again after the cost
 * adjustment (when Standard turns into standard × finished quantity): the Standard and Expected columns of the
 * statistics page, the parents' overhead rates, and each component's expected quantity. The ledger holds the
 * actuals; this is what the ledger store's views compare them with. A snapshot, not an entry: the latest one per
 * order is the plan.
 */
public record OrderCostPlan(String idempotencyKey, String orderNo, OrderStatus status, LocalDate postingDate,
                            Instant eventTime, Map<CostBucket, BigDecimal> standard,
                            Map<CostBucket, BigDecimal> expected, BigDecimal expectedCapacityNeed,
                            List<LinePlan> lines, List<ComponentPlan> components) implements Serializable {

    /** An order line: what manufacturing overhead is computed from (§7.2). */
    public record LinePlan(int lineNo, String itemNo, int routingReferenceNo, BigDecimal quantityBase,
                           BigDecimal indirectCostPct, BigDecimal overheadRate) implements Serializable {
    }

    /** A component line: its expected quantity and cost. */
    public record ComponentPlan(int orderLineNo, int lineNo, String itemNo, BigDecimal expectedQtyBase,
                                BigDecimal costAmount) implements Serializable {
    }

    public static OrderCostPlan of(String sourceId, ProductionOrder order, OrderStatus status, LocalDate postingDate,
                                   ProductionOrderStatistics statistics, MasterData masterData) {
        Map<CostBucket, BigDecimal> standard = new EnumMap<>(CostBucket.class);
        Map<CostBucket, BigDecimal> expected = new EnumMap<>(CostBucket.class);
        statistics.rows().forEach((bucket, row) -> {
            standard.put(bucket, row.standard());
            expected.put(bucket, row.expected());
        });
        List<LinePlan> lines = new ArrayList<>();
        List<ComponentPlan> components = new ArrayList<>();
        order.lines().forEach(line -> {
            Item parent = masterData.item(line.itemNo()).orElseThrow();
            lines.add(new LinePlan(line.lineNo(), line.itemNo(), line.routingReferenceNo(), line.quantityBase(),
                    parent.indirectCostPct(), parent.overheadRate()));
            line.components().forEach(c -> components.add(new ComponentPlan(c.orderLineNo(), c.lineNo(), c.itemNo(),
                    c.expectedQtyBase(), c.costAmount())));
        });
        return new OrderCostPlan(sourceId + "/cost-plan", order.no(), status, postingDate, null, standard, expected,
                statistics.expectedCapacityNeed(), List.copyOf(lines), List.copyOf(components));
    }

    public OrderCostPlan at(Instant time) {
        return new OrderCostPlan(idempotencyKey, orderNo, status, postingDate, time, standard, expected,
                expectedCapacityNeed, lines, components);
    }
}
