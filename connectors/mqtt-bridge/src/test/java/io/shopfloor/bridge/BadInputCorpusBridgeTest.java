package io.shopfloor.bridge;

import static io.shopfloor.bridge.testing.Sparkplug.aliased;
import static io.shopfloor.bridge.testing.Sparkplug.payload;
import static io.shopfloor.bridge.testing.TestBridgeConfig.counterPayload;
import static io.shopfloor.bridge.testing.TestBridgeConfig.counterTopic;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopfloor.bridge.testing.BadInputCorpus;
import io.shopfloor.bridge.testing.KafkaTail;
import io.shopfloor.bridge.testing.Moquette;
import io.shopfloor.bridge.testing.TestPublisher;
import io.shopfloor.bridge.translate.ReasonCodes;
import io.shopfloor.bridge.translate.SignalRecords;
import io.shopfloor.schema.EmbeddedKafka;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.common.DeadLetter;
import io.shopfloor.schema.signal.MachineCounterReading;
import io.shopfloor.schema.signal.MachineStateChange;
import io.shopfloor.schema.signal.OperationEvent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.tahu.message.model.MetricDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole {@link BadInputCorpus} through Moquette into the bridge and Kafka: every case gives exactly its dead
 * letters (one id each, also for a message sent 50 times), no signal but the one a SEQ_GAP forwards, and both
 * connections still deliver good messages afterwards.
 */
class BadInputCorpusBridgeTest {
    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    @TempDir
    static Path directory;

    @Test
    void everyBadInputGivesExactlyItsDeadLettersAndTheBridgeCarriesOn() throws Exception {
        // The bridge's clock stands still at "now": the corpus's past and future timestamps are relative to it.
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        List<BadInputCorpus.Entry> entries = BadInputCorpus.entries(now.toEpochMilli());
        List<BadInputCorpus.Entry> cases = entries.stream().filter(e -> !e.isSetup()).toList();
        assertTrue(cases.size() >= 30, "at least 30 cases: " + cases.size());
        int expectedLetters = cases.stream().mapToInt(c -> c.expectedReasons().size()).sum();
        try (Moquette broker = Moquette.start(directory);
             BridgeService bridge = BridgeService.start(BadInputCorpus.bridgeConfig(broker.tcpUri(), 3, "corpus",
                     KAFKA.bootstrapServers()).build(), Clock.fixed(now, ZoneOffset.UTC));
             KafkaTail<DeadLetter> deadLetters = new KafkaTail<>(KAFKA.bootstrapServers(), KafkaTopics.DEAD_LETTERS,
                     DeadLetter.class);
             KafkaTail<MachineCounterReading> counters = new KafkaTail<>(KAFKA.bootstrapServers(),
                     KafkaTopics.MACHINE_COUNTERS, MachineCounterReading.class);
             KafkaTail<MachineStateChange> states = new KafkaTail<>(KAFKA.bootstrapServers(),
                     KafkaTopics.MACHINE_STATES, MachineStateChange.class);
             KafkaTail<OperationEvent> operations = new KafkaTail<>(KAFKA.bootstrapServers(),
                     KafkaTopics.OPERATION_EVENTS, OperationEvent.class);
             TestPublisher publisher = TestPublisher.connect(broker.tcpUri(), "corpus-publisher", 3)) {
            assertTrue(bridge.awaitSubscribed(Duration.ofSeconds(30)), "bridge subscribed");
            for (BadInputCorpus.Entry entry : entries) {
                for (int copy = 0; copy < entry.copies(); copy++) {
                    publisher.publish(entry.topic(), entry.payload());
                }
            }
            // Good messages after the corpus, on the JSON and on the Sparkplug connection.
            long t = now.toEpochMilli() - 1000;
            publisher.publish(counterTopic("M-2", "good"), counterPayload(t, 42, 1, 1));
            publisher.publish("spBv1.0/G1/DDATA/E1/D1", payload(t, BadInputCorpus.nextSparkplugSeq(),
                    List.of(aliased(10, MetricDataType.UInt32, 43L))));
            publisher.awaitAcknowledged();

            Map<String, DeadLetter> byId = new HashMap<>();
            deadLetters.awaitUntil(read -> {
                read.forEach(r -> byId.put(r.key(), r.value()));
                return byId.size() >= expectedLetters;
            }, Duration.ofSeconds(60));
            List<KafkaTail.Keyed<MachineCounterReading>> readings = counters.awaitUntil(
                    read -> read.stream().anyMatch(r -> r.value().getValue() == 43L)
                            && read.stream().anyMatch(r -> r.value().getValue() == 42L), Duration.ofSeconds(60));
            deadLetters.readFor(Duration.ofSeconds(1)).forEach(r -> byId.put(r.key(), r.value()));

            // Each dead letter belongs to one case: its topic and the hash of its (whole) payload end its id.
            Map<BadInputCorpus.Entry, List<DeadLetter>> byCase = new LinkedHashMap<>();
            cases.forEach(c -> byCase.put(c, new ArrayList<>()));
            List<String> strays = new ArrayList<>();
            for (Map.Entry<String, DeadLetter> letter : byId.entrySet()) {
                BadInputCorpus.Entry owner = cases.stream().filter(c -> letter.getKey().startsWith("mqtt/" + c.topic()
                        + "/") && letter.getKey().endsWith("/" + SignalRecords.payloadHash(c.payload()))
                        && c.topic().equals(letter.getValue().getSourceTopic())).findFirst().orElse(null);
                if (owner == null) {
                    strays.add(letter.getKey());
                } else {
                    byCase.get(owner).add(letter.getValue());
                }
            }
            assertEquals(List.of(), strays, "dead letters of no case");
            Map<String, List<String>> expected = new LinkedHashMap<>();
            Map<String, List<String>> actual = new LinkedHashMap<>();
            for (Map.Entry<BadInputCorpus.Entry, List<DeadLetter>> entry : byCase.entrySet()) {
                BadInputCorpus.Entry c = entry.getKey();
                expected.put(c.name(), c.expectedReasons().stream().sorted().toList());
                actual.put(c.name(), entry.getValue().stream().map(DeadLetter::getReasonCode).sorted().toList());
                for (DeadLetter letter : entry.getValue()) {
                    assertTrue(letter.getId().startsWith("mqtt/" + c.topic() + "/" + letter.getReasonCode() + "/"),
                            letter.getId());
                    assertEquals("mqtt-bridge", letter.getStage());
                    byte[] kept = letter.getReasonCode().equals(ReasonCodes.PAYLOAD_TOO_LARGE)
                            ? Arrays.copyOf(c.payload(), 65_536) : c.payload();
                    assertArrayEquals(kept, MqttV5MosquittoBridgeTest.bytes(letter.getPayload()), c.name());
                }
            }
            assertEquals(expected, actual);
            assertEquals(expectedLetters, byId.size());

            // No signal from the corpus but the reading the seq gap forwarded; then the two good ones.
            assertEquals(List.of("M-2 good 42", "PRESS-1 good 43", "PRESS-1 good 7"), readings.stream()
                    .map(r -> r.value().getMachineId() + " " + r.value().getCounterName() + " " + r.value().getValue())
                    .distinct().sorted().toList());
            assertEquals(List.of(), states.readFor(Duration.ofMillis(500)));
            assertEquals(List.of(), operations.readFor(Duration.ofMillis(500)));
        }
    }
}
