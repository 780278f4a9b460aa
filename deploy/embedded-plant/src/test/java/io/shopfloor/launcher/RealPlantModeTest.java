package io.shopfloor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.shopfloor.cdc.ReferenceErp;
import io.shopfloor.config.ConfigException;
import io.shopfloor.schema.KafkaTopics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real-plant mode of the embedded plant, as a plant would start it: a configuration file with its machine and the
 * simulator off; the plant's gateway publishes over MQTT to the configured port with its login, the ERP rows are
 * entered with SQL, and the ledger gets exactly the machine's output.
 */
class RealPlantModeTest {

    @Test
    void aPlantsOwnMachineAndErpPostToTheLedger(@TempDir Path folder) throws Exception {
        int mqttPort = FreePorts.find();
        Path config = folder.resolve("shopfloor.yaml");
        Files.writeString(config, """
                embedded:
                  dataDir: data
                simulator:
                  enabled: false
                mqtt:
                  port: %d
                dashboard:
                  port: 0
                plant:
                  timeZone: UTC
                job:
                  postingInterval: 10s
                bridge:
                  topics:
                    counter: "factory/{line}/{machine}/counter/{name}"
                    state: "factory/{line}/{machine}/state"
                    operation: "factory/{line}/{machine}/operation"
                  defaultCounters:
                    - {name: good, kind: GOOD, widthBits: 32}
                  machines:
                    - {machineId: MC-MILL-1}
                """.formatted(mqttPort));
        LauncherOptions options = LauncherOptions.parse("--config=" + config);
        try (EmbeddedPlant plant = EmbeddedPlant.start(EmbeddedPlantMain.settings(options, Map.of(), line -> { }))) {
            assertNull(plant.simulator(), "no simulator in real-plant mode");
            assertEquals("tcp://127.0.0.1:" + mqttPort, plant.mqttUri());
            // The plant enters its orders in the ERP (here the sample rows: RPO-1002 released, op 10 on MC-MILL-1).
            try (Connection erp = DriverManager.getConnection(plant.erpJdbcUrl(), PlantCredentials.POSTGRES_OWNER,
                    plant.credentials().postgresOwnerPassword()); Statement statement = erp.createStatement()) {
                statement.execute(ReferenceErp.script(ReferenceErp.SAMPLE_DATA_SCRIPT));
            }
            awaitRecords(plant.kafkaBootstrapServers(), KafkaTopics.MD_PROD_ORDER_ROUTING_LINES);
            MqttClient gateway = new MqttClient(plant.mqttUri(), "press-gateway", new MemoryPersistence());
            MqttConnectOptions login = new MqttConnectOptions();
            login.setUserName(PlantCredentials.MQTT_GATEWAY_USER);
            login.setPassword(plant.credentials().mqttGatewayPassword().toCharArray());
            gateway.connect(login);
            // As a machine does: each message when it happens (the job believes no time ahead of its receipt).
            String root = "factory/L1/MC-MILL-1/";
            try (Connection ledger = plant.connectLedger()) {
                publish(gateway, "factory/L1/MC-UNKNOWN/counter/good", counter(Instant.now(), 1));
                publish(gateway, root + "operation", operation(Instant.now(), "OPERATION_STARTED"));
                publish(gateway, root + "state", state(Instant.now(), "RUNNING", 1));
                publish(gateway, root + "counter/good", counter(Instant.now(), 100));
                Instant counted = Instant.now().plusSeconds(12);
                String outputQuantity = "SELECT sum(output_quantity) FROM capacity_ledger_entry"
                        + " WHERE order_no = 'RPO-1002' AND no = 'MC-MILL-1'";
                long[] seq = {1};
                boolean[] finished = {false};
                String posted = await("12.00000", () -> {
                    Instant now = Instant.now();
                    if (!finished[0] && now.isAfter(counted)) {
                        finished[0] = true;
                        publish(gateway, root + "counter/good", counter(now, 112));
                        publish(gateway, root + "operation", operation(now, "OPERATION_FINISHED"));
                    }
                    // The machine's state, every poll: the heartbeat that moves event time on.
                    publish(gateway, root + "state", state(now, finished[0] ? "IDLE" : "RUNNING", ++seq[0]));
                    return text(ledger, outputQuantity);
                });
                assertEquals("12.00000", posted, () -> rows(ledger));
                assertEquals("UNKNOWN_MACHINE", text(ledger, "SELECT string_agg(reason_code, ',') FROM"
                        + " dead_letter WHERE source_topic LIKE 'factory/L1/MC-UNKNOWN/%'"));
            } finally {
                gateway.disconnect();
            }
        }
    }

    @Test
    void theReadmesExampleConfigurationIsValid() throws Exception {
        EmbeddedPlant.Settings settings = EmbeddedPlantMain.settings(LauncherOptions.parse(
                "--config=real-plant.example.yaml"), Map.of(), line -> { });
        assertEquals(1883, settings.mqttPort());
        assertEquals(java.util.List.of("MC-MILL-1", "MC-ASSY"), settings.realPlant().machines().machines().stream()
                .map(io.shopfloor.bridge.config.MachineSpec::machineId).toList());
        assertNull(settings.realPlant().erp(), "the embedded ERP database");
        assertEquals(Path.of("real-plant.example.yaml").toAbsolutePath().resolveSibling("plant-data-real"),
                settings.dataDirectory());
    }

    @Test
    void settingsTheFileHasButNoPartReadsStopTheStart(@TempDir Path folder) throws Exception {
        Path config = folder.resolve("shopfloor.yaml");
        Files.writeString(config, "simulator:\n  enabled: false\nbridge:\n  machines: [{machineId: M1}]\n"
                + "erp:\n  jdbcUrl: jdbc:postgresql://erp:5432/erp\n  user: cdc\n  passwordEnv: ERP_PASSWORD\n"
                + "job:\n  postingIntervall: 5m\n");
        LauncherOptions options = LauncherOptions.parse("--config=" + config);
        assertEquals(config + ": unknown setting job.postingIntervall", assertThrows(ConfigException.class,
                () -> EmbeddedPlantMain.settings(options, Map.of("ERP_PASSWORD", "pw"), line -> { })).getMessage());
        Files.writeString(config, "bridge:\n  machines: [{machineId: M1}]\n");
        assertEquals(config + ": bridge: only in real-plant mode (simulator.enabled: false); the simulated plant "
                + "brings its own machines and ERP", assertThrows(ConfigException.class, () -> EmbeddedPlantMain
                .settings(LauncherOptions.parse("--config=" + config), Map.of(), line -> { })).getMessage());
        Files.writeString(config, "simulator:\n  enabled: false\n");
        assertEquals("bridge.machines: real-plant mode needs the plant's machines (the registry)",
                assertThrows(ConfigException.class, () -> EmbeddedPlantMain.settings(LauncherOptions.parse(
                        "--config=" + config), Map.of(), line -> { })).getMessage());
        Files.writeString(config, "simulator:\n  enabled: false\nbridge:\n  machines: [{machineId: M1}]\n"
                + "erp:\n  jdbcUrl: jdbc:postgresql://erp:5432/erp\n  user: cdc\n  password: inline\n");
        assertEquals(config + ": erp.password must not hold the secret itself: give passwordFile (a file holding "
                + "it) or passwordEnv (an environment variable holding it)", assertThrows(ConfigException.class,
                () -> EmbeddedPlantMain.settings(LauncherOptions.parse("--config=" + config), Map.of(),
                        line -> { })).getMessage());
    }

    private static String operation(Instant time, String type) {
        return "{\"timestamp\": \"" + time + "\", \"eventType\": \"" + type + "\", \"orderNo\": \"RPO-1002\","
                + " \"orderLineNo\": 10000, \"operationNo\": \"10\"}";
    }

    private static String state(Instant time, String state, long seq) {
        return "{\"timestamp\": \"" + time + "\", \"state\": \"" + state + "\", \"bootEpoch\": 1, \"seq\": " + seq
                + "}";
    }

    private static String rows(Connection ledger) {
        try {
            return text(ledger, "SELECT string_agg(concat_ws(' ', idempotency_key, run_time, setup_time, stop_time, "
                    + "output_quantity), E'\\n') FROM capacity_ledger_entry") + "\n" + text(ledger, "SELECT "
                    + "string_agg(concat_ws(' ', stage, reason_code, reason_detail), E'\\n') FROM dead_letter");
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** Until CDC has carried the ERP's rows to {@code topic} (the job reads them from there). */
    private static void awaitRecords(String bootstrapServers, String topic) throws Exception {
        Map<String, Object> properties = Map.of("bootstrap.servers", bootstrapServers, "group.id", "real-plant-test",
                "auto.offset.reset", "earliest", "key.deserializer", ByteArrayDeserializer.class.getName(),
                "value.deserializer", ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            consumer.subscribe(java.util.List.of(topic));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (consumer.poll(Duration.ofMillis(500)).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no record on " + topic + " within 2 minutes");
                }
            }
        }
    }

    private static String counter(Instant time, long value) {
        return "{\"timestamp\": \"" + time + "\", \"value\": " + value + ", \"bootEpoch\": 1}";
    }

    private static void publish(MqttClient client, String topic, String payload) throws Exception {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    private static String text(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            return result.next() ? result.getString(1) : null;
        }
    }

    /** The query's answer once it is the expected one, or its last answer after three minutes; polls every 2 s. */
    private static String await(String expected, Callable<String> query) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        String answer = query.call();
        while (!expected.equals(answer) && System.nanoTime() < deadline) {
            new java.util.concurrent.CountDownLatch(1).await(2, java.util.concurrent.TimeUnit.SECONDS);
            answer = query.call();
        }
        return answer;
    }
}
