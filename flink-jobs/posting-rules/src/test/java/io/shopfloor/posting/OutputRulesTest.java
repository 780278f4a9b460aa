package io.shopfloor.posting;

import io.shopfloor.posting.journal.OutputJournalLine;
import io.shopfloor.posting.model.CapacityCost;
import io.shopfloor.posting.model.CostingMethod;
import io.shopfloor.posting.model.Item;
import io.shopfloor.posting.model.UnitCostCalculation;
import io.shopfloor.posting.model.WorkCenter;
import io.shopfloor.posting.order.RoutingStatus;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.shopfloor.posting.Assertions.assertDec;
import static io.shopfloor.posting.Assertions.refused;
import static io.shopfloor.posting.SetA.D0;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * docs/output-posting.md#steps and docs/flushing.md cases the worked examples do not show, and the refusals of an
 * output line.
 */
class OutputRulesTest {
    private final Scenario s = new Scenario(new SetA());

    @Test
    void aSetupOnlyPostingStartsTheOperationAndFlushesItsForwardComponents() {
        s.release(D0);
        List<String> setup = s.post(s.output("SETUP", "20").setupTime("10"));
        assertEquals("ILE 1001 CONSUMPTION BOLT qty -400 rem 0 inv -400 open false comp 20000 source FG-100 order RPO-1001/10000 doc RPO-1001 FLUSHING 2026-03-02",
                setup.get(1));
        assertEquals(RoutingStatus.IN_PROGRESS, s.operation("20").routingStatus());
    }

    @Test
    void scrapOnlyLineFlushesForTheScrap() {
        s.release(D0);
        List<String> scrap = s.post(s.output("SCRAP", "10").scrap(new BigDecimal("3"), "BURR"));
        assertEquals("ILE 1001 CONSUMPTION STEEL qty -6.3 rem 0 inv -6.3 open false comp 10000 source FG-100 order RPO-1001/10000 doc RPO-1001 FLUSHING 2026-03-02",
                scrap.get(1));
    }

    @Test
    void outputAboveTheOrderQuantityClampsTheRemainingQuantityAtZero() {
        s.release(D0);
        s.post(s.output("BIG", "20").output("104"));
        assertDec("104", s.line().finishedQuantity());
        assertDec("0", s.line().remainingQuantity());
    }

    @Test
    void anEmptyLineWithTheFinishedFlagFinishesTheOperationWithoutEntries() {
        s.release(D0);
        assertEquals(List.of(), s.post(s.output("DONE", "10").finished(true)));
        assertEquals(RoutingStatus.FINISHED, s.operation("10").routingStatus());
        assertEquals(List.of(), s.post(s.output("NOTHING", "20")));
        assertEquals(RoutingStatus.PLANNED, s.operation("20").routingStatus());
        assertDec("400", s.component(20000).remainingQuantity()); // an empty line is no operation start
    }

    @Test
    void outputOnAFinishedOperationIsPostedWithANoticeAndReopensIt() {
        s.release(D0);
        s.post(s.output("E3", "10").runTime("86").output("40").finished(true));
        s.post(s.output("LATE", "10").output("5"));
        assertEquals(Notice.NoticeCode.OUTPUT_ON_FINISHED_OPERATION, s.notices.get(0).code());
        assertEquals(RoutingStatus.IN_PROGRESS, s.operation("10").routingStatus());
    }

    @Test
    void outputOnAFinishedOperationCanBeRefusedByPolicy() {
        Scenario strict = new Scenario(new SetA(PostingSettings.DEFAULTS.withOutputOnFinishedOperation(
                PostingSettings.OutputOnFinishedOperation.REFUSE)));
        strict.release(D0);
        strict.post(strict.output("E3", "10").runTime("86").output("40").finished(true));
        refused(strict.postRaw(strict.output("LATE", "10").output("5")), RefusalReason.OUTPUT_ON_FINISHED_OPERATION);
        // Time without output is still accepted on a finished operation.
        strict.post(strict.output("LATE-TIME", "10").runTime("5"));
    }

    @Test
    void refusalsNameTheReasonAndConsumeNoEntryNumbers() {
        refused(s.postRaw(s.output("X", "10").output("1")), RefusalReason.ORDER_NOT_RELEASED);
        s.release(D0);
        refused(s.postRaw(s.output("X", "").output("1")), RefusalReason.OPERATION_NO_REQUIRED);
        refused(s.postRaw(s.output("X", "30").output("1")), RefusalReason.OPERATION_NOT_FOUND);
        refused(s.setA.rules.postOutput(s.order, OutputJournalLine
                .builder("X", SetA.ORDER, 99999, "10").output(BigDecimal.ONE).build(), s.setA.masterData, s.setA.numbers),
                RefusalReason.ORDER_LINE_NOT_FOUND);
        refused(s.postRaw(s.output("X", "20").output("5").appliesToEntry(1L)), RefusalReason.APPLIES_TO_ENTRY_INVALID);
        refused(s.postRaw(s.output("X", "20").output("-5").appliesToEntry(1L)), RefusalReason.APPLIES_TO_ENTRY_INVALID);
        refused(s.postRaw(s.output("X", "10").output("1").capUnitOfMeasure("FORTNIGHTS")),
                RefusalReason.CAPACITY_UNIT_OF_MEASURE_NOT_FOUND);

        s.setA.masterData.put(Item.of("STEEL", "KG", CostingMethod.STANDARD, "1.50", "0"));
        refused(s.postRaw(s.output("X", "10").output("1")), RefusalReason.ROUNDING_PRECISION_MISSING);
        s.setA.masterData.put(Item.of("STEEL", "KG", CostingMethod.STANDARD, "1.50", "0.01"));

        s.setA.masterData.put(WorkCenter.of("WC-CUT", "MINUTES", CapacityCost.of("1.00", "10", "0.10"),
                UnitCostCalculation.TIME).withBlocked(true));
        refused(s.postRaw(s.output("X", "10").output("1")), RefusalReason.CAPACITY_BLOCKED);

        assertDec("210", s.component(10000).remainingQuantity());
        assertEquals(RoutingStatus.PLANNED, s.operation("10").routingStatus());
        assertEquals("CLE 501 MC-ASSY op 20 qty 1 inv 1 setup 0 run 1 stop 0 out 0 scrap 0 last true item FG-100 order RPO-1001/10000 2026-03-02",
                s.post(s.output("OK", "20").runTime("1")).get(0));
    }
}
