package io.shopfloor.job.operator;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link WriteBackStates} on both backends: what stays in memory until the snapshot, what a snapshot holds, the
 * bounds (further keys go to the backend at once), and that a removed entry that never reached the backend leaves
 * nothing there. Driven by a small function whose inputs say what to do: {@code "key set value"}, {@code "key put
 * mapKey value"}, {@code "key remove mapKey"}, {@code "key clear"}; it emits what it read before.
 */
class WriteBackStatesTest {
    private static final ValueStateDescriptor<String> VALUE = new ValueStateDescriptor<>("value",
            StringSerializer.INSTANCE);
    private static final MapStateDescriptor<Long, String> MAP = new MapStateDescriptor<>("map",
            LongSerializer.INSTANCE, StringSerializer.INSTANCE);

    static final class Steps extends KeyedProcessFunction<String, String, String> {
        private final int maxValues;
        private final int maxMapEntries;
        transient WriteBackStates writeBack;
        private transient ValueState<String> value;
        private transient MapState<Long, String> map;

        Steps(int maxValues, int maxMapEntries) {
            this.maxValues = maxValues;
            this.maxMapEntries = maxMapEntries;
        }

        @Override
        public void open(OpenContext openContext) {
            writeBack = new WriteBackStates(maxValues, maxMapEntries);
            value = writeBack.value(getRuntimeContext().getState(VALUE));
            map = writeBack.map(getRuntimeContext().getMapState(MAP));
        }

        @Override
        public void processElement(String step, Context ctx, Collector<String> out) throws Exception {
            String[] words = step.split(" ");
            switch (words[1]) {
                case "set" -> {
                    out.collect(String.valueOf(value.value()));
                    value.update(words[2]);
                }
                case "clear" -> {
                    out.collect(String.valueOf(value.value()));
                    value.clear();
                }
                case "put" -> {
                    out.collect(String.valueOf(map.get(Long.parseLong(words[2]))));
                    map.put(Long.parseLong(words[2]), words[3]);
                }
                case "remove" -> {
                    out.collect(String.valueOf(map.get(Long.parseLong(words[2]))));
                    map.remove(Long.parseLong(words[2]));
                }
                default -> throw new IllegalArgumentException(step);
            }
        }
    }

    /** Runs {@link Steps} with its states in memory, as the job's operators do. */
    static final class StepsOperator extends KeyedProcessOperator<String, String, String> {
        StepsOperator(Steps steps) {
            super(steps);
        }

        @Override
        public void open() throws Exception {
            super.open();
            ((Steps) userFunction).writeBack.attach(WriteBackStates.keyContextOf(this));
        }

        @Override
        public void snapshotState(StateSnapshotContext context) throws Exception {
            ((Steps) userFunction).writeBack.flush();
            super.snapshotState(context);
        }

        WriteBackStates states() {
            return ((Steps) userFunction).writeBack;
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, String, String> harness(String backend,
            int maxValues, int maxMapEntries) throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(new StepsOperator(new Steps(maxValues,
                maxMapEntries)), step -> step.split(" ")[0], Types.STRING);
        harness.setStateBackend(backend.equals("rocksdb") ? new EmbeddedRocksDBStateBackend()
                : new HashMapStateBackend());
        return harness;
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, String, String> harness,
                             String... steps) throws Exception {
        for (String step : steps) {
            harness.processElement(new StreamRecord<>(step, 0));
        }
    }

    /** What the backend itself holds for the key: its value and its map. */
    private static String stored(KeyedOneInputStreamOperatorTestHarness<String, String, String> harness, String key)
            throws Exception {
        harness.getOperator().setCurrentKey(key);
        var backend = harness.getOperator().getKeyedStateBackend();
        String value = backend.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, VALUE)
                .value();
        Map<Long, String> map = new java.util.TreeMap<>();
        for (Map.Entry<Long, String> entry : backend.getPartitionedState(VoidNamespace.INSTANCE,
                VoidNamespaceSerializer.INSTANCE, MAP).entries()) {
            map.put(entry.getKey(), entry.getValue());
        }
        return value + " " + map;
    }

    @ParameterizedTest
    @ValueSource(strings = {"rocksdb", "hashmap"})
    void changesReachTheBackendAtTheSnapshotAndTheSnapshotRestores(String backend) throws Exception {
        var harness = harness(backend, 100, 100);
        harness.open();
        send(harness, "A set a1", "A set a2", "A put 1 x", "A put 2 y", "A put 3 z", "A remove 3", "B set b1");
        assertEquals("null {}", stored(harness, "A"), "nothing written before the snapshot");
        assertEquals("null {}", stored(harness, "B"));

        OperatorSubtaskState snapshot = harness.snapshot(1, 0);
        assertEquals("a2 {1=x, 2=y}", stored(harness, "A"));
        assertEquals("b1 {}", stored(harness, "B"));
        // RocksDB copies what it is given: the values stay in memory. The heap keeps the objects: forgotten.
        assertEquals(backend.equals("rocksdb") ? 4 : 0, ((StepsOperator) harness.getOperator()).states()
                .entriesInMemory());

        send(harness, "A remove 1", "A set a3", "B clear");
        assertEquals(java.util.List.of("null", "a1", "null", "null", "null", "z", "null", "x", "a2", "b1"),
                harness.extractOutputValues());
        harness.snapshot(2, 0);
        assertEquals("a3 {2=y}", stored(harness, "A"), "a removal of a stored entry reaches the backend");
        assertEquals("null {}", stored(harness, "B"));
        harness.close();

        var restored = harness(backend, 100, 100);
        restored.initializeState(snapshot);
        restored.open();
        send(restored, "A set a9", "A put 1 w", "A put 2 v", "B set b9");
        assertEquals(java.util.List.of("a2", "x", "y", "b1"), restored.extractOutputValues());
        restored.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rocksdb", "hashmap"})
    void beyondItsBoundAStateReadsAndWritesTheBackendAtOnce(String backend) throws Exception {
        var harness = harness(backend, 2, 4);
        harness.open();
        send(harness, "A set a1", "B set b1", "C set c1", "A put 1 w", "A put 2 x", "A put 3 y", "A put 4 z",
                "A put 5 v", "A remove 5");
        assertEquals("c1 {}", stored(harness, "C"), "the third key went to the backend at once");
        assertEquals("null {}", stored(harness, "A"), "the fifth entry went to the backend, and so did its removal");
        assertEquals("null {}", stored(harness, "B"));
        assertEquals(6, ((StepsOperator) harness.getOperator()).states().entriesInMemory(), "2 values, 4 entries");
        send(harness, "C set c2");
        assertEquals("c2 {}", stored(harness, "C"));
        harness.snapshot(1, 0);
        assertEquals("a1 {1=w, 2=x, 3=y, 4=z}", stored(harness, "A"));
        assertEquals("b1 {}", stored(harness, "B"));
        assertEquals(java.util.List.of("null", "null", "null", "null", "null", "null", "null", "null", "v", "c1"),
                harness.extractOutputValues());
        harness.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rocksdb", "hashmap"})
    void aKeysStoredEntriesAreReadAtOnceAndAnEntryRemovedBeforeTheSnapshotLeavesNothing(String backend)
            throws Exception {
        var harness = harness(backend, 100, 100);
        harness.open();
        send(harness, "A put 1 x", "A put 2 y");
        OperatorSubtaskState snapshot = harness.snapshot(1, 0);
        harness.close();

        var restored = harness(backend, 100, 100);
        restored.initializeState(snapshot);
        restored.open();
        // The first access reads both stored entries; the new entry 3 is known absent without a read.
        send(restored, "A put 3 z", "A remove 3", "A remove 1", "A put 2 y2");
        assertEquals(2, ((StepsOperator) restored.getOperator()).states().entriesInMemory(),
                "entries 1 (removed: to be removed in the backend) and 2; none for 3, which never reached it");
        restored.snapshot(2, 0);
        assertEquals("null {2=y2}", stored(restored, "A"));
        assertEquals(java.util.List.of("null", "z", "x", "y"), restored.extractOutputValues());
        restored.close();
    }
}
