package io.shopfloor.bridge.benchmark;

import static io.shopfloor.bridge.testing.TestBridgeConfig.counterPayload;
import static io.shopfloor.bridge.testing.TestBridgeConfig.counterTopic;

import io.shopfloor.bridge.BridgeService;
import io.shopfloor.bridge.testing.Mosquitto;
import io.shopfloor.bridge.testing.TestBridgeConfig;
import io.shopfloor.bridge.testing.TestPublisher;
import io.shopfloor.schema.EmbeddedKafka;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.signal.MachineCounterReading;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.message.BinaryMessageDecoder;

/**
 * Bridged messages per second through mosquitto with QoS 1: from the first publish to the last Kafka
 * acknowledgement of the bridge (which is when it acknowledges the MQTT message). Everything in this JVM but
 * mosquitto: the in-process Kafka broker, the bridge, and the publishers.
 *
 * <pre>
 * mvn -B -ntp -pl connectors/mqtt-bridge -am -DskipTests -Pmqtt-bridge-benchmark verify [-Dmessages=200000]
 * </pre>
 * Settings (system properties): messages (200000), publishers (4), window (64: unacknowledged publishes per
 * publisher), connections (4, the bridge's shared subscription connections), protocol (5), inflight (1000:
 * mosquitto's max_inflight_messages, which is also the Receive Maximum it grants publishers; its default 20
 * caps each publisher at 20 messages per round trip), linger (the producer's linger.ms, default the bridge's).
 */
public final class MqttBridgeBenchmark {

    private MqttBridgeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int messages = Integer.getInteger("messages", 200_000);
        int publishers = Integer.getInteger("publishers", 4);
        int connections = Integer.getInteger("connections", 4);
        int protocol = Integer.getInteger("protocol", 5);
        int window = Integer.getInteger("window", 64);
        int inflight = Integer.getInteger("inflight", 1000);
        String linger = System.getProperty("linger");
        Path directory = Files.createTempDirectory("mqtt-bridge-benchmark");
        try (EmbeddedKafka kafka = new EmbeddedKafka().start();
             Mosquitto broker = Mosquitto.start(directory, "max_inflight_messages " + inflight)) {
            TestBridgeConfig config = TestBridgeConfig.of(broker.tcpUri(), protocol, "benchmark-bridge",
                    kafka.bootstrapServers()).connections(connections, "benchmark").jsonMachines(100);
            if (linger != null) {
                config.kafkaProducer(java.util.Map.of("linger.ms", linger));
            }
            try (BridgeService bridge = BridgeService.start(config.build())) {
                if (!bridge.awaitSubscribed(Duration.ofSeconds(60))) {
                    throw new IllegalStateException("bridge not subscribed");
                }
                kafka.awaitPartitions(List.of(KafkaTopics.MACHINE_COUNTERS), Duration.ofSeconds(30));
                System.out.printf("setup: %d publishers (Paho v%d, QoS 1, window %d each) -> mosquitto 2.0.11 "
                                + "(max_inflight_messages %d) -> bridge (%d MQTT %d connections, shared subscription, "
                                + "Receive Maximum 1000) -> Kafka %s (in-process, 3 partitions); %d cores%n",
                        publishers, protocol, window, inflight, connections, protocol, kafka.bootstrapServers(),
                        Runtime.getRuntime().availableProcessors());
                run(broker, bridge, publishers, protocol, window, messages / 10, 0, "warm-up");
                Result result = run(broker, bridge, publishers, protocol, window, messages, messages / 10,
                        "measured");
                BitSet seen = new BitSet();
                BinaryMessageDecoder<MachineCounterReading> decoder =
                        ShopfloorSchemas.decoder(MachineCounterReading.class);
                kafka.forEach(KafkaTopics.MACHINE_COUNTERS, false, Duration.ofSeconds(120), record -> {
                    try {
                        seen.set(decoder.decode(record.value()).getSequenceNumber().intValue());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                int total = messages + messages / 10;
                System.out.printf("check: %d of %d sequence numbers in Kafka%n", seen.cardinality(), total);
                System.out.printf("RESULT: %,d messages bridged in %.2f s = %,.0f msg/s (publish alone: %,.0f msg/s)%n",
                        messages, result.bridgedSeconds(), messages / result.bridgedSeconds(),
                        messages / result.publishedSeconds());
                System.out.println("bridge: " + bridge.metrics());
            }
        }
    }

    private record Result(double publishedSeconds, double bridgedSeconds) {
    }

    private static Result run(Mosquitto broker, BridgeService bridge, int publishers, int protocol, int window,
                              int messages, int firstSeq, String label) throws Exception {
        long ackedBefore = bridge.metrics().acknowledged.sum();
        CountDownLatch allAcknowledged = new CountDownLatch(1);
        AtomicLong doneAt = new AtomicLong();
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
        watcher.scheduleAtFixedRate(() -> {
            if (bridge.metrics().acknowledged.sum() - ackedBefore >= messages && doneAt.get() == 0) {
                doneAt.set(System.nanoTime());
                allAcknowledged.countDown();
            }
        }, 5, 5, TimeUnit.MILLISECONDS);
        ExecutorService pool = Executors.newFixedThreadPool(publishers);
        List<TestPublisher> clients = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            clients.add(TestPublisher.connect(broker.tcpUri(), label + "-publisher-" + p, protocol, window));
        }
        long start = System.nanoTime();
        List<Future<?>> tasks = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            TestPublisher client = clients.get(p);
            int offset = p;
            tasks.add(pool.submit(() -> {
                for (int i = offset; i < messages; i += publishers) {
                    int seq = firstSeq + i;
                    client.publish(counterTopic("M-" + (seq % 100), "good"), counterPayload(seq, seq, 1, seq));
                }
                client.awaitAcknowledged();
                return null;
            }));
        }
        for (Future<?> task : tasks) {
            task.get(10, TimeUnit.MINUTES);
        }
        long published = System.nanoTime();
        if (!allAcknowledged.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException(label + ": not all messages acknowledged: " + bridge.metrics());
        }
        watcher.shutdownNow();
        pool.shutdownNow();
        for (TestPublisher client : clients) {
            client.close();
        }
        Result result = new Result((published - start) / 1e9, (doneAt.get() - start) / 1e9);
        System.out.printf("%s: %,d messages, published in %.2f s, bridged in %.2f s = %,.0f msg/s%n", label,
                messages, result.publishedSeconds(), result.bridgedSeconds(), messages / result.bridgedSeconds());
        return result;
    }
}
