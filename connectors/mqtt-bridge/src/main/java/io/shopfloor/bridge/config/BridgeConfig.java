package io.shopfloor.bridge.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The bridge's configuration file (JSON, see {@code bridge.example.json} beside the module's pom): where the
 * broker and Kafka are, which topics carry what, and the machine registry. Absent settings take the documented
 * defaults of each section.
 */
public record BridgeConfig(MqttSettings mqtt, TopicSettings topics, SparkplugSettings sparkplug,
                           KafkaSettings kafka, List<CounterSpec> defaultCounters, List<MachineSpec> machines,
                           LimitSettings limits) {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            // A misspelt setting must fail at start-up, not be ignored.
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final ObjectMapper YAML = new ObjectMapper(
            new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());

    @JsonCreator
    public BridgeConfig {
        if (mqtt == null) {
            throw new IllegalArgumentException("mqtt settings are required");
        }
        if (kafka == null) {
            throw new IllegalArgumentException("kafka settings are required");
        }
        topics = topics == null ? TopicSettings.DEFAULT : topics;
        sparkplug = sparkplug == null ? SparkplugSettings.DISABLED : sparkplug;
        limits = limits == null ? LimitSettings.DEFAULT : limits;
        defaultCounters = defaultCounters == null ? List.of() : List.copyOf(defaultCounters);
        machines = machines == null ? List.of() : List.copyOf(machines);
        Set<String> ids = new HashSet<>();
        for (MachineSpec machine : machines) {
            if (!ids.add(machine.machineId())) {
                throw new IllegalArgumentException("machine " + machine.machineId() + " is listed twice");
            }
        }
    }

    /** The configuration with the default limits. */
    public BridgeConfig(MqttSettings mqtt, TopicSettings topics, SparkplugSettings sparkplug, KafkaSettings kafka,
                        List<CounterSpec> defaultCounters, List<MachineSpec> machines) {
        this(mqtt, topics, sparkplug, kafka, defaultCounters, machines, null);
    }

    /**
     * From a file: the bridge's own JSON ({@code bridge.example.json}), or the {@code bridge} section of the shared
     * configuration file (YAML, of which JSON is a subset; docs/configuration.md), which has the same shape.
     */
    public static BridgeConfig load(Path file) throws IOException {
        com.fasterxml.jackson.databind.JsonNode tree;
        try (InputStream in = Files.newInputStream(file)) {
            tree = YAML.readTree(in);
        }
        boolean sharedFile = tree != null && tree.has("bridge") && !tree.has("mqtt");
        return MAPPER.treeToValue(sharedFile ? tree.get("bridge") : tree, BridgeConfig.class);
    }

    public static BridgeConfig read(InputStream json) throws IOException {
        return MAPPER.readValue(json, BridgeConfig.class);
    }

    public static BridgeConfig parse(String json) throws IOException {
        return MAPPER.readValue(json, BridgeConfig.class);
    }

    /**
     * The plant's side of a bridge configuration: its topics, Sparkplug groups, limits and machine registry, without
     * the connections (which a launcher knows). The {@code bridge} section of the configuration file has this shape.
     */
    public record Registry(TopicSettings topics, SparkplugSettings sparkplug, List<CounterSpec> defaultCounters,
                           List<MachineSpec> machines, LimitSettings limits) {
        public Registry {
            topics = topics == null ? TopicSettings.DEFAULT : topics;
            sparkplug = sparkplug == null ? SparkplugSettings.DISABLED : sparkplug;
            defaultCounters = defaultCounters == null ? List.of() : List.copyOf(defaultCounters);
            machines = machines == null ? List.of() : List.copyOf(machines);
        }

        /** From a mapping of that shape; unknown keys are refused, the message names them. */
        public static Registry of(com.fasterxml.jackson.databind.JsonNode node) throws IOException {
            return MAPPER.treeToValue(node, Registry.class);
        }

        /** With these connections. */
        public BridgeConfig connectedTo(MqttSettings mqtt, KafkaSettings kafka) {
            return new BridgeConfig(mqtt, topics, sparkplug, kafka, defaultCounters, machines, limits);
        }
    }

    public String toJson() {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
