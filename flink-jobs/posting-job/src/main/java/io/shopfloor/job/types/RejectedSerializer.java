package io.shopfloor.job.types;

import io.shopfloor.job.machine.Rejected;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

import static io.shopfloor.job.types.StateIO.readEnum;
import static io.shopfloor.job.types.StateIO.readInstant;
import static io.shopfloor.job.types.StateIO.readString;
import static io.shopfloor.job.types.StateIO.writeEnum;
import static io.shopfloor.job.types.StateIO.writeInstant;
import static io.shopfloor.job.types.StateIO.writeString;

/**
 * Serializer of the machine stage's rejections (a side output). Format 1: source id, machine id, reason, detail,
 * event time, the input or none ({@link MachineInputSerializer}), description.
 */
public final class RejectedSerializer extends VersionedSerializer<Rejected> {
    private static final long serialVersionUID = 1L;

    public static final RejectedSerializer INSTANCE = new RejectedSerializer();

    @Override
    public int version() {
        return 1;
    }

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public Rejected createInstance() {
        return new Rejected(null, "", Rejected.Reason.LATE, null, null, null, null);
    }

    @Override
    protected void write(Rejected r, DataOutputView out) throws IOException {
        writeString(r.sourceId(), out);
        writeString(r.machineId(), out);
        writeEnum(r.reason(), out);
        writeString(r.detail(), out);
        writeInstant(r.eventTime(), out);
        out.writeBoolean(r.input() != null);
        if (r.input() != null) {
            MachineInputSerializer.INSTANCE.serialize(r.input(), out);
        }
        writeString(r.description(), out);
    }

    @Override
    protected Rejected read(int version, DataInputView in) throws IOException {
        return new Rejected(readString(in), readString(in), readEnum(Rejected.Reason.class, in), readString(in),
                readInstant(in), in.readBoolean() ? MachineInputSerializer.INSTANCE.deserialize(in) : null,
                readString(in));
    }
}
