package io.shopfloor.posting;

import io.shopfloor.posting.journal.ConsumptionJournalLine;
import io.shopfloor.posting.journal.FinishOrder;
import io.shopfloor.posting.journal.ReleaseOrder;
import io.shopfloor.posting.ledger.EntryNumbers;
import io.shopfloor.posting.model.Bins;
import io.shopfloor.posting.model.FlushingMethod;
import io.shopfloor.posting.model.Location;
import io.shopfloor.posting.model.ManufacturingSetup;
import io.shopfloor.posting.model.ProdOutputWhseHandling;
import io.shopfloor.posting.model.RoutingFlushingMethod;
import io.shopfloor.posting.order.OrderStatus;
import io.shopfloor.posting.order.RoutingStatus;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.shopfloor.posting.Assertions.assertDec;
import static io.shopfloor.posting.Assertions.posted;
import static io.shopfloor.posting.Assertions.refused;
import static io.shopfloor.posting.SetA.D0;
import static io.shopfloor.posting.SetA.D1;
import static io.shopfloor.posting.SetA.D2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * docs/finishing.md#no-output: BC refuses to finish a line that has consumption or capacity entries but no net
 * output, and it asks for the existence of entries, not for cost or net quantity. Each case leaves the order
 * Released and posts nothing; Manufacturing Setup "Finish Order without Output" lets it finish with a notice.
 */
class FinishAgainstBusinessCentralTest {
    private static final Notice MISSING_OUTPUT =
            new Notice(Notice.NoticeCode.SOME_OUTPUT_STILL_MISSING, "line 10000 remaining 100.00000");
    // STEEL and BOLT are linked to Manual operations: nothing flushes them at finish.
    private static final Notice MISSING_STEEL = new Notice(Notice.NoticeCode.SOME_CONSUMPTION_STILL_MISSING,
            "line 10000 component 10000 remaining 210.00000");
    private static final Notice MISSING_BOLT = new Notice(Notice.NoticeCode.SOME_CONSUMPTION_STILL_MISSING,
            "line 10000 component 20000 remaining 400.00000");

    private static Scenario released() {
        Scenario s = new Scenario(new SetA());
        s.release(D0);
        return s;
    }

    private static void assertRefusedWithoutOutput(Scenario s) {
        EntryNumbers before = s.setA.numbers;
        long nextValueEntry = before.nextValueEntryNo();
        PostingResult.Refused refusal = refused(s.setA.rules.finish(s.order, FinishOrder.on("FIN", D2),
                s.setA.masterData, before), RefusalReason.NO_OUTPUT);
        assertEquals("line 10000 has consumption or capacity but no output", refusal.refusal().detail());
        assertEquals(OrderStatus.RELEASED, s.order.status());
        assertEquals(nextValueEntry + 1, before.nextValueEntryNo(), "a refusal uses no entry numbers");
    }

    @Test
    void consumptionReturnedToZeroStillHasEntries() {
        Scenario s = released();
        s.post(s.setA.rules.postConsumption(s.order, new ConsumptionJournalLine("CONS", D1, "C-1", SetA.ORDER,
                SetA.LINE, 30000, new BigDecimal("2"), null), s.setA.masterData, s.setA.numbers)); // ILE 1001
        s.post(s.setA.rules.postConsumption(s.order, new ConsumptionJournalLine("RET", D1, "C-2", SetA.ORDER,
                SetA.LINE, 30000, new BigDecimal("-2"), 1001L), s.setA.masterData, s.setA.numbers));
        assertDec("0", s.component(30000).actConsumptionQtyBase());
        assertDec("0.00", Ledger.wip(s.ledger, SetA.ORDER));
        assertRefusedWithoutOutput(s);
    }

    @Test
    void aZeroCostStopEntryIsACapacityEntry() {
        Scenario s = released();
        s.post(s.output("JAM", "10").stopTime(new BigDecimal("15"), "JAM"));
        assertEquals(RoutingStatus.PLANNED, s.operation("10").routingStatus(),
                "stop time does not start the operation");
        assertRefusedWithoutOutput(s);
    }

    @Test
    void outputReversedToZeroLeavesCapacityWithoutOutput() {
        Scenario s = released();
        s.post(s.output("E2", "20").runTime("10").output("10")); // ILE 1002 output (BOLT flushed as ILE 1001)
        s.post(s.output("FIX", "20").runTime("-10").output("-10").appliesToEntry(1002L));
        assertDec("0", s.line().finishedQtyBase());
        assertRefusedWithoutOutput(s);
    }

    @Test
    void setupTimeABackwardOperationWouldPostAtFinishCounts() {
        SetA setA = new SetA();
        setA.op10Flushing = RoutingFlushingMethod.BACKWARD;
        Scenario s = new Scenario(setA);
        s.release(D0);
        // Nothing posted yet, but BC's FlushProdOrder posts op 10's setup time (30) before its WIP check.
        assertRefusedWithoutOutput(s);
    }

    @Test
    void aFinishedFlagOnAnEmptyLinePostsNoEntryAndTheOrderFinishes() {
        Scenario s = released();
        s.post(s.output("DONE", "20").finished(true));
        assertEquals(RoutingStatus.FINISHED, s.operation("20").routingStatus());
        assertEquals(List.of("STATUS RPO-1001 RELEASED -> FINISHED 2026-03-03"), s.finish(D2));
        assertEquals(List.of(MISSING_OUTPUT, MISSING_STEEL, MISSING_BOLT), s.notices);
    }

    @Test
    void finishOrderWithoutOutputLetsTheLineWithEntriesFinish() {
        Scenario s = released();
        s.post(s.output("JAM", "10").stopTime(new BigDecimal("15"), "JAM"));
        s.setA.masterData.put(new ManufacturingSetup(true, true, true, "FLUSHING"));
        // The setup allows it, but the dialog's "Finish Order without Output" was left unticked: BC errs.
        refused(s.setA.rules.finish(s.order, FinishOrder.on("FIN", D2).withOutputRequired(), s.setA.masterData,
                s.setA.numbers), RefusalReason.NO_OUTPUT);
        assertEquals(List.of("STATUS RPO-1001 RELEASED -> FINISHED 2026-03-03"), s.finish(D2));
        assertEquals(List.of(MISSING_OUTPUT, MISSING_STEEL, MISSING_BOLT,
                new Notice(Notice.NoticeCode.FINISHED_WITHOUT_OUTPUT, "line 10000")), s.notices);
    }

    /**
     * docs/finishing.md#confirmations: a Manual component linked to a Backward operation gives no "consumption
     * missing" warning (BC checks the operation, not the component), and the finish leaves it unconsumed.
     */
    @Test
    void aManualComponentLinkedToABackwardOperationGivesNoWarning() {
        SetA setA = new SetA(PostingSettings.DEFAULTS.withFinishConfirmations(
                PostingSettings.FinishConfirmation.REFUSE, PostingSettings.FinishConfirmation.REFUSE));
        setA.steelFlushing = FlushingMethod.MANUAL;
        setA.op10Flushing = RoutingFlushingMethod.BACKWARD;
        Scenario s = new Scenario(setA);
        s.release(D0);
        s.post(s.output("E4", "20").runTime("100").output("100").finished(true));
        List<String> finish = s.finish(D2);
        assertEquals(List.of(), s.notices);
        assertEquals("CLE 502 WC-CUT op 10 qty 230 inv 230 setup 30 run 200 stop 0 out 100 scrap 0 last false item FG-100 order RPO-1001/10000 2026-03-03",
                finish.get(0), "op 10 posts the last operation's 100 at the finish");
        assertDec("210", s.component(10000).remainingQuantity());
        assertEquals(OrderStatus.FINISHED, s.order.status());
    }

    /** docs/flushing.md#at-release: an order created directly as Released gets the release's Forward flushing. */
    @Test
    void anOrderCreatedDirectlyAsReleasedGetsTheReleaseFlushing() {
        SetA setA = new SetA();
        setA.paintFlushing = FlushingMethod.FORWARD;
        PostingRules.Created created = setA.rules.createReleased(setA.definition(), new ReleaseOrder("NEW", D0),
                setA.masterData, setA.numbers);
        PostingResult.Posted posted = posted(created.result());
        assertEquals(List.of(
                "STATUS RPO-1001 FIRM_PLANNED -> RELEASED 2026-03-01",
                "ILE 1001 CONSUMPTION PAINT qty -5 rem 0 inv -5 open false comp 30000 source FG-100 order RPO-1001/10000 doc RPO-1001 FLUSHING 2026-03-01",
                "VE 2001 DIRECT_COST ILE 1001 valued -5 inv -5 actual -100.00 expected 0.00"),
                LedgerText.of(posted.entries()));
        assertEquals(OrderStatus.RELEASED, created.order().status());
        assertDec("0", created.order().lines().get(0).component(30000).orElseThrow().remainingQuantity());
    }

    @Test
    void aRefusedCreationLeavesNoOrder() {
        SetA setA = new SetA();
        setA.paintFlushing = FlushingMethod.FORWARD;
        setA.masterData.put(new Location("MAIN", true, ProdOutputWhseHandling.NO_WAREHOUSE_HANDLING, Bins.NONE));
        PostingRules.Created created = setA.rules.createReleased(setA.definition(), new ReleaseOrder("NEW", D0),
                setA.masterData, setA.numbers);
        refused(created.result(), RefusalReason.BIN_CODE_MISSING);
        assertNull(created.order());
    }
}
