package io.shopfloor.posting;

import io.shopfloor.posting.journal.CapacityJournalLine;
import io.shopfloor.posting.journal.ConsumptionJournalLine;
import io.shopfloor.posting.journal.CostAdjustmentRun;
import io.shopfloor.posting.journal.FinishOrder;
import io.shopfloor.posting.journal.OutputJournalLine;
import io.shopfloor.posting.journal.PutAwayLine;
import io.shopfloor.posting.journal.ReleaseOrder;
import io.shopfloor.posting.journal.StopRecoding;
import io.shopfloor.posting.ledger.EntryNumbers;
import io.shopfloor.posting.model.MasterData;
import io.shopfloor.posting.order.OrderDefinition;
import io.shopfloor.posting.order.OrderStatus;
import io.shopfloor.posting.order.PostedStops;
import io.shopfloor.posting.order.ProductionOrder;

import java.util.function.Consumer;

/**
 * Business Central production posting rules: an input and the order's state in, ledger entries out.
 * Each call either posts (returns the entries in BC's entry order and updates the order state in place) or
 * refuses (returns the reason; the state and the entry numbers are untouched). No clock, no I/O.
 */
public final class PostingRules {
    private final PostingSettings settings;

    public PostingRules(PostingSettings settings) {
        this.settings = settings;
    }

    public PostingSettings settings() {
        return settings;
    }

    /** The outcome of refreshing an order definition into posting state. */
    public record Refresh(ProductionOrder order, Refusal refusal) {
        public boolean refused() {
            return refusal != null;
        }
    }

    /**
     * Builds the order's posting state with expected quantities and costs (BC's Refresh Production Order). With
     * status Released it builds the state of an order whose release was posted before (nothing is flushed); an
     * order created directly as Released is {@link #createReleased}.
     */
    public Refresh refresh(OrderDefinition definition, OrderStatus status, MasterData masterData) {
        PostingContext ctx = new PostingContext(masterData, settings, EntryNumbers.startingAtOne(), definition.no());
        try {
            return new Refresh(OrderRefresh.refresh(ctx, definition, status), null);
        } catch (Refused refused) {
            return new Refresh(null, refused.refusal());
        }
    }

    /** An order created directly as Released: its posting state (null when refused) and the release's postings. */
    public record Created(ProductionOrder order, PostingResult result) {
    }

    /**
     * Creates an order directly as Released (docs/flushing.md#at-release): BC's refresh of a Released order posts what
     * a release posts (Forward-flushed operations and unlinked Forward components), so this is a refresh as Firm
     * Planned followed by {@link #release}; its status entry reads Firm Planned → Released. A refused refresh or
     * release leaves no order and posts nothing.
     */
    public Created createReleased(OrderDefinition definition, ReleaseOrder command, MasterData masterData,
                                  EntryNumbers numbers) {
        Refresh refresh = refresh(definition, OrderStatus.FIRM_PLANNED, masterData);
        if (refresh.refused()) {
            return new Created(null, new PostingResult.Refused(refresh.refusal()));
        }
        PostingResult released = release(refresh.order(), command, masterData, numbers);
        return new Created(released instanceof PostingResult.Posted ? refresh.order() : null, released);
    }

    public PostingResult release(ProductionOrder order, ReleaseOrder command, MasterData masterData,
                                 EntryNumbers numbers) {
        return run(masterData, numbers, command.sourceId(), ctx -> OrderRelease.release(ctx, order, command));
    }

    public PostingResult postOutput(ProductionOrder order, OutputJournalLine line, MasterData masterData,
                                    EntryNumbers numbers) {
        return run(masterData, numbers, line.sourceId(),
                ctx -> OutputPosting.apply(ctx, OutputPosting.check(ctx, order, line)));
    }

    /** Completes an inventory put-away line: posts its quantity as the order line's output (docs/warehouse.md). */
    public PostingResult postPutAway(ProductionOrder order, PutAwayLine line, MasterData masterData,
                                     EntryNumbers numbers) {
        return run(masterData, numbers, line.sourceId(), ctx -> PutAwayPosting.post(ctx, order, line));
    }

    public PostingResult postConsumption(ProductionOrder order, ConsumptionJournalLine line, MasterData masterData,
                                         EntryNumbers numbers) {
        return run(masterData, numbers, line.sourceId(), ctx -> ConsumptionJournalPosting.post(ctx, order, line));
    }

    public PostingResult postCapacity(CapacityJournalLine line, MasterData masterData, EntryNumbers numbers) {
        return run(masterData, numbers, line.sourceId(), ctx -> CapacityJournalPosting.post(ctx, line));
    }

    /**
     * Re-codes a posted stop (docs/capacity-costs.md#re-coding-a-stop): a reversal of the stop entry and one coded
     * stop entry per reason, numbered in {@code numbers} (the key the stop was posted under). Marks the stop re-coded
     * in {@code stops}; the coded entries are noted there by the caller, as every posting's stops are.
     */
    public PostingResult recodeStop(PostedStops stops, StopRecoding line, MasterData masterData,
                                    EntryNumbers numbers) {
        return run(masterData, numbers, line.sourceId(), ctx -> StopRecodingPosting.post(ctx, stops, line));
    }

    public PostingResult finish(ProductionOrder order, FinishOrder command, MasterData masterData,
                                EntryNumbers numbers) {
        return run(masterData, numbers, command.sourceId(), ctx -> OrderFinish.finish(ctx, order, command));
    }

    public PostingResult adjustCost(ProductionOrder order, CostAdjustmentRun run, MasterData masterData,
                                    EntryNumbers numbers) {
        return run(masterData, numbers, run.sourceId(), ctx -> CostAdjustment.adjust(ctx, order, run));
    }

    public ProductionOrderStatistics statistics(ProductionOrder order, MasterData masterData) {
        return ProductionOrderStatistics.of(
                new PostingContext(masterData, settings, EntryNumbers.startingAtOne(), order.no()), order);
    }

    private PostingResult run(MasterData masterData, EntryNumbers numbers, String sourceId,
                              Consumer<PostingContext> rule) {
        PostingContext ctx = new PostingContext(masterData, settings, numbers, sourceId);
        try {
            rule.accept(ctx);
            return ctx.posted();
        } catch (Refused refused) {
            if (ctx.isApplying()) {
                // A refusal after the state changed would leave half a posting: that is a bug in a check phase.
                throw new IllegalStateException("refused after the order changed: " + refused.refusal(), refused);
            }
            return new PostingResult.Refused(refused.refusal());
        }
    }
}
