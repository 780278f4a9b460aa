package io.shopfloor.posting;

import io.shopfloor.posting.model.FlushingMethod;
import io.shopfloor.posting.model.RoutingFlushingMethod;
import io.shopfloor.posting.order.OrderStatus;
import io.shopfloor.posting.order.RoutingStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.shopfloor.posting.Assertions.assertDec;
import static io.shopfloor.posting.SetA.D0;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * docs/examples.md#example-4-forward-flushing-at-release: PAINT Forward without link and op 10 routing-flushed Forward.
 * Entry order follows BC's
 * FlushProdOrder: flushed operations first, then unlinked components (the spec listed PAINT first).
 */
class Example4ForwardFlushingAtReleaseTest {

    @Test
    void releasePostsTheForwardOperationWithItsLinkedComponentsThenUnlinkedForwardComponents() {
        SetA setA = new SetA();
        setA.paintFlushing = FlushingMethod.FORWARD;
        setA.op10Flushing = RoutingFlushingMethod.FORWARD;
        Scenario s = new Scenario(setA);

        assertEquals(List.of(
                "STATUS RPO-1001 FIRM_PLANNED -> RELEASED 2026-03-01",
                "CLE 501 WC-CUT op 10 qty 230 inv 230 setup 30 run 200 stop 0 out 100 scrap 0 last false item FG-100 order RPO-1001/10000 2026-03-01",
                // STEEL backward with link CUT: 100 × 2.1 = 210 snaps to the remainder (line remaining 100 = output).
                "ILE 1001 CONSUMPTION STEEL qty -210 rem 0 inv -210 open false comp 10000 source FG-100 order RPO-1001/10000 doc RPO-1001 FLUSHING 2026-03-01",
                "VE 2001 DIRECT_COST ILE 1001 valued -210 inv -210 actual -315.00 expected 0.00",
                "VE 2002 DIRECT_COST CLE 501 valued 230 inv 230 actual 230.00 expected 0.00",
                "VE 2003 INDIRECT_COST CLE 501 valued 230 inv 0 actual 46.00 expected 0.00",
                "ILE 1002 CONSUMPTION PAINT qty -5 rem 0 inv -5 open false comp 30000 source FG-100 order RPO-1001/10000 doc RPO-1001 FLUSHING 2026-03-01",
                "VE 2004 DIRECT_COST ILE 1002 valued -5 inv -5 actual -100.00 expected 0.00"),
                s.release(D0));
        assertEquals(OrderStatus.RELEASED, s.order.status());
        assertEquals(RoutingStatus.IN_PROGRESS, s.operation("10").routingStatus());
        assertEquals(RoutingStatus.PLANNED, s.operation("20").routingStatus());
        assertDec("0", s.component(10000).remainingQuantity());
        assertDec("0", s.component(30000).remainingQuantity());
        assertDec("100", s.operation("10").postedOutputQtyBase());
    }
}
