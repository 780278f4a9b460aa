package io.shopfloor.bridge.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopfloor.bridge.config.BridgeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bridge configuration files for tests, written as the JSON an operator would write. The registry: machines
 * M-0..M-{n-1} on JSON topics; PRESS-1 = Sparkplug device G1/E1/D1 (state metric "State", stop code "StopCode");
 * LINE-1 = the edge node G1/E1 itself; every machine has the default counters good (GOOD, 32 bits, metric
 * "Counters/Good"), scrap (SCRAP, 16 bits, "Counters/Scrap") and total (OTHER, 64 bits, "Counters/Total").
 */
public final class TestBridgeConfig {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, Object> mqtt = new LinkedHashMap<>();
    private final Map<String, Object> kafka = new LinkedHashMap<>();
    private final Map<String, Object> sparkplug = new LinkedHashMap<>();
    private final Map<String, Object> topics = new LinkedHashMap<>();
    private final Map<String, Object> limits = new LinkedHashMap<>();
    private int jsonMachines = 10;

    private TestBridgeConfig(String serverUri, int protocolVersion, String clientId, String bootstrapServers) {
        mqtt.put("serverUri", serverUri);
        mqtt.put("protocolVersion", protocolVersion);
        mqtt.put("clientId", clientId);
        mqtt.put("reconnectInitialMillis", 100);
        mqtt.put("reconnectMaxMillis", 1000);
        kafka.put("bootstrapServers", bootstrapServers);
        kafka.put("createTopics", true);
        kafka.put("partitions", 3);
        kafka.put("replicationFactor", 1);
        sparkplug.put("groups", List.of());
        topics.put("counter", "plant/{site}/{area}/{line}/{machine}/counter/{name}");
        topics.put("state", "plant/{site}/{area}/{line}/{machine}/state");
        topics.put("operation", "plant/{site}/{area}/{line}/{machine}/operation");
    }

    public static TestBridgeConfig of(String serverUri, int protocolVersion, String clientId,
                                      String bootstrapServers) {
        return new TestBridgeConfig(serverUri, protocolVersion, clientId, bootstrapServers);
    }

    public TestBridgeConfig connections(int connections, String sharedSubscriptionGroup) {
        mqtt.put("connections", connections);
        mqtt.put("sharedSubscriptionGroup", sharedSubscriptionGroup);
        return this;
    }

    /** A setting of the topics section, e.g. {@code root}. */
    public TestBridgeConfig topics(String key, Object value) {
        topics.put(key, value);
        return this;
    }

    /** A setting of the limits section, e.g. {@code maxAheadMillis}. */
    public TestBridgeConfig limits(String key, Object value) {
        limits.put(key, value);
        return this;
    }

    public TestBridgeConfig mqtt(String key, Object value) {
        mqtt.put(key, value);
        return this;
    }

    public TestBridgeConfig kafkaProducer(Map<String, String> producer) {
        kafka.put("producer", producer);
        return this;
    }

    public TestBridgeConfig sparkplug(String... groups) {
        sparkplug.put("groups", List.of(groups));
        return this;
    }

    public TestBridgeConfig jsonMachines(int count) {
        jsonMachines = count;
        return this;
    }

    public String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("mqtt", mqtt);
        root.put("topics", topics);
        root.put("sparkplug", sparkplug);
        root.put("kafka", kafka);
        root.put("defaultCounters", List.of(
                Map.of("name", "good", "kind", "GOOD", "widthBits", 32, "sparkplugMetric", "Counters/Good"),
                Map.of("name", "scrap", "kind", "SCRAP", "widthBits", 16, "sparkplugMetric", "Counters/Scrap"),
                Map.of("name", "total", "kind", "OTHER", "widthBits", 64, "sparkplugMetric", "Counters/Total")));
        List<Object> machines = new ArrayList<>();
        for (int i = 0; i < jsonMachines; i++) {
            machines.add(Map.of("machineId", "M-" + i));
        }
        machines.add(Map.of("machineId", "PRESS-1", "sparkplug", Map.of("groupId", "G1", "edgeNodeId", "E1",
                "deviceId", "D1", "stateMetric", "State", "stopCodeMetric", "StopCode")));
        machines.add(Map.of("machineId", "LINE-1", "sparkplug", Map.of("groupId", "G1", "edgeNodeId", "E1")));
        root.put("machines", machines);
        if (!limits.isEmpty()) {
            root.put("limits", limits);
        }
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public BridgeConfig build() {
        try {
            return BridgeConfig.parse(json());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path write(Path file) throws IOException {
        Files.writeString(file, json());
        return file;
    }

    /** A JSON counter topic of the test scheme. */
    public static String counterTopic(String machineId, String counter) {
        return "plant/S1/A1/L1/" + machineId + "/counter/" + counter;
    }

    public static String stateTopic(String machineId) {
        return "plant/S1/A1/L1/" + machineId + "/state";
    }

    public static String operationTopic(String machineId) {
        return "plant/S1/A1/L1/" + machineId + "/operation";
    }

    /** A JSON counter payload; the value is unsigned. */
    public static String counterPayload(long timestamp, long value, long bootEpoch, long seq) {
        return "{\"timestamp\":" + timestamp + ",\"value\":" + Long.toUnsignedString(value) + ",\"bootEpoch\":"
                + bootEpoch + ",\"seq\":" + seq + "}";
    }
}
