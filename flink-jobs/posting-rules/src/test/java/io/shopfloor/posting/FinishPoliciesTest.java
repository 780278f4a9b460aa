package io.shopfloor.posting;

import io.shopfloor.posting.journal.FinishOrder;
import io.shopfloor.posting.model.FlushingMethod;
import io.shopfloor.posting.model.ManufacturingSetup;
import io.shopfloor.posting.order.OrderStatus;
import io.shopfloor.posting.order.RoutingStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.shopfloor.posting.Assertions.assertDec;
import static io.shopfloor.posting.Assertions.refused;
import static io.shopfloor.posting.SetA.D0;
import static io.shopfloor.posting.SetA.D2;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * docs/finishing.md#confirmations: each confirmation BC asks at finish is a named policy outcome; each error a refusal.
 */
class FinishPoliciesTest {
    private static final PostingSettings REFUSE_BOTH = PostingSettings.DEFAULTS.withFinishConfirmations(
            PostingSettings.FinishConfirmation.REFUSE, PostingSettings.FinishConfirmation.REFUSE);

    private static Scenario afterE1AndE2(SetA setA) {
        Scenario s = new Scenario(setA);
        s.release(D0);
        s.post(s.output("E1", "10").setupTime("30").runTime("120").output("60"));
        s.post(s.output("E2", "20").runTime("60").output("60"));
        return s;
    }

    @Test
    void byDefaultMissingOutputAndConsumptionFinishWithNotices() {
        Scenario s = afterE1AndE2(new SetA());
        // PAINT (unlinked Backward) still flushes on the last operation's output: 60 × 0.05.
        assertEquals(List.of(
                "ILE 1004 CONSUMPTION PAINT qty -3 rem 0 inv -3 open false comp 30000 source FG-100 order RPO-1001/10000 doc RPO-1001 FLUSHING 2026-03-03",
                "VE 2007 DIRECT_COST ILE 1004 valued -3 inv -3 actual -60.00 expected 0.00",
                "STATUS RPO-1001 RELEASED -> FINISHED 2026-03-03"),
                s.finish(D2));
        assertEquals(List.of(
                new Notice(Notice.NoticeCode.SOME_OUTPUT_STILL_MISSING, "line 10000 remaining 40.00000"),
                new Notice(Notice.NoticeCode.SOME_CONSUMPTION_STILL_MISSING, "line 10000 component 10000 remaining 84.00000")),
                s.notices);
        assertEquals(OrderStatus.FINISHED, s.order.status());
        assertEquals(RoutingStatus.FINISHED, s.operation("20").routingStatus());
    }

    @Test
    void refusePolicyLeavesTheOrderReleasedAndUnchanged() {
        Scenario s = afterE1AndE2(new SetA(REFUSE_BOTH));
        refused(s.setA.rules.finish(s.order, FinishOrder.on("FIN", D2), s.setA.masterData, s.setA.numbers),
                RefusalReason.OUTPUT_MISSING);
        assertEquals(OrderStatus.RELEASED, s.order.status());
        assertDec("5", s.component(30000).remainingQuantity());
    }

    @Test
    void refusePolicyForAManualComponentThatWouldStayUnconsumed() {
        SetA setA = new SetA(REFUSE_BOTH);
        setA.paintFlushing = FlushingMethod.MANUAL;
        Scenario s = afterE1AndE2(setA);
        s.post(s.output("E3", "10").runTime("86").output("40").finished(true));
        s.post(s.output("E4", "20").runTime("40").output("40").finished(true));
        refused(setA.rules.finish(s.order, FinishOrder.on("FIN", D2), setA.masterData, setA.numbers),
                RefusalReason.CONSUMPTION_MISSING);
    }

    @Test
    void consumptionOrCapacityWithoutOutputIsRefusedUnlessSetupAllowsIt() {
        Scenario s = new Scenario(new SetA());
        s.release(D0);
        s.post(s.output("E1", "10").setupTime("30").runTime("120").output("60"));
        refused(s.setA.rules.finish(s.order, FinishOrder.on("FIN", D2), s.setA.masterData, s.setA.numbers),
                RefusalReason.NO_OUTPUT);

        s.setA.masterData.put(new ManufacturingSetup(true, true, true, "FLUSHING"));
        s.finish(D2);
        assertEquals(Notice.NoticeCode.FINISHED_WITHOUT_OUTPUT, s.notices.get(s.notices.size() - 1).code());
        assertEquals(OrderStatus.FINISHED, s.order.status());
    }

    @Test
    void erpFactsAndVariantRuleRefuseTheFinish() {
        Scenario s = afterE1AndE2(new SetA());
        refused(s.setA.rules.finish(s.order, new FinishOrder("FIN", D2, true, false), s.setA.masterData, s.setA.numbers),
                RefusalReason.SUBCONTRACTING_OUTSTANDING);
        refused(s.setA.rules.finish(s.order, new FinishOrder("FIN", D2, false, true), s.setA.masterData, s.setA.numbers),
                RefusalReason.PICK_OUTSTANDING);
        s.setA.masterData.put(s.setA.masterData.item("FG-100").map(i -> i.withVariantMandatory(true)).orElseThrow());
        refused(s.setA.rules.finish(s.order, FinishOrder.on("FIN", D2), s.setA.masterData, s.setA.numbers),
                RefusalReason.VARIANT_CODE_MISSING);
    }

    @Test
    void nothingPostsToAFinishedOrder() {
        Scenario s = afterE1AndE2(new SetA());
        s.finish(D2);
        refused(s.setA.rules.finish(s.order, FinishOrder.on("FIN2", D2), s.setA.masterData, s.setA.numbers),
                RefusalReason.ORDER_NOT_RELEASED);
        refused(s.postRaw(s.output("LATE", "20").runTime("5").output("5")), RefusalReason.ORDER_NOT_RELEASED);
    }

}
