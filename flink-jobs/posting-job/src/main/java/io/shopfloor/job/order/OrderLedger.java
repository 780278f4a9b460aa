package io.shopfloor.job.order;

import io.shopfloor.posting.ItemCostUpdate;
import io.shopfloor.posting.Notice;
import io.shopfloor.posting.PostingResult;
import io.shopfloor.posting.PostingRules;
import io.shopfloor.posting.gl.WipBalances;
import io.shopfloor.posting.journal.CapacityJournalLine;
import io.shopfloor.posting.journal.ConsumptionJournalLine;
import io.shopfloor.posting.journal.CostAdjustmentRun;
import io.shopfloor.posting.journal.FinishOrder;
import io.shopfloor.posting.journal.OutputJournalLine;
import io.shopfloor.posting.journal.PutAwayLine;
import io.shopfloor.posting.journal.ReleaseOrder;
import io.shopfloor.posting.journal.StopRecoding;
import io.shopfloor.posting.ledger.CapacityLedgerEntry;
import io.shopfloor.posting.ledger.EntryNumbers;
import io.shopfloor.posting.ledger.LedgerEntry;
import io.shopfloor.posting.model.MasterData;
import io.shopfloor.posting.order.OrderStatus;
import io.shopfloor.posting.order.PostedStops;
import io.shopfloor.posting.order.ProductionOrder;
import io.shopfloor.posting.order.RoutingLine;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One production order in the job: its definition as CDC assembles it, its posting state once released, and its
 * own entry numbering (entry numbers are per order; the ledger store maps them to its sequences). Inputs are
 * applied in the order the operator gives them; each returns the entries, notices and rejections it produced.
 * Kept in keyed state by {@link OrderLedgerSerializer} (its fields are package-private for it).
 */
public final class OrderLedger {

    /**
     * Source ids of the journal lines people (or their terminals) posted on this order: a second copy of one (a
     * re-drive, a double-click, a producer's retry) posts nothing. Null until the first; as many as the order's
     * journal lines.
     */
    java.util.Set<String> postedJournalLines;

    /**
     * @param finishWhenComplete finish the order when its last operation is reported finished and no output remains
     * @param adjustCostAtFinish run the cost adjustment right after finishing, then forget the posting state
     */
    public record Settings(boolean finishWhenComplete, boolean adjustCostAtFinish) implements Serializable {
        public static final Settings DEFAULTS = new Settings(true, true);
    }

    /** What one input produced. */
    public record Result(List<LedgerEntry> entries, List<Notice> notices, List<Rejection> rejections,
                         List<OrderCostPlan> costPlans, List<ItemCostUpdate> itemCostUpdates) implements Serializable {
        public static Result none() {
            return empty();
        }

        static Result empty() {
            return new Result(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                    new ArrayList<>());
        }

        void add(PostingResult result, String key, String sourceId, Object input) {
            if (result instanceof PostingResult.Posted posted) {
                entries.addAll(posted.entries());
                notices.addAll(posted.notices());
                itemCostUpdates.addAll(posted.itemCostUpdates());
            } else if (result instanceof PostingResult.Refused refused) {
                rejections.add(new Rejection(sourceId, key, refused.reason().name(), refused.refusal().detail(),
                        String.valueOf(input)));
            }
        }

        void reject(String key, String sourceId, String code, String detail, Object input) {
            rejections.add(new Rejection(sourceId, key, code, detail, String.valueOf(input)));
        }

        /** The person who posted the input on its item, capacity and value entries (none: unchanged). */
        public Result postedBy(String person) {
            if (person != null) {
                entries.replaceAll(entry -> PostingResult.Posted.withPostedBy(entry, person));
            }
            return this;
        }

        /** This result followed by what a later step of the same input produced. */
        public Result then(Result next) {
            entries.addAll(next.entries);
            notices.addAll(next.notices);
            rejections.addAll(next.rejections);
            costPlans.addAll(next.costPlans);
            itemCostUpdates.addAll(next.itemCostUpdates);
            return this;
        }
    }

    final String orderNo;
    final OrderAssembly assembly;
    final EntryNumbers numbers;
    ProductionOrder order;
    LocalDate finishedOn;
    FinishOrder pendingFinish;
    boolean marker;
    boolean deletedInErp;
    /**
     * A release that reached the order before its definition was complete (CDC rows of one order arrive in any
     * order): {@link #definitionChanged} applies it once the definition is. One per order: a release arriving while
     * one waits is the ERP repeating the status and changes nothing.
     */
    ReleaseOrder pendingRelease;
    /**
     * The stop entries posted under this key that a person may still re-code (bounded, the rules' {@link PostedStops});
     * null until the first stop.
     */
    PostedStops stops;
    /**
     * What the order's G/L entries put on WIP per line and account/dimension set, and each line's net output: the
     * write-off at a finish without output needs it (docs/general-ledger.md#wip). Null until the first G/L entry.
     */
    WipBalances wip;

    public OrderLedger(String orderNo) {
        this(orderNo, new OrderAssembly(), EntryNumbers.startingAtOne());
    }

    /** For {@link OrderLedgerSerializer}, which sets the other fields. */
    OrderLedger(String orderNo, OrderAssembly assembly, EntryNumbers numbers) {
        this.orderNo = orderNo;
        this.assembly = assembly;
        this.numbers = numbers;
    }

    public OrderAssembly assembly() {
        return assembly;
    }

    /**
     * The ERP's header row of the order: a deleted row means the order was deleted in the ERP, unless a row under a
     * new key (a status change) follows at the same instant. Entries already posted stay; later postings are refused.
     */
    public void header(OrderAssembly.Header header, boolean deleted) {
        deletedInErp = deleted;
        if (!deleted) {
            assembly.put(header);
        }
    }

    public boolean isFinished() {
        return finishedOn != null;
    }

    /** Posting state (null before release and after a finished order was adjusted). */
    public ProductionOrder order() {
        return order;
    }

    public Result release(ReleaseOrder command, PostingRules rules, MasterData masterData) {
        Result result = Result.empty();
        if (order != null || isFinished()) {
            return result; // CDC repeats the status; the order is already released (or done)
        }
        if (!assembly.isComplete()) {
            if (assembly.isEmpty()) { // a stray order number holds no state: refused, re-driven if need be
                result.reject(orderNo, command.sourceId(), "ORDER_NOT_DEFINED",
                        "no header or lines of " + orderNo + " have arrived", command);
            } else if (pendingRelease == null) {
                pendingRelease = command;
            }
            return result;
        }
        PostingRules.Refresh refresh = rules.refresh(assembly.definition(), OrderStatus.FIRM_PLANNED, masterData);
        if (refresh.refused()) {
            result.reject(orderNo, command.sourceId(), refresh.refusal().reason().name(), refresh.refusal().detail(),
                    command);
            return result;
        }
        ProductionOrder refreshed = refresh.order();
        PostingResult released = rules.release(refreshed, command, masterData, numbers);
        result.add(released, orderNo, command.sourceId(), command);
        if (released instanceof PostingResult.Posted) {
            order = refreshed;
            result.costPlans().add(OrderCostPlan.of(command.sourceId(), order, OrderStatus.RELEASED,
                    command.postingDate(), rules.statistics(order, masterData), masterData));
        }
        return result;
    }

    /**
     * After a definition row or header arrived: the release held for the definition, posted now that it is
     * complete (at this input's time; the release keeps its own posting date).
     */
    public Result definitionChanged(PostingRules rules, MasterData masterData) {
        if (pendingRelease == null || !assembly.isComplete()) {
            return Result.empty();
        }
        ReleaseOrder release = pendingRelease;
        pendingRelease = null;
        return release(release, rules, masterData);
    }

    /**
     * Posts an output line. When it finishes the last operation with nothing remaining, the order's finish is
     * only noted: {@link #finishIfComplete} finishes it once every input of the same instant (such as the stop
     * lines of the same window) is posted.
     */
    public Result post(OutputJournalLine line, PostingRules rules, MasterData masterData, Settings settings) {
        Result result = onReleasedOrder(line.sourceId(), line, posting -> rules.postOutput(posting, line, masterData, numbers));
        if (settings.finishWhenComplete() && order != null && result.rejections().isEmpty() && line.finished()
                && isLastOperation(line)) {
            pendingFinish = FinishOrder.on(line.sourceId() + "/finish", line.postingDate());
        }
        return result;
    }

    /** Whether a journal line with this source id was posted on this order before. */
    public boolean journalLinePosted(String sourceId) {
        return postedJournalLines != null && postedJournalLines.contains(sourceId);
    }

    /** Notes a posted journal line (after its posting, when nothing was refused). */
    public void journalLinePosted(String sourceId, Result result) {
        if (result.rejections().isEmpty()) {
            if (postedJournalLines == null) {
                postedJournalLines = new java.util.HashSet<>();
            }
            postedJournalLines.add(sourceId);
        }
    }

    /** A journal line posted before, again: a rejection, nothing posted. */
    public Result duplicateJournalLine(String sourceId, Object input) {
        Result result = Result.empty();
        result.reject(orderNo, sourceId, "DUPLICATE_INPUT", "journal line " + sourceId + " was posted on "
                + orderNo + " before; a copy posts nothing", input);
        return result;
    }

    /** Finishes the order noted by {@link #post(OutputJournalLine, PostingRules, MasterData, Settings)}, if still complete. */
    public Result finishIfComplete(PostingRules rules, MasterData masterData, Settings settings) {
        FinishOrder finish = pendingFinish;
        pendingFinish = null;
        if (finish == null || order == null || order.lines().stream().anyMatch(l -> l.remainingQtyBase().signum() != 0)) {
            return Result.empty();
        }
        return finish(finish, rules, masterData, settings);
    }

    /** A completed inventory put-away line posts the order line's output (it never finishes the order). */
    public Result post(PutAwayLine line, PostingRules rules, MasterData masterData) {
        return onReleasedOrder(line.sourceId(), line, posting -> rules.postPutAway(posting, line, masterData, numbers));
    }

    public Result post(ConsumptionJournalLine line, PostingRules rules, MasterData masterData) {
        return onReleasedOrder(line.sourceId(), line, posting -> rules.postConsumption(posting, line, masterData, numbers));
    }

    /** Capacity journal lines have no order: the operator keys them by capacity and posts them here too. */
    public Result post(CapacityJournalLine line, PostingRules rules, MasterData masterData) {
        Result result = Result.empty();
        result.add(rules.postCapacity(line, masterData, numbers), orderNo, line.sourceId(), line);
        return result;
    }

    /**
     * Re-codes a stop posted under this key (docs/capacity-costs.md#re-coding-a-stop). Like a stop-time-only line it
     * does not need the order released; a finished order keeps no stops, so it refuses with that reason.
     */
    public Result recodeStop(StopRecoding line, PostingRules rules, MasterData masterData) {
        Result result = Result.empty();
        if (isFinished() || deletedInErp) {
            result.reject(orderNo, line.sourceId(), isFinished() ? "ORDER_FINISHED" : "ORDER_DELETED", orderNo
                    + (isFinished() ? " was finished on " + finishedOn : " was deleted in the ERP"), line);
            return result;
        }
        PostedStops known = stops != null ? stops : new PostedStops();
        result.add(rules.recodeStop(known, line, masterData, numbers), orderNo, line.sourceId(), line);
        return result;
    }

    /** Notes the stop entries of a posting under this key, so that a person can re-code them later. */
    public void noteStops(List<LedgerEntry> entries) {
        for (LedgerEntry entry : entries) {
            if (entry instanceof CapacityLedgerEntry c && c.stopTime() != null && c.stopTime().signum() > 0) {
                if (stops == null) {
                    stops = new PostedStops();
                }
                stops.note(List.of(c));
            }
        }
    }

    public Result finish(FinishOrder command, PostingRules rules, MasterData masterData, Settings settings) {
        Result result = Result.empty();
        if (isFinished()) {
            return result; // the ERP confirms a finish the job already posted
        }
        if (deletedInErp || order == null) {
            result.reject(orderNo, command.sourceId(), deletedInErp ? "ORDER_DELETED" : "ORDER_NOT_RELEASED",
                    orderNo + (deletedInErp ? " was deleted in the ERP" : " was never released"), command);
            return result;
        }
        PostingResult finished = rules.finish(order, command, masterData, numbers);
        result.add(finished, orderNo, command.sourceId(), command);
        if (finished instanceof PostingResult.Posted) {
            finishedOn = command.postingDate();
            if (settings.adjustCostAtFinish()) {
                result.add(rules.adjustCost(order, new CostAdjustmentRun(command.sourceId() + "/adjust",
                        command.postingDate()), masterData, numbers), orderNo, command.sourceId(), command);
            }
            // After the adjustment Standard is for the finished quantity: the plan the statistics compare with.
            result.costPlans().add(OrderCostPlan.of(command.sourceId(), order, OrderStatus.FINISHED,
                    command.postingDate(), rules.statistics(order, masterData), masterData));
            if (settings.adjustCostAtFinish()) {
                order = null; // nothing can post to a finished order: its posting state is no longer needed
            }
        }
        return result;
    }

    private Result onReleasedOrder(String sourceId, Object line, Function<ProductionOrder, PostingResult> posting) {
        Result result = Result.empty();
        if (deletedInErp) {
            result.reject(orderNo, sourceId, "ORDER_DELETED", orderNo + " was deleted in the ERP", line);
            return result;
        }
        if (order == null) {
            result.reject(orderNo, sourceId, isFinished() ? "ORDER_FINISHED" : "ORDER_NOT_RELEASED",
                    orderNo + (isFinished() ? " was finished on " + finishedOn : " is not released"), line);
            return result;
        }
        result.add(posting.apply(order), orderNo, sourceId, line);
        return result;
    }

    private boolean isLastOperation(OutputJournalLine line) {
        return order.line(line.orderLineNo()).flatMap(l -> l.routingLine(line.operationNo()))
                .map(RoutingLine::isLastOperation).orElse(false);
    }

    /** What a finished, adjusted order keeps: that it was finished, so late postings are refused with that reason. */
    public OrderLedger finishedMarker() {
        OrderLedger marker = new OrderLedger(orderNo);
        marker.finishedOn = finishedOn;
        marker.marker = true;
        return marker;
    }

    /** The order's WIP balances, created at the first use. */
    public WipBalances wip() {
        if (wip == null) {
            wip = new WipBalances();
        }
        return wip;
    }

    /** The order's WIP balances, or null if none were kept. */
    public WipBalances wipIfAny() {
        return wip;
    }

    public boolean isMarker() {
        return marker;
    }

    /**
     * Whether this ledger knows nothing a new one would not: no definition, no posting state, no entry numbered,
     * nothing finished, deleted or posted. Inputs refused for an order never defined leave such a ledger; it is
     * not kept (a stray order number must not hold state for ever).
     */
    public boolean isEmpty() {
        return assembly.header == null && assembly.lines.isEmpty() && assembly.routingLines.isEmpty()
                && assembly.components.isEmpty() && order == null && finishedOn == null && pendingFinish == null
                && pendingRelease == null && (stops == null || stops.isEmpty()) && (wip == null || wip.isEmpty())
                && !marker && !deletedInErp && postedJournalLines == null && numbers.peekItemLedgerEntryNo() == 1
                && numbers.peekCapacityLedgerEntryNo() == 1 && numbers.peekValueEntryNo() == 1
                && numbers.peekWarehouseEntryNo() == 1;
    }
}
