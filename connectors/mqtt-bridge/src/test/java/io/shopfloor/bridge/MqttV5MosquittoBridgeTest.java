package io.shopfloor.bridge;

import static io.shopfloor.bridge.testing.Sparkplug.aliased;
import static io.shopfloor.bridge.testing.Sparkplug.bdSeq;
import static io.shopfloor.bridge.testing.Sparkplug.historical;
import static io.shopfloor.bridge.testing.Sparkplug.metric;
import static io.shopfloor.bridge.testing.Sparkplug.payload;
import static io.shopfloor.bridge.testing.Sparkplug.withoutDatatypes;
import static io.shopfloor.bridge.testing.TestBridgeConfig.counterPayload;
import static io.shopfloor.bridge.testing.TestBridgeConfig.counterTopic;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopfloor.bridge.testing.KafkaTail;
import io.shopfloor.bridge.testing.Mosquitto;
import io.shopfloor.bridge.testing.TestBridgeConfig;
import io.shopfloor.bridge.testing.TestCertificates;
import io.shopfloor.bridge.testing.TestPublisher;
import io.shopfloor.bridge.testing.TopicListener;
import io.shopfloor.bridge.translate.ReasonCodes;
import io.shopfloor.schema.EmbeddedKafka;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.common.DeadLetter;
import io.shopfloor.schema.signal.CounterKind;
import io.shopfloor.schema.signal.MachineCounterReading;
import io.shopfloor.schema.signal.MachineState;
import io.shopfloor.schema.signal.MachineStateChange;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.protobuf.SparkplugBProto;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** MQTT 5 through a mosquitto process into the in-process Kafka broker: JSON with shared subscriptions, Sparkplug. */
class MqttV5MosquittoBridgeTest {
    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    @TempDir
    static Path directory;

    private static Mosquitto broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = Mosquitto.start(directory);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @Test
    void everyOneOfTenThousandQos1MessagesReachesKafkaThroughTwoSharedSubscriptions() throws Exception {
        int messages = 10_000;
        long baseTime = Instant.parse("2024-06-03T06:00:00Z").toEpochMilli();
        TestBridgeConfig config = TestBridgeConfig.of(broker.tcpUri(), 5, "v5-bridge", KAFKA.bootstrapServers())
                .connections(2, "bridges");
        try (BridgeService bridge = BridgeService.start(config.build());
             KafkaTail<MachineCounterReading> counters = new KafkaTail<>(KAFKA.bootstrapServers(),
                     KafkaTopics.MACHINE_COUNTERS, MachineCounterReading.class)) {
            assertTrue(bridge.awaitSubscribed(Duration.ofSeconds(30)), "bridge subscribed");
            try (TestPublisher publisher = TestPublisher.connect(broker.tcpUri(), "v5-publisher", 5)) {
                for (int seq = 0; seq < messages; seq++) {
                    String machine = "M-" + (seq % 10);
                    publisher.publish(counterTopic(machine, "total"), counterPayload(baseTime + seq,
                            Long.MAX_VALUE + 1 + seq, 2, seq)); // 64-bit values above 2^63 - 1
                }
                publisher.awaitAcknowledged();
            }
            List<KafkaTail.Keyed<MachineCounterReading>> records = counters.awaitUntil(
                    read -> bySeq(read, "total").size() == messages, Duration.ofSeconds(90));

            Map<Long, MachineCounterReading> bySeq = bySeq(records, "total");
            for (long seq = 0; seq < messages; seq++) {
                MachineCounterReading reading = bySeq.get(seq);
                assertEquals("M-" + (seq % 10), reading.getMachineId());
                assertEquals(CounterKind.OTHER, reading.getCounterKind());
                assertEquals(Long.MAX_VALUE + 1 + seq, reading.getValue());
                assertEquals(64, reading.getWidthBits());
                assertEquals(2, reading.getBootEpoch());
                assertEquals(Instant.ofEpochMilli(baseTime + seq), reading.getSourceTimestamp());
            }
            assertEquals(messages, bridge.metrics().signals.sum());
            assertEquals(0, bridge.metrics().deadLetters.sum());
        }
    }

    /**
     * An edge node G1/E1 (machine LINE-1) with device D1 (machine PRESS-1) through its life: data before its
     * birth, births declaring aliases, alias-only data without data types, a historical metric, a seq gap, a
     * state with its stop code, a metric of the wrong type, device and node death, and bad input.
     */
    @Test
    void sparkplugBirthsAliasesDeathsAndHistoricalMetrics() throws Exception {
        long t0 = Instant.parse("2024-06-03T08:00:00Z").toEpochMilli();
        TestBridgeConfig config = TestBridgeConfig.of(broker.tcpUri(), 5, "spb-bridge", KAFKA.bootstrapServers())
                .sparkplug("G1");
        TopicListener commands = new TopicListener(broker.tcpUri(), "edge-node-commands", "spBv1.0/G1/NCMD/E1");
        byte[] malformed = "{\"not\": \"protobuf\"".getBytes(StandardCharsets.UTF_8);
        try (BridgeService bridge = BridgeService.start(config.build());
             KafkaTail<MachineCounterReading> counters = new KafkaTail<>(KAFKA.bootstrapServers(),
                     KafkaTopics.MACHINE_COUNTERS, MachineCounterReading.class);
             KafkaTail<MachineStateChange> states = new KafkaTail<>(KAFKA.bootstrapServers(),
                     KafkaTopics.MACHINE_STATES, MachineStateChange.class);
             KafkaTail<DeadLetter> deadLetters = new KafkaTail<>(KAFKA.bootstrapServers(),
                     KafkaTopics.DEAD_LETTERS, DeadLetter.class);
             TestPublisher edge = TestPublisher.connect(broker.tcpUri(), "edge-node-E1", 5, 1)) {
            assertTrue(bridge.awaitSubscribed(Duration.ofSeconds(30)), "bridge subscribed");
            String node = "spBv1.0/G1/%s/E1";
            String device = "spBv1.0/G1/%s/E1/D1";
            byte[] early = payload(t0, 5L, List.of(metric("Counters/Good", null, MetricDataType.UInt32, 1L)));
            edge.publish(node.formatted("NDATA"), early);
            assertEquals("Node Control/Rebirth=true", rebirthRequest(commands.payloads().poll(30, TimeUnit.SECONDS)));

            edge.publish(node.formatted("NBIRTH"), payload(t0 + 1000, 0L, List.of(bdSeq(7),
                    metric("Node Control/Rebirth", 0L, MetricDataType.Boolean, false),
                    metric("Counters/Good", 1L, MetricDataType.UInt32, 100L))));
            edge.publish(device.formatted("DBIRTH"), payload(t0 + 1000, 1L, List.of(
                    metric("Counters/Good", 10L, MetricDataType.UInt32, 500L),
                    metric("State", 11L, MetricDataType.String, "RUNNING"),
                    metric("StopCode", 12L, MetricDataType.String, null),
                    metric("Counters/Scrap", 13L, MetricDataType.UInt16, 3),
                    metric("Temperature", 14L, MetricDataType.Float, 71.5f))));
            edge.publish(device.formatted("DDATA"), withoutDatatypes(payload(t0 + 2000, 2L, List.of(
                    aliased(10, MetricDataType.UInt32, 510L), aliased(14, MetricDataType.Float, 72.0f)))));
            edge.publish(device.formatted("DDATA"), payload(t0 + 3000, 3L, List.of(
                    historical(aliased(10, MetricDataType.UInt32, 505L), t0 + 1500))));
            byte[] afterGap = payload(t0 + 4000, 6L, List.of(aliased(11, MetricDataType.String, "STOPPED"),
                    aliased(12, MetricDataType.String, "E42")));
            edge.publish(device.formatted("DDATA"), afterGap);
            byte[] wrongType = payload(t0 + 5000, 7L, List.of(aliased(13, MetricDataType.Float, 4.5f)));
            edge.publish(device.formatted("DDATA"), wrongType);
            edge.publish(device.formatted("DDEATH"), payload(t0 + 6000, 8L, List.of()));
            edge.publish(node.formatted("NDEATH"), payload(t0, null, List.of(bdSeq(7))));
            byte[] late = payload(t0 + 7000, 9L, List.of(aliased(10, MetricDataType.UInt32, 520L)));
            edge.publish(device.formatted("DDATA"), late);
            edge.publish(device.formatted("DDATA"), malformed);
            byte[] unknownDevice = payload(t0, 0L, List.of());
            edge.publish("spBv1.0/G1/DBIRTH/E1/D99", unknownDevice);
            edge.awaitAcknowledged();

            // The class's other tests write counters of machines M-*: only the Sparkplug machines count here.
            List<MachineCounterReading> readings = counters.awaitUntil(read -> sparkplugMachines(read).size() >= 5,
                    Duration.ofSeconds(30)).stream().map(KafkaTail.Keyed::value)
                    .filter(r -> !r.getMachineId().startsWith("M-")).toList();
            assertEquals(List.of(
                    counter("LINE-1", "good", 100, 32, t0 + 1000, 0, node.formatted("NBIRTH")),
                    counter("PRESS-1", "good", 500, 32, t0 + 1000, 1, device.formatted("DBIRTH")),
                    counter("PRESS-1", "scrap", 3, 16, t0 + 1000, 1, device.formatted("DBIRTH")),
                    counter("PRESS-1", "good", 510, 32, t0 + 2000, 2, device.formatted("DDATA")),
                    counter("PRESS-1", "good", 505, 32, t0 + 1500, 3, device.formatted("DDATA") + "#historical")),
                    readings.stream().map(MqttV5MosquittoBridgeTest::withoutReceivedTime).sorted(
                            java.util.Comparator.comparing(MachineCounterReading::getSequenceNumber)
                                    .thenComparing(MachineCounterReading::getMachineId)
                                    .thenComparing(MachineCounterReading::getCounterName)).toList());

            List<MachineStateChange> changes = states.awaitUntil(read -> read.size() >= 5, Duration.ofSeconds(30))
                    .stream().map(KafkaTail.Keyed::value).toList();
            assertEquals(5, changes.size());
            // Keyed by machine: each machine's changes are in order, the two machines' interleaving is not.
            List<MachineStateChange> press = changes.stream().filter(c -> c.getMachineId().equals("PRESS-1")).toList();
            List<MachineStateChange> line = changes.stream().filter(c -> c.getMachineId().equals("LINE-1")).toList();
            assertEquals(4, press.size());
            assertState(press.get(0), "PRESS-1", MachineState.RUNNING, null, t0 + 1000);
            assertState(press.get(1), "PRESS-1", MachineState.STOPPED, "E42", t0 + 4000);
            assertState(press.get(2), "PRESS-1", MachineState.NO_SIGNAL, null, t0 + 6000);
            // NDEATH: every machine of the node has no signal from the moment the broker sent the will.
            for (MachineStateChange death : List.of(press.get(3), line.get(0))) {
                assertEquals(MachineState.NO_SIGNAL, death.getState());
                assertEquals(7, death.getBootEpoch());
                assertEquals(death.getReceivedTimestamp(), death.getSourceTimestamp());
            }
            assertEquals(1, line.size());

            Map<String, DeadLetter> letters = new HashMap<>();
            deadLetters.awaitUntil(read -> read.size() >= 6, Duration.ofSeconds(30))
                    .forEach(r -> letters.put(r.value().getReasonCode() + " " + r.value().getSourceTopic(), r.value()));
            assertEquals(6, letters.size(), letters::toString);
            assertDeadLetter(letters, ReasonCodes.DATA_BEFORE_BIRTH, node.formatted("NDATA"), early);
            DeadLetter gap = assertDeadLetter(letters, ReasonCodes.SEQ_GAP, device.formatted("DDATA"), afterGap);
            assertTrue(gap.getReasonDetail().startsWith("expected seq 4, got 6: 2 message(s)"), gap::toString);
            DeadLetter wrong = assertDeadLetter(letters, ReasonCodes.WRONG_TYPE, device.formatted("DDATA"), wrongType);
            assertEquals("PRESS-1", new String(bytes(wrong.getKey()), StandardCharsets.UTF_8));
            assertEquals("metric alias 13 is Float, a counter must be an integer type", wrong.getReasonDetail());
            assertDeadLetter(letters, ReasonCodes.DATA_BEFORE_BIRTH, device.formatted("DDATA"), late);
            assertDeadLetter(letters, ReasonCodes.MALFORMED_PROTOBUF, device.formatted("DDATA"), malformed);
            assertDeadLetter(letters, ReasonCodes.UNKNOWN_MACHINE, "spBv1.0/G1/DBIRTH/E1/D99", unknownDevice);
            // After the gap and after the late DDATA the node is asked for a rebirth (at most once per 30 s).
            assertNull(commands.payloads().poll(0, TimeUnit.SECONDS), "rebirth requests are rate-limited per node");
        } finally {
            commands.close();
        }
    }

    /**
     * TLS with username and password: the bridge connects with the configured trust store and credentials (a
     * wrong password gets it nowhere), and comes back by itself after the broker restarts.
     */
    @Test
    void tlsWithPasswordAndReconnectAfterABrokerRestart(@TempDir Path tlsDirectory) throws Exception {
        TestCertificates certificates = TestCertificates.create(tlsDirectory);
        long t = Instant.parse("2024-06-03T11:00:00Z").toEpochMilli();
        try (Mosquitto tlsBroker = Mosquitto.startTls(tlsDirectory, certificates.certificatePem(),
                certificates.keyPem(), "bridge", "s3cret")) {
            Map<String, Object> tls = Map.of("trustStore", certificates.trustStore().toString(),
                    "trustStorePassword", certificates.trustStorePassword());
            TestBridgeConfig config = TestBridgeConfig.of(tlsBroker.sslUri(), 5, "tls-bridge",
                    KAFKA.bootstrapServers()).mqtt("username", "bridge").mqtt("password", "s3cret").mqtt("tls", tls);
            TestBridgeConfig wrongPassword = TestBridgeConfig.of(tlsBroker.sslUri(), 5, "tls-intruder",
                    KAFKA.bootstrapServers()).mqtt("username", "bridge").mqtt("password", "guess").mqtt("tls", tls);
            TestPublisher.Login login = new TestPublisher.Login(
                    io.shopfloor.bridge.mqtt.Tls.socketFactory(config.build().mqtt().tls()), "bridge", "s3cret");
            try (BridgeService bridge = BridgeService.start(config.build());
                 BridgeService intruder = BridgeService.start(wrongPassword.build());
                 KafkaTail<MachineCounterReading> counters = new KafkaTail<>(KAFKA.bootstrapServers(),
                         KafkaTopics.MACHINE_COUNTERS, MachineCounterReading.class)) {
                assertTrue(bridge.awaitSubscribed(Duration.ofSeconds(30)), "bridge subscribed over TLS");
                assertFalse(intruder.awaitSubscribed(Duration.ofSeconds(2)), "a wrong password is refused");
                try (TestPublisher publisher = TestPublisher.connect(tlsBroker.sslUri(), "tls-publisher", 5, login)) {
                    publisher.publish(counterTopic("M-5", "scrap"), counterPayload(t, 11, 1, 1));
                    publisher.awaitAcknowledged();
                }
                counters.awaitUntil(read -> scrapOf(read, "M-5").equals(List.of(11L)), Duration.ofSeconds(30));

                tlsBroker.restart();
                try (TestPublisher publisher = TestPublisher.connect(tlsBroker.sslUri(), "tls-publisher", 5, login)) {
                    publisher.publish(counterTopic("M-5", "scrap"), counterPayload(t + 1, 12, 1, 2));
                    publisher.awaitAcknowledged();
                }
                counters.awaitUntil(read -> scrapOf(read, "M-5").equals(List.of(11L, 12L)), Duration.ofSeconds(60));
                assertEquals(0, intruder.metrics().received.sum());
            }
        }
    }

    private static List<Long> scrapOf(List<KafkaTail.Keyed<MachineCounterReading>> read, String machine) {
        return read.stream().map(KafkaTail.Keyed::value)
                .filter(r -> r.getMachineId().equals(machine) && r.getCounterName().equals("scrap"))
                .map(MachineCounterReading::getValue).distinct().toList();
    }

    private static String rebirthRequest(byte[] payload) throws Exception {
        assertNotNull(payload, "no rebirth request");
        SparkplugBProto.Payload command = SparkplugBProto.Payload.parseFrom(payload);
        return command.getMetrics(0).getName() + "=" + command.getMetrics(0).getBooleanValue();
    }

    private static void assertState(MachineStateChange change, String machineId, MachineState state, String stopCode,
                                    long at) {
        assertEquals(machineId, change.getMachineId());
        assertEquals(state, change.getState());
        assertEquals(stopCode, change.getStopCode());
        assertEquals(Instant.ofEpochMilli(at), change.getSourceTimestamp());
        assertEquals(7, change.getBootEpoch());
    }

    static DeadLetter assertDeadLetter(Map<String, DeadLetter> letters, String reason, String topic,
                                       byte[] payload) {
        DeadLetter letter = letters.get(reason + " " + topic);
        assertNotNull(letter, () -> "no " + reason + " dead letter for " + topic + " among " + letters.keySet());
        assertEquals(topic, letter.getSourceTopic());
        assertArrayEquals(payload, bytes(letter.getPayload()));
        assertEquals("mqtt-bridge", letter.getStage());
        assertNotNull(letter.getReasonDetail());
        assertTrue(letter.getId().startsWith("mqtt/" + topic + "/" + reason + "/"), letter.getId());
        return letter;
    }

    static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static MachineCounterReading counter(String machine, String name, long value, int width, long at,
                                                 long seq, String topic) {
        return MachineCounterReading.newBuilder()
                .setMachineId(machine)
                .setCounterName(name)
                .setCounterKind(name.equals("good") ? CounterKind.GOOD : CounterKind.SCRAP)
                .setValue(value)
                .setWidthBits(width)
                .setBootEpoch(7)
                .setSequenceNumber(seq)
                .setSourceTimestamp(Instant.ofEpochMilli(at))
                .setReceivedTimestamp(null)
                .setSourceTopic(topic)
                .build();
    }

    private static MachineCounterReading withoutReceivedTime(MachineCounterReading reading) {
        assertNotNull(reading.getReceivedTimestamp());
        return MachineCounterReading.newBuilder(reading).setReceivedTimestamp(null).build();
    }

    private static List<MachineCounterReading> sparkplugMachines(List<KafkaTail.Keyed<MachineCounterReading>> read) {
        return read.stream().map(KafkaTail.Keyed::value).filter(r -> !r.getMachineId().startsWith("M-")).toList();
    }

    static Map<Long, MachineCounterReading> bySeq(List<KafkaTail.Keyed<MachineCounterReading>> read, String counter) {
        Map<Long, MachineCounterReading> bySeq = new HashMap<>();
        read.stream().filter(r -> r.value().getCounterName().equals(counter))
                .forEach(record -> bySeq.put(record.value().getSequenceNumber(), record.value()));
        return bySeq;
    }
}
