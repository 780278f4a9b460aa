package io.shopfloor.job.operator;

import io.shopfloor.job.machine.CounterBaseline;
import io.shopfloor.job.machine.CounterReading;
import io.shopfloor.job.machine.MachineInput;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/** Flink's serializer contract tests for a machine's held inputs with its counter baselines. */
class MachineInputsSerializerTest extends SerializerTestBase<MachineInputs> {
    static final Instant T = Instant.parse("2026-03-02T08:00:00.000000123Z");

    @Override
    protected TypeSerializer<MachineInputs> createSerializer() {
        return MachineInputsSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<MachineInputs> getTypeClass() {
        return MachineInputs.class;
    }

    @Override
    protected MachineInputs[] getTestData() {
        MachineInputs baselinesOnly = new MachineInputs();
        baselinesOnly.baselines.put("good", new CounterBaseline(4_294_967_295L, 2, T));
        baselinesOnly.baselines.put("scrap", new CounterBaseline(0, 1, null));
        PendingInputs held = new PendingInputs();
        for (int second = 0; second < 50; second++) {
            held.add(MachineInput.of(new CounterReading("M1", "good", CounterReading.CounterKind.GOOD, second, 32, 1,
                    second, T.plusSeconds(second))));
        }
        held.release(T.plusSeconds(20).toEpochMilli(), new ArrayList<>());
        MachineInputs both = new MachineInputs(held, new HashMap<>(Map.of("good", new CounterBaseline(20, 1, T))));
        return new MachineInputs[] {new MachineInputs(), baselinesOnly, both};
    }
}
