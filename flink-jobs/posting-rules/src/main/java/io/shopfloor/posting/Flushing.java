package io.shopfloor.posting;

import io.shopfloor.posting.model.Item;
import io.shopfloor.posting.order.Component;
import io.shopfloor.posting.order.OrderLine;
import io.shopfloor.posting.order.ProductionOrder;
import io.shopfloor.posting.order.RoutingLine;

import java.math.BigDecimal;
import java.util.List;

/** Automatic consumption (docs/flushing.md): which components flush when, and how much. */
final class Flushing {

    private Flushing() {
    }

    /** Components an output posting on {@code operation} flushes: same link, Forward/Backward (incl. Pick +). */
    static List<Component> flushedByOperation(OrderLine line, RoutingLine operation) {
        if (operation == null || !operation.isLinked()) {
            return List.of();
        }
        return line.components().stream()
                .filter(c -> operation.routingLinkCode().equals(c.routingLinkCode()))
                .filter(c -> !c.flushingMethod().isManual())
                .toList();
    }

    /** BC's TestField("Rounding Precision") on every component that is flushed. */
    static void checkFlushable(PostingContext ctx, List<Component> components) {
        for (Component c : components) {
            Item item = ctx.item(c.itemNo());
            if (item.roundingPrecision() == null || item.roundingPrecision().signum() <= 0) {
                throw PostingContext.refuse(RefusalReason.ROUNDING_PRECISION_MISSING, "item " + item.no());
            }
        }
    }

    /**
     * FlushOperation (docs/flushing.md#operation-flush) of the components {@link #flushedByOperation} selected, inside
     * an output posting.
     */
    static void flush(PostingContext ctx, ProductionOrder order, OrderLine line, List<Component> components,
                      BigDecimal outputAndScrapQtyBase, ConsumptionPosting.Consumption consumption) {
        for (Component component : components) {
            BigDecimal precision = ctx.item(component.itemNo()).roundingPrecision();
            BigDecimal quantity = component.flushingMethod().isForward()
                    ? forwardQuantity(component, precision)
                    : backwardQuantity(ctx.settings.snapRule(), line, component, outputAndScrapQtyBase, precision);
            post(ctx, order, line, component, quantity, consumption);
        }
    }

    /** Forward: the whole remainder, {@code Round(Remaining Quantity, precision)} then rounded up. */
    static BigDecimal forwardQuantity(Component component, BigDecimal precision) {
        return Rounding.roundUp(Rounding.round(component.remainingQuantity(), precision), precision);
    }

    /** Backward flush (docs/flushing.md#quantities) with a routing link, including the snap-to-remaining rule. */
    static BigDecimal backwardQuantity(PostingSettings.SnapRule snapRule, OrderLine line, Component component,
                                       BigDecimal outputAndScrapQtyBase, BigDecimal precision) {
        BigDecimal quantity = Rounding.divide(actualNeededQtyBase(line, component, outputAndScrapQtyBase),
                component.qtyPerUnitOfMeasure());
        BigDecimal remaining = component.remainingQuantity();
        BigDecimal distance = Rounding.roundUp(quantity, precision).subtract(remaining).abs();
        boolean completesOrderLine = line.remainingQtyBase().compareTo(outputAndScrapQtyBase) == 0
                && remaining.signum() != 0
                && distance.compareTo(precision) <= 0
                && distance.compareTo(BigDecimal.ONE) < 0;
        // ALAppExtensions#29408: in BC "or" binds looser than "and", so this alone snaps.
        boolean coincidence = outputAndScrapQtyBase.compareTo(Rounding.round(component.remainingQtyBase(), BigDecimal.ONE)) == 0;
        if (completesOrderLine || (snapRule == PostingSettings.SnapRule.BUSINESS_CENTRAL_COMPATIBLE && coincidence)) {
            quantity = remaining;
        }
        return Rounding.roundUp(quantity, precision);
    }

    /** Unlinked Backward at finish: on the last operation's output + scrap, not reduced by earlier consumption. */
    static BigDecimal finishQuantity(OrderLine line, Component component, BigDecimal outputAndScrapQtyBase,
                                     BigDecimal precision) {
        return Rounding.roundUp(Rounding.divide(actualNeededQtyBase(line, component, outputAndScrapQtyBase),
                component.qtyPerUnitOfMeasure()), precision);
    }

    /** CalcActNeededQtyBase: component base quantity for an output (+ scrap) in parent base units. */
    static BigDecimal actualNeededQtyBase(OrderLine line, Component component, BigDecimal outputQtyBase) {
        BigDecimal perParentBase = Rounding.divide(component.quantity().multiply(component.qtyPerUnitOfMeasure()),
                line.qtyPerUnitOfMeasure());
        BigDecimal withScrap = perParentBase.multiply(
                BigDecimal.ONE.add(Rounding.percent(component.definition().scrapPct())));
        if (component.isFixedQuantity() && outputQtyBase.signum() != 0) {
            return withScrap;
        }
        return outputQtyBase.multiply(withScrap);
    }

    static void post(PostingContext ctx, ProductionOrder order, OrderLine line, Component component,
                     BigDecimal quantity, ConsumptionPosting.Consumption consumption) {
        if (quantity.signum() != 0) {
            ConsumptionPosting.post(ctx, order, line, component, quantity, ctx.item(component.itemNo()).unitCost(),
                    consumption);
        }
    }
}
