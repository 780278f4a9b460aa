package io.shopfloor.posting.order;

import java.io.Serializable;

import io.shopfloor.posting.Rounding;
import io.shopfloor.posting.model.CostBucket;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prod. Order Line with its routing and components, finished/remaining quantities
 * (docs/production-orders.md#order-lines), the actual costs
 * posted to its WIP, and its output entries.
 */
public final class OrderLine implements Serializable {
    /** The job stores this class field by field (RulesCodec in posting-job): a new field is written there too. */
    private static final long serialVersionUID = 1L;

    private final LineDefinition definition;
    private final String binCode;
    private final BigDecimal quantityBase;
    private final List<RoutingLine> routing;
    private final List<Component> components;
    private BigDecimal finishedQtyBase = BigDecimal.ZERO;
    private BigDecimal remainingQtyBase;
    private final Map<CostBucket, BigDecimal> actualCost = new EnumMap<>(CostBucket.class);
    private final List<OutputEntry> outputEntries = new ArrayList<>();
    /** Whether any capacity ledger entry (stop-time-only and zero-cost ones too) was posted for this line. */
    private boolean capacityEntryPosted;

    public OrderLine(LineDefinition definition, String binCode, List<RoutingLine> routing,
                     List<Component> components) {
        this.definition = definition;
        this.binCode = binCode;
        this.quantityBase = Rounding.qty(definition.quantity().multiply(definition.qtyPerUnitOfMeasure()));
        this.remainingQtyBase = quantityBase;
        this.routing = List.copyOf(routing);
        this.components = List.copyOf(components);
        for (CostBucket bucket : CostBucket.values()) {
            actualCost.put(bucket, BigDecimal.ZERO);
        }
    }

    /**
     * UpdateProdOrderLine (docs/production-orders.md#order-lines) after a last-operation output posting; callers check
     * the result is not < 0.
     */
    public void addFinishedQtyBase(BigDecimal outputQtyBase) {
        finishedQtyBase = finishedQtyBase.add(outputQtyBase);
        remainingQtyBase = quantityBase.subtract(finishedQtyBase).max(BigDecimal.ZERO);
    }

    /** Cost posted to this line's WIP (material from consumption, capacity and overhead from capacity entries). */
    public void addActualCost(CostBucket bucket, BigDecimal amount) {
        actualCost.merge(bucket, amount, BigDecimal::add);
    }

    /** Notes that a capacity ledger entry was posted for this line (docs/finishing.md#no-output). */
    public void recordCapacityEntry() {
        capacityEntryPosted = true;
    }

    public boolean hasCapacityEntries() {
        return capacityEntryPosted;
    }

    public void addOutputEntry(OutputEntry entry) {
        outputEntries.add(entry);
    }

    public Optional<RoutingLine> routingLine(String operationNo) {
        for (RoutingLine r : routing) { // a loop: this runs for every journal line
            if (r.operationNo().equals(operationNo)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The operation with blank Next Operation No.; empty when the line has no routing. */
    public Optional<RoutingLine> lastOperation() {
        return routing.stream().filter(RoutingLine::isLastOperation).findFirst();
    }

    public Optional<Component> component(int componentLineNo) {
        return components.stream().filter(c -> c.lineNo() == componentLineNo).findFirst();
    }

    public Optional<OutputEntry> outputEntry(long entryNo) {
        return outputEntries.stream().filter(e -> e.entryNo() == entryNo).findFirst();
    }

    public LineDefinition definition() {
        return definition;
    }

    public int lineNo() {
        return definition.lineNo();
    }

    public String itemNo() {
        return definition.itemNo();
    }

    public String variantCode() {
        return definition.variantCode();
    }

    public String locationCode() {
        return definition.locationCode();
    }

    public String binCode() {
        return binCode;
    }

    public String unitOfMeasureCode() {
        return definition.unitOfMeasureCode();
    }

    public BigDecimal qtyPerUnitOfMeasure() {
        return definition.qtyPerUnitOfMeasure();
    }

    public BigDecimal quantity() {
        return definition.quantity();
    }

    public BigDecimal quantityBase() {
        return quantityBase;
    }

    public String routingNo() {
        return definition.routingNo();
    }

    public int routingReferenceNo() {
        return definition.routingReferenceNo();
    }

    public List<RoutingLine> routing() {
        return routing;
    }

    public List<Component> components() {
        return components;
    }

    public BigDecimal finishedQtyBase() {
        return finishedQtyBase;
    }

    public BigDecimal finishedQuantity() {
        return finishedQtyBase.divide(qtyPerUnitOfMeasure(), Rounding.QTY_SCALE, RoundingMode.HALF_UP);
    }

    public BigDecimal remainingQtyBase() {
        return remainingQtyBase;
    }

    public BigDecimal remainingQuantity() {
        return remainingQtyBase.divide(qtyPerUnitOfMeasure(), Rounding.QTY_SCALE, RoundingMode.HALF_UP);
    }

    public BigDecimal actualCost(CostBucket bucket) {
        return actualCost.get(bucket);
    }

    public List<OutputEntry> outputEntries() {
        return Collections.unmodifiableList(outputEntries);
    }
}
