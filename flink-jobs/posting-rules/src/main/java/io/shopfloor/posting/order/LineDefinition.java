package io.shopfloor.posting.order;

import java.io.Serializable;

import java.math.BigDecimal;

/**
 * Prod. order line as defined in the ERP. {@code quantity} is in {@code unitOfMeasureCode}; base = quantity ×
 * qtyPerUnitOfMeasure. {@code binCode} null means "default it" (docs/warehouse.md#output-bin). Indirect cost % and
 * overhead rate are the
 * parent's rates used for manufacturing overhead.
 */
public record LineDefinition(int lineNo, String itemNo, String variantCode, String locationCode, String binCode,
                             BigDecimal quantity, String unitOfMeasureCode, BigDecimal qtyPerUnitOfMeasure,
                             BigDecimal scrapPct, String routingNo, int routingReferenceNo) implements Serializable {

    public static LineDefinition of(int lineNo, String itemNo, String location, String quantity, String uom,
                                    String routingNo) {
        return new LineDefinition(lineNo, itemNo, null, location, null, new BigDecimal(quantity), uom,
                BigDecimal.ONE, BigDecimal.ZERO, routingNo, lineNo);
    }

    public LineDefinition withQtyPerUnitOfMeasure(String qtyPerUom) {
        return new LineDefinition(lineNo, itemNo, variantCode, locationCode, binCode, quantity, unitOfMeasureCode,
                new BigDecimal(qtyPerUom), scrapPct, routingNo, routingReferenceNo);
    }

    public LineDefinition withScrapPct(String pct) {
        return new LineDefinition(lineNo, itemNo, variantCode, locationCode, binCode, quantity, unitOfMeasureCode,
                qtyPerUnitOfMeasure, new BigDecimal(pct), routingNo, routingReferenceNo);
    }

    public LineDefinition withVariant(String variant) {
        return new LineDefinition(lineNo, itemNo, variant, locationCode, binCode, quantity, unitOfMeasureCode,
                qtyPerUnitOfMeasure, scrapPct, routingNo, routingReferenceNo);
    }
}
