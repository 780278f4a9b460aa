package io.shopfloor.bridge;

import static io.shopfloor.bridge.testing.TestBridgeConfig.counterPayload;
import static io.shopfloor.bridge.testing.TestBridgeConfig.counterTopic;
import static io.shopfloor.bridge.testing.TestBridgeConfig.operationTopic;
import static io.shopfloor.bridge.testing.TestBridgeConfig.stateTopic;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopfloor.bridge.testing.KafkaTail;
import io.shopfloor.bridge.testing.Moquette;
import io.shopfloor.bridge.testing.TestBridgeConfig;
import io.shopfloor.bridge.testing.TestPublisher;
import io.shopfloor.schema.EmbeddedKafka;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.signal.CounterKind;
import io.shopfloor.bridge.translate.ReasonCodes;
import io.shopfloor.bridge.translate.SignalRecords;
import io.shopfloor.schema.common.DeadLetter;
import io.shopfloor.schema.signal.MachineCounterReading;
import io.shopfloor.schema.signal.MachineState;
import io.shopfloor.schema.signal.MachineStateChange;
import io.shopfloor.schema.signal.OperationEvent;
import io.shopfloor.schema.signal.OperationEventType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** MQTT 3.1.1 through the in-process Moquette broker into the in-process Kafka broker. */
class MqttV3MoquetteBridgeTest {
    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    @TempDir
    static Path directory;

    private static Moquette broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = Moquette.start(directory);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void everyOneOfTenThousandQos1MessagesReachesKafka() throws Exception {
        int messages = 10_000;
        long baseTime = Instant.parse("2024-06-03T06:00:00Z").toEpochMilli();
        TestBridgeConfig config = TestBridgeConfig.of(broker.tcpUri(), 3, "v3-bridge", KAFKA.bootstrapServers());
        try (BridgeService bridge = BridgeService.start(config.build());
             KafkaTail<MachineCounterReading> counters = new KafkaTail<>(KAFKA.bootstrapServers(),
                     KafkaTopics.MACHINE_COUNTERS, MachineCounterReading.class)) {
            assertTrue(bridge.awaitSubscribed(Duration.ofSeconds(30)), "bridge subscribed");
            try (TestPublisher publisher = TestPublisher.connect(broker.tcpUri(), "v3-publisher", 3)) {
                for (int seq = 0; seq < messages; seq++) {
                    String machine = "M-" + (seq % 10);
                    publisher.publish(counterTopic(machine, "good"), counterPayload(baseTime + seq, seq, 1, seq));
                }
                publisher.awaitAcknowledged();
            }
            List<KafkaTail.Keyed<MachineCounterReading>> records = counters.awaitUntil(
                    read -> distinctSequences(read).size() == messages, Duration.ofSeconds(90));

            Map<Long, MachineCounterReading> bySeq = distinctSequences(records);
            for (long seq = 0; seq < messages; seq++) {
                MachineCounterReading reading = bySeq.get(seq);
                String machine = "M-" + (seq % 10);
                assertEquals(machine, reading.getMachineId());
                assertEquals("good", reading.getCounterName());
                assertEquals(CounterKind.GOOD, reading.getCounterKind());
                assertEquals(seq, reading.getValue());
                assertEquals(32, reading.getWidthBits());
                assertEquals(1, reading.getBootEpoch());
                assertEquals(Instant.ofEpochMilli(baseTime + seq), reading.getSourceTimestamp());
                assertEquals(counterTopic(machine, "good"), reading.getSourceTopic());
            }
            for (KafkaTail.Keyed<MachineCounterReading> record : records) {
                assertEquals(record.value().getMachineId(), record.key(), "key = machine id");
            }
            assertEquals(messages, bridge.metrics().signals.sum());
            assertEquals(0, bridge.metrics().deadLetters.sum());
        }
    }

    /** Every kind of bad JSON input lands in the dead letters with its reason; good messages around it pass. */
    @Test
    void badInputGoesToTheDeadLettersAndTheBridgeKeepsRunning() throws Exception {
        long t = Instant.parse("2024-06-03T07:00:00Z").toEpochMilli();
        Map<String, String[]> bad = new LinkedHashMap<>(); // reason -> topic, payload
        bad.put(ReasonCodes.MALFORMED_JSON, new String[] {counterTopic("M-1", "good"),
                "{\"timestamp\": 1, \"value\": "});
        bad.put(ReasonCodes.WRONG_TYPE, new String[] {counterTopic("M-1", "good"),
                "{\"timestamp\":" + t + ",\"value\":\"12\",\"bootEpoch\":1}"});
        bad.put(ReasonCodes.UNKNOWN_MACHINE, new String[] {counterTopic("M-404", "good"), counterPayload(t, 1, 1, 1)});
        bad.put(ReasonCodes.NEGATIVE_COUNTER, new String[] {counterTopic("M-1", "good"),
                "{\"timestamp\":" + t + ",\"value\":-5,\"bootEpoch\":1}"});
        bad.put(ReasonCodes.MACHINE_ID_MISMATCH, new String[] {counterTopic("M-1", "good"),
                "{\"machineId\":\"M-2\",\"timestamp\":" + t + ",\"value\":5,\"bootEpoch\":1}"});
        bad.put(ReasonCodes.UNKNOWN_COUNTER, new String[] {counterTopic("M-1", "bogus"), counterPayload(t, 1, 1, 1)});
        bad.put(ReasonCodes.VALUE_OUT_OF_RANGE, new String[] {counterTopic("M-1", "scrap"),
                counterPayload(t, 65_536, 1, 1)});
        bad.put(ReasonCodes.MISSING_FIELD, new String[] {stateTopic("M-1"), "{\"timestamp\":" + t + "}"});
        bad.put(ReasonCodes.INVALID_VALUE, new String[] {operationTopic("M-1"), "{\"timestamp\":" + t
                + ",\"eventType\":\"LUNCH_BREAK\",\"orderNo\":\"PO-1\",\"orderLineNo\":10000,"
                + "\"operationNo\":\"10\"}"});
        TestBridgeConfig config = TestBridgeConfig.of(broker.tcpUri(), 3, "v3-bad-input", KAFKA.bootstrapServers());
        try (BridgeService bridge = BridgeService.start(config.build());
             KafkaTail<DeadLetter> deadLetters = new KafkaTail<>(KAFKA.bootstrapServers(), KafkaTopics.DEAD_LETTERS,
                     DeadLetter.class);
             KafkaTail<MachineStateChange> states = new KafkaTail<>(KAFKA.bootstrapServers(),
                     KafkaTopics.MACHINE_STATES, MachineStateChange.class);
             KafkaTail<OperationEvent> operations = new KafkaTail<>(KAFKA.bootstrapServers(),
                     KafkaTopics.OPERATION_EVENTS, OperationEvent.class);
             TestPublisher publisher = TestPublisher.connect(broker.tcpUri(), "v3-bad-publisher", 3)) {
            assertTrue(bridge.awaitSubscribed(Duration.ofSeconds(30)), "bridge subscribed");
            for (String[] message : bad.values()) {
                publisher.publish(message[0], message[1]);
            }
            // After all that, good messages still pass.
            publisher.publish(stateTopic("M-3"), "{\"timestamp\":\"2024-06-03T07:00:00+02:00\",\"state\":\"stopped\","
                    + "\"stopCode\":\"E7\",\"bootEpoch\":4,\"seq\":99}");
            publisher.publish(operationTopic("M-3"), "{\"machineId\":\"M-3\",\"timestamp\":" + t
                    + ",\"eventType\":\"OPERATION_STARTED\",\"orderNo\":\"PO-1\",\"orderLineNo\":10000,"
                    + "\"operationNo\":\"20\",\"operatorId\":\"OP-7\"}");
            publisher.awaitAcknowledged();

            Map<String, DeadLetter> letters = new HashMap<>();
            deadLetters.awaitUntil(read -> read.size() >= bad.size(), Duration.ofSeconds(30))
                    .forEach(r -> letters.put(r.value().getReasonCode(), r.value()));
            assertEquals(bad.keySet(), letters.keySet());
            for (Map.Entry<String, String[]> expected : bad.entrySet()) {
                DeadLetter letter = letters.get(expected.getKey());
                assertEquals(expected.getValue()[0], letter.getSourceTopic());
                assertEquals(expected.getValue()[1], new String(MqttV5MosquittoBridgeTest.bytes(letter.getPayload()),
                        StandardCharsets.UTF_8));
                assertEquals("mqtt-bridge", letter.getStage());
                assertEquals(1, letter.getAttempt());
                assertFalse(letter.getReasonDetail().isBlank());
            }
            assertEquals("payload machineId \"M-2\" differs from the topic's M-1",
                    letters.get(ReasonCodes.MACHINE_ID_MISMATCH).getReasonDetail());
            assertEquals("value -5 is negative", letters.get(ReasonCodes.NEGATIVE_COUNTER).getReasonDetail());
            assertEquals("machine M-404 is not in the registry",
                    letters.get(ReasonCodes.UNKNOWN_MACHINE).getReasonDetail());

            MachineStateChange state = states.awaitUntil(read -> !read.isEmpty(), Duration.ofSeconds(30))
                    .get(0).value();
            assertEquals(new MachineStateChange("M-3", MachineState.STOPPED, "E7", 4L, 99L,
                    Instant.parse("2024-06-03T05:00:00Z"), state.getReceivedTimestamp()), state);
            OperationEvent operation = operations.awaitUntil(read -> !read.isEmpty(), Duration.ofSeconds(30))
                    .get(0).value();
            assertEquals(new OperationEvent("M-3", OperationEventType.OPERATION_STARTED, "PO-1", 10000, "20", "OP-7",
                    null, Instant.ofEpochMilli(t), "M-3/OPERATION_STARTED/PO-1/10000/20/" + t), operation);
        }
    }

    /**
     * 70 KB through Moquette (whose own limit is above the bridge's): a PAYLOAD_TOO_LARGE dead letter keeping the
     * first 64 KiB, the message acknowledged, the connection up, and the next reading arrives.
     */
    @Test
    void aPayloadAboveTheLimitIsADeadLetterAndTheNextReadingStillArrives() throws Exception {
        long t = Instant.parse("2024-06-03T09:00:00Z").toEpochMilli();
        String topic = counterTopic("M-8", "good");
        byte[] large = ("{\"timestamp\":" + t + ",\"value\":1,\"bootEpoch\":1,\"pad\":\"" + "x".repeat(70_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        TestBridgeConfig config = TestBridgeConfig.of(broker.tcpUri(), 3, "v3-large", KAFKA.bootstrapServers());
        try (BridgeService bridge = BridgeService.start(config.build());
             KafkaTail<DeadLetter> deadLetters = new KafkaTail<>(KAFKA.bootstrapServers(), KafkaTopics.DEAD_LETTERS,
                     DeadLetter.class);
             KafkaTail<MachineCounterReading> counters = new KafkaTail<>(KAFKA.bootstrapServers(),
                     KafkaTopics.MACHINE_COUNTERS, MachineCounterReading.class);
             TestPublisher publisher = TestPublisher.connect(broker.tcpUri(), "v3-large-publisher", 3)) {
            assertTrue(bridge.awaitSubscribed(Duration.ofSeconds(30)), "bridge subscribed");
            publisher.publish(topic, large);
            publisher.publish(topic, counterPayload(t, 4711, 1, 1));
            publisher.awaitAcknowledged();

            DeadLetter letter = deadLetters.awaitUntil(read -> read.stream().anyMatch(r -> isTooLarge(r.value())),
                    Duration.ofSeconds(30)).stream().map(KafkaTail.Keyed::value).filter(
                            MqttV3MoquetteBridgeTest::isTooLarge).findFirst().orElseThrow();
            assertEquals("mqtt/" + topic + "/PAYLOAD_TOO_LARGE/" + SignalRecords.payloadHash(large), letter.getId());
            assertEquals(topic, letter.getSourceTopic());
            assertArrayEquals(java.util.Arrays.copyOf(large, 65_536),
                    MqttV5MosquittoBridgeTest.bytes(letter.getPayload()));
            assertEquals("payload of " + large.length + " bytes is larger than mqtt.maxPayloadBytes 65536; kept the "
                    + "first 65536 bytes; SHA-256 of the whole payload: " + java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(large)), letter.getReasonDetail());
            counters.awaitUntil(read -> read.stream().anyMatch(r -> r.value().getMachineId().equals("M-8")
                    && r.value().getValue() == 4711L), Duration.ofSeconds(30));
            assertEquals(1, bridge.metrics().deadLetters.sum());
            assertEquals(2, bridge.metrics().acknowledged.sum(), "both messages acknowledged");
        }
    }

    private static boolean isTooLarge(DeadLetter letter) {
        return letter.getReasonCode().equals(ReasonCodes.PAYLOAD_TOO_LARGE);
    }

    /**
     * The broker restarts and forgets every session: the bridge reconnects with its backoff and subscribes again
     * (the session it expected is gone), and later messages flow again.
     */
    @Test
    void reconnectsAndSubscribesAgainAfterTheBrokerLostItsSessions() throws Exception {
        long t = Instant.parse("2024-06-03T12:00:00Z").toEpochMilli();
        TestBridgeConfig config = TestBridgeConfig.of(broker.tcpUri(), 3, "v3-restart", KAFKA.bootstrapServers());
        try (BridgeService bridge = BridgeService.start(config.build());
             KafkaTail<MachineCounterReading> counters = new KafkaTail<>(KAFKA.bootstrapServers(),
                     KafkaTopics.MACHINE_COUNTERS, MachineCounterReading.class)) {
            assertTrue(bridge.awaitSubscribed(Duration.ofSeconds(30)), "bridge subscribed");
            try (TestPublisher publisher = TestPublisher.connect(broker.tcpUri(), "v3-restart-publisher", 3)) {
                publisher.publish(counterTopic("M-7", "scrap"), counterPayload(t, 1, 5, 1));
                publisher.awaitAcknowledged();
            }
            counters.awaitUntil(read -> scrapValues(read, "M-7").equals(List.of(1L)), Duration.ofSeconds(30));
            broker.restart();
            // Publish until the bridge's new subscription takes them: before it resubscribed, the new broker
            // has nobody to deliver to (and forgets the message, as MQTT allows).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            long value = 1;
            try (TestPublisher publisher = TestPublisher.connect(broker.tcpUri(), "v3-restart-publisher", 3)) {
                do {
                    assertTrue(System.nanoTime() < deadline, "bridge back within 60 s");
                    value++;
                    publisher.publish(counterTopic("M-7", "scrap"), counterPayload(t + value, value, 5, value));
                    publisher.awaitAcknowledged();
                } while (scrapValues(counters.readFor(Duration.ofMillis(300)), "M-7").size() < 2);
            }
            List<Long> values = scrapValues(counters.records(), "M-7");
            assertEquals(1L, values.get(0));
            assertTrue(values.get(1) >= 2 && values.get(1) <= value, "a message published after the restart");
            assertEquals(0, bridge.metrics().deadLetters.sum());
        }
    }

    private static List<Long> scrapValues(List<KafkaTail.Keyed<MachineCounterReading>> read, String machine) {
        return read.stream().map(KafkaTail.Keyed::value)
                .filter(r -> r.getMachineId().equals(machine) && r.getCounterName().equals("scrap"))
                .map(MachineCounterReading::getValue).distinct().toList();
    }

    static Map<Long, MachineCounterReading> distinctSequences(List<KafkaTail.Keyed<MachineCounterReading>> read) {
        Map<Long, MachineCounterReading> bySeq = new HashMap<>();
        read.forEach(record -> bySeq.put(record.value().getSequenceNumber(), record.value()));
        return bySeq;
    }
}
