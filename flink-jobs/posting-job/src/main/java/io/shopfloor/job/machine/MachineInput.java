package io.shopfloor.job.machine;

import java.io.Serializable;

import java.time.Instant;

/**
 * One input of the per-machine stage: a counter reading, or another signal (state change, operation event).
 * Exactly one of the two is set.
 */
public record MachineInput(String machineId, CounterReading reading, MachineSignal signal) implements Serializable {

    public static MachineInput of(CounterReading reading) {
        return new MachineInput(reading.machineId(), reading, null);
    }

    public static MachineInput of(String machineId, MachineSignal signal) {
        return new MachineInput(machineId, null, signal);
    }

    public Instant eventTime() {
        return reading != null ? reading.eventTime() : signal.eventTime();
    }

    /** Rank among inputs of the same instant: operation events first, then states, then counters. */
    public int rank() {
        if (signal instanceof MachineSignal.OperationChanged) {
            return 0;
        }
        return signal != null ? 1 : 2;
    }
}
