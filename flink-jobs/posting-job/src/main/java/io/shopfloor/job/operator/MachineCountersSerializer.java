package io.shopfloor.job.operator;

import io.shopfloor.job.machine.CounterBaseline;
import io.shopfloor.job.types.VersionedSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import static io.shopfloor.job.types.StateIO.readCount;
import static io.shopfloor.job.types.StateIO.readInstant;
import static io.shopfloor.job.types.StateIO.readString;
import static io.shopfloor.job.types.StateIO.writeInstant;
import static io.shopfloor.job.types.StateIO.writeString;

/**
 * Keyed-state serializer of {@link MachineCounters} (state {@code machine-counters} of the machine signals).
 *
 * <p>Format 1: the number of held inputs; the number of baselines, then per counter its name, value, boot epoch and
 * event time. (Release 1 kept the baselines inside {@code machine-inputs}, {@link MachineInputsSerializer}.)
 */
public final class MachineCountersSerializer extends VersionedSerializer<MachineCounters> {
    private static final long serialVersionUID = 1L;

    static final MachineCountersSerializer INSTANCE = new MachineCountersSerializer();

    @Override
    public int version() {
        return 1;
    }

    @Override
    public MachineCounters createInstance() {
        return new MachineCounters();
    }

    @Override
    public MachineCounters copy(MachineCounters from) {
        return from == null ? null : new MachineCounters(new HashMap<>(from.baselines), from.heldInputs);
    }

    @Override
    protected void write(MachineCounters counters, DataOutputView out) throws IOException {
        out.writeInt(counters.heldInputs);
        out.writeInt(counters.baselines.size());
        for (Map.Entry<String, CounterBaseline> baseline : counters.baselines.entrySet()) {
            writeString(baseline.getKey(), out);
            out.writeLong(baseline.getValue().value());
            out.writeLong(baseline.getValue().bootEpoch());
            writeInstant(baseline.getValue().eventTime(), out);
        }
    }

    @Override
    protected MachineCounters read(int version, DataInputView in) throws IOException {
        int heldInputs = in.readInt();
        int count = readCount(in);
        Map<String, CounterBaseline> baselines = new HashMap<>();
        for (int i = 0; i < count; i++) {
            String counterName = readString(in);
            long value = in.readLong();
            long bootEpoch = in.readLong();
            baselines.put(counterName, new CounterBaseline(value, bootEpoch, readInstant(in)));
        }
        return new MachineCounters(baselines, heldInputs);
    }
}
