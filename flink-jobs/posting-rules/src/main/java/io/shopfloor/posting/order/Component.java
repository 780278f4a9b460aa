package io.shopfloor.posting.order;

import java.io.Serializable;

import io.shopfloor.posting.Rounding;
import io.shopfloor.posting.model.CalculationFormula;
import io.shopfloor.posting.model.FlushingMethod;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Prod. Order Component with its expected quantity (from refresh) and its consumption so far. */
public final class Component implements Serializable {
    /** The job stores this class field by field (RulesCodec in posting-job): a new field is written there too. */
    private static final long serialVersionUID = 1L;

    private final ComponentDefinition definition;
    private final BigDecimal quantity;
    private final BigDecimal expectedQuantity;
    private final BigDecimal expectedQtyBase;
    private final BigDecimal costAmount;
    private final String binCode;
    private BigDecimal actConsumptionQtyBase = BigDecimal.ZERO;
    private BigDecimal remainingQtyBase;

    public Component(ComponentDefinition definition, BigDecimal quantity, BigDecimal expectedQuantity,
                     BigDecimal costAmount, String binCode) {
        this.definition = definition;
        this.quantity = quantity;
        this.expectedQuantity = expectedQuantity;
        this.expectedQtyBase = Rounding.qty(expectedQuantity.multiply(definition.qtyPerUnitOfMeasure()));
        this.costAmount = costAmount;
        this.binCode = binCode;
        this.remainingQtyBase = expectedQtyBase;
    }

    /** A component as stored in the job's state, with its consumption so far (for the state serializer). */
    public Component(ComponentDefinition definition, BigDecimal quantity, BigDecimal expectedQuantity,
                     BigDecimal costAmount, String binCode, BigDecimal actConsumptionQtyBase,
                     BigDecimal remainingQtyBase) {
        this(definition, quantity, expectedQuantity, costAmount, binCode);
        this.actConsumptionQtyBase = actConsumptionQtyBase;
        this.remainingQtyBase = remainingQtyBase;
    }

    /**
     * PostConsumption (docs/flushing.md#consumption-against-the-component): books {@code qtyBase} against this line's
     * remainder. The part beyond the remainder
     * is returned as leftover, which becomes a separate over-consumption entry.
     */
    public ConsumptionSplit consume(BigDecimal qtyBase) {
        BigDecimal newRemaining = Rounding.qty(expectedQtyBase.subtract(actConsumptionQtyBase).subtract(qtyBase));
        BigDecimal againstLine;
        if (newRemaining.multiply(expectedQtyBase).signum() <= 0) {
            againstLine = remainingQtyBase;
            remainingQtyBase = BigDecimal.ZERO.setScale(Rounding.QTY_SCALE);
        } else {
            againstLine = remainingQtyBase.subtract(newRemaining);
            remainingQtyBase = newRemaining;
        }
        actConsumptionQtyBase = Rounding.qty(actConsumptionQtyBase.add(qtyBase));
        return new ConsumptionSplit(Rounding.qty(againstLine), Rounding.qty(qtyBase.subtract(againstLine)));
    }

    /** How one consumption splits into the part booked against the component line and the over-consumption. */
    public record ConsumptionSplit(BigDecimal againstLineQtyBase, BigDecimal leftoverQtyBase) implements Serializable {
    }

    public ComponentDefinition definition() {
        return definition;
    }

    public int orderLineNo() {
        return definition.orderLineNo();
    }

    public int lineNo() {
        return definition.lineNo();
    }

    public String itemNo() {
        return definition.itemNo();
    }

    public FlushingMethod flushingMethod() {
        return definition.flushingMethod();
    }

    public String routingLinkCode() {
        return definition.routingLinkCode();
    }

    public boolean isLinked() {
        return definition.routingLinkCode() != null && !definition.routingLinkCode().isBlank();
    }

    public boolean isFixedQuantity() {
        return definition.calculationFormula() == CalculationFormula.FIXED_QUANTITY;
    }

    public BigDecimal qtyPerUnitOfMeasure() {
        return definition.qtyPerUnitOfMeasure();
    }

    /** Quantity per parent unit after the calculation formula, before scrap. */
    public BigDecimal quantity() {
        return quantity;
    }

    public BigDecimal expectedQuantity() {
        return expectedQuantity;
    }

    public BigDecimal expectedQtyBase() {
        return expectedQtyBase;
    }

    /** Expected cost: RoundAmt(Expected Quantity × Unit Cost) at refresh. */
    public BigDecimal costAmount() {
        return costAmount;
    }

    public String binCode() {
        return binCode;
    }

    public BigDecimal actConsumptionQtyBase() {
        return actConsumptionQtyBase;
    }

    public BigDecimal remainingQtyBase() {
        return remainingQtyBase;
    }

    public BigDecimal remainingQuantity() {
        return remainingQtyBase.divide(qtyPerUnitOfMeasure(), Rounding.QTY_SCALE, RoundingMode.HALF_UP);
    }
}
