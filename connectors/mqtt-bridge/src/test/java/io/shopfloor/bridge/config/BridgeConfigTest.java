package io.shopfloor.bridge.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.shopfloor.schema.signal.CounterKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BridgeConfigTest {

    /** The documented example loads, and the registry merges default and own counters. */
    @Test
    void theExampleConfigurationLoads() throws Exception {
        BridgeConfig config = BridgeConfig.load(Path.of("bridge.example.json"));
        assertEquals(5, config.mqtt().protocolVersion());
        assertEquals(4, config.mqtt().connections());
        assertEquals("SASL_SSL", config.kafka().producerProperties("x").get("security.protocol"));
        assertEquals("5", config.kafka().producerProperties("x").get("linger.ms"));
        assertEquals("all", config.kafka().producerProperties("x").get("acks"));
        assertEquals(65_536, config.mqtt().maxPayloadBytes());
        assertEquals("plant/#", config.topics().root());
        assertEquals(300_000L, config.limits().maxAheadMillis());
        MachineRegistry registry = MachineRegistry.of(config);
        assertEquals(3, registry.size());
        assertEquals(List.of("good", "scrap", "strokes"),
                registry.machine("MC-110").countersByName().keySet().stream().sorted().toList());
        assertEquals(new CounterSpec("strokes", CounterKind.OTHER, 16, null),
                registry.machine("MC-110").counter("strokes"));
        assertEquals("PRESS-7", registry.sparkplugMachine("PlantA", "Gateway-3", "Press7").machineId());
        assertEquals(CounterKind.SCRAP, registry.machine("PRESS-7").counterForMetric("Counters/Scrap").kind());
        assertEquals(List.of(), registry.sparkplugNodeMachines("PlantA", "Gateway-9"));
    }

    /** The bridge section of the shared configuration file (YAML) is the same shape; a misspelt key fails. */
    @Test
    void theSharedConfigurationFilesBridgeSectionLoads(@org.junit.jupiter.api.io.TempDir Path folder)
            throws Exception {
        Path file = folder.resolve("shopfloor.yaml");
        java.nio.file.Files.writeString(file, """
                job:
                  postingInterval: 1m
                bridge:
                  mqtt: {serverUri: "ssl://mqtt.plant:8883", username: bridge}
                  kafka: {bootstrapServers: "kafka-1:9092"}
                  topics: {counter: "plant/{line}/{machine}/counter/{name}"}
                  machines:
                    - machineId: PRESS-7
                      counters: [{name: good, kind: GOOD, widthBits: 16}]
                """);
        BridgeConfig config = BridgeConfig.load(file);
        assertEquals("ssl://mqtt.plant:8883", config.mqtt().serverUri());
        assertEquals("kafka-1:9092", config.kafka().bootstrapServers());
        assertEquals(new CounterSpec("good", CounterKind.GOOD, 16, null),
                MachineRegistry.of(config).machine("PRESS-7").counter("good"));
        java.nio.file.Files.writeString(file, "bridge:\n  mqtt: {serverUri: \"tcp://m:1883\"}\n"
                + "  kafka: {bootstrapServers: \"k:9092\"}\n  machnes: []\n");
        assertEquals(true, assertThrows(Exception.class, () -> BridgeConfig.load(file)).getMessage()
                .startsWith("Unrecognized field \"machnes\""));
    }

    @Test
    void defaultsApplyAndMistakesFailAtStartUp() throws Exception {
        BridgeConfig minimal = BridgeConfig.parse("""
                {"mqtt": {"serverUri": "tcp://localhost:1883"}, "kafka": {"bootstrapServers": "localhost:9092"}}""");
        assertEquals(new MqttSettings("tcp://localhost:1883", 5, "shopfloor-mqtt-bridge", null, null, null, 1, null,
                30, 604_800L, 1000, 10, 500L, 30_000L), minimal.mqtt());
        assertEquals("plant/{site}/{area}/{line}/{machine}/counter/{name}", minimal.topics().counter());
        assertEquals(false, minimal.sparkplug().enabled());
        assertEquals("plant/#", minimal.topics().root());
        assertEquals(List.of(), minimal.topics().ignore());
        assertEquals(65_536, minimal.mqtt().maxPayloadBytes());
        assertEquals(new LimitSettings(300_000L), minimal.limits());
        assertEquals(Map.of(), minimal.kafka().properties());

        assertThrows(Exception.class, () -> BridgeConfig.parse("""
                {"mqtt": {"serverUri": "tcp://h:1883", "conections": 2}, "kafka": {"bootstrapServers": "k:9092"}}"""),
                "a misspelt setting");
        assertThrows(Exception.class, () -> BridgeConfig.parse("""
                {"mqtt": {"serverUri": "tcp://h:1883", "connections": 2}, "kafka": {"bootstrapServers": "k:9092"}}"""),
                "several connections without a shared subscription");
        assertThrows(Exception.class, () -> BridgeConfig.parse("""
                {"mqtt": {"serverUri": "tcp://h:1883"}, "kafka": {"bootstrapServers": "k:9092"},
                 "machines": [{"machineId": "A", "counters": [{"name": "c", "widthBits": 24}]}]}"""),
                "a 24-bit counter");
        assertThrows(Exception.class, () -> BridgeConfig.parse("""
                {"mqtt": {"serverUri": "tcp://h:1883", "maxPayloadBytes": 2000000},
                 "kafka": {"bootstrapServers": "k"}}"""),
                "a payload limit beyond what a dead letter can keep in Kafka");
        assertThrows(Exception.class, () -> BridgeConfig.parse("""
                {"mqtt": {"serverUri": "tcp://h:1883"}, "kafka": {"bootstrapServers": "k"},
                 "limits": {"maxAheadMillis": -1}}"""), "a negative bound");
    }
}
