package io.shopfloor.job.operator;

import io.shopfloor.job.machine.CounterReading;
import io.shopfloor.job.machine.CounterReading.CounterKind;
import io.shopfloor.job.machine.MachineInput;
import io.shopfloor.job.machine.MachineSignal;
import io.shopfloor.job.machine.MachineSignal.OperationChanged;
import io.shopfloor.job.machine.MachineState;
import io.shopfloor.job.machine.MachineTimeline;
import io.shopfloor.job.machine.Rejected;
import io.shopfloor.job.machine.ReportedLine;
import io.shopfloor.job.machine.ShiftCalendar;
import io.shopfloor.job.machine.WindowTotals;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The per-machine operator in Flink's keyed test harness: event-time order, lateness, timers and state. */
class MachineSignalFunctionTest {
    static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
    static final MachineTimeline.Settings SETTINGS = new MachineTimeline.Settings(Duration.ofSeconds(60),
            Duration.ofSeconds(30), Duration.ofSeconds(120), ShiftCalendar.threeShifts());

    private KeyedOneInputStreamOperatorTestHarness<String, MachineInput, ReportedLine> harness;

    @BeforeEach
    void open() throws Exception {
        harness = newHarness();
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, MachineInput, ReportedLine> newHarness()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new MachineSignalOperator(new MachineSignalFunction(SETTINGS, Duration.ofSeconds(60),
                        StateLimits.DEFAULTS)),
                MachineInput::machineId, Types.STRING);
    }

    static long ms(int second) {
        return T0.plusSeconds(second).toEpochMilli();
    }

    static MachineInput reading(long value, int width, long bootEpoch, int second) {
        return MachineInput.of(new CounterReading("M1", "good", CounterKind.GOOD, value, width, bootEpoch, second,
                T0.plusSeconds(second)));
    }

    static MachineInput state(MachineState state, String code, int second) {
        return MachineInput.of("M1", new MachineSignal.StateChanged(T0.plusSeconds(second), state, code));
    }

    static MachineInput started(int second) {
        return MachineInput.of("M1", new OperationChanged(T0.plusSeconds(second),
                OperationChanged.Type.OPERATION_STARTED, "RPO-1001", 10000, "20", null, null));
    }

    private void send(MachineInput... inputs) throws Exception {
        for (MachineInput input : inputs) {
            harness.processElement(new StreamRecord<>(input, input.eventTime().toEpochMilli()));
        }
    }

    /** Running on op 20 from 0 s, with a heartbeat reading every 10 s up to {@code lastSecond}. */
    private void runningWithReadings(long... values) throws Exception {
        send(started(0), state(MachineState.RUNNING, null, 0));
        for (int i = 0; i < values.length; i++) {
            send(reading(values[i], 32, 1, i * 10));
        }
    }

    private long output() {
        return harness.extractOutputValues().stream().mapToLong(ReportedLine::outputQuantity).sum();
    }

    private List<Rejected> rejected() {
        return sideOutput(MachineSignalFunction.REJECTED);
    }

    private <T> List<T> sideOutput(org.apache.flink.util.OutputTag<T> tag) {
        var records = harness.getSideOutput(tag);
        return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void aDuplicateReadingGivesNoDelta() throws Exception {
        runningWithReadings(100, 110, 110, 120, 120, 120, 120);
        harness.processWatermark(ms(200));
        assertEquals(20, output());
        assertEquals(1, harness.extractOutputValues().size());
        assertEquals("M1/RPO-1001/10000/20/" + ms(60), harness.extractOutputValues().get(0).sourceId());
    }

    @Test
    void readingsAreAppliedInEventTimeOrderWhateverTheirArrival() throws Exception {
        send(started(0), state(MachineState.RUNNING, null, 0), reading(110, 32, 1, 10), reading(100, 32, 1, 0),
                reading(130, 32, 1, 30), reading(120, 32, 1, 20), reading(140, 32, 1, 40), reading(150, 32, 1, 50));
        harness.processWatermark(ms(200));
        assertEquals(50, output()); // 100 is the first reading (baseline); unsorted, 110 would have been
    }

    @Test
    void aReadingLaterThanTheAllowedLatenessIsRejected() throws Exception {
        runningWithReadings(100, 110, 120, 130, 140, 150, 160);
        harness.processWatermark(ms(300));
        send(reading(135, 32, 1, 35));
        assertEquals(List.of(Rejected.Reason.LATE), rejected().stream().map(Rejected::reason).toList());
        assertEquals(60, output());
    }

    @Test
    void wrapsAt16And32Bits() throws Exception {
        send(started(0), state(MachineState.RUNNING, null, 0), reading(65_530, 16, 1, 0), reading(5, 16, 1, 10));
        send(MachineInput.of(new CounterReading("M1", "scrap", CounterKind.SCRAP, 4_294_967_290L, 32, 1, 1,
                        T0.plusSeconds(0))),
                MachineInput.of(new CounterReading("M1", "scrap", CounterKind.SCRAP, 3, 32, 1, 2, T0.plusSeconds(20))));
        for (int s = 30; s <= 60; s += 10) {
            send(reading(5, 16, 1, s));
        }
        harness.processWatermark(ms(200));
        ReportedLine line = harness.extractOutputValues().get(0);
        assertEquals(11, line.outputQuantity());
        assertEquals(9, line.scrapQuantity());
    }

    @Test
    void aNewBootEpochIsARestartFromZero() throws Exception {
        send(started(0), state(MachineState.RUNNING, null, 0), reading(500, 32, 1, 0), reading(520, 32, 1, 10),
                reading(7, 32, 2, 20), reading(9, 32, 2, 30), reading(9, 32, 2, 40), reading(9, 32, 2, 50),
                reading(9, 32, 2, 60));
        harness.processWatermark(ms(200));
        assertEquals(20 + 7 + 2, output());
    }

    @Test
    void silenceIsNoSignalAndTimersCloseWindowsWithoutNewInput() throws Exception {
        runningWithReadings(100, 110);
        harness.processWatermark(ms(600));
        List<ReportedLine> lines = harness.extractOutputValues();
        assertEquals(1, lines.size());
        assertEquals(0, lines.get(0).runMinutes().compareTo(new java.math.BigDecimal("0.16667")));
        List<WindowTotals> totals = sideOutput(MachineSignalFunction.TOTALS);
        // Final until 600 − 120 = 480 s: eight windows, each reported although nothing was heard.
        assertEquals(List.of(50_000L, 60_000L, 60_000L, 60_000L, 60_000L, 60_000L, 60_000L, 60_000L),
                totals.stream().map(WindowTotals::noSignalMillis).toList(), "a silent machine shows as no signal");
    }

    @Test
    void aMicroStopStaysRunTime() throws Exception {
        runningWithReadings(100, 110, 120, 130, 140, 150, 160);
        send(state(MachineState.STOPPED, "JAM", 12), state(MachineState.RUNNING, null, 25));
        harness.processWatermark(ms(200));
        assertEquals(List.of(ReportedLine.Kind.OUTPUT), harness.extractOutputValues().stream().map(ReportedLine::kind).toList());
        assertEquals(0, harness.extractOutputValues().get(0).runMinutes().compareTo(java.math.BigDecimal.ONE));
    }

    @Test
    void partsWithoutOperationAreRejectedAsUnattributed() throws Exception {
        send(state(MachineState.RUNNING, null, 0));
        for (int s = 0; s <= 60; s += 10) {
            send(reading(100 + s, 32, 1, s));
        }
        harness.processWatermark(ms(200));
        assertEquals(List.of(), harness.extractOutputValues());
        Rejected unattributed = rejected().get(0);
        assertEquals(Rejected.Reason.UNATTRIBUTED, unattributed.reason());
        // The reading at 60 s counts the parts made up to 60 s: it belongs to the window ending then.
        assertEquals("60 good, 0 scrap parts and 60000 ms RUNNING without operation or activity", unattributed.detail());
    }

    @Test
    void invalidCounterValuesAreRejected() throws Exception {
        runningWithReadings(100);
        send(reading(70_000, 16, 1, 5));
        harness.processWatermark(ms(10));
        assertEquals(Rejected.Reason.INVALID_COUNTER_VALUE, rejected().get(0).reason());
    }

    @Test
    void theBufferIsEmptiedAndOnlyMachineStateRemains() throws Exception {
        runningWithReadings(100, 110, 120, 130, 140, 150, 160);
        harness.processWatermark(ms(200));
        MachineSignalStateTest.flush(harness); // as a snapshot writes it
        // One counter baseline and the timeline: the event-time buffer holds nothing once applied.
        assertEquals(2, harness.numKeyedStateEntries());
    }

    @Test
    void aRestoreFromASnapshotContinuesWithTheSameResult() throws Exception {
        runningWithReadings(100, 110, 120);
        harness.processWatermark(ms(15));
        OperatorSubtaskState snapshot = harness.snapshot(1, ms(15));
        send(reading(130, 32, 1, 30), reading(140, 32, 1, 40), reading(150, 32, 1, 50), reading(160, 32, 1, 60));
        harness.processWatermark(ms(200));
        List<ReportedLine> uninterrupted = harness.extractOutputValues();

        KeyedOneInputStreamOperatorTestHarness<String, MachineInput, ReportedLine> restored = newHarness();
        restored.initializeState(snapshot);
        restored.open();
        for (MachineInput input : List.of(reading(130, 32, 1, 30), reading(140, 32, 1, 40), reading(150, 32, 1, 50),
                reading(160, 32, 1, 60))) {
            restored.processElement(new StreamRecord<>(input, input.eventTime().toEpochMilli()));
        }
        restored.processWatermark(ms(200));
        assertEquals(uninterrupted, restored.extractOutputValues());
        restored.close();
    }

    @Test
    void beyondTheHeldInputLimitAnInputIsADeadLetterAndAfterTheWatermarkMovesOneIsHeldAgain() throws Exception {
        harness.close();
        harness = new KeyedOneInputStreamOperatorTestHarness<>(new MachineSignalOperator(new MachineSignalFunction(
                SETTINGS, Duration.ofSeconds(60), new StateLimits(3, 1_000, 1_000))), MachineInput::machineId, Types.STRING);
        harness.open();
        send(started(0), state(MachineState.RUNNING, null, 0), reading(100, 32, 1, 0));
        MachineInput fourth = reading(110, 32, 1, 10);
        send(fourth);
        assertEquals(List.of(new Rejected(null, "M1", Rejected.Reason.HELD_INPUT_LIMIT, "M1 already holds 3 inputs "
                + "waiting for the watermark (none yet) to pass them", fourth.eventTime(), fourth, null)), rejected());
        harness.processWatermark(ms(5)); // releases the three
        send(reading(120, 32, 1, 20), reading(130, 32, 1, 30), reading(140, 32, 1, 40));
        assertEquals(1, rejected().size(), "three held again");
    }
}
