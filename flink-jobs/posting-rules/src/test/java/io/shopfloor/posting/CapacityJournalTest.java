package io.shopfloor.posting;

import io.shopfloor.posting.journal.CapacityJournalLine;
import io.shopfloor.posting.model.CapacityType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static io.shopfloor.posting.Assertions.assertDec;
import static io.shopfloor.posting.Assertions.posted;
import static io.shopfloor.posting.Assertions.refused;
import static io.shopfloor.posting.SetA.D1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * docs/capacity-costs.md#capacity-journal: capacity journal lines without an order (maintenance and other non-order
 * capacity use).
 */
class CapacityJournalTest {
    private static final Instant FROM = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant TO = Instant.parse("2026-03-02T11:30:00Z");

    private static CapacityJournalLine line(String documentNo, BigDecimal stop, String unit, Instant from, Instant to) {
        return new CapacityJournalLine("MAINT-1", D1, documentNo, CapacityType.WORK_CENTER, "WC-CUT", "SHIFT1", from, to,
                BigDecimal.ONE, null, null, stop, unit, "MAINT");
    }

    @Test
    void maintenanceStopTimeIsAnUnvaluedCapacityEntryWithoutOrder() {
        SetA setA = new SetA();
        PostingResult.Posted posted = posted(setA.rules.postCapacity(line("MNT-7", new BigDecimal("1.5"), "HOURS", null, null),
                setA.masterData, setA.numbers));
        assertEquals(List.of(
                "CLE 501 WC-CUT op null qty 90 inv 90 setup 0 run 0 stop 90 out 0 scrap 0 stopCode MAINT last false item null order null/0 2026-03-02"),
                LedgerText.of(posted.entries()));
        assertEquals("HOURS", posted.capacityLedgerEntries().get(0).capUnitOfMeasureCode());
        assertEquals("SHIFT1", posted.capacityLedgerEntries().get(0).workShiftCode());
        assertNull(posted.capacityLedgerEntries().get(0).orderNo());
    }

    @Test
    void runTimeWithoutOrderIsRefusedByDefault() {
        SetA setA = new SetA();
        refused(setA.rules.postCapacity(line("MNT-7", null, null, FROM, TO), setA.masterData, setA.numbers),
                RefusalReason.ORDERLESS_CAPACITY_TIME);
        refused(setA.rules.postCapacity(line(" ", new BigDecimal("5"), null, null, null), setA.masterData, setA.numbers),
                RefusalReason.DOCUMENT_NO_REQUIRED);
    }

    @Test
    void runTimeFromStartingAndEndingTimeCanBePostedValued() {
        SetA setA = new SetA(PostingSettings.DEFAULTS.withOrderlessCapacityTime(PostingSettings.OrderlessCapacityTime.POST_VALUED));
        PostingResult.Posted posted = posted(setA.rules.postCapacity(line("MNT-7", null, null, FROM, TO), setA.masterData,
                setA.numbers));
        // 90 minutes × 1.20 = 108.00; direct (108.00 − 9.00) / 1.10 = 90.00.
        assertEquals(List.of(
                "CLE 501 WC-CUT op null qty 90 inv 90 setup 0 run 90 stop 0 out 0 scrap 0 last false item null order null/0 2026-03-02",
                "VE 2001 DIRECT_COST CLE 501 valued 90 inv 90 actual 90.00 expected 0.00",
                "VE 2002 INDIRECT_COST CLE 501 valued 90 inv 0 actual 18.00 expected 0.00"),
                LedgerText.of(posted.entries()));
        assertDec("90", posted.capacityLedgerEntries().get(0).runTime());
    }
}
