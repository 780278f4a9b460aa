package io.shopfloor.posting;

import io.shopfloor.posting.model.RoutingFlushingMethod;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.shopfloor.posting.Assertions.assertDec;
import static io.shopfloor.posting.SetA.D0;
import static io.shopfloor.posting.SetA.D2;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * docs/examples.md#example-5-backward-flushed-last-operation-at-finish: op 20 routing-flushed Backward; only op 10 was
 * posted by machines.
 */
class Example5BackwardLastOperationAtFinishTest {

    private static Scenario scenario(RoutingFlushingMethod op10, RoutingFlushingMethod op20) {
        SetA setA = new SetA();
        setA.op10Flushing = op10;
        setA.op20Flushing = op20;
        Scenario s = new Scenario(setA);
        s.release(D0);
        return s;
    }

    @Test
    void finishPostsTheLastOperationForTheRemainingQuantityThenUnlinkedBackwardComponents() {
        Scenario s = scenario(RoutingFlushingMethod.MANUAL, RoutingFlushingMethod.BACKWARD);
        s.post(s.output("E1", "10").setupTime("30").runTime("120").output("60"));
        s.post(s.output("E3", "10").runTime("86").output("40").scrap(new BigDecimal("3"), "BURR").finished(true));

        assertEquals(List.of(
                "CLE 503 MC-ASSY op 20 qty 100 inv 100 setup 0 run 100 stop 0 out 100 scrap 0 last true item FG-100 order RPO-1001/10000 2026-03-03",
                "ILE 1004 CONSUMPTION BOLT qty -400 rem 0 inv -400 open false comp 20000 source FG-100 order RPO-1001/10000 doc RPO-1001 FLUSHING 2026-03-03",
                "VE 2008 DIRECT_COST ILE 1004 valued -400 inv -400 actual -40.00 expected 0.00",
                "VE 2009 DIRECT_COST CLE 503 valued 100 inv 100 actual 50.00 expected 0.00",
                "ILE 1005 OUTPUT FG-100 qty 100 rem 100 inv 0 open true comp 0 source FG-100 order RPO-1001/10000 doc RPO-1001 FLUSHING 2026-03-03",
                "VE 2010 DIRECT_COST ILE 1005 valued 100 inv 0 actual 0.00 expected 781.00",
                "ILE 1006 CONSUMPTION PAINT qty -5 rem 0 inv -5 open false comp 30000 source FG-100 order RPO-1001/10000 doc RPO-1001 FLUSHING 2026-03-03",
                "VE 2011 DIRECT_COST ILE 1006 valued -5 inv -5 actual -100.00 expected 0.00",
                "STATUS RPO-1001 RELEASED -> FINISHED 2026-03-03"),
                s.finish(D2));
        assertEquals(List.of(), s.notices, "the remaining output is posted by the backward last operation");
        assertDec("100", s.line().finishedQuantity());
    }

    @Test
    void machinePostingsOnTheBackwardLastOperationLeaveOnlyTheRestToFinish() {
        Scenario s = scenario(RoutingFlushingMethod.MANUAL, RoutingFlushingMethod.BACKWARD);
        s.post(s.output("E2", "20").runTime("60").output("60"));

        List<String> finish = s.finish(D2);
        assertEquals("CLE 502 MC-ASSY op 20 qty 40 inv 40 setup 0 run 40 stop 0 out 40 scrap 0 last true item FG-100 order RPO-1001/10000 2026-03-03",
                finish.get(0));
        assertDec("100", s.line().finishedQuantity());
        assertDec("100", s.operation("20").postedRunTime());
    }

    @Test
    void aBackwardEarlierOperationRepostsRunTimeForTheFullQuantity() {
        Scenario s = scenario(RoutingFlushingMethod.BACKWARD, RoutingFlushingMethod.BACKWARD);
        s.post(s.output("E1", "10").setupTime("30").runTime("120").output("60"));

        List<String> finish = s.finish(D2);
        // Last operation first, then op 10: output 100 − 60 = 40 but run time 2 × 100 (BC;
        // docs/finishing.md#backward-flushing-at-finish).
        assertEquals("CLE 502 MC-ASSY op 20 qty 100 inv 100 setup 0 run 100 stop 0 out 100 scrap 0 last true item FG-100 order RPO-1001/10000 2026-03-03",
                finish.get(0));
        assertEquals(1, finish.stream().filter(line -> line.startsWith(
                "CLE 503 WC-CUT op 10 qty 230 inv 230 setup 30 run 200 stop 0 out 40 scrap 0 last false")).count(), finish::toString);
        assertDec("320", s.operation("10").postedRunTime());
    }
}
