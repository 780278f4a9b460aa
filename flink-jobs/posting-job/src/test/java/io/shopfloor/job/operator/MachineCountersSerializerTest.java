package io.shopfloor.job.operator;

import io.shopfloor.job.machine.CounterBaseline;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

/** Flink's serializer contract tests for a machine's counter baselines and held-input count (format 1). */
class MachineCountersSerializerTest extends SerializerTestBase<MachineCounters> {
    static final Instant T = Instant.parse("2026-03-02T08:00:00.000000123Z");

    @Override
    protected TypeSerializer<MachineCounters> createSerializer() {
        return MachineCountersSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<MachineCounters> getTypeClass() {
        return MachineCounters.class;
    }

    @Override
    protected MachineCounters[] getTestData() {
        Map<String, CounterBaseline> baselines = new HashMap<>();
        baselines.put("good", new CounterBaseline(4_294_967_295L, 2, T));
        baselines.put("scrap", new CounterBaseline(0, 1, null));
        return new MachineCounters[] {new MachineCounters(), new MachineCounters(baselines, 200_000),
                new MachineCounters(new HashMap<>(), 3)};
    }

    @Test
    void format1IsTheVersionByteTheCountAndTheBaselines() throws IOException {
        Map<String, CounterBaseline> baselines = new HashMap<>();
        baselines.put("good", new CounterBaseline(7, 1, null));
        DataOutputSerializer out = new DataOutputSerializer(64);
        MachineCountersSerializer.INSTANCE.serialize(new MachineCounters(baselines, 5), out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        assertEquals(1, in.readUnsignedByte());
        assertEquals(5, in.readInt());
        assertEquals(1, in.readInt());
        assertEquals(new MachineCounters(baselines, 5), MachineCountersSerializer.INSTANCE.deserialize(
                new DataInputDeserializer(out.getCopyOfBuffer())));
    }

    @Test
    void aCopyIsIndependent() {
        MachineCounters original = new MachineCounters(new HashMap<>(Map.of("good", new CounterBaseline(1, 1, T))), 2);
        MachineCounters copy = MachineCountersSerializer.INSTANCE.copy(original);
        copy.heldInputs++;
        copy.baselines.put("scrap", new CounterBaseline(0, 1, T));
        assertNotSame(original.baselines, copy.baselines);
        assertEquals(new MachineCounters(Map.of("good", new CounterBaseline(1, 1, T)), 2), original);
    }
}
