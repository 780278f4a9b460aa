package io.shopfloor.bridge;

import static io.shopfloor.bridge.testing.TestBridgeConfig.counterPayload;
import static io.shopfloor.bridge.testing.TestBridgeConfig.counterTopic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopfloor.bridge.testing.KafkaTail;
import io.shopfloor.bridge.testing.Moquette;
import io.shopfloor.bridge.testing.TestBridgeConfig;
import io.shopfloor.bridge.testing.TestPublisher;
import io.shopfloor.schema.EmbeddedKafka;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.signal.CounterKind;
import io.shopfloor.schema.signal.MachineCounterReading;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
            System.out.println("published at " + Instant.now() + ", bridged " + bridge.metrics());
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

    static Map<Long, MachineCounterReading> distinctSequences(List<KafkaTail.Keyed<MachineCounterReading>> read) {
        Map<Long, MachineCounterReading> bySeq = new HashMap<>();
        read.forEach(record -> bySeq.put(record.value().getSequenceNumber(), record.value()));
        return bySeq;
    }
}
