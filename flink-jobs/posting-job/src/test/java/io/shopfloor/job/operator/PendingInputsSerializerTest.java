package io.shopfloor.job.operator;

import io.shopfloor.job.machine.CounterReading;
import io.shopfloor.job.machine.MachineInput;
import io.shopfloor.job.machine.MachineSignal;
import io.shopfloor.job.machine.MachineState;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;

import java.time.Instant;

/** Flink's serializer contract tests for held machine inputs: none, one, and many after releases. */
class PendingInputsSerializerTest extends SerializerTestBase<PendingInputs> {
    static final Instant T = Instant.parse("2026-03-02T08:00:00Z");

    @Override
    protected TypeSerializer<PendingInputs> createSerializer() {
        return PendingInputsSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<PendingInputs> getTypeClass() {
        return PendingInputs.class;
    }

    @Override
    protected PendingInputs[] getTestData() {
        PendingInputs one = new PendingInputs();
        one.add(MachineInput.of("M1", new MachineSignal.StateChanged(T, MachineState.RUNNING, null)));
        PendingInputs many = new PendingInputs();
        for (int second = 40; second >= 0; second--) {
            many.add(MachineInput.of(new CounterReading("M1", "good", CounterReading.CounterKind.GOOD, second, 32, 1,
                    second, T.plusSeconds(second))));
        }
        many.release(T.plusSeconds(9).toEpochMilli(), new java.util.ArrayList<>());
        return new PendingInputs[] {new PendingInputs(), one, many};
    }
}
