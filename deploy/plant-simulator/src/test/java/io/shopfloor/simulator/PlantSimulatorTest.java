package io.shopfloor.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator against a real MQTT broker (Moquette in process): payloads, births, and a resume. */
class PlantSimulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;
    private Server broker;
    private String uri;
    private MqttClient listener;
    private final BlockingQueue<String[]> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void startBroker() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Properties properties = new Properties();
        properties.setProperty("host", "127.0.0.1");
        properties.setProperty("port", String.valueOf(port));
        properties.setProperty("allow_anonymous", "true");
        properties.setProperty("persistence_enabled", "false");
        properties.setProperty("data_path", data.resolve("broker").toString());
        properties.setProperty("telemetry_enabled", "false");
        broker = new Server();
        broker.startServer(new MemoryConfig(properties));
        uri = "tcp://127.0.0.1:" + port;
        listener = new MqttClient(uri, "listener", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        listener.connect(options);
        listener.subscribe(new String[] {"plant/#", "spBv1.0/#"}, new int[] {1, 1}, new org.eclipse.paho.client
                .mqttv3.IMqttMessageListener[] {this::take, this::take});
    }

    private void take(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) throws Exception {
        if (topic.startsWith("spBv1.0/")) {
            SparkplugBPayload payload = new SparkplugBPayloadDecoder().buildFromByteArray(message.getPayload(), null);
            StringBuilder text = new StringBuilder("ts=" + (payload.getTimestamp() == null ? null
                    : payload.getTimestamp().getTime()) + " seq=" + payload.getSeq());
            for (Metric metric : payload.getMetrics()) {
                text.append(' ').append(metric.getName()).append('=').append(metric.getValue());
            }
            received.add(new String[] {topic, text.toString()});
        } else {
            received.add(new String[] {topic,
                    new String(message.getPayload(), java.nio.charset.StandardCharsets.UTF_8)});
        }
    }

    @AfterEach
    void stopBroker() throws Exception {
        listener.disconnect();
        listener.close();
        broker.stopServer();
    }

    private List<String[]> receive(int count) throws InterruptedException {
        List<String[]> messages = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (messages.size() < count && System.nanoTime() < deadline) {
            String[] message = received.poll(100, TimeUnit.MILLISECONDS);
            if (message != null) {
                messages.add(message);
            }
        }
        return messages;
    }

    @Test
    void publishesJsonAndSparkplugAndResumesJustBeforeWhereItStopped() throws Exception {
        PlantSettings plant = new PlantSettings(3, Instant.parse("2026-01-01T00:00:00Z"), 4, 1, 5, 6, false);
        PlantSimulator.Settings settings = new PlantSimulator.Settings(MqttServer.anonymous(uri), 300, data.resolve("sim"), plant);
        long firstStop;
        try (PlantSimulator simulator = PlantSimulator.start(settings)) {
            List<String[]> first = receive(300);
            assertEquals(300, first.size());
            assertEquals("spBv1.0/Plant1/NBIRTH/L2", first.stream().filter(m -> m[0].startsWith("spBv1.0"))
                    .findFirst().orElseThrow()[0], "the node's birth comes first");
            String[] birth = first.stream().filter(m -> m[0].equals("spBv1.0/Plant1/DBIRTH/L2/L2-MILL-1"))
                    .findFirst().orElseThrow();
            assertTrue(birth[1].contains("Counters/Good=") && birth[1].contains("Machine/State=IDLE"), birth[1]);
            String[] good = first.stream().filter(m -> m[0].equals("plant/site1/area1/L1/L1-CUT-1/counter/good"))
                    .findFirst().orElseThrow();
            JsonNode reading = JSON.readTree(good[1]);
            assertEquals(1, reading.get("bootEpoch").asInt());
            assertEquals(1_500, (reading.get("timestamp").asLong() - plant.start().toEpochMilli()) % 3_000);
            assertNotNull(reading.get("value"));
            assertTrue(first.stream().anyMatch(m -> m[0].endsWith("/operation") && m[1].contains(
                    "\"eventType\":\"SETUP_STARTED\",\"orderNo\":\"RPO-5001\",\"orderLineNo\":10000,"
                            + "\"operationNo\":\"10\"")), "operation events as JSON");
            assertTrue(first.stream().anyMatch(m -> m[0].startsWith("spBv1.0/Plant1/DDATA/L2/")), "DDATA");
        }
        firstStop = PlantSimulatorTest.progress(data.resolve("sim/progress.json"));
        received.clear();
        long resend = PlantSimulator.resendMillis(300);
        assertEquals(240_000, resend, "2 s of real time at x300 is 600 s, capped at 4 simulated minutes");
        try (PlantSimulator simulator = PlantSimulator.start(settings)) {
            assertTrue(simulator.simulatedTime().toEpochMilli() >= firstStop - resend, "resumes, not from the start");
            List<String[]> resumed = receive(50);
            assertEquals("spBv1.0/Plant1/NBIRTH/L2", resumed.stream().filter(m -> m[0].startsWith("spBv1.0"))
                    .findFirst().orElseThrow()[0], "a new session of the node is born again");
            long earliest = Long.MAX_VALUE;
            for (String[] message : resumed) {
                if (message[0].startsWith("plant/") && message[0].contains("/counter/")) {
                    earliest = Math.min(earliest, JSON.readTree(message[1]).get("timestamp").asLong());
                }
            }
            // The last moments before the stop are published again (what a killed broker may have lost), no more.
            assertTrue(earliest >= firstStop - resend && earliest <= firstStop, "earliest reading " + earliest
                    + ", stopped at " + firstStop);
        }
        assertTrue(Files.exists(data.resolve("sim/ground-truth.json")));
        assertEquals(PlantModel.plan(plant.withStart(GroundTruth.read(data.resolve("sim/ground-truth.json")).start()))
                .truth(), GroundTruth.read(data.resolve("sim/ground-truth.json")), "the ground truth round-trips");
    }

    /**
     * A continuous plant releases its orders a round at a time, ahead of the machines, while it runs; after a restart
     * the same rounds are released again (the ERP skips what it has) and new ones follow on.
     */
    @Test
    void aContinuousPlantReleasesOrdersAheadWhileItRunsAndTheSameOnesAfterARestart() throws Exception {
        PlantSettings plant = new PlantSettings(3, Instant.parse("2026-01-01T00:00:00Z"), 4, 1, 5, 6, false,
                PlantSettings.CONTINUOUS);
        List<String> released = new java.util.concurrent.CopyOnWriteArrayList<>();
        PlantSimulator.Settings settings = new PlantSimulator.Settings(MqttServer.anonymous(uri), 300, data.resolve("sim"), plant,
                orders -> orders.forEach(o -> released.add(o.orderNo())));
        int atStart;
        try (PlantSimulator simulator = PlantSimulator.start(settings)) {
            atStart = released.size();
            // Planned ahead by the horizon (5 simulated hours at x300): several rounds of one order per line.
            assertTrue(atStart >= 4, released::toString);
            assertEquals(simulator.truth().orders().size(), atStart, "the ground truth covers the released rounds");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (released.size() == atStart && System.nanoTime() < deadline) {
                received.poll(100, TimeUnit.MILLISECONDS);
            }
            assertTrue(released.size() > atStart, "a new round while it runs, after " + released);
            long ahead = simulator.truth().end().toEpochMilli() - simulator.simulatedTime().toEpochMilli();
            assertTrue(ahead > 0 && ahead <= PlantSimulator.planningHorizonMillis(300) + 6 * 3_600_000L,
                    "planned ahead, but no further than the horizon and a round: " + ahead + " ms");
        }
        List<String> beforeRestart = List.copyOf(released);
        assertEquals(java.util.stream.IntStream.rangeClosed(5001, 5000 + beforeRestart.size())
                .mapToObj(n -> "RPO-" + n).toList(), beforeRestart, "numbered on, each released once");
        released.clear();
        try (PlantSimulator simulator = PlantSimulator.start(settings)) {
            assertTrue(released.size() >= beforeRestart.size(), released::toString);
            assertEquals(beforeRestart, released.subList(0, beforeRestart.size()), "the same rounds again");
        }
    }

    static long progress(Path file) throws Exception {
        return JSON.readTree(file.toFile()).get("publishedThroughMillis").asLong();
    }
}
