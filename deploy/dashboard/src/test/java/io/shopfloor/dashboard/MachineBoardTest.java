package io.shopfloor.dashboard;

import io.shopfloor.schema.signal.MachineKpi;
import io.shopfloor.schema.signal.MachineState;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class MachineBoardTest {
    private final MachineBoard board = new MachineBoard();

    @Test
    void theStateWithTheLatestSourceTimeWinsWhateverTheArrivalOrder() {
        board.apply(Example1Dashboard.state("CUT-1", MachineState.RUNNING, null, 30));
        MachineView late = board.apply(Example1Dashboard.state("CUT-1", MachineState.SETUP, null, 0));
        assertEquals(List.of("RUNNING", "2026-03-02T00:30:00Z"), List.of(late.state(), late.stateSince().toString()));
        MachineView stopped = board.apply(Example1Dashboard.state("CUT-1", MachineState.STOPPED, "JAM", 45));
        assertEquals(List.of("STOPPED", "JAM"), List.of(stopped.state(), stopped.stopCode()));
        // A duplicate (QoS 1) of the latest change changes nothing.
        assertEquals(stopped, board.apply(Example1Dashboard.state("CUT-1", MachineState.STOPPED, "JAM", 45)));
    }

    @Test
    void aTileShowsTheLatestWindowsOeeAndThePartsOfAllWindows() {
        MachineView first = board.apply(Example1Dashboard.kpi("CUT-1", 0, 150, 60, 0, 30, 120, 0.8, 1.0, 1.0));
        assertEquals("UNKNOWN", first.state());
        assertNull(first.stateSince());
        MachineView second = board.apply(Example1Dashboard.kpi("CUT-1", 300, 450, 40, 3, 0, 86, 0.9556, 1.0,
                0.9302));
        assertEquals(List.of(100L, 3L), List.of(second.goodParts(), second.scrapParts()));
        assertEquals(List.of(new BigDecimal("88.9"), new BigDecimal("95.6"), new BigDecimal("100.0"),
                        new BigDecimal("93.0")),
                List.of(second.oeePct(), second.availabilityPct(), second.performancePct(), second.qualityPct()));
        assertEquals(List.of("RPO-1001", "10", "2026-03-02T07:30:00Z"),
                List.of(second.orderNo(), second.operationNo(), second.kpiWindowEnd().toString()));
        assertEquals(List.of(
                new MachineView.KpiPoint(Instant.parse("2026-03-02T02:30:00Z"), 60, 0, new BigDecimal("80.0")),
                new MachineView.KpiPoint(Instant.parse("2026-03-02T07:30:00Z"), 40, 3, new BigDecimal("88.9"))),
                second.history());
    }

    @Test
    void aWindowSeenAgainReplacesTheOneBeforeAndALateWindowDoesNotBecomeTheLatest() {
        board.apply(Example1Dashboard.kpi("CUT-1", 300, 450, 40, 3, 0, 86, 0.9556, 1.0, 0.9302));
        board.apply(Example1Dashboard.kpi("CUT-1", 300, 450, 41, 2, 0, 86, 0.9556, 1.0, 0.9535));
        MachineView late = board.apply(Example1Dashboard.kpi("CUT-1", 0, 150, 60, 0, 30, 120, 0.8, 1.0, 1.0));
        assertEquals(List.of(101L, 2L, "2026-03-02T07:30:00Z", "91.1"), List.of(late.goodParts(), late.scrapParts(),
                late.kpiWindowEnd().toString(), late.oeePct().toPlainString()));
        assertEquals(2, late.history().size());
    }

    @Test
    void oldWindowsLeaveTheChartsButStayInTheTotals() {
        MachineView view = null;
        for (int window = 0; window < MachineBoard.HISTORY_WINDOWS + 4; window++) {
            view = board.apply(Example1Dashboard.kpi("PRESS-1", window * 10, window * 10 + 10, 5, 1, 0, 10, 1.0, 1.0,
                    5.0 / 6));
        }
        assertEquals(MachineBoard.HISTORY_WINDOWS, view.history().size());
        assertEquals(Instant.parse("2026-03-02T00:50:00Z"), view.history().get(0).windowEnd());
        assertEquals(List.of(5L * (MachineBoard.HISTORY_WINDOWS + 4), (long) MachineBoard.HISTORY_WINDOWS + 4),
                List.of(view.goodParts(), view.scrapParts()));
        // A replay of a window older than the kept history is already counted.
        view = board.apply(Example1Dashboard.kpi("PRESS-1", 0, 10, 5, 1, 0, 10, 1.0, 1.0, 5.0 / 6));
        assertEquals(5L * (MachineBoard.HISTORY_WINDOWS + 4), view.goodParts());
    }

    @Test
    void undefinedRatiosStayUndefinedAndMachinesAreListedById() {
        MachineKpi idle = MachineKpi.newBuilder(Example1Dashboard.kpi("B-2", 0, 10, 0, 0, 0, 0, 0, 0, 0))
                .setAvailability(null).setPerformance(null).setQuality(null).setOee(null).build();
        MachineView view = board.apply(idle);
        assertNull(view.oeePct());
        assertNull(view.history().get(0).oeePct());
        board.apply(Example1Dashboard.state("A-1", MachineState.IDLE, null, 0));
        assertEquals(List.of("A-1", "B-2"), board.machines().stream().map(MachineView::machineId).toList());
        assertEquals(new BigDecimal("87.5"), MachineBoard.percent(0.87549));
        assertNull(MachineBoard.percent(Double.NaN));
    }
}
