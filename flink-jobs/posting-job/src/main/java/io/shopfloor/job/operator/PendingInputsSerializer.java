package io.shopfloor.job.operator;

import io.shopfloor.job.machine.MachineInput;
import io.shopfloor.job.types.MachineInputSerializer;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * Keyed-state serializer of {@link PendingInputs}: the count, then each input ({@link MachineInputSerializer}).
 * A copy (copy-on-write under a running checkpoint) copies the array, not the immutable inputs.
 */
public final class PendingInputsSerializer extends TypeSerializerSingleton<PendingInputs> {
    private static final long serialVersionUID = 1L;

    static final PendingInputsSerializer INSTANCE = new PendingInputsSerializer();

    private static final MachineInputSerializer INPUTS = MachineInputSerializer.INSTANCE;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public PendingInputs createInstance() {
        return new PendingInputs();
    }

    @Override
    public PendingInputs copy(PendingInputs from) {
        return from.copy();
    }

    @Override
    public PendingInputs copy(PendingInputs from, PendingInputs reuse) {
        return from.copy();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(PendingInputs pending, DataOutputView target) throws IOException {
        target.writeInt(pending.size());
        for (int i = 0; i < pending.size(); i++) {
            INPUTS.serialize(pending.get(i), target);
        }
    }

    @Override
    public PendingInputs deserialize(DataInputView source) throws IOException {
        int count = source.readInt();
        MachineInput[] inputs = new MachineInput[Math.max(count, 16)];
        for (int i = 0; i < count; i++) {
            inputs[i] = INPUTS.deserialize(source);
        }
        return new PendingInputs(inputs, count);
    }

    @Override
    public PendingInputs deserialize(PendingInputs reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<PendingInputs> snapshotConfiguration() {
        return new Snapshot();
    }

    /** No configuration: the format is this class's and {@link MachineInputSerializer}'s. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<PendingInputs> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
