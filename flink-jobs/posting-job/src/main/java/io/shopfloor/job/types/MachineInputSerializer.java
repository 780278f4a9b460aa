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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    /**
     * Set on the kind when the input's {@link MachineInput.Source} follows its fields. Inputs written before the
     * source existed have it clear and read back without source, so older checkpoints stay readable.
     */
    private static final byte WITH_SOURCE = 0x10;

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
            target.writeByte(READING | sourceFlag(input));
            writeString(r.machineId(), target);
            writeString(r.counterName(), target);
            writeString(r.kind().name(), target);
            target.writeLong(r.value());
            target.writeInt(r.widthBits());
            target.writeLong(r.bootEpoch());
            target.writeLong(r.sequenceNumber());
            writeInstant(r.eventTime(), target);
        } else if (input.state() != null) {
            MachineSignal.StateChanged s = input.state();
            target.writeByte(STATE | sourceFlag(input));
            writeString(input.machineId(), target);
            writeInstant(s.eventTime(), target);
            writeString(s.state().name(), target);
            writeString(s.stopCode(), target);
        } else {
            MachineSignal.OperationChanged o = input.operation();
            target.writeByte(OPERATION | sourceFlag(input));
            writeString(input.machineId(), target);
            writeInstant(o.eventTime(), target);
            writeString(o.type().name(), target);
            writeString(o.orderNo(), target);
            target.writeInt(o.orderLineNo());
            writeString(o.operationNo(), target);
            writeString(o.activityCode(), target);
            writeString(o.operatorId(), target);
        }
        MachineInput.Source source = input.source();
        if (source != null) {
            target.writeBoolean(source.receivedTime() != null);
            if (source.receivedTime() != null) {
                writeInstant(source.receivedTime(), target);
            }
            writeNullableLong(source.bootEpoch(), target);
            writeNullableLong(source.sequenceNumber(), target);
            writeString(source.eventId(), target);
        }
    }

    private static void writeNullableLong(Long value, DataOutputView target) throws IOException {
        target.writeBoolean(value != null);
        if (value != null) {
            target.writeLong(value);
        }
    }

    private static Long readNullableLong(DataInputView source) throws IOException {
        return source.readBoolean() ? source.readLong() : null;
    }

    private static int sourceFlag(MachineInput input) {
        return input.source() == null ? 0 : WITH_SOURCE;
    }

    private static MachineInput withSource(MachineInput input, boolean hasSource, DataInputView source)
            throws IOException {
        if (!hasSource) {
            return input;
        }
        Instant receivedTime = source.readBoolean() ? readInstant(source) : null;
        Long bootEpoch = readNullableLong(source);
        Long sequenceNumber = readNullableLong(source);
        return input.withSource(new MachineInput.Source(receivedTime, bootEpoch, sequenceNumber,
                readString(source)));
    }

    @Override
    public MachineInput deserialize(DataInputView source) throws IOException {
        byte flags = source.readByte();
        boolean hasSource = (flags & WITH_SOURCE) != 0;
        byte kind = (byte) (flags & ~WITH_SOURCE);
        String machineId = readString(source);
        if (kind == READING) {
            String counterName = readString(source);
            CounterReading.CounterKind counterKind = CounterReading.CounterKind.valueOf(readString(source));
            long value = source.readLong();
            int widthBits = source.readInt();
            long bootEpoch = source.readLong();
            long sequenceNumber = source.readLong();
            return withSource(MachineInput.of(new CounterReading(machineId, counterName, counterKind, value,
                    widthBits, bootEpoch, sequenceNumber, readInstant(source))), hasSource, source);
        }
        if (kind == STATE) {
            Instant eventTime = readInstant(source);
            MachineState state = MachineState.valueOf(readString(source));
            return withSource(MachineInput.of(machineId, new MachineSignal.StateChanged(eventTime, state,
                    readString(source))), hasSource, source);
        }
        if (kind != OPERATION) {
            throw new IOException("not a machine input: kind " + kind);
        }
        Instant eventTime = readInstant(source);
        MachineSignal.OperationChanged.Type type =
                MachineSignal.OperationChanged.Type.valueOf(readString(source));
        String orderNo = readString(source);
        int orderLineNo = source.readInt();
        String operationNo = readString(source);
        String activityCode = readString(source);
        String operatorId = readString(source);
        return withSource(MachineInput.of(machineId, new MachineSignal.OperationChanged(eventTime, type, orderNo,
                orderLineNo, operationNo, activityCode, operatorId)), hasSource, source);
    }

    @Override
    public MachineInput deserialize(MachineInput reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    /**
     * A string as its UTF-8 bytes after their count (-1 for null): one bulk copy each way. Flink's string format
     * goes character by character, which showed in profiles of checkpoints holding many inputs.
     */
    static void writeString(String value, DataOutputView target) throws IOException {
        if (value == null) {
            target.writeInt(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    static String readString(DataInputView source) throws IOException {
        int length = source.readInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        source.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
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
