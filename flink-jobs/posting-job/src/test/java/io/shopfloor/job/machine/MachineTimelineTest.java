package io.shopfloor.job.machine;

import io.shopfloor.job.machine.CounterReading.CounterKind;
import io.shopfloor.job.machine.MachineSignal.OperationChanged;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MachineTimelineTest {
    static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    static final MachineTimeline.Settings SETTINGS = new MachineTimeline.Settings(Duration.ofSeconds(60),
            Duration.ofSeconds(30), Duration.ofSeconds(120), ShiftCalendar.threeShifts());

    private final MachineTimeline timeline = new MachineTimeline("M1", SETTINGS);

    static Instant at(int second) {
        return T0.plusSeconds(second);
    }

    static MachineSignal state(int second, MachineState state, String code) {
        return new MachineSignal.StateChanged(at(second), state, code);
    }

    static MachineSignal good(int second, long count) {
        return new MachineSignal.PartsCounted(at(second), CounterKind.GOOD, count);
    }

    static MachineSignal scrap(int second, long count) {
        return new MachineSignal.PartsCounted(at(second), CounterKind.SCRAP, count);
    }

    static MachineSignal heartbeat(int second) {
        return new MachineSignal.Heartbeat(at(second));
    }

    static MachineSignal operation(int second, OperationChanged.Type type, String operationNo) {
        return new OperationChanged(at(second), type, "RPO-1001", 10000, operationNo, null, "OP-7");
    }

    static MachineSignal activity(int second, OperationChanged.Type type, String code) {
        return new OperationChanged(at(second), type, null, 0, null, code, null);
    }

    private void feed(MachineSignal... signals) {
        for (MachineSignal signal : signals) {
            assertTrue(timeline.accept(signal));
        }
    }

    /** Lines as "kind setup/run/stop output/scrap finished code" for compact assertions. */
    private List<String> lines(MachineTimeline.Output output) {
        return output.lines().stream().map(l -> l.kind() + " " + l.sourceId() + " setup " + plain(l.setupMinutes())
                + " run " + plain(l.runMinutes()) + " stop " + plain(l.stopMinutes()) + (l.stopCode() != null ? " " + l.stopCode() : "")
                + " out " + l.outputQuantity() + " scrap " + l.scrapQuantity() + (l.finished() ? " finished" : "")
                + " " + l.workShiftCode() + " " + l.postingDate()).toList();
    }

    private static String plain(java.math.BigDecimal minutes) {
        return minutes.stripTrailingZeros().toPlainString();
    }

    private static String end(int second) {
        return String.valueOf(at(second).toEpochMilli());
    }

    @Test
    void runTimeAndPartsBetweenOperationEventsBelongToTheOperation() {
        feed(state(0, MachineState.RUNNING, null), operation(0, OperationChanged.Type.SETUP_STARTED, "10"),
                operation(20, OperationChanged.Type.OPERATION_STARTED, "10"), good(30, 10), scrap(40, 1), good(50, 20),
                heartbeat(60));
        assertEquals(List.of(), lines(timeline.advanceTo(at(150))), "the window closes only once its time is final");
        assertEquals(List.of("OUTPUT M1/RPO-1001/10000/10/" + end(60)
                        + " setup 0.33333 run 0.66667 stop 0 out 30 scrap 1 EARLY 2026-03-02"),
                lines(timeline.advanceTo(at(180))));
    }

    @Test
    void aStopShorterThanTheMicroStopThresholdStaysRunTime() {
        feed(state(0, MachineState.RUNNING, null), operation(0, OperationChanged.Type.OPERATION_STARTED, "10"),
                state(10, MachineState.STOPPED, "JAM"), state(20, MachineState.RUNNING, null), heartbeat(60));
        assertEquals(List.of("OUTPUT M1/RPO-1001/10000/10/" + end(60)
                + " setup 0 run 1 stop 0 out 0 scrap 0 EARLY 2026-03-02"), lines(timeline.advanceTo(at(180))));
    }

    @Test
    void aLongerStopIsStopTimeOnItsOwnLineWithItsCode() {
        feed(state(0, MachineState.RUNNING, null), operation(0, OperationChanged.Type.OPERATION_STARTED, "10"),
                state(10, MachineState.STOPPED, "JAM"), state(50, MachineState.RUNNING, null), heartbeat(60));
        assertEquals(List.of(
                "OUTPUT M1/RPO-1001/10000/10/" + end(60) + " setup 0 run 0.33333 stop 0 out 0 scrap 0 EARLY 2026-03-02",
                "STOP M1/RPO-1001/10000/10/" + end(60) + "/stop/JAM setup 0 run 0 stop 0.66667 JAM out 0 scrap 0 EARLY 2026-03-02"),
                lines(timeline.advanceTo(at(180))));
    }

    /**
     * A state repeated during a stop (a Sparkplug rebirth restates it, a gateway sends it again) does not restart the
     * stop: 10 s before it ends the stop is still 40 s long, not a micro-stop.
     */
    @Test
    void aRepeatedStateDoesNotRestartTheStop() {
        feed(state(0, MachineState.RUNNING, null), operation(0, OperationChanged.Type.OPERATION_STARTED, "10"),
                state(10, MachineState.STOPPED, "JAM"), state(40, MachineState.STOPPED, "JAM"),
                state(50, MachineState.RUNNING, null), heartbeat(60));
        assertEquals(List.of(
                "OUTPUT M1/RPO-1001/10000/10/" + end(60) + " setup 0 run 0.33333 stop 0 out 0 scrap 0 EARLY 2026-03-02",
                "STOP M1/RPO-1001/10000/10/" + end(60) + "/stop/JAM setup 0 run 0 stop 0.66667 JAM out 0 scrap 0 EARLY 2026-03-02"),
                lines(timeline.advanceTo(at(180))));
    }

    @Test
    void silenceBeyondTheTimeoutIsNoSignalNotStopOrRun() {
        feed(state(0, MachineState.RUNNING, null), operation(0, OperationChanged.Type.OPERATION_STARTED, "10"),
                good(10, 5), good(200, 7));
        MachineTimeline.Output output = timeline.advanceTo(at(360));
        // 0–10 s run; 10–200 s silent (190 s > 120 s timeout): no signal; nothing heard after 200 s either.
        // The 7 parts counted at 200 s still belong to the operation, in the window 180–240 s.
        assertEquals(List.of(
                "OUTPUT M1/RPO-1001/10000/10/" + end(60) + " setup 0 run 0.16667 stop 0 out 5 scrap 0 EARLY 2026-03-02",
                "OUTPUT M1/RPO-1001/10000/10/" + end(240) + " setup 0 run 0 stop 0 out 7 scrap 0 EARLY 2026-03-02"),
                lines(output));
        assertEquals(List.of(50_000L, 60_000L, 60_000L, 60_000L), output.totals().stream()
                .map(WindowTotals::noSignalMillis).toList());
    }

    @Test
    void anExplicitNoSignalStateIsNotPosted() {
        feed(state(0, MachineState.RUNNING, null), operation(0, OperationChanged.Type.OPERATION_STARTED, "10"),
                state(30, MachineState.NO_SIGNAL, null), heartbeat(59), heartbeat(60));
        MachineTimeline.Output output = timeline.advanceTo(at(180));
        assertEquals(List.of("OUTPUT M1/RPO-1001/10000/10/" + end(60)
                + " setup 0 run 0.5 stop 0 out 0 scrap 0 EARLY 2026-03-02"), lines(output));
        assertEquals(30_000, output.totals().get(0).noSignalMillis());
    }

    @Test
    void partsAndRunTimeWithoutOperationAreUnattributed() {
        feed(state(0, MachineState.RUNNING, null), good(30, 5), heartbeat(60));
        MachineTimeline.Output output = timeline.advanceTo(at(180));
        assertEquals(List.of(), output.lines());
        assertEquals(List.of(new Unattributed("M1/unattributed/" + end(60), "M1", at(0), at(60), MachineState.RUNNING,
                60_000, 5, 0)), output.unattributed());
    }

    @Test
    void maintenanceWithoutOrderAndDeclaredActivitiesBecomeCapacityStopLines() {
        feed(state(0, MachineState.MAINTENANCE, "PM"), state(30, MachineState.IDLE, null),
                activity(30, OperationChanged.Type.ACTIVITY_STARTED, "CLEAN"), heartbeat(60));
        assertEquals(List.of(
                "CAPACITY_STOP M1/activity/CLEAN/" + end(60) + "/stop/CLEAN setup 0 run 0 stop 0.5 CLEAN out 0 scrap 0 EARLY 2026-03-02",
                "CAPACITY_STOP M1/maintenance/" + end(60) + "/stop/PM setup 0 run 0 stop 0.5 PM out 0 scrap 0 EARLY 2026-03-02"),
                lines(timeline.advanceTo(at(180))));
    }

    @Test
    void operationFinishCutsTheWindowWithTheFinishedFlag() {
        feed(state(0, MachineState.RUNNING, null), operation(0, OperationChanged.Type.OPERATION_STARTED, "10"),
                good(20, 4), operation(30, OperationChanged.Type.OPERATION_FINISHED, "10"),
                operation(40, OperationChanged.Type.OPERATION_STARTED, "20"), heartbeat(60));
        assertEquals(List.of(
                "OUTPUT M1/RPO-1001/10000/10/finish/" + end(30) + " setup 0 run 0.5 stop 0 out 4 scrap 0 finished EARLY 2026-03-02",
                "OUTPUT M1/RPO-1001/10000/20/" + end(60) + " setup 0 run 0.33333 stop 0 out 0 scrap 0 EARLY 2026-03-02"),
                lines(timeline.advanceTo(at(180))));
    }

    @Test
    void windowsAreCutAtShiftStarts() {
        MachineTimeline longWindows = new MachineTimeline("M1", new MachineTimeline.Settings(Duration.ofMinutes(45),
                Duration.ofSeconds(30), Duration.ofSeconds(120), ShiftCalendar.threeShifts()));
        Instant start = Instant.parse("2026-03-02T13:30:00Z");
        longWindows.accept(new MachineSignal.StateChanged(start, MachineState.RUNNING, null));
        longWindows.accept(new OperationChanged(start, OperationChanged.Type.OPERATION_STARTED, "RPO-1001", 10000, "10",
                null, null));
        for (int minute = 1; minute <= 80; minute++) {
            longWindows.accept(new MachineSignal.Heartbeat(start.plusSeconds(60L * minute)));
        }
        List<ReportedLine> lines = longWindows.advanceTo(start.plusSeconds(5400)).lines();
        assertEquals(2, lines.size(), lines::toString);
        assertEquals("EARLY", lines.get(0).workShiftCode());
        assertEquals(Instant.parse("2026-03-02T14:00:00Z"), lines.get(0).endingTime());
        assertEquals(0, lines.get(0).runMinutes().compareTo(java.math.BigDecimal.valueOf(30)));
        // Windows count from the shift start: the LATE shift's first window is 14:00–14:45.
        assertEquals("LATE", lines.get(1).workShiftCode());
        assertEquals(Instant.parse("2026-03-02T14:45:00Z"), lines.get(1).endingTime());
    }

    /**
     * A window keeps its stop time by the code it ran under (the order stage decides which codes are planned): the
     * stop's code, an activity's code, STOP without a code; idle time is not stop time. At most
     * MAX_STOP_CODES_PER_WINDOW codes: the time of further codes is stop time without a code.
     */
    @Test
    void aWindowKeepsItsStopTimeByCodeUpToItsBound() {
        MachineTimeline.Settings hourlySettings = new MachineTimeline.Settings(Duration.ofMinutes(60),
                Duration.ofSeconds(30), Duration.ofSeconds(120), ShiftCalendar.threeShifts());
        MachineTimeline timeline = new MachineTimeline("M1", hourlySettings);
        for (MachineSignal signal : List.of(state(0, MachineState.STOPPED, "JAM"), state(40, MachineState.STOPPED,
                null), state(80, MachineState.IDLE, null), activity(120, OperationChanged.Type.ACTIVITY_STARTED,
                "CLEAN"), state(120, MachineState.STOPPED, "JAM"), activity(160,
                OperationChanged.Type.ACTIVITY_FINISHED, "CLEAN"), state(160, MachineState.MAINTENANCE, null),
                heartbeat(200), state(200, MachineState.STOPPED, "JAM"), heartbeat(240))) {
            assertTrue(timeline.accept(signal));
        }
        WindowTotals first = timeline.advanceTo(at(3600 + 200)).totals().get(0);
        assertEquals(java.util.Map.of("JAM", 80_000L, "STOP", 40_000L, "CLEAN", 40_000L, "MAINTENANCE", 40_000L),
                first.stopMillisByCode());
        assertEquals(200_000, first.stopMillis());
        assertEquals(40_000, first.idleMillis());

        int codes = MachineTimeline.MAX_STOP_CODES_PER_WINDOW + 2;
        MachineTimeline hourly = new MachineTimeline("M1", hourlySettings);
        for (int i = 0; i < codes; i++) {
            assertTrue(hourly.accept(state(60 * i, MachineState.STOPPED, String.format("S%02d", i))));
        }
        assertTrue(hourly.accept(heartbeat(60 * codes)));
        WindowTotals window = hourly.advanceTo(at(3600 + 200)).totals().get(0);
        assertEquals(MachineTimeline.MAX_STOP_CODES_PER_WINDOW, window.stopMillisByCode().size());
        assertEquals(60_000L, window.stopMillisByCode().get("S31"));
        assertEquals(null, window.stopMillisByCode().get("S32"), "beyond the bound");
        assertEquals(60_000L * codes, window.stopMillis(), "all of it is stop time");
    }

    @Test
    void signalsForFinalTimeAreRefusedAndOutOfOrderOnesAreSorted() {
        feed(state(0, MachineState.RUNNING, null), operation(0, OperationChanged.Type.OPERATION_STARTED, "10"),
                good(50, 2), good(30, 3), heartbeat(60));
        timeline.advanceTo(at(180));
        assertFalse(timeline.accept(good(59, 1)), "60 s are final: a reading for 59 s is late");
        assertTrue(timeline.accept(good(61, 1)));
    }
}
