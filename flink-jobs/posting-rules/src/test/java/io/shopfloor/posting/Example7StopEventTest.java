package io.shopfloor.posting;

import io.shopfloor.posting.order.RoutingStatus;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.shopfloor.posting.Assertions.assertDec;
import static io.shopfloor.posting.SetA.D0;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/examples.md#example-7-stop-event: a 15-minute jam on op 10 is a stop-time-only line. */
class Example7StopEventTest {

    @Test
    void stopTimeOnlyLineCreatesOneUnvaluedCapacityEntry() {
        Scenario s = new Scenario(new SetA());
        s.release(D0);
        assertEquals(List.of(
                "CLE 501 WC-CUT op 10 qty 15 inv 15 setup 0 run 0 stop 15 out 0 scrap 0 stopCode JAM last false item FG-100 order RPO-1001/10000 2026-03-02"),
                s.post(s.output("JAM-1", "10").stopTime(new BigDecimal("15"), "JAM")));
        assertEquals(RoutingStatus.PLANNED, s.operation("10").routingStatus());
        assertDec("210", s.component(10000).remainingQuantity());
    }

    @Test
    void stopTimeOnlyLinesSkipTheOrderStatusTest() {
        Scenario s = new Scenario(new SetA()); // still Firm Planned
        assertEquals(1, s.post(s.output("JAM-1", "10").stopTime(new BigDecimal("15"), "JAM")).size());
    }
}
