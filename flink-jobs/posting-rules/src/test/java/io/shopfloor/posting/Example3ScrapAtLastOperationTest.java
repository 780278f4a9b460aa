package io.shopfloor.posting;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.shopfloor.posting.Assertions.assertDec;
import static io.shopfloor.posting.SetA.D0;
import static io.shopfloor.posting.SetA.D2;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/examples.md#example-3-scrap-at-the-last-operation: scrap reported at the last operation. */
class Example3ScrapAtLastOperationTest {
    private final Scenario s = new Scenario(new SetA());

    @Test
    void scrapOnTheLastOperationStaysOutOfInventoryButDrivesTheFinishFlush() {
        s.release(D0);
        s.post(s.output("E1", "10").setupTime("30").runTime("120").output("60"));
        s.post(s.output("E2", "20").runTime("60").output("60"));

        assertEquals(List.of(
                "CLE 503 WC-CUT op 10 qty 86 inv 86 setup 0 run 86 stop 0 out 43 scrap 0 last false item FG-100 order RPO-1001/10000 2026-03-02",
                "ILE 1004 CONSUMPTION STEEL qty -84 rem 0 inv -84 open false comp 10000 source FG-100 order RPO-1001/10000 doc RPO-1001 FLUSHING 2026-03-02",
                "VE 2007 DIRECT_COST ILE 1004 valued -84 inv -84 actual -126.00 expected 0.00",
                "ILE 1005 CONSUMPTION STEEL qty -6.3 rem 0 inv -6.3 open false comp 10000 source FG-100 order RPO-1001/10000 doc RPO-1001 FLUSHING 2026-03-02",
                "VE 2008 DIRECT_COST ILE 1005 valued -6.3 inv -6.3 actual -9.45 expected 0.00",
                "VE 2009 DIRECT_COST CLE 503 valued 86 inv 86 actual 86.00 expected 0.00",
                "VE 2010 INDIRECT_COST CLE 503 valued 86 inv 0 actual 17.20 expected 0.00"),
                s.post(s.output("E3'", "10").runTime("86").output("43").finished(true)));

        assertEquals(List.of(
                "CLE 504 MC-ASSY op 20 qty 43 inv 43 setup 0 run 43 stop 0 out 40 scrap 3 last true item FG-100 order RPO-1001/10000 2026-03-02",
                "VE 2011 DIRECT_COST CLE 504 valued 43 inv 43 actual 21.50 expected 0.00",
                "ILE 1006 OUTPUT FG-100 qty 40 rem 40 inv 0 open true comp 0 source FG-100 order RPO-1001/10000 doc RPO-1001 OUTPUTJNL 2026-03-02",
                "VE 2012 DIRECT_COST ILE 1006 valued 40 inv 0 actual 0.00 expected 312.40"),
                s.post(s.output("E4'", "20").runTime("43").output("40").scrap(new BigDecimal("3"), null).finished(true)));
        assertDec("100", s.line().finishedQuantity());

        // PAINT on the last operation's output + scrap: 103 × 0.05 = 5.150 against an expected 5.000.
        assertEquals(List.of(
                "ILE 1007 CONSUMPTION PAINT qty -5 rem 0 inv -5 open false comp 30000 source FG-100 order RPO-1001/10000 doc RPO-1001 FLUSHING 2026-03-03",
                "VE 2013 DIRECT_COST ILE 1007 valued -5 inv -5 actual -100.00 expected 0.00",
                "ILE 1008 CONSUMPTION PAINT qty -0.15 rem 0 inv -0.15 open false comp 30000 source FG-100 order RPO-1001/10000 doc RPO-1001 FLUSHING 2026-03-03",
                "VE 2014 DIRECT_COST ILE 1008 valued -0.15 inv -0.15 actual -3.00 expected 0.00",
                "STATUS RPO-1001 RELEASED -> FINISHED 2026-03-03"),
                s.finish(D2));
        // Forward flushing knows nothing of the 3 scrapped assemblies: BOLT stays at 400.
        assertDec("400", s.component(20000).actConsumptionQtyBase());
    }
}
