package io.shopfloor.job.avro;

import io.shopfloor.job.machine.CounterReading;
import io.shopfloor.job.machine.MachineInput;
import io.shopfloor.job.machine.MachineSignal;
import io.shopfloor.job.machine.MachineState;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.signal.CounterKind;
import io.shopfloor.schema.signal.MachineCounterReading;
import io.shopfloor.schema.signal.MachineStateChange;
import io.shopfloor.schema.signal.OperationEvent;
import io.shopfloor.schema.signal.OperationEventType;
import org.apache.avro.specific.SpecificRecord;

import static io.shopfloor.job.avro.AvroValues.blankToNull;

/**
 * Machine signals from the bridge (Avro) as inputs of the per-machine stage; event time is the source time. The
 * fields the stage does not use travel along in {@link MachineInput.Source}, so that {@link #sourceRecord} gives
 * the bridge's record back (a rejected input is dead-lettered as the record it came from, ready to re-drive).
 * Not kept: a reading's MQTT topic ({@code sourceTopic}, diagnostic; null in the record given back), and the
 * difference between an empty and a missing optional text (stop code, operator, activity): both come back as null.
 */
public final class SignalMapping {

    /** The job's counter kind of each Avro one, by ordinal (one per reading: no lookup by name). */
    private static final CounterReading.CounterKind[] COUNTER_KINDS =
            java.util.Arrays.stream(io.shopfloor.schema.signal.CounterKind.values())
                    .map(kind -> CounterReading.CounterKind.valueOf(kind.name()))
                    .toArray(CounterReading.CounterKind[]::new);

    private SignalMapping() {
    }

    public static MachineInput counterReading(MachineCounterReading r) {
        return MachineInput.of(new CounterReading(r.getMachineId(), r.getCounterName(),
                COUNTER_KINDS[r.getCounterKind().ordinal()], r.getValue(), r.getWidthBits(),
                r.getBootEpoch(), r.getSequenceNumber() == null ? 0 : r.getSequenceNumber(), r.getSourceTimestamp()))
                .withSource(new MachineInput.Source(r.getReceivedTimestamp(), null, r.getSequenceNumber(),
                        null));
    }

    public static MachineInput stateChange(MachineStateChange s) {
        return MachineInput.of(s.getMachineId(), new MachineSignal.StateChanged(s.getSourceTimestamp(),
                MachineState.valueOf(s.getState().name()), blankToNull(s.getStopCode())))
                .withSource(new MachineInput.Source(s.getReceivedTimestamp(), s.getBootEpoch(),
                        s.getSequenceNumber(), null));
    }

    public static MachineInput operationEvent(OperationEvent e) {
        return MachineInput.of(e.getMachineId(), new MachineSignal.OperationChanged(e.getSourceTimestamp(),
                MachineSignal.OperationChanged.Type.valueOf(e.getEventType().name()), blankToNull(e.getOrderNo()),
                e.getOrderLineNo(), blankToNull(e.getOperationNo()), blankToNull(e.getActivityCode()),
                blankToNull(e.getOperatorId())))
                .withSource(new MachineInput.Source(null, null, null, e.getEventId()));
    }

    /** The Kafka topic the input's record came from (the bridge keys them all by machine id). */
    public static String sourceTopic(MachineInput input) {
        return input.reading() != null ? KafkaTopics.MACHINE_COUNTERS
                : input.state() != null ? KafkaTopics.MACHINE_STATES : KafkaTopics.OPERATION_EVENTS;
    }

    /**
     * The bridge's record this input was mapped from: the inverse of the three mappings above. Without a source
     * (an input not read from Kafka) the fields it would carry are empty: no received time, MQTT topic or
     * sequence number; boot epoch 0; the event id {@code <machine id>/<event time millis>}.
     */
    public static SpecificRecord sourceRecord(MachineInput input) {
        MachineInput.Source source = input.source();
        if (input.reading() != null) {
            CounterReading r = input.reading();
            return MachineCounterReading.newBuilder()
                    .setMachineId(r.machineId())
                    .setCounterName(r.counterName())
                    .setCounterKind(CounterKind.valueOf(r.kind().name()))
                    .setValue(r.value())
                    .setWidthBits(r.widthBits())
                    .setBootEpoch(r.bootEpoch())
                    .setSequenceNumber(source == null ? null : source.sequenceNumber())
                    .setSourceTimestamp(r.eventTime())
                    .setReceivedTimestamp(source == null ? null : source.receivedTime())
                    .setSourceTopic(null)
                    .build();
        }
        if (input.state() != null) {
            MachineSignal.StateChanged s = input.state();
            return MachineStateChange.newBuilder()
                    .setMachineId(input.machineId())
                    .setState(io.shopfloor.schema.signal.MachineState.valueOf(s.state().name()))
                    .setStopCode(s.stopCode())
                    .setBootEpoch(source == null || source.bootEpoch() == null ? 0 : source.bootEpoch())
                    .setSequenceNumber(source == null || source.sequenceNumber() == null ? 0 : source.sequenceNumber())
                    .setSourceTimestamp(s.eventTime())
                    .setReceivedTimestamp(source == null || source.receivedTime() == null
                            ? s.eventTime() : source.receivedTime())
                    .build();
        }
        MachineSignal.OperationChanged o = input.operation();
        return OperationEvent.newBuilder()
                .setMachineId(input.machineId())
                .setEventType(OperationEventType.valueOf(o.type().name()))
                .setOrderNo(o.orderNo() == null ? "" : o.orderNo())
                .setOrderLineNo(o.orderLineNo())
                .setOperationNo(o.operationNo() == null ? "" : o.operationNo())
                .setOperatorId(o.operatorId())
                .setActivityCode(o.activityCode())
                .setSourceTimestamp(o.eventTime())
                .setEventId(source == null || source.eventId() == null
                        ? input.machineId() + "/" + o.eventTime().toEpochMilli() : source.eventId())
                .build();
    }
}
