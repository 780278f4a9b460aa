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
                new MachineView.KpiPoint(Instant.parse("2026-03-02T02:30:00Z"), 60, 0, new BigDecimal("80.0"),
                        List.of(9_000_000L, 7_200_000L, 7_200_000L, 7_200_000L)),
                new MachineView.KpiPoint(Instant.parse("2026-03-02T07:30:00Z"), 40, 3, new BigDecimal("88.9"),
                        List.of(5_160_000L, 5_160_000L, 5_160_000L, 5_160_000L))),
                board.history("CUT-1"));
        assertEquals(List.of(60L, 40L), second.recentGoodParts());
        // The line's charts, computed here for the page: output cumulated per window end, OEE per ten minutes.
        assertEquals(List.of(new LineTrend("CUT", List.of(new LineTrend.Point(1772418600000L, 60),
                        new LineTrend.Point(1772436600000L, 100)),
                        List.of(new LineTrend.Point(1772418600000L, 80.0), new LineTrend.Point(1772436600000L, 93.0)))),
                board.lineTrends());
    }

    @Test
    void aWindowSeenAgainReplacesTheOneBeforeAndALateWindowDoesNotBecomeTheLatest() {
        board.apply(Example1Dashboard.kpi("CUT-1", 300, 450, 40, 3, 0, 86, 0.9556, 1.0, 0.9302));
        board.apply(Example1Dashboard.kpi("CUT-1", 300, 450, 41, 2, 0, 86, 0.9556, 1.0, 0.9535));
        MachineView late = board.apply(Example1Dashboard.kpi("CUT-1", 0, 150, 60, 0, 30, 120, 0.8, 1.0, 1.0));
        assertEquals(List.of(101L, 2L, "2026-03-02T07:30:00Z", "91.1"), List.of(late.goodParts(), late.scrapParts(),
                late.kpiWindowEnd().toString(), late.oeePct().toPlainString()));
        assertEquals(2, late.recentGoodParts().size());
    }

    @Test
    void oldWindowsLeaveTheChartsButStayInTheTotals() {
        MachineView view = null;
        for (int window = 0; window < MachineBoard.HISTORY_WINDOWS + 4; window++) {
            view = board.apply(Example1Dashboard.kpi("PRESS-1", window * 10, window * 10 + 10, 5, 1, 0, 10, 1.0, 1.0,
                    5.0 / 6));
        }
        assertEquals(MachineBoard.HISTORY_WINDOWS, view.recentGoodParts().size());
        assertEquals(Instant.parse("2026-03-02T00:50:00Z"), board.history("PRESS-1").get(0).windowEnd());
        assertEquals(List.of(5L * (MachineBoard.HISTORY_WINDOWS + 4), (long) MachineBoard.HISTORY_WINDOWS + 4),
                List.of(view.goodParts(), view.scrapParts()));
        // A replay of a window older than the kept history is already counted.
        view = board.apply(Example1Dashboard.kpi("PRESS-1", 0, 10, 5, 1, 0, 10, 1.0, 1.0, 5.0 / 6));
        assertEquals(5L * (MachineBoard.HISTORY_WINDOWS + 4), view.goodParts());
    }

    /** A v2 window of the early shift of 2 March: minutes of production, setup, down, break; parts; 30 s ideal. */
    static MachineKpi window(String machine, int minute, int production, int setup, int down, int breakMinutes,
                             long good, long scrap, long idealCycleTimeMillis) {
        Instant start = Instant.parse("2026-03-02T06:00:00Z").plusSeconds(60L * minute);
        int length = production + setup + down + breakMinutes;
        return MachineKpi.newBuilder().setMachineId(machine).setWindowStart(start)
                .setWindowEnd(start.plusSeconds(60L * length)).setGoodParts(good).setScrapParts(scrap)
                .setSetupMillis(setup * 60_000L).setRunMillis(production * 60_000L)
                .setStopMillis((down + breakMinutes) * 60_000L).setIdleMillis(0).setNoSignalMillis(0)
                .setIdealCycleTimeMillis(idealCycleTimeMillis)
                .setShiftDate(java.time.LocalDate.of(2026, 3, 2)).setShiftCode("EARLY")
                .setBreakMillis(breakMinutes * 60_000L).setDownMillis(down * 60_000L)
                .setPlannedBusyMillis((production + setup + down) * 60_000L)
                .setIdealProductionMillis(idealCycleTimeMillis * (good + scrap))
                .setRunMillisWithIdealCycleTime(production * 60_000L).build();
    }

    @Test
    void shiftToDateSumsTheTimeElementsOfTheShiftsWindowsAndAWindowSeenAgainReplacesItsShare() {
        board.apply(window("L1-CUT-1", 0, 40, 20, 0, 0, 70, 2, 30_000)); // 07:00
        board.apply(window("L1-CUT-1", 60, 30, 0, 15, 15, 50, 0, 30_000)); // 07:00-08:00, a break and a jam
        board.apply(window("L1-CUT-1", 60, 30, 0, 15, 15, 56, 0, 30_000)); // the same window again, 56 good
        MachineView view = board.apply(window("L1-CUT-1", 120, 50, 0, 10, 0, 90, 0, 30_000)); // to 09:00
        OeeSummary shift = view.shiftToDate();
        // PBT 60 + 45 + 60 = 165 min, APT 120: 72.7 %; 218 parts x 0.5 min = 109 min / 120: 90.8 %; 216/218.
        assertEquals(List.of("2026-03-02 EARLY", "165.0 120.0 20.0 25.0 15.0", "72.7 90.8 99.1 65.5", "null"),
                List.of(shift.shiftDate() + " " + shift.shiftCode(), shift.plannedBusyMinutes() + " "
                        + shift.productionMinutes() + " " + shift.setupMinutes() + " " + shift.downMinutes() + " "
                        + shift.plannedDowntimeMinutes(), shift.availabilityPct() + " " + shift.performancePct() + " "
                        + shift.qualityPct() + " " + shift.oeePct(), String.valueOf(shift.flag())));
        assertEquals("L1", view.line());
        // The last hour: the windows overlapping 08:00-09:00 (the one of 08:00-09:00; the one before ends at 08:00).
        assertEquals(List.of("60.0", "83.3"), List.of(view.lastHour().plannedBusyMinutes().toPlainString(),
                view.lastHour().availabilityPct().toPlainString()));
    }

    @Test
    void aPerformanceAbove100PercentIsAFindingWithoutOee() {
        // 200 parts at 30 s = 100 min of ideal time in 60 min of production.
        MachineView view = board.apply(window("L2-MILL-1", 0, 60, 0, 0, 0, 200, 0, 30_000));
        assertEquals(List.of("166.7", "null", OeeSummary.IDEAL_CYCLE_TIME_SUSPECT),
                List.of(view.shiftToDate().performancePct().toPlainString(),
                        String.valueOf(view.shiftToDate().oeePct()),
                        view.shiftToDate().flag()));
    }

    /** A state change of L1-CUT-1 at 06:00 plus {@code seconds}. */
    private void state(MachineState state, String stopCode, int seconds) {
        Instant at = Instant.parse("2026-03-02T06:00:00Z").plusSeconds(seconds);
        board.apply(io.shopfloor.schema.signal.MachineStateChange.newBuilder().setMachineId("L1-CUT-1")
                .setState(state).setStopCode(stopCode).setBootEpoch(1).setSequenceNumber(seconds)
                .setSourceTimestamp(at).setReceivedTimestamp(at).build());
    }

    @Test
    void theShiftsStopsByCodeFromTheStateChanges() {
        state(MachineState.RUNNING, null, 0);
        state(MachineState.STOPPED, "JAM", 60 * 60); // 07:00-07:20
        state(MachineState.RUNNING, null, 80 * 60);
        state(MachineState.STOPPED, null, 90 * 60); // 07:30:00-07:30:20, a micro-stop
        state(MachineState.RUNNING, null, 90 * 60 + 20);
        state(MachineState.MAINTENANCE, "PM", 120 * 60); // 08:00-08:45
        state(MachineState.NO_SIGNAL, null, 165 * 60); // 08:45-08:48
        state(MachineState.RUNNING, null, 168 * 60);
        state(MachineState.STOPPED, null, 170 * 60); // 08:50-09:00 (the latest window's end), no code
        state(MachineState.STOPPED, "JAM", 5 * 60 * 60); // 11:00: after the latest window, not counted yet
        board.apply(window("L1-CUT-1", 0, 100, 0, 20, 0, 200, 0, 30_000)); // 06:00-08:00
        MachineView view = board.apply(window("L1-CUT-1", 120, 0, 0, 15, 45, 0, 0, 30_000)); // 08:00-09:00

        assertEquals(List.of("PM 45.0", "JAM 20.0", "STOPPED, no code 10.0", "no signal 3.0", "micro-stops 0.3"),
                view.shiftStops().stream().map(s -> s.code() + " " + s.minutes()).toList());
    }

    @Test
    void undefinedRatiosStayUndefinedAndMachinesAreListedById() {
        MachineKpi idle = MachineKpi.newBuilder(Example1Dashboard.kpi("B-2", 0, 10, 0, 0, 0, 0, 0, 0, 0))
                .setAvailability(null).setPerformance(null).setQuality(null).setOee(null).build();
        MachineView view = board.apply(idle);
        assertNull(view.oeePct());
        assertNull(board.history(view.machineId()).get(0).oeePct());
        board.apply(Example1Dashboard.state("A-1", MachineState.IDLE, null, 0));
        assertEquals(List.of("A-1", "B-2"), board.machines().stream().map(MachineView::machineId).toList());
        assertEquals(new BigDecimal("87.5"), MachineBoard.percent(0.87549));
        assertNull(MachineBoard.percent(Double.NaN));
    }
}
