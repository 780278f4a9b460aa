package io.shopfloor.job.types;

import io.shopfloor.job.machine.CounterReading;
import io.shopfloor.job.machine.MachineInput;
import io.shopfloor.job.machine.MachineSignal;
import io.shopfloor.job.machine.MachineState;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;
import java.time.Instant;

/**
 * Flink serializer of {@link MachineInput}, the job's hot record (one per counter reading): its fields written
 * directly, where Flink's record serializer reflects on every field and constructor. Enums travel by name, so
 * reordering their constants keeps checkpoints readable. MachineInput is immutable: copies are the value itself.
 */
public final class MachineInputSerializer extends TypeSerializerSingleton<MachineInput> {
    private static final long serialVersionUID = 1L;

    public static final MachineInputSerializer INSTANCE = new MachineInputSerializer();

    private static final byte READING = 0;
    private static final byte STATE = 1;
    private static final byte OPERATION = 2;

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public MachineInput createInstance() {
        return MachineInput.of("", new MachineSignal.StateChanged(Instant.EPOCH, MachineState.UNKNOWN, null));
    }

    @Override
    public MachineInput copy(MachineInput from) {
        return from;
    }

    @Override
    public MachineInput copy(MachineInput from, MachineInput reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(MachineInput input, DataOutputView target) throws IOException {
        if (input.reading() != null) {
            CounterReading r = input.reading();
            target.writeByte(READING);
            StringValue.writeString(r.machineId(), target);
            StringValue.writeString(r.counterName(), target);
            StringValue.writeString(r.kind().name(), target);
            target.writeLong(r.value());
            target.writeInt(r.widthBits());
            target.writeLong(r.bootEpoch());
            target.writeLong(r.sequenceNumber());
            writeInstant(r.eventTime(), target);
        } else if (input.state() != null) {
            MachineSignal.StateChanged s = input.state();
            target.writeByte(STATE);
            StringValue.writeString(input.machineId(), target);
            writeInstant(s.eventTime(), target);
            StringValue.writeString(s.state().name(), target);
            StringValue.writeString(s.stopCode(), target);
        } else {
            MachineSignal.OperationChanged o = input.operation();
            target.writeByte(OPERATION);
            StringValue.writeString(input.machineId(), target);
            writeInstant(o.eventTime(), target);
            StringValue.writeString(o.type().name(), target);
            StringValue.writeString(o.orderNo(), target);
            target.writeInt(o.orderLineNo());
            StringValue.writeString(o.operationNo(), target);
            StringValue.writeString(o.activityCode(), target);
            StringValue.writeString(o.operatorId(), target);
        }
    }

    @Override
    public MachineInput deserialize(DataInputView source) throws IOException {
        byte kind = source.readByte();
        String machineId = StringValue.readString(source);
        if (kind == READING) {
            String counterName = StringValue.readString(source);
            CounterReading.CounterKind counterKind = CounterReading.CounterKind.valueOf(StringValue.readString(source));
            long value = source.readLong();
            int widthBits = source.readInt();
            long bootEpoch = source.readLong();
            long sequenceNumber = source.readLong();
            return MachineInput.of(new CounterReading(machineId, counterName, counterKind, value, widthBits, bootEpoch,
                    sequenceNumber, readInstant(source)));
        }
        if (kind == STATE) {
            Instant eventTime = readInstant(source);
            MachineState state = MachineState.valueOf(StringValue.readString(source));
            return MachineInput.of(machineId, new MachineSignal.StateChanged(eventTime, state,
                    StringValue.readString(source)));
        }
        if (kind != OPERATION) {
            throw new IOException("not a machine input: kind " + kind);
        }
        Instant eventTime = readInstant(source);
        MachineSignal.OperationChanged.Type type =
                MachineSignal.OperationChanged.Type.valueOf(StringValue.readString(source));
        String orderNo = StringValue.readString(source);
        int orderLineNo = source.readInt();
        String operationNo = StringValue.readString(source);
        String activityCode = StringValue.readString(source);
        String operatorId = StringValue.readString(source);
        return MachineInput.of(machineId, new MachineSignal.OperationChanged(eventTime, type, orderNo, orderLineNo,
                operationNo, activityCode, operatorId));
    }

    @Override
    public MachineInput deserialize(MachineInput reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    static void writeInstant(Instant instant, DataOutputView target) throws IOException {
        target.writeLong(instant.getEpochSecond());
        target.writeInt(instant.getNano());
    }

    static Instant readInstant(DataInputView source) throws IOException {
        long seconds = source.readLong();
        return Instant.ofEpochSecond(seconds, source.readInt());
    }

    @Override
    public TypeSerializerSnapshot<MachineInput> snapshotConfiguration() {
        return new Snapshot();
    }

    /** No configuration: the format is this class's. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<MachineInput> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
