package io.shopfloor.posting.model;

import java.io.Serializable;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Cost setup shared by work and machine centers: Unit Cost = Direct × (1 + Indirect %/100) + Overhead Rate. */
public record CapacityCost(BigDecimal directUnitCost, BigDecimal indirectCostPct, BigDecimal overheadRate) implements Serializable {

    public static CapacityCost of(String direct, String indirectPct, String overheadRate) {
        return new CapacityCost(new BigDecimal(direct), new BigDecimal(indirectPct), new BigDecimal(overheadRate));
    }

    public BigDecimal unitCost() {
        return directUnitCost.multiply(BigDecimal.ONE.add(indirectCostPct.movePointLeft(2))).add(overheadRate);
    }

    /** The overhead part of one unit: Direct × Indirect %/100 + Overhead Rate. */
    public BigDecimal overheadPerUnit() {
        return directUnitCost.multiply(indirectCostPct.movePointLeft(2)).add(overheadRate);
    }

    /** A cost setup whose direct cost is derived from a given unit cost (work center with Specific Unit Cost). */
    public CapacityCost withUnitCost(BigDecimal unitCost) {
        BigDecimal direct = unitCost.subtract(overheadRate)
                .divide(BigDecimal.ONE.add(indirectCostPct.movePointLeft(2)), 10, RoundingMode.HALF_UP);
        return new CapacityCost(direct, indirectCostPct, overheadRate);
    }
}
