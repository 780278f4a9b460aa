package io.shopfloor.bridge;

import static io.shopfloor.bridge.testing.TestBridgeConfig.counterPayload;
import static io.shopfloor.bridge.testing.TestBridgeConfig.counterTopic;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopfloor.bridge.testing.BridgeProcess;
import io.shopfloor.bridge.testing.KafkaTail;
import io.shopfloor.bridge.testing.Moquette;
import io.shopfloor.bridge.testing.Mosquitto;
import io.shopfloor.bridge.testing.TestBridgeConfig;
import io.shopfloor.bridge.testing.TestPublisher;
import io.shopfloor.schema.EmbeddedKafka;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.signal.MachineCounterReading;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * At least once across a crash: the bridge runs as a separate JVM and is killed (SIGKILL) while it works through
 * a backlog and a publisher keeps publishing; a new bridge process takes over the persistent sessions. Every one
 * of 10,000 QoS 1 messages (unique sequence numbers) must be in Kafka at least once.
 */
class BridgeKillRestartTest {
    private static final int MESSAGES = 10_000;

    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    @TempDir
    Path directory;

    @Test
    void mqtt5ThroughMosquittoLosesNothingWhenTheBridgeIsKilled() throws Exception {
        try (Mosquitto broker = Mosquitto.start(directory)) {
            TestBridgeConfig config = TestBridgeConfig.of(broker.tcpUri(), 5, "kill-v5", KAFKA.bootstrapServers())
                    .connections(2, "kill-v5");
            runKillRestart(broker.tcpUri(), 5, config, "good");
        }
    }

    @Test
    void mqtt311ThroughMoquetteLosesNothingWhenTheBridgeIsKilled() throws Exception {
        try (Moquette broker = Moquette.start(directory)) {
            TestBridgeConfig config = TestBridgeConfig.of(broker.tcpUri(), 3, "kill-v3", KAFKA.bootstrapServers());
            runKillRestart(broker.tcpUri(), 3, config, "total");
        }
    }

    /** Both tests share the Kafka broker: each one uses a counter of its own. */
    private void runKillRestart(String serverUri, int protocolVersion, TestBridgeConfig config, String counter)
            throws Exception {
        long baseTime = Instant.parse("2024-06-03T09:00:00Z").toEpochMilli();
        Path configFile = config.jsonMachines(10).write(directory.resolve("bridge.json"));
        Path log = directory.resolve("bridge.log");
        BridgeProcess first = BridgeProcess.start(configFile, log, Duration.ofSeconds(60));
        try (TestPublisher publisher = TestPublisher.connect(serverUri, "kill-publisher-" + counter,
                protocolVersion);
             KafkaTail<MachineCounterReading> counters = new KafkaTail<>(KAFKA.bootstrapServers(),
                     KafkaTopics.MACHINE_COUNTERS, MachineCounterReading.class)) {
            // The counter of machines M-0..M-9, value = seq, so every message is recognisable in Kafka. The
            // publisher publishes the first half, waits for the kill, and publishes the second half while the
            // bridge is down and while the new one starts.
            CountDownLatch killed = new CountDownLatch(1);
            CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
                try {
                    publish(publisher, counter, 0, MESSAGES / 2, baseTime);
                    if (!killed.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("no kill");
                    }
                    publish(publisher, counter, MESSAGES / 2, MESSAGES, baseTime);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            counters.awaitUntil(read -> distinct(read, counter).cardinality() >= 1000, Duration.ofSeconds(60));
            first.kill();
            killed.countDown();
            int inKafkaAtKill = distinct(counters.readFor(Duration.ofSeconds(1)), counter).cardinality();
            try (BridgeProcess second = BridgeProcess.start(configFile, log, Duration.ofSeconds(60))) {
                publishing.get(120, TimeUnit.SECONDS);
                List<KafkaTail.Keyed<MachineCounterReading>> records = counters.awaitUntil(
                        read -> distinct(read, counter).cardinality() == MESSAGES, Duration.ofSeconds(120));
                records = records.stream().filter(r -> r.value().getCounterName().equals(counter)).toList();
                BitSet seen = distinct(records, counter);
                assertEquals(MESSAGES, seen.cardinality());
                assertEquals(MESSAGES, seen.length(), "no sequence number outside 0.." + (MESSAGES - 1));
                for (KafkaTail.Keyed<MachineCounterReading> record : records) {
                    MachineCounterReading reading = record.value();
                    long seq = reading.getSequenceNumber();
                    assertEquals("M-" + (seq % 10), reading.getMachineId());
                    assertEquals(seq, reading.getValue());
                    assertEquals(Instant.ofEpochMilli(baseTime + seq), reading.getSourceTimestamp());
                }
                assertTrue(inKafkaAtKill < MESSAGES / 2 + MESSAGES / 10,
                        "killed mid-run (" + inKafkaAtKill + " in Kafka at the kill)");
                System.out.printf("kill/restart %s: %d of them in Kafka at the kill, %d records for %d messages "
                        + "(%d duplicates)%n", config.build().mqtt().clientId(), inKafkaAtKill, records.size(),
                        MESSAGES, records.size() - MESSAGES);
                // SIGTERM: the JVM exits with 128 + 15 after the shutdown hook closed the bridge.
                assertEquals(143, second.stop());
                assertTrue(Files.readString(log).contains("BridgeService - stopped: received"), "clean stop");
            }
        } finally {
            first.close();
        }
    }

    private static void publish(TestPublisher publisher, String counter, int from, int to, long baseTime)
            throws Exception {
        for (int seq = from; seq < to; seq++) {
            publisher.publish(counterTopic("M-" + (seq % 10), counter), counterPayload(baseTime + seq, seq, 1, seq));
        }
        publisher.awaitAcknowledged();
    }

    private static BitSet distinct(List<KafkaTail.Keyed<MachineCounterReading>> read, String counter) {
        BitSet seen = new BitSet(MESSAGES);
        read.stream().filter(record -> record.value().getCounterName().equals(counter))
                .forEach(record -> seen.set(record.value().getSequenceNumber().intValue()));
        return seen;
    }
}
