package io.shopfloor.posting.order;

import java.io.Serializable;

import io.shopfloor.posting.model.CapacityType;
import io.shopfloor.posting.model.RoutingFlushingMethod;

import java.math.BigDecimal;

/**
 * Prod. order routing line as defined in the ERP. Times are in their own capacity units. Blank next/previous
 * operation numbers on every line of a routing mean a serial routing in operation-number order.
 * {@code flushingMethod} null takes the work/machine center's; {@code unitCostPer} null takes its unit cost.
 */
public record RoutingLineDefinition(String routingNo, int routingReferenceNo, String operationNo,
                                    String nextOperationNo, String previousOperationNo, CapacityType type, String no,
                                    String description, BigDecimal setupTime, String setupTimeUnitOfMeasureCode,
                                    BigDecimal runTime, String runTimeUnitOfMeasureCode, BigDecimal lotSize,
                                    BigDecimal concurrentCapacities, String routingLinkCode, BigDecimal scrapFactorPct,
                                    BigDecimal fixedScrapQuantity, RoutingFlushingMethod flushingMethod,
                                    BigDecimal unitCostPer) implements Serializable {

    /** A serial routing line with times in minutes, no scrap, lot size 1 and one concurrent capacity. */
    public static RoutingLineDefinition of(String routingNo, int routingReferenceNo, String operationNo,
                                           CapacityType type, String no, String setupMinutes, String runMinutes,
                                           String routingLinkCode, RoutingFlushingMethod flushing) {
        return new RoutingLineDefinition(routingNo, routingReferenceNo, operationNo, null, null, type, no, no,
                new BigDecimal(setupMinutes), "MINUTES", new BigDecimal(runMinutes), "MINUTES", BigDecimal.ONE,
                BigDecimal.ONE, routingLinkCode, BigDecimal.ZERO, BigDecimal.ZERO, flushing, null);
    }

    public RoutingLineDefinition withScrap(String factorPct, String fixedQuantity) {
        return new RoutingLineDefinition(routingNo, routingReferenceNo, operationNo, nextOperationNo,
                previousOperationNo, type, no, description, setupTime, setupTimeUnitOfMeasureCode, runTime,
                runTimeUnitOfMeasureCode, lotSize, concurrentCapacities, routingLinkCode, new BigDecimal(factorPct),
                new BigDecimal(fixedQuantity), flushingMethod, unitCostPer);
    }

    public RoutingLineDefinition withUnitCostPer(String unitCost) {
        return new RoutingLineDefinition(routingNo, routingReferenceNo, operationNo, nextOperationNo,
                previousOperationNo, type, no, description, setupTime, setupTimeUnitOfMeasureCode, runTime,
                runTimeUnitOfMeasureCode, lotSize, concurrentCapacities, routingLinkCode, scrapFactorPct,
                fixedScrapQuantity, flushingMethod, new BigDecimal(unitCost));
    }
}
