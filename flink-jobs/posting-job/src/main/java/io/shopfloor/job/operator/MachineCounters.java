package io.shopfloor.job.operator;

import io.shopfloor.job.machine.CounterBaseline;

import java.util.HashMap;
import java.util.Map;

/**
 * What the machine stage keeps per machine besides its held inputs and timeline: the last accepted value of each
 * counter (readings become deltas against it) and how many inputs the machine holds (its {@link StateLimits} bound).
 * Small and of constant size, so reading and writing it whole per input costs the same on RocksDB as on the heap.
 */
final class MachineCounters {
    final Map<String, CounterBaseline> baselines;
    int heldInputs;

    MachineCounters() {
        this(new HashMap<>(), 0);
    }

    MachineCounters(Map<String, CounterBaseline> baselines, int heldInputs) {
        this.baselines = baselines;
        this.heldInputs = heldInputs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MachineCounters other && heldInputs == other.heldInputs
                && baselines.equals(other.baselines);
    }

    @Override
    public int hashCode() {
        return 31 * baselines.hashCode() + heldInputs;
    }

    @Override
    public String toString() {
        return "MachineCounters[baselines=" + baselines + ", heldInputs=" + heldInputs + "]";
    }
}
