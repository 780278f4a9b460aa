package io.shopfloor.posting;

import io.shopfloor.posting.journal.CapacityJournalLine;
import io.shopfloor.posting.journal.StopRecoding;
import io.shopfloor.posting.ledger.CapacityLedgerEntry;
import io.shopfloor.posting.model.CapacityType;
import io.shopfloor.posting.order.PostedStops;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.shopfloor.posting.Assertions.posted;
import static io.shopfloor.posting.Assertions.refused;
import static io.shopfloor.posting.SetA.D0;
import static io.shopfloor.posting.SetA.D1;
import static io.shopfloor.posting.SetA.D2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/capacity-costs.md#re-coding-a-stop: a posted stop gets its reason, or is split into several. */
class StopRecodingTest {
    private final SetA setA = new SetA();
    private final PostedStops stops = new PostedStops();

    /** A machine's stop without a code on WC-CUT (capacity entry 501, 90 minutes), noted as the job notes it. */
    private CapacityLedgerEntry machineStop() {
        PostingResult.Posted posted = posted(setA.rules.postCapacity(new CapacityJournalLine("CUT-1/stop", D1,
                "CUT-1", CapacityType.WORK_CENTER, "WC-CUT", "SHIFT1", null, null, BigDecimal.ONE, null, null,
                new BigDecimal("90"), "MINUTES", null), setA.masterData, setA.numbers));
        stops.note(posted.entries());
        return posted.capacityLedgerEntries().get(0);
    }

    private static StopRecoding recoding(String id, long entryNo, StopRecoding.Reason... reasons) {
        return new StopRecoding(id, D1, "STOP-" + id, entryNo, List.of(reasons), "olga");
    }

    private static StopRecoding.Reason reason(String code, String minutes) {
        return new StopRecoding.Reason(code, new BigDecimal(minutes));
    }

    private PostingResult recode(StopRecoding line) {
        PostingResult result = setA.rules.recodeStop(stops, line, setA.masterData, setA.numbers);
        if (result instanceof PostingResult.Posted posted) {
            stops.note(posted.entries());
        }
        return result;
    }

    @Test
    void splittingAStopReversesItAndPostsOneCodedEntryPerReason() {
        CapacityLedgerEntry stop = machineStop();
        PostingResult.Posted posted = posted(recode(recoding("T1", stop.entryNo(), reason("JAM", "60"),
                reason("CLEAN", "30"))));
        assertEquals(List.of(
                "CLE 502 WC-CUT op null qty -90 inv -90 setup 0 run 0 stop -90 out 0 scrap 0 last false item null"
                        + " order null/0 2026-03-02",
                "CLE 503 WC-CUT op null qty 60 inv 60 setup 0 run 0 stop 60 out 0 scrap 0 stopCode JAM last false"
                        + " item null order null/0 2026-03-02",
                "CLE 504 WC-CUT op null qty 30 inv 30 setup 0 run 0 stop 30 out 0 scrap 0 stopCode CLEAN last false"
                        + " item null order null/0 2026-03-02"),
                LedgerText.of(posted.entries()));
        List<CapacityLedgerEntry> entries = posted.capacityLedgerEntries();
        assertEquals(501L, entries.get(0).appliesToEntryNo());
        assertNull(entries.get(1).appliesToEntryNo());
        assertEquals(List.of("T1/CLE1", "T1/CLE2", "T1/CLE3"),
                entries.stream().map(CapacityLedgerEntry::idempotencyKey).toList());
        assertEquals(List.of("olga", "olga", "olga"), entries.stream().map(CapacityLedgerEntry::postedBy).toList());
        assertEquals(List.of("STOP-T1", "STOP-T1", "STOP-T1"),
                entries.stream().map(CapacityLedgerEntry::documentNo).toList());
        assertEquals(List.of("SHIFT1", "SHIFT1", "SHIFT1"),
                entries.stream().map(CapacityLedgerEntry::workShiftCode).toList());
        assertTrue(posted.valueEntries().isEmpty(), "stop time is unvalued");
        assertTrue(stops.find(501).orElseThrow().recoded());
        assertEquals(List.of(501L, 503L, 504L), stops.stops().stream().map(PostedStops.Stop::entryNo).toList());
    }

    @Test
    void aStopIsReversedOnceButItsCodedEntriesCanBeRecodedAgain() {
        CapacityLedgerEntry stop = machineStop();
        posted(recode(recoding("T1", stop.entryNo(), reason("JAM", "90"))));
        refused(recode(recoding("T2", stop.entryNo(), reason("CLEAN", "90"))), RefusalReason.STOP_ALREADY_RECODED);
        PostingResult.Posted again = posted(recode(recoding("T3", 503, reason("CLEAN", "90"))));
        assertEquals(List.of(
                "CLE 504 WC-CUT op null qty -90 inv -90 setup 0 run 0 stop -90 out 0 scrap 0 stopCode JAM last false"
                        + " item null order null/0 2026-03-02",
                "CLE 505 WC-CUT op null qty 90 inv 90 setup 0 run 0 stop 90 out 0 scrap 0 stopCode CLEAN last false"
                        + " item null order null/0 2026-03-02"),
                LedgerText.of(again.entries()));
        assertEquals(503L, again.capacityLedgerEntries().get(0).appliesToEntryNo());
    }

    @Test
    void refusalsLeaveTheNumbersAndTheStopsAlone() {
        CapacityLedgerEntry stop = machineStop();
        // The reversal (negative stop time) is no stop; neither is an entry never posted here.
        refused(recode(recoding("R1", 999, reason("JAM", "90"))), RefusalReason.APPLIES_TO_STOP_INVALID);
        refused(recode(recoding("R2", stop.entryNo(), reason("JAM", "60"), reason("CLEAN", "29.99999"))),
                RefusalReason.STOP_TIMES_DO_NOT_SUM);
        refused(recode(recoding("R3", stop.entryNo())), RefusalReason.STOP_REASON_INVALID);
        refused(recode(recoding("R4", stop.entryNo(), reason(" ", "90"))), RefusalReason.STOP_REASON_INVALID);
        refused(recode(recoding("R5", stop.entryNo(), reason("JAM", "100"), reason("CLEAN", "-10"))),
                RefusalReason.STOP_REASON_INVALID);
        refused(recode(recoding("R6", stop.entryNo(), reason("JAM", "45"), reason("JAM", "45"))),
                RefusalReason.STOP_REASON_INVALID);
        refused(recode(new StopRecoding("R7", D0, "STOP-R7", stop.entryNo(), List.of(reason("JAM", "90")), null)),
                RefusalReason.POSTING_DATE_BEFORE_STOP);
        refused(recode(new StopRecoding("R8", D2, " ", stop.entryNo(), List.of(reason("JAM", "90")), null)),
                RefusalReason.DOCUMENT_NO_REQUIRED);
        PostingResult.Posted posted = posted(recode(new StopRecoding("R9", D2, "STOP-R9", stop.entryNo(),
                List.of(reason("JAM", "90.00000")), null)));
        assertEquals(502L, posted.capacityLedgerEntries().get(0).entryNo());
        assertNull(posted.capacityLedgerEntries().get(0).postedBy());
        assertEquals(D2, posted.capacityLedgerEntries().get(1).postingDate());
        PostingResult.Posted reversalIsNoStop = posted;
        refused(recode(recoding("R10", reversalIsNoStop.capacityLedgerEntries().get(0).entryNo(),
                reason("JAM", "90"))), RefusalReason.APPLIES_TO_STOP_INVALID);
    }

    @Test
    void anOrdersStopKeepsItsOperationAndOrderFields() {
        Scenario scenario = new Scenario(setA);
        scenario.release(D1);
        PostingResult.Posted stopPosting = posted(setA.rules.postOutput(scenario.order,
                scenario.output("M1", "10").stopTime(new BigDecimal("12"), null).build(), setA.masterData,
                setA.numbers));
        stops.note(stopPosting.entries());
        CapacityLedgerEntry stop = stopPosting.capacityLedgerEntries().get(0);
        PostingResult.Posted posted = posted(recode(recoding("T1", stop.entryNo(), reason("WAIT-MAT", "12"))));
        CapacityLedgerEntry reversal = posted.capacityLedgerEntries().get(0);
        CapacityLedgerEntry coded = posted.capacityLedgerEntries().get(1);
        for (CapacityLedgerEntry e : List.of(reversal, coded)) {
            assertEquals(List.of(stop.orderNo(), stop.orderLineNo(), stop.operationNo(), stop.no(), stop.itemNo(),
                    stop.routingNo(), stop.workCenterNo()), List.of(e.orderNo(), e.orderLineNo(), e.operationNo(),
                    e.no(), e.itemNo(), e.routingNo(), e.workCenterNo()));
        }
        assertEquals(stop.stopTime().negate(), reversal.stopTime());
        assertEquals("WAIT-MAT", coded.stopCode());
        assertEquals(stop.stopTime(), coded.stopTime());
    }

    @Test
    void theOldestStopsAreForgottenBeyondTheBound() {
        PostedStops two = new PostedStops(2);
        two.note(List.of(machineStop(), machineStop(), machineStop()));
        assertEquals(List.of(502L, 503L), two.stops().stream().map(PostedStops.Stop::entryNo).toList());
        refused(setA.rules.recodeStop(two, recoding("F1", 501, reason("JAM", "90")), setA.masterData,
                setA.numbers), RefusalReason.APPLIES_TO_STOP_INVALID);
    }

    @Test
    void postedByStampsItemCapacityAndValueEntries() {
        SetA costed = new SetA(PostingSettings.DEFAULTS.withOrderlessCapacityTime(
                PostingSettings.OrderlessCapacityTime.POST_VALUED));
        PostingResult.Posted posted = posted(costed.rules.postCapacity(new CapacityJournalLine("MAINT-1", D1, "MNT-7",
                CapacityType.WORK_CENTER, "WC-CUT", null, null, null, BigDecimal.ONE, null, new BigDecimal("30"),
                null, "MINUTES", null), costed.masterData, costed.numbers)).postedBy("olga");
        assertEquals(List.of("olga"), posted.capacityLedgerEntries().stream()
                .map(CapacityLedgerEntry::postedBy).distinct().toList());
        assertEquals(List.of("olga", "olga"), posted.valueEntries().stream()
                .map(io.shopfloor.posting.ledger.ValueEntry::postedBy).toList());
        Scenario scenario = new Scenario(setA);
        scenario.release(D1);
        PostingResult.Posted output = posted(setA.rules.postOutput(scenario.order, scenario.output("O1", "20")
                .output(BigDecimal.TEN).runTime(new BigDecimal("5")).build(), setA.masterData, setA.numbers))
                .postedBy("pia");
        assertTrue(!output.itemLedgerEntries().isEmpty());
        assertEquals(List.of("pia"), output.entries().stream().map(e -> e instanceof
                io.shopfloor.posting.ledger.ItemLedgerEntry i ? i.postedBy() : e instanceof CapacityLedgerEntry c
                ? c.postedBy() : ((io.shopfloor.posting.ledger.ValueEntry) e).postedBy()).distinct().toList());
    }
}
