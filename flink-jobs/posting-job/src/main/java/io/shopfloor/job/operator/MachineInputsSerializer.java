package io.shopfloor.job.operator;

import io.shopfloor.job.machine.CounterBaseline;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Keyed-state serializer of {@link MachineInputs}: the held inputs ({@link PendingInputsSerializer}), then the
 * baselines (count, then counter name, value, boot epoch, event time). A value is written to an array first and
 * then in one piece: a checkpoint's stream takes single bytes slowly, and a machine may hold many inputs. A copy
 * (copy-on-write under a running checkpoint) copies the array and the map, not the immutable elements.
 */
public final class MachineInputsSerializer extends TypeSerializerSingleton<MachineInputs> {
    private static final long serialVersionUID = 1L;

    static final MachineInputsSerializer INSTANCE = new MachineInputsSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public MachineInputs createInstance() {
        return new MachineInputs();
    }

    @Override
    public MachineInputs copy(MachineInputs from) {
        return from.copy();
    }

    @Override
    public MachineInputs copy(MachineInputs from, MachineInputs reuse) {
        return from.copy();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(MachineInputs inputs, DataOutputView target) throws IOException {
        // A local buffer: the serializer is shared by the task thread and the asynchronous snapshot.
        DataOutputSerializer buffer = new DataOutputSerializer(64 + 64 * inputs.held.size());
        PendingInputsSerializer.INSTANCE.serialize(inputs.held, buffer);
        buffer.writeInt(inputs.baselines.size());
        for (Map.Entry<String, CounterBaseline> baseline : inputs.baselines.entrySet()) {
            StringValue.writeString(baseline.getKey(), buffer);
            buffer.writeLong(baseline.getValue().value());
            buffer.writeLong(baseline.getValue().bootEpoch());
            buffer.writeBoolean(baseline.getValue().eventTime() != null);
            if (baseline.getValue().eventTime() != null) {
                buffer.writeLong(baseline.getValue().eventTime().getEpochSecond());
                buffer.writeInt(baseline.getValue().eventTime().getNano());
            }
        }
        target.write(buffer.getSharedBuffer(), 0, buffer.length());
    }

    @Override
    public MachineInputs deserialize(DataInputView source) throws IOException {
        PendingInputs held = PendingInputsSerializer.INSTANCE.deserialize(source);
        int count = source.readInt();
        Map<String, CounterBaseline> baselines = new HashMap<>();
        for (int i = 0; i < count; i++) {
            String counterName = StringValue.readString(source);
            long value = source.readLong();
            long bootEpoch = source.readLong();
            Instant eventTime = source.readBoolean()
                    ? Instant.ofEpochSecond(source.readLong(), source.readInt()) : null;
            baselines.put(counterName, new CounterBaseline(value, bootEpoch, eventTime));
        }
        return new MachineInputs(held, baselines);
    }

    @Override
    public MachineInputs deserialize(MachineInputs reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<MachineInputs> snapshotConfiguration() {
        return new Snapshot();
    }

    /** No configuration: the format is this class's, {@link PendingInputsSerializer}'s and its inputs'. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<MachineInputs> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
