package io.shopfloor.job.types;

import io.shopfloor.job.machine.CounterReading;
import io.shopfloor.job.machine.MachineInput;
import io.shopfloor.job.machine.MachineSignal;
import io.shopfloor.job.machine.MachineState;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;

import java.time.Instant;

/** Flink's serializer contract tests for every kind of machine input, with and without optional fields. */
class MachineInputSerializerTest extends SerializerTestBase<MachineInput> {
    static final Instant T = Instant.parse("2026-03-02T08:00:00.123456789Z");

    @Override
    protected TypeSerializer<MachineInput> createSerializer() {
        return MachineInputSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<MachineInput> getTypeClass() {
        return MachineInput.class;
    }

    @Override
    protected MachineInput[] getTestData() {
        return new MachineInput[] {
            MachineInput.of(new CounterReading("CUT-1", "good", CounterReading.CounterKind.GOOD, 4_294_967_295L, 32,
                    3, 17, T)),
            MachineInput.of(new CounterReading("CUT-1", "Ausschuss ä", CounterReading.CounterKind.SCRAP, -1L, 64,
                    Long.MAX_VALUE, 0, Instant.EPOCH)),
            MachineInput.of("ASSY-2", new MachineSignal.StateChanged(T, MachineState.STOPPED, "JAM")),
            MachineInput.of("ASSY-2", new MachineSignal.StateChanged(T.plusSeconds(5), MachineState.RUNNING, null)),
            MachineInput.of("MC-1", new MachineSignal.OperationChanged(T, MachineSignal.OperationChanged.Type
                    .OPERATION_STARTED, "RPO-1001", 10000, "20", null, "OP-7")),
            MachineInput.of("MC-1", new MachineSignal.OperationChanged(T, MachineSignal.OperationChanged.Type
                    .ACTIVITY_STARTED, null, 0, null, "MAINTENANCE", null)),
            // With what the bridge's record carried besides the signal (all set, and all empty).
            MachineInput.of(new CounterReading("CUT-1", "good", CounterReading.CounterKind.GOOD, 5, 16, 3, 0, T))
                    .withSource(new MachineInput.Source(T.plusMillis(15), null, null, null)),
            MachineInput.of("ASSY-2", new MachineSignal.StateChanged(T, MachineState.STOPPED, "JAM"))
                    .withSource(new MachineInput.Source(T.plusMillis(3), 7L, 1_234L, null)),
            MachineInput.of("MC-1", new MachineSignal.OperationChanged(T, MachineSignal.OperationChanged.Type
                    .OPERATION_FINISHED, "RPO-1001", 10000, "20", null, "OP-7"))
                    .withSource(new MachineInput.Source(null, null, null, "evt-42")),
            MachineInput.of("MC-1", new MachineSignal.OperationChanged(T, MachineSignal.OperationChanged.Type
                    .OPERATION_FINISHED, "RPO-1001", 10000, "20", null, "OP-7"))
                    .withSource(new MachineInput.Source(null, null, null, null)),
        };
    }
}
