package io.shopfloor.job.avro;

import io.shopfloor.job.machine.MachineInput;
import io.shopfloor.job.types.MachineInputSerializer;
import io.shopfloor.schema.signal.CounterKind;
import io.shopfloor.schema.signal.MachineCounterReading;
import io.shopfloor.schema.signal.MachineState;
import io.shopfloor.schema.signal.MachineStateChange;
import io.shopfloor.schema.signal.OperationEvent;
import io.shopfloor.schema.signal.OperationEventType;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link SignalMapping#sourceRecord} is the inverse of the three mappings: every field of the bridge's records,
 * optional ones set and null, comes back, also after the input went through its Flink serializer (the held inputs
 * of a checkpoint).
 */
class SignalMappingTest {
    static final Instant T = Instant.parse("2026-03-02T08:00:00.123Z");

    @Test
    void counterReadingsComeBackWithEveryField() throws IOException {
        MachineCounterReading full = MachineCounterReading.newBuilder().setMachineId("CUT-1").setCounterName("good")
                .setCounterKind(CounterKind.GOOD).setValue(4_294_967_295L).setWidthBits(32).setBootEpoch(3)
                .setSequenceNumber(0L).setSourceTimestamp(T).setReceivedTimestamp(T.plusMillis(15))
                .setSourceTopic(null).build();
        MachineCounterReading v1 = MachineCounterReading.newBuilder(full).setCounterKind(CounterKind.SCRAP)
                .setSequenceNumber(null).setReceivedTimestamp(null).setSourceTopic(null).build();
        assertRoundTrip(full, SignalMapping::counterReading);
        assertRoundTrip(v1, SignalMapping::counterReading);
    }

    @Test
    void theMqttTopicOfAReadingIsNotKept() {
        MachineCounterReading withTopic = MachineCounterReading.newBuilder().setMachineId("CUT-1")
                .setCounterName("good").setCounterKind(CounterKind.GOOD).setValue(5).setWidthBits(16).setBootEpoch(3)
                .setSourceTimestamp(T).setReceivedTimestamp(T).setSourceTopic("plant/s/a/l1/CUT-1/counter/good")
                .build();
        assertEquals(MachineCounterReading.newBuilder(withTopic).setSourceTopic(null).build(),
                SignalMapping.sourceRecord(SignalMapping.counterReading(withTopic)));
    }

    @Test
    void stateChangesComeBackWithBootEpochSequenceAndReceivedTime() throws IOException {
        MachineStateChange stopped = MachineStateChange.newBuilder().setMachineId("ASSY-2")
                .setState(MachineState.STOPPED).setStopCode("JAM").setBootEpoch(7).setSequenceNumber(1_234)
                .setSourceTimestamp(T).setReceivedTimestamp(T.plusMillis(3)).build();
        assertRoundTrip(stopped, SignalMapping::stateChange);
        assertRoundTrip(MachineStateChange.newBuilder(stopped).setState(MachineState.NO_SIGNAL).setStopCode(null)
                .build(), SignalMapping::stateChange);
    }

    @Test
    void operationEventsComeBackWithTheirEventId() throws IOException {
        OperationEvent started = OperationEvent.newBuilder().setMachineId("MC-1")
                .setEventType(OperationEventType.OPERATION_STARTED).setOrderNo("RPO-1001").setOrderLineNo(10000)
                .setOperationNo("20").setOperatorId("OP-7").setActivityCode(null).setSourceTimestamp(T)
                .setEventId("evt-42").build();
        assertRoundTrip(started, SignalMapping::operationEvent);
        assertRoundTrip(OperationEvent.newBuilder(started).setEventType(OperationEventType.ACTIVITY_STARTED)
                .setOrderNo("").setOrderLineNo(0).setOperationNo("").setOperatorId(null)
                .setActivityCode("MAINTENANCE").build(), SignalMapping::operationEvent);
    }

    @Test
    void sourceTopicsAreTheBridgesTopics() {
        assertEquals(List.of("machine-counters", "machine-states", "operation-events"), List.of(
                SignalMapping.sourceTopic(SignalMapping.counterReading(MachineCounterReading.newBuilder()
                        .setMachineId("M").setCounterName("good").setCounterKind(CounterKind.GOOD).setValue(1)
                        .setWidthBits(16).setBootEpoch(1).setSourceTimestamp(T).build())),
                SignalMapping.sourceTopic(SignalMapping.stateChange(MachineStateChange.newBuilder().setMachineId("M")
                        .setState(MachineState.RUNNING).setBootEpoch(1).setSequenceNumber(1).setSourceTimestamp(T)
                        .setReceivedTimestamp(T).build())),
                SignalMapping.sourceTopic(SignalMapping.operationEvent(OperationEvent.newBuilder().setMachineId("M")
                        .setEventType(OperationEventType.SETUP_STARTED).setOrderNo("O").setOrderLineNo(1)
                        .setOperationNo("10").setSourceTimestamp(T).setEventId("e").build()))));
    }

    private static <R extends SpecificRecord> void assertRoundTrip(R record, Function<R, MachineInput> mapping)
            throws IOException {
        MachineInput input = mapping.apply(record);
        assertEquals(record, SignalMapping.sourceRecord(input));
        DataOutputSerializer out = new DataOutputSerializer(256);
        MachineInputSerializer.INSTANCE.serialize(input, out);
        MachineInput restored = MachineInputSerializer.INSTANCE.deserialize(new DataInputDeserializer(
                out.getCopyOfBuffer()));
        assertEquals(input, restored);
        assertEquals(record, SignalMapping.sourceRecord(restored));
    }
}
