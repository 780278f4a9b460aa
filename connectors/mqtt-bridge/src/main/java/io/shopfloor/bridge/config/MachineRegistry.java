package io.shopfloor.bridge.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which machines exist, their counters, and which Sparkplug edge node or device each one is. Immutable. */
public final class MachineRegistry {

    /** A registered machine with its counters by name and by Sparkplug metric. */
    public record Machine(String machineId, Map<String, CounterSpec> countersByName,
                          Map<String, CounterSpec> countersByMetric, SparkplugDevice sparkplug) {

        public CounterSpec counter(String name) {
            return countersByName.get(name);
        }

        public CounterSpec counterForMetric(String metricName) {
            return countersByMetric.get(metricName);
        }
    }

    private final Map<String, Machine> byId = new HashMap<>();
    /** Key: group/node/device, device empty for the node itself. */
    private final Map<String, Machine> bySparkplugPlace = new HashMap<>();
    /** Key: group/node; every machine on the node (the node itself and its devices). */
    private final Map<String, List<Machine>> bySparkplugNode = new HashMap<>();

    public MachineRegistry(List<CounterSpec> defaultCounters, List<MachineSpec> machines) {
        for (MachineSpec spec : machines) {
            Map<String, CounterSpec> counters = new LinkedHashMap<>();
            defaultCounters.forEach(c -> counters.put(c.name(), c));
            spec.counters().forEach(c -> counters.put(c.name(), c));
            Map<String, CounterSpec> byMetric = new HashMap<>();
            counters.values().stream().filter(c -> c.sparkplugMetric() != null)
                    .forEach(c -> byMetric.put(c.sparkplugMetric(), c));
            Machine machine = new Machine(spec.machineId(), Map.copyOf(counters), Map.copyOf(byMetric),
                    spec.sparkplug());
            byId.put(spec.machineId(), machine);
            SparkplugDevice place = spec.sparkplug();
            if (place != null) {
                String key = placeKey(place.groupId(), place.edgeNodeId(), place.deviceId());
                Machine previous = bySparkplugPlace.put(key, machine);
                if (previous != null) {
                    throw new IllegalArgumentException("machines " + previous.machineId() + " and "
                            + spec.machineId() + " are both Sparkplug " + key);
                }
                bySparkplugNode.computeIfAbsent(nodeKey(place.groupId(), place.edgeNodeId()),
                        k -> new ArrayList<>()).add(machine);
            }
        }
    }

    public static MachineRegistry of(BridgeConfig config) {
        return new MachineRegistry(config.defaultCounters(), config.machines());
    }

    /** The machine, or null when it is not registered. */
    public Machine machine(String machineId) {
        return byId.get(machineId);
    }

    /** The machine that is this Sparkplug device (deviceId null: the edge node itself), or null. */
    public Machine sparkplugMachine(String groupId, String edgeNodeId, String deviceId) {
        return bySparkplugPlace.get(placeKey(groupId, edgeNodeId, deviceId));
    }

    /** Every machine on an edge node: the node itself and its devices; empty when none is registered. */
    public List<Machine> sparkplugNodeMachines(String groupId, String edgeNodeId) {
        return bySparkplugNode.getOrDefault(nodeKey(groupId, edgeNodeId), List.of());
    }

    public int size() {
        return byId.size();
    }

    private static String placeKey(String groupId, String edgeNodeId, String deviceId) {
        return groupId + '/' + edgeNodeId + '/' + (deviceId == null ? "" : deviceId);
    }

    private static String nodeKey(String groupId, String edgeNodeId) {
        return groupId + '/' + edgeNodeId;
    }
}
