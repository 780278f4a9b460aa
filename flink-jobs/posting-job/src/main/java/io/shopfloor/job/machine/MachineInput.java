package io.shopfloor.job.machine;

import java.io.Serializable;
import java.time.Instant;

/**
 * One input of the per-machine stage: a counter reading, a state change or an operation event (exactly one is
 * set). A record of records, so Flink serializes it with its own record serializers on the hot path.
 */
public record MachineInput(String machineId, CounterReading reading, MachineSignal.StateChanged state,
                           MachineSignal.OperationChanged operation) implements Serializable {

    public static MachineInput of(CounterReading reading) {
        return new MachineInput(reading.machineId(), reading, null, null);
    }

    public static MachineInput of(String machineId, MachineSignal.StateChanged state) {
        return new MachineInput(machineId, null, state, null);
    }

    public static MachineInput of(String machineId, MachineSignal.OperationChanged operation) {
        return new MachineInput(machineId, null, null, operation);
    }

    /** The state change or operation event; null for a counter reading. */
    public MachineSignal signal() {
        return state != null ? state : operation;
    }

    public Instant eventTime() {
        return reading != null ? reading.eventTime() : signal().eventTime();
    }

    /**
     * Rank among inputs of the same instant: counter readings first (they report what happened up to that
     * instant, so the last count before an operation finishes is still the operation's), then states, then
     * operation events.
     */
    public int rank() {
        return reading != null ? 0 : state != null ? 1 : 2;
    }
}
