package io.shopfloor.posting.order;

import java.io.Serializable;

import io.shopfloor.posting.model.CalculationFormula;
import io.shopfloor.posting.model.FlushingMethod;

import java.math.BigDecimal;

/**
 * Prod. order component as defined in the ERP. {@code quantityPer} is in the component's unit per parent unit;
 * the dimensions feed the calculation formula. {@code binCode} null means "default it"
 * (docs/warehouse.md#component-bins).
 */
public record ComponentDefinition(int orderLineNo, int lineNo, String itemNo, String variantCode,
                                  String unitOfMeasureCode, BigDecimal qtyPerUnitOfMeasure, BigDecimal quantityPer,
                                  CalculationFormula calculationFormula, BigDecimal length, BigDecimal width,
                                  BigDecimal depth, BigDecimal weight, BigDecimal scrapPct,
                                  FlushingMethod flushingMethod, String routingLinkCode, String locationCode,
                                  String binCode) implements Serializable {

    public static ComponentDefinition of(int orderLineNo, int lineNo, String itemNo, String uom, String quantityPer,
                                         String scrapPct, FlushingMethod flushing, String routingLinkCode,
                                         String location) {
        return new ComponentDefinition(orderLineNo, lineNo, itemNo, null, uom, BigDecimal.ONE,
                new BigDecimal(quantityPer), CalculationFormula.BLANK, null, null, null, null,
                new BigDecimal(scrapPct), flushing, routingLinkCode, location, null);
    }

    public ComponentDefinition withQtyPerUnitOfMeasure(String qtyPerUom) {
        return new ComponentDefinition(orderLineNo, lineNo, itemNo, variantCode, unitOfMeasureCode,
                new BigDecimal(qtyPerUom), quantityPer, calculationFormula, length, width, depth, weight, scrapPct,
                flushingMethod, routingLinkCode, locationCode, binCode);
    }

    public ComponentDefinition withFormula(CalculationFormula formula, String newLength, String newWidth,
                                           String newDepth, String newWeight) {
        return new ComponentDefinition(orderLineNo, lineNo, itemNo, variantCode, unitOfMeasureCode,
                qtyPerUnitOfMeasure, quantityPer, formula, dec(newLength), dec(newWidth), dec(newDepth),
                dec(newWeight), scrapPct, flushingMethod, routingLinkCode, locationCode, binCode);
    }

    private static BigDecimal dec(String value) {
        return value == null ? null : new BigDecimal(value);
    }
}
