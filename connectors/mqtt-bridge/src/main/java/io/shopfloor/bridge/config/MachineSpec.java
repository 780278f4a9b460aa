package io.shopfloor.bridge.config;

import java.util.List;

/**
 * One machine of the registry: its id (the Kafka key of its signals), its counters (added to the configuration's
 * {@code defaultCounters}, replacing a default of the same name), and where it sits in Sparkplug (null when it
 * sends JSON only).
 */
public record MachineSpec(String machineId, List<CounterSpec> counters, SparkplugDevice sparkplug) {

    public MachineSpec {
        if (machineId == null || machineId.isBlank()) {
            throw new IllegalArgumentException("a machine needs a machineId");
        }
        counters = counters == null ? List.of() : List.copyOf(counters);
    }
}
