package io.shopfloor.job.operator;

import io.shopfloor.job.machine.CounterBaseline;
import io.shopfloor.job.machine.MachineInput;
import io.shopfloor.job.machine.MachineState;
import io.shopfloor.job.machine.Rejected;
import io.shopfloor.job.machine.ReportedLine;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.SavepointType;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.shopfloor.job.operator.MachineSignalFunctionTest.SETTINGS;
import static io.shopfloor.job.operator.MachineSignalFunctionTest.T0;
import static io.shopfloor.job.operator.MachineSignalFunctionTest.ms;
import static io.shopfloor.job.operator.MachineSignalFunctionTest.reading;
import static io.shopfloor.job.operator.MachineSignalFunctionTest.started;
import static io.shopfloor.job.operator.MachineSignalFunctionTest.state;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The machine stage's state on both backends (RocksDB, the production one, and the heap): held inputs per instant
 * with a timer each, emptied when the watermark passes them; the counters; snapshots restored on either backend.
 * The operator keeps its state in memory between checkpoints ({@link WriteBackStates}): what the backend holds is
 * looked at after a flush, as a snapshot writes it.
 */
class MachineSignalStateTest {

    private static StateBackend backend(String name) {
        return name.equals("rocksdb") ? new EmbeddedRocksDBStateBackend() : new HashMapStateBackend();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, MachineInput, ReportedLine> harness(
            String backend, StateLimits limits) throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(new MachineSignalOperator(new MachineSignalFunction(
                SETTINGS, Duration.ofSeconds(60), limits)), MachineInput::machineId, Types.STRING);
        harness.setStateBackend(backend(backend));
        return harness;
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, MachineInput, ReportedLine> harness,
                             List<MachineInput> inputs) throws Exception {
        for (MachineInput input : inputs) {
            harness.processElement(new StreamRecord<>(input, input.eventTime().toEpochMilli()));
        }
    }

    /** Op 20 started and running at 0 s, readings 100 to 160 every 10 s, sent out of order; two at 20 s. */
    private static List<MachineInput> firstMinute() {
        return List.of(started(0), state(MachineState.RUNNING, null, 0), reading(110, 32, 1, 10),
                reading(100, 32, 1, 0), reading(130, 32, 1, 30), reading(120, 32, 1, 20), reading(120, 32, 1, 20),
                reading(150, 32, 1, 50), reading(140, 32, 1, 40));
    }

    private static List<MachineInput> secondMinute() {
        List<MachineInput> inputs = new ArrayList<>();
        for (int second = 60; second <= 120; second += 10) {
            inputs.add(reading(100 + second, 32, 1, second));
        }
        return inputs;
    }

    /** Writes what the operator keeps in memory to the backend, as before a snapshot. */
    static void flush(KeyedOneInputStreamOperatorTestHarness<String, MachineInput, ReportedLine> harness)
            throws Exception {
        ((MachineSignalFunction) ((MachineSignalOperator) harness.getOperator()).getUserFunction())
                .writeBackStates().flush();
    }

    /** The current key's held inputs in the backend, by time. */
    private static Map<Long, List<MachineInput>> held(
            KeyedOneInputStreamOperatorTestHarness<String, MachineInput, ReportedLine> harness) throws Exception {
        flush(harness);
        harness.getOperator().setCurrentKey("M1");
        KeyedStateBackend<Object> state = harness.getOperator().getKeyedStateBackend();
        MapState<Long, List<MachineInput>> held = state.getPartitionedState(VoidNamespace.INSTANCE,
                VoidNamespaceSerializer.INSTANCE, MachineSignalFunction.heldInputsState());
        return held.isEmpty() ? Map.of() : java.util.stream.StreamSupport.stream(held.entries().spliterator(), false)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static MachineCounters counters(
            KeyedOneInputStreamOperatorTestHarness<String, MachineInput, ReportedLine> harness) throws Exception {
        flush(harness);
        harness.getOperator().setCurrentKey("M1");
        ValueState<MachineCounters> counters = harness.getOperator().getKeyedStateBackend().getPartitionedState(
                VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, MachineSignalFunction.countersState());
        return counters.value();
    }

    private static List<String> lines(List<ReportedLine> lines) {
        return lines.stream().map(line -> line.sourceId() + " out " + line.outputQuantity() + " run "
                + line.runMinutes().stripTrailingZeros().toPlainString()).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rocksdb", "hashmap"})
    void heldInputsWaitPerInstantWithOneTimerEachAndLeaveNoStateBehind(String backend) throws Exception {
        var harness = harness(backend, StateLimits.DEFAULTS);
        harness.open();
        send(harness, firstMinute());
        // Instants 0, 10, 20, 30, 40 and 50 s: one timer and one entry each; both inputs of 20 s in one entry.
        assertEquals(6, harness.numEventTimeTimers());
        Map<Long, List<MachineInput>> held = held(harness);
        assertEquals(List.of(ms(0), ms(10), ms(20), ms(30), ms(40), ms(50)), held.keySet().stream().sorted().toList());
        assertEquals(List.of(reading(120, 32, 1, 20), reading(120, 32, 1, 20)), held.get(ms(20)));
        assertEquals(9, counters(harness).heldInputs);

        send(harness, secondMinute());
        harness.processWatermark(ms(200)); // final until 80 s: the window 0-60 s
        assertEquals(List.of("M1/RPO-1001/10000/20/" + ms(60) + " out 60 run 1"),
                lines(harness.extractOutputValues()));
        assertEquals(Map.of(), held(harness), "every held input was released");
        MachineCounters counters = counters(harness);
        assertEquals(0, counters.heldInputs);
        assertEquals(Map.of("good", new CounterBaseline(220, 1, T0.plusSeconds(120))), counters.baselines);
        // Left: the timeline's wake-up for the window 60-120 s.
        assertEquals(1, harness.numEventTimeTimers());
        harness.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rocksdb", "hashmap"})
    void beyondTheHeldInputLimitTheInputIsADeadLetterAndTheCountFallsWithTheWatermark(String backend)
            throws Exception {
        var harness = harness(backend, new StateLimits(3, 1_000, 1_000));
        harness.open();
        send(harness, List.of(started(0), state(MachineState.RUNNING, null, 0), reading(100, 32, 1, 0),
                reading(110, 32, 1, 10)));
        var rejected = harness.getSideOutput(MachineSignalFunction.REJECTED);
        assertEquals(List.of(Rejected.Reason.HELD_INPUT_LIMIT), rejected.stream()
                .map(record -> record.getValue().reason()).toList());
        assertEquals(3, counters(harness).heldInputs);
        harness.processWatermark(ms(5));
        assertEquals(0, counters(harness).heldInputs);
        assertEquals(Map.of(), held(harness));
        send(harness, List.of(reading(110, 32, 1, 10), reading(120, 32, 1, 20), reading(130, 32, 1, 30)));
        assertEquals(1, harness.getSideOutput(MachineSignalFunction.REJECTED).size(), "three held again");
        assertEquals(3, counters(harness).heldInputs);
        harness.close();
    }

    /**
     * Snapshots with held inputs and a running timeline, restored on the same backend (a checkpoint) and on the
     * other (a canonical savepoint, the way to change backends).
     */
    @ParameterizedTest
    @ValueSource(strings = {"rocksdb>rocksdb", "hashmap>rocksdb", "rocksdb>hashmap"})
    void aSnapshotWithHeldInputsRestoresOnEitherBackend(String backends) throws Exception {
        String[] fromTo = backends.split(">");
        var uninterrupted = harness(fromTo[0], StateLimits.DEFAULTS);
        uninterrupted.open();
        send(uninterrupted, firstMinute());
        uninterrupted.processWatermark(ms(25)); // 0 to 20 s applied, 30 to 50 s held
        // The same backend restores its checkpoint (RocksDB's incremental one); another takes a canonical savepoint.
        OperatorSubtaskState snapshot = fromTo[0].equals(fromTo[1]) ? uninterrupted.snapshot(1, ms(25))
                : uninterrupted.snapshotWithLocalState(1, ms(25),
                        SavepointType.savepoint(SavepointFormatType.CANONICAL)).getJobManagerOwnedState();
        send(uninterrupted, secondMinute());
        uninterrupted.processWatermark(ms(300));
        List<String> expected = lines(uninterrupted.extractOutputValues());
        assertEquals(List.of("M1/RPO-1001/10000/20/" + ms(60) + " out 60 run 1",
                "M1/RPO-1001/10000/20/" + ms(120) + " out 60 run 1"), expected);
        uninterrupted.close();

        var restored = harness(fromTo[1], StateLimits.DEFAULTS);
        restored.initializeState(snapshot);
        restored.open();
        assertEquals(List.of(ms(30), ms(40), ms(50)), held(restored).keySet().stream().sorted().toList());
        assertEquals(3, counters(restored).heldInputs);
        send(restored, secondMinute());
        restored.processWatermark(ms(300));
        assertEquals(expected, lines(restored.extractOutputValues()));
        assertEquals(Map.of(), held(restored));
        restored.close();
    }
}
