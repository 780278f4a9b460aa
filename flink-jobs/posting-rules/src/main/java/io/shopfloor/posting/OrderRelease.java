package io.shopfloor.posting;

import io.shopfloor.posting.journal.ReleaseOrder;
import io.shopfloor.posting.ledger.OrderStatusEntry;
import io.shopfloor.posting.ledger.WarehouseRequest;
import io.shopfloor.posting.model.Location;
import io.shopfloor.posting.model.ProdOutputWhseHandling;
import io.shopfloor.posting.model.RoutingFlushingMethod;
import io.shopfloor.posting.order.Component;
import io.shopfloor.posting.order.OrderLine;
import io.shopfloor.posting.order.OrderStatus;
import io.shopfloor.posting.order.ProductionOrder;
import io.shopfloor.posting.order.RoutingLine;
import io.shopfloor.posting.order.RoutingStatus;

import java.util.List;

/**
 * Change Status → Released (docs/production-orders.md#statuses, docs/flushing.md#at-release): routing lines Planned;
 * Forward-flushed operations post their output
 * (which flushes their linked components); then unlinked Forward components are flushed; then inbound warehouse
 * requests for output that an inventory put-away will post.
 */
final class OrderRelease {

    private OrderRelease() {
    }

    static void release(PostingContext ctx, ProductionOrder order, ReleaseOrder command) {
        check(ctx, order);
        ctx.beginApply();
        ctx.add(new OrderStatusEntry(ctx.statusChangeKey(), order.no(), order.status(), OrderStatus.RELEASED,
                command.postingDate()));
        order.setStatus(OrderStatus.RELEASED, command.postingDate());
        order.routingLines().forEach(r -> r.setRoutingStatus(RoutingStatus.PLANNED));
        int sequence = 0;
        for (OrderLine line : order.lines()) {
            for (RoutingLine operation : forwardOperations(line)) {
                AutomaticOutput.post(ctx, order, line, operation, line.remainingQtyBase(), line.remainingQtyBase(),
                        command.postingDate(), ++sequence);
            }
        }
        ConsumptionPosting.Consumption consumption = new ConsumptionPosting.Consumption(command.postingDate(),
                order.no(), ctx.masterData.manufacturingSetup().flushingSourceCode());
        for (OrderLine line : order.lines()) {
            for (Component component : unlinkedForward(line)) {
                Flushing.post(ctx, order, line, component,
                        Flushing.forwardQuantity(component, ctx.item(component.itemNo()).roundingPrecision()),
                        consumption);
            }
        }
        for (OrderLine line : order.lines()) {
            if (ctx.location(line.locationCode()).prodOutputWhseHandling() == ProdOutputWhseHandling.INVENTORY_PUT_AWAY) {
                ctx.add(new WarehouseRequest(ctx.warehouseRequestKey(),
                        WarehouseRequest.RequestType.INBOUND_INVENTORY_PUT_AWAY, line.locationCode(), line.binCode(),
                        line.itemNo(), line.variantCode(), order.no(), line.lineNo(), line.remainingQtyBase(),
                        command.postingDate()));
            }
        }
    }

    private static void check(PostingContext ctx, ProductionOrder order) {
        if (order.status() == OrderStatus.RELEASED || order.status() == OrderStatus.FINISHED) {
            throw PostingContext.refuse(RefusalReason.ORDER_ALREADY_RELEASED, order.no() + " is " + order.status());
        }
        if (order.isBlocked()) {
            throw PostingContext.refuse(RefusalReason.ORDER_BLOCKED, order.no());
        }
        for (OrderLine line : order.lines()) {
            Location location = ctx.location(line.locationCode());
            for (Component component : unlinkedForward(line)) {
                if (location.binMandatory() && component.binCode() == null) {
                    throw PostingContext.refuse(RefusalReason.BIN_CODE_MISSING,
                            "forward-flushed component line " + component.lineNo() + " has no bin");
                }
            }
            List<RoutingLine> forward = forwardOperations(line);
            for (RoutingLine operation : forward) {
                CapacityRate.of(ctx, operation.type(), operation.no(), operation.unitCostPer(), true);
            }
            Flushing.checkFlushable(ctx, unlinkedForward(line));
            Flushing.checkFlushable(ctx, OutputPosting.flushedBy(line, forward));
            ctx.item(line.itemNo());
        }
    }

    private static List<RoutingLine> forwardOperations(OrderLine line) {
        return line.routing().stream().filter(r -> r.flushingMethod() == RoutingFlushingMethod.FORWARD).toList();
    }

    private static List<Component> unlinkedForward(OrderLine line) {
        return line.components().stream().filter(c -> !c.isLinked() && c.flushingMethod().isForward()).toList();
    }
}
