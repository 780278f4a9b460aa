package io.shopfloor.posting.model;

import java.io.Serializable;

import java.math.BigDecimal;

/**
 * Item card as of posting. {@code unitCost} is per base unit (for Standard items it is the standard cost);
 * {@code roundingPrecision} must be set for items that are flushed.
 */
public record Item(String no, String description, String baseUnitOfMeasureCode, CostingMethod costingMethod,
                   BigDecimal unitCost, BigDecimal roundingPrecision, BigDecimal indirectCostPct,
                   BigDecimal overheadRate, SingleLevelCost singleLevelCost, boolean variantMandatory,
                   String defaultBinCode) implements Serializable {

    /** A purchased or produced item without overhead, no variant rule and no default bin. */
    public static Item of(String no, String baseUom, CostingMethod method, String unitCost, String roundingPrecision) {
        return new Item(no, no, baseUom, method, new BigDecimal(unitCost), new BigDecimal(roundingPrecision),
                BigDecimal.ZERO, BigDecimal.ZERO, SingleLevelCost.ZERO, false, null);
    }

    public Item withSingleLevelCost(SingleLevelCost cost) {
        return new Item(no, description, baseUnitOfMeasureCode, costingMethod, unitCost, roundingPrecision,
                indirectCostPct, overheadRate, cost, variantMandatory, defaultBinCode);
    }

    public Item withOverhead(BigDecimal newIndirectCostPct, BigDecimal newOverheadRate) {
        return new Item(no, description, baseUnitOfMeasureCode, costingMethod, unitCost, roundingPrecision,
                newIndirectCostPct, newOverheadRate, singleLevelCost, variantMandatory, defaultBinCode);
    }

    public Item withDefaultBin(String binCode) {
        return new Item(no, description, baseUnitOfMeasureCode, costingMethod, unitCost, roundingPrecision,
                indirectCostPct, overheadRate, singleLevelCost, variantMandatory, binCode);
    }

    public Item withVariantMandatory(boolean mandatory) {
        return new Item(no, description, baseUnitOfMeasureCode, costingMethod, unitCost, roundingPrecision,
                indirectCostPct, overheadRate, singleLevelCost, mandatory, defaultBinCode);
    }
}
