package io.shopfloor.posting;

import io.shopfloor.posting.journal.FinishOrder;
import io.shopfloor.posting.ledger.OrderStatusEntry;
import io.shopfloor.posting.model.RoutingFlushingMethod;
import io.shopfloor.posting.order.Component;
import io.shopfloor.posting.order.OrderLine;
import io.shopfloor.posting.order.OrderStatus;
import io.shopfloor.posting.order.ProductionOrder;
import io.shopfloor.posting.order.RoutingLine;
import io.shopfloor.posting.order.RoutingStatus;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Change Status → Finished (docs/finishing.md). Each confirmation BC would ask is decided by a {@link PostingSettings}
 * policy:
 * refused, or finished with a {@link Notice}. Then Backward operations post their output (last operation first)
 * and unlinked Backward components are flushed on the last operation's output + scrap.
 */
final class OrderFinish {

    private OrderFinish() {
    }

    static void finish(PostingContext ctx, ProductionOrder order, FinishOrder command) {
        List<Notice> notices = check(ctx, order, command);
        ctx.beginApply();
        notices.forEach(n -> ctx.note(n.code(), n.detail()));
        int sequence = 0;
        for (OrderLine line : order.lines()) {
            sequence = postBackwardOperations(ctx, order, line, command, sequence);
        }
        ConsumptionPosting.Consumption consumption = new ConsumptionPosting.Consumption(command.postingDate(),
                order.no(), ctx.masterData.manufacturingSetup().flushingSourceCode());
        for (OrderLine line : order.lines()) {
            BigDecimal lastOperationOutput = lastOperationOutputAndScrap(line);
            for (Component component : unlinkedBackward(line)) {
                Flushing.post(ctx, order, line, component, Flushing.finishQuantity(line, component,
                        lastOperationOutput, ctx.item(component.itemNo()).roundingPrecision()), consumption);
            }
        }
        order.routingLines().forEach(r -> r.setRoutingStatus(RoutingStatus.FINISHED));
        ctx.add(new OrderStatusEntry(ctx.statusChangeKey(), order.no(), order.status(), OrderStatus.FINISHED,
                command.postingDate()));
        order.setStatus(OrderStatus.FINISHED, command.postingDate());
    }

    private static List<Notice> check(PostingContext ctx, ProductionOrder order, FinishOrder command) {
        if (order.status() != OrderStatus.RELEASED) {
            throw PostingContext.refuse(RefusalReason.ORDER_NOT_RELEASED, order.no() + " is " + order.status());
        }
        for (OrderLine line : order.lines()) {
            if (line.remainingQtyBase().signum() != 0 && ctx.item(line.itemNo()).variantMandatory()
                    && (line.variantCode() == null || line.variantCode().isBlank())) {
                throw PostingContext.refuse(RefusalReason.VARIANT_CODE_MISSING, "line " + line.lineNo());
            }
        }
        if (command.subcontractingOutstanding()) {
            throw PostingContext.refuse(RefusalReason.SUBCONTRACTING_OUTSTANDING, order.no());
        }
        if (command.pickOutstanding()) {
            throw PostingContext.refuse(RefusalReason.PICK_OUTSTANDING, order.no());
        }
        List<Notice> notices = new ArrayList<>();
        for (OrderLine line : order.lines()) {
            boolean lastBackward = line.lastOperation()
                    .map(r -> r.flushingMethod() == RoutingFlushingMethod.BACKWARD).orElse(false);
            if (line.remainingQtyBase().signum() != 0 && !lastBackward) {
                confirm(notices, ctx.settings.missingOutputAtFinish(), RefusalReason.OUTPUT_MISSING,
                        Notice.NoticeCode.SOME_OUTPUT_STILL_MISSING,
                        "line " + line.lineNo() + " remaining " + line.remainingQuantity());
            }
            for (Component component : line.components()) {
                if (component.remainingQtyBase().signum() != 0 && consumptionWarning(line, component)) {
                    confirm(notices, ctx.settings.missingConsumptionAtFinish(), RefusalReason.CONSUMPTION_MISSING,
                            Notice.NoticeCode.SOME_CONSUMPTION_STILL_MISSING, "line " + line.lineNo() + " component "
                                    + component.lineNo() + " remaining " + component.remainingQuantity());
                }
            }
            List<RoutingLine> backward = backwardOperations(line);
            for (RoutingLine operation : backward) {
                CapacityRate.of(ctx, operation.type(), operation.no(), operation.unitCostPer(), true);
            }
            Flushing.checkFlushable(ctx, OutputPosting.flushedBy(line, backward));
            Flushing.checkFlushable(ctx, unlinkedBackward(line));
            if (hasPostingsButNoOutputAfterFinish(order, line, lastBackward)) {
                // BC offers "Finish Order without Output" only when the setup allows it; the person ticks it.
                if (!ctx.masterData.manufacturingSetup().finishOrderWithoutOutput() || !command.finishWithoutOutput()) {
                    throw PostingContext.refuse(RefusalReason.NO_OUTPUT,
                            "line " + line.lineNo() + " has consumption or capacity but no output");
                }
                notices.add(new Notice(Notice.NoticeCode.FINISHED_WITHOUT_OUTPUT, "line " + line.lineNo()));
            }
        }
        return notices;
    }

    private static void confirm(List<Notice> notices, PostingSettings.FinishConfirmation policy,
                                RefusalReason reason, Notice.NoticeCode code, String detail) {
        if (policy == PostingSettings.FinishConfirmation.REFUSE) {
            throw PostingContext.refuse(reason, detail);
        }
        notices.add(new Notice(code, detail));
    }

    /**
     * BC's "Some consumption is still missing" (docs/finishing.md#confirmations): an unlinked component that is not
     * Backward, or a linked one whose routing has no Backward operation with its link. BC asks for the operation
     * only (RtngWillFlushComp), so a Manual component linked to a Backward operation gives no warning although
     * nothing flushes it; the spec said it did, we follow BC.
     */
    private static boolean consumptionWarning(OrderLine line, Component component) {
        if (!component.isLinked()) {
            return !component.flushingMethod().isBackward();
        }
        return line.routing().stream().noneMatch(r -> component.routingLinkCode().equals(r.routingLinkCode())
                && r.flushingMethod() == RoutingFlushingMethod.BACKWARD);
    }

    /**
     * BC's ErrorIfUnableToClearWIP, which runs after the finish postings (docs/finishing.md#no-output): a line
     * whose net output is then zero must have no consumption entry and no capacity entry. Existence
     * counts, not cost or net quantity: a return that nets a consumption to zero, a zero-cost stop entry, and the
     * setup time a Backward operation posts at this finish all make the line unfinishable. Capacity entries count
     * per order line, as current BC filters them (order line, routing no. and reference no.).
     */
    private static boolean hasPostingsButNoOutputAfterFinish(ProductionOrder order, OrderLine line,
                                                             boolean lastBackward) {
        BigDecimal outputAfterFinish = line.finishedQtyBase()
                .add(lastBackward ? line.remainingQtyBase() : BigDecimal.ZERO);
        if (outputAfterFinish.signum() != 0) {
            return false;
        }
        if (order.hasConsumptionEntries(line.lineNo()) || line.hasCapacityEntries()) {
            return true;
        }
        BigDecimal total = lastOperationOutputAndScrap(line);
        boolean finishPostsCapacity = backwardOperations(line).stream().anyMatch(operation ->
                AutomaticOutput.posts(operation, line, operation.isLastOperation() ? line.remainingQtyBase()
                        : total.subtract(operation.postedOutputQtyBase()).max(BigDecimal.ZERO), total));
        boolean finishPostsConsumption = total.signum() != 0 && !unlinkedBackward(line).isEmpty();
        return finishPostsCapacity || finishPostsConsumption;
    }

    /**
     * Backward operations, last first: the last posts the line's remaining quantity; each earlier one posts the
     * shortfall between the last operation's output + scrap and its own output, with run time for the full total
     * (BC's behaviour, which double-counts machine-reported time on such operations,
     * docs/finishing.md#backward-flushing-at-finish).
     */
    private static int postBackwardOperations(PostingContext ctx, ProductionOrder order, OrderLine line,
                                              FinishOrder command, int sequence) {
        List<RoutingLine> backward = new ArrayList<>(backwardOperations(line));
        Collections.reverse(backward);
        for (RoutingLine operation : backward) {
            if (operation.isLastOperation()) {
                BigDecimal remaining = line.remainingQtyBase();
                AutomaticOutput.post(ctx, order, line, operation, remaining, remaining, command.postingDate(),
                        ++sequence);
            } else {
                BigDecimal total = lastOperationOutputAndScrap(line);
                BigDecimal shortfall = total.subtract(operation.postedOutputQtyBase()).max(BigDecimal.ZERO);
                AutomaticOutput.post(ctx, order, line, operation, shortfall, total, command.postingDate(),
                        ++sequence);
            }
        }
        return sequence;
    }

    /** Σ output + scrap posted on the last operation; for a line without routing, its finished quantity. */
    private static BigDecimal lastOperationOutputAndScrap(OrderLine line) {
        Optional<RoutingLine> last = line.lastOperation();
        return last.map(r -> r.postedOutputQtyBase().add(r.postedScrapQtyBase())).orElse(line.finishedQtyBase());
    }

    private static List<RoutingLine> backwardOperations(OrderLine line) {
        return line.routing().stream().filter(r -> r.flushingMethod() == RoutingFlushingMethod.BACKWARD).toList();
    }

    private static List<Component> unlinkedBackward(OrderLine line) {
        return line.components().stream().filter(c -> !c.isLinked() && c.flushingMethod().isBackward()).toList();
    }
}
