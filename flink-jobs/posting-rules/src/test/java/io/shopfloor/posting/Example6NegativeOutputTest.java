package io.shopfloor.posting;

import io.shopfloor.posting.journal.ConsumptionJournalLine;
import io.shopfloor.posting.order.RoutingStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.shopfloor.posting.Assertions.assertDec;
import static io.shopfloor.posting.Assertions.refused;
import static io.shopfloor.posting.SetA.D0;
import static io.shopfloor.posting.SetA.D1;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/examples.md#example-6-correcting-an-over-count: correcting an over-count of 5 after example 1's E2. */
class Example6NegativeOutputTest {
    private final Scenario s = new Scenario(new SetA());

    @BeforeEach
    void postE1AndE2() {
        s.release(D0);
        s.post(s.output("E1", "10").setupTime("30").runTime("120").output("60"));
        s.post(s.output("E2", "20").runTime("60").output("60"));
    }

    @Test
    void negativeOutputAppliedToTheOriginalEntryReversesAtItsCost() {
        assertEquals(List.of(
                "CLE 503 MC-ASSY op 20 qty -5 inv -5 setup 0 run -5 stop 0 out -5 scrap 0 last true item FG-100 order RPO-1001/10000 2026-03-02",
                "VE 2007 DIRECT_COST CLE 503 valued -5 inv -5 actual -2.50 expected 0.00",
                "ILE 1004 OUTPUT FG-100 qty -5 rem 0 inv 0 open false appliesTo 1003 comp 0 source FG-100 order RPO-1001/10000 doc RPO-1001 OUTPUTJNL 2026-03-02",
                "VE 2008 DIRECT_COST ILE 1004 valued -5 inv 0 actual 0.00 expected -39.05"),
                s.post(s.output("FIX", "20").output("-5").runTime("-5").appliesToEntry(1003L)));
        assertDec("55", s.line().outputEntry(1003).orElseThrow().remainingQtyBase());
        assertDec("55", s.line().finishedQuantity());
        assertDec("45", s.line().remainingQuantity());
        assertEquals(RoutingStatus.IN_PROGRESS, s.operation("20").routingStatus());
        assertDec("400", s.component(20000).actConsumptionQtyBase()); // no automatic reversal of the flush
    }

    @Test
    void withoutAppliesToEntryTheCorrectionIsRefusedAndNothingChanges() {
        refused(s.postRaw(s.output("FIX", "20").output("-5").runTime("-5")), RefusalReason.APPLIES_TO_ENTRY_REQUIRED);
        assertDec("60", s.line().finishedQuantity());
        assertDec("60", s.operation("20").postedOutputQtyBase());
        // Entry numbers were not consumed: the next posting continues at CLE 503.
        assertEquals("CLE 503 MC-ASSY op 20 qty -5 inv -5 setup 0 run -5 stop 0 out -5 scrap 0 last true item FG-100 order RPO-1001/10000 2026-03-02",
                s.post(s.output("FIX", "20").output("-5").runTime("-5").appliesToEntry(1003L)).get(0));
    }

    @Test
    void moreThanTheAppliedEntryStillHoldsIsRefused() {
        refused(s.postRaw(s.output("FIX", "20").output("-61").appliesToEntry(1003L)),
                RefusalReason.APPLIES_TO_ENTRY_INSUFFICIENT);
    }

    @Test
    void anOverCountOnOperation10NeedsAnExplicitReturnOfSteelAppliedToTheFlush() {
        assertEquals(List.of(
                "CLE 503 WC-CUT op 10 qty -5 inv -5 setup 0 run -5 stop 0 out -5 scrap 0 last false item FG-100 order RPO-1001/10000 2026-03-02",
                "VE 2007 DIRECT_COST CLE 503 valued -5 inv -5 actual -5.00 expected 0.00",
                "VE 2008 INDIRECT_COST CLE 503 valued -5 inv 0 actual -1.00 expected 0.00"),
                s.post(s.output("FIX10", "10").output("-5").runTime("-5")));
        assertDec("84", s.component(10000).remainingQuantity()); // negative output flushes nothing back

        // 5 × 2.1 = 10.50 KG returned at the cost of ILE 1001.
        assertEquals(List.of(
                "ILE 1004 CONSUMPTION STEEL qty 10.5 rem 10.5 inv 10.5 open true comp 10000 source FG-100 order RPO-1001/10000 doc RPO-1001 CONSUMPJNL 2026-03-02",
                "VE 2009 DIRECT_COST ILE 1004 valued 10.5 inv 10.5 actual 15.75 expected 0.00"),
                s.post(s.setA.rules.postConsumption(s.order, new ConsumptionJournalLine("RET", D1, SetA.ORDER, SetA.ORDER, SetA.LINE,
                        10000, new BigDecimal("-10.50"), 1001L), s.setA.masterData, s.setA.numbers)));
        assertDec("94.50", s.component(10000).remainingQuantity());
    }
}
