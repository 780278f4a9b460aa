package io.shopfloor.posting.model;

import java.io.Serializable;

import java.math.BigDecimal;

/** An item's single-level standard cost shares per base unit; they add up to its standard cost. */
public record SingleLevelCost(BigDecimal material, BigDecimal capacity, BigDecimal subcontracted,
                              BigDecimal capacityOverhead, BigDecimal manufacturingOverhead) implements Serializable {
    public static final SingleLevelCost ZERO =
            new SingleLevelCost(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    public BigDecimal get(CostBucket bucket) {
        return switch (bucket) {
            case MATERIAL -> material;
            case CAPACITY -> capacity;
            case SUBCONTRACTED -> subcontracted;
            case CAPACITY_OVERHEAD -> capacityOverhead;
            case MANUFACTURING_OVERHEAD -> manufacturingOverhead;
        };
    }
}
