package io.shopfloor.terminal;

import io.shopfloor.posting.PostingRules;
import io.shopfloor.posting.ledger.EntryNumbers;
import io.shopfloor.posting.model.CostBucket;
import io.shopfloor.posting.model.MasterData;
import io.shopfloor.posting.order.OrderDefinition;
import io.shopfloor.posting.order.OrderLine;
import io.shopfloor.posting.order.OrderStatus;
import io.shopfloor.posting.order.OutputEntry;
import io.shopfloor.posting.order.ProductionOrder;
import io.shopfloor.posting.order.RoutingLine;
import io.shopfloor.posting.order.RoutingStatus;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A released order's posting state rebuilt from its definition (master data) and what the ledger store holds of it,
 * for a dry run of the posting rules. The order is refreshed as the job refreshes it at release, then every entry the
 * ledger holds is applied to it the way the rules applied it when they posted it: quantities and costs of output,
 * scrap, times and consumption, open output entries, and the entry numbers continue after the order's last ones.
 *
 * <p>What the ledger does not hold cannot be rebuilt: an operation reported Finished is In Progress here (the
 * routing status is not an entry), so a preview does not show the "output on a finished operation" notice.
 */
public final class OrderState {
    private OrderState() {
    }

    /** The rebuilt order and the entry numbers its next posting takes; or the refusal of the refresh. */
    public record Rebuilt(ProductionOrder order, EntryNumbers numbers, String refusal) {
    }

    public static Rebuilt rebuild(PostingRules rules, OrderDefinition definition, MasterData masterData,
                                  OrderLedgerRows ledger) {
        PostingRules.Refresh refresh = rules.refresh(definition, OrderStatus.FIRM_PLANNED, masterData);
        if (refresh.refused()) {
            return new Rebuilt(null, null, refresh.refusal().reason() + ": " + refresh.refusal().detail());
        }
        ProductionOrder order = refresh.order();
        // What the release changed (OrderRelease); what it posted (forward flushing) is in the ledger below.
        order.setStatus(OrderStatus.RELEASED, null);
        order.routingLines().forEach(r -> r.setRoutingStatus(RoutingStatus.PLANNED));

        Map<Long, OrderLedgerRows.Capacity> capacityByNo = new HashMap<>();
        long lastCapacityNo = 0;
        for (OrderLedgerRows.Capacity entry : ledger.capacityEntries()) {
            capacityByNo.put(entry.entryNo(), entry);
            lastCapacityNo = Math.max(lastCapacityNo, entry.entryNo());
            order.addCapacityQuantity(entry.quantity());
            order.line(entry.orderLineNo()).ifPresent(OrderLine::recordCapacityEntry);
            boolean stopEntry = entry.stopTime().signum() != 0 && entry.setupTime().signum() == 0
                    && entry.runTime().signum() == 0 && entry.outputQuantity().signum() == 0
                    && entry.scrapQuantity().signum() == 0;
            if (!stopEntry) {
                routingLine(order, entry).ifPresent(operation -> operation.recordPosting(entry.setupTime(),
                        entry.runTime(), entry.outputQuantity(), entry.scrapQuantity(), false));
            }
        }
        long lastValueNo = 0;
        for (OrderLedgerRows.Value value : ledger.valueEntries()) {
            lastValueNo = Math.max(lastValueNo, value.entryNo());
            OrderLedgerRows.Capacity capacity = value.capacityEntryNo() == null ? null
                    : capacityByNo.get(value.capacityEntryNo());
            if (capacity == null || value.adjustment()) {
                continue; // item values are applied with their item entries below
            }
            CostBucket bucket = switch (value.entryType()) {
                case "DIRECT_COST" -> capacity.subcontracting() ? CostBucket.SUBCONTRACTED : CostBucket.CAPACITY;
                case "INDIRECT_COST" -> CostBucket.CAPACITY_OVERHEAD;
                default -> null;
            };
            if (bucket != null) {
                order.line(capacity.orderLineNo()).ifPresent(l -> l.addActualCost(bucket, value.costAmountActual()));
            }
        }
        long lastItemNo = 0;
        for (OrderLedgerRows.Item entry : ledger.itemEntries()) {
            lastItemNo = Math.max(lastItemNo, entry.entryNo());
            Optional<OrderLine> line = order.line(entry.orderLineNo());
            if (line.isEmpty()) {
                continue;
            }
            if ("OUTPUT".equals(entry.entryType())) {
                if (entry.appliesToEntryNo() != null) {
                    line.get().outputEntry(entry.appliesToEntryNo()).ifPresent(o -> o.apply(entry.quantity()));
                }
                line.get().addOutputEntry(new OutputEntry(entry.entryNo(), entry.quantity(),
                        entry.costAmountExpected()));
                line.get().addFinishedQtyBase(entry.quantity());
            } else if ("CONSUMPTION".equals(entry.entryType())) {
                line.get().component(entry.componentLineNo())
                        .ifPresent(component -> component.consume(entry.quantity().negate()));
                line.get().addActualCost(CostBucket.MATERIAL, entry.costAmountActual().negate());
                order.recordConsumptionEntry(entry.entryNo(), new ProductionOrder.ConsumptionEntry(
                        entry.orderLineNo(), entry.componentLineNo(), entry.quantity(), entry.costAmountActual()));
            }
        }
        return new Rebuilt(order, new EntryNumbers(lastItemNo + 1, lastCapacityNo + 1, lastValueNo + 1,
                ledger.maxWarehouseEntryNo() + 1), null);
    }

    /** Entry numbers after the last ones of a key without an order (capacity journal lines of one center). */
    public static Rebuilt numbersOnly(OrderLedgerRows ledger) {
        long item = ledger.itemEntries().stream().mapToLong(OrderLedgerRows.Item::entryNo).max().orElse(0);
        long capacity = ledger.capacityEntries().stream().mapToLong(OrderLedgerRows.Capacity::entryNo).max().orElse(0);
        long value = ledger.valueEntries().stream().mapToLong(OrderLedgerRows.Value::entryNo).max().orElse(0);
        return new Rebuilt(null, new EntryNumbers(item + 1, capacity + 1, value + 1, ledger.maxWarehouseEntryNo() + 1),
                null);
    }

    private static Optional<RoutingLine> routingLine(ProductionOrder order, OrderLedgerRows.Capacity entry) {
        return order.line(entry.orderLineNo()).flatMap(line -> line.routingLine(entry.operationNo()));
    }
}
