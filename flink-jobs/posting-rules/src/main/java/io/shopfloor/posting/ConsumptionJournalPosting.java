package io.shopfloor.posting;

import io.shopfloor.posting.journal.ConsumptionJournalLine;
import io.shopfloor.posting.order.Component;
import io.shopfloor.posting.order.OrderLine;
import io.shopfloor.posting.order.ProductionOrder;

import java.math.BigDecimal;

/**
 * Consumption entered by a person (docs/output-posting.md#corrections): manual components, extra material, and returns;
 * a return that names
 * the consumption entry it reverses (Applies-from Entry) gets that entry's exact cost.
 */
final class ConsumptionJournalPosting {

    private ConsumptionJournalPosting() {
    }

    static void post(PostingContext ctx, ProductionOrder order, ConsumptionJournalLine line) {
        PostingContext.checkPostable(order);
        OrderLine orderLine = PostingContext.orderLine(order, line.orderLineNo());
        Component component = orderLine.component(line.componentLineNo()).orElseThrow(() -> PostingContext.refuse(
                RefusalReason.COMPONENT_NOT_FOUND, order.no() + " component " + line.componentLineNo()));
        BigDecimal unitCost = ctx.item(component.itemNo()).unitCost();
        if (line.appliesFromEntry() != null) {
            BigDecimal returnedBase = line.quantity().multiply(component.qtyPerUnitOfMeasure()).negate();
            ProductionOrder.ConsumptionEntry original = order.consumptionEntry(line.appliesFromEntry())
                    .filter(e -> e.orderLineNo() == orderLine.lineNo() && e.componentLineNo() == component.lineNo())
                    .filter(e -> e.quantityBase().signum() < 0)
                    .filter(e -> returnedBase.signum() > 0 && returnedBase.compareTo(e.quantityBase().negate()) <= 0)
                    .orElseThrow(() -> PostingContext.refuse(RefusalReason.APPLIES_FROM_ENTRY_INVALID,
                            "entry " + line.appliesFromEntry() + " cannot take back " + returnedBase));
            unitCost = Rounding.divide(original.costAmount(), original.quantityBase());
        }
        ctx.beginApply();
        ConsumptionPosting.post(ctx, order, orderLine, component, line.quantity(), unitCost,
                new ConsumptionPosting.Consumption(line.postingDate(), line.documentNo(), "CONSUMPJNL"));
    }
}
