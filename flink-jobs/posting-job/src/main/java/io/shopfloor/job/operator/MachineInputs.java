package io.shopfloor.job.operator;

import io.shopfloor.job.machine.CounterBaseline;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One machine's inputs on their way into its timeline, as one keyed value (one state access per instant rather than
 * one per reading): the inputs held until the watermark passes them, and the last accepted value of each counter,
 * against which readings become deltas.
 */
final class MachineInputs {
    final PendingInputs held;
    final Map<String, CounterBaseline> baselines;

    MachineInputs() {
        this(new PendingInputs(), new HashMap<>());
    }

    MachineInputs(PendingInputs held, Map<String, CounterBaseline> baselines) {
        this.held = held;
        this.baselines = baselines;
    }

    /** An independent copy (inputs and baselines themselves are immutable and shared). */
    MachineInputs copy() {
        return new MachineInputs(held.copy(), new HashMap<>(baselines));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MachineInputs other && held.equals(other.held) && baselines.equals(other.baselines);
    }

    @Override
    public int hashCode() {
        return Objects.hash(held, baselines);
    }

    @Override
    public String toString() {
        return "MachineInputs[held=" + held + ", baselines=" + baselines + "]";
    }
}
