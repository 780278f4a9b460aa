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
 * mosquitto: the in-process Kafka broker, the bridge, and the publishers. Then the bridge alone: a backlog
 * published while it is down, drained by a new bridge. Prints the CPU time per message of each thread group.
 *
 * <pre>
 * mvn -B -ntp -pl connectors/mqtt-bridge -am -DskipTests -Pmqtt-bridge-benchmark verify [-Dmessages=200000]
 * </pre>
 * Settings (system properties): messages (200000); publishers (2); publisher ("raw": a minimal MQTT 3.1.1 QoS 1
 * publisher on a socket, see {@link RawMqttPublisher}; "paho": Paho clients of the bridge's protocol); window
 * (1000: unacknowledged publishes per publisher); connections (2: the bridge's shared subscription connections);
 * protocol (5: the bridge's); inflight (1000: mosquitto's max_inflight_messages, also the Receive Maximum it
 * grants MQTT 5 publishers; its default 20 caps each at 20 messages per round trip); linger (the producer's
 * linger.ms, default the bridge's).
 */
public final class MqttBridgeBenchmark {

    private MqttBridgeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int messages = Integer.getInteger("messages", 200_000);
        int publishers = Integer.getInteger("publishers", 2);
        int connections = Integer.getInteger("connections", 2);
        int protocol = Integer.getInteger("protocol", 5);
        int window = Integer.getInteger("window", 1000);
        String publisherKind = System.getProperty("publisher", "raw");
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
            int total = messages + messages / 10;
            Result result;
            try (BridgeService bridge = BridgeService.start(config.build())) {
                if (!bridge.awaitSubscribed(Duration.ofSeconds(60))) {
                    throw new IllegalStateException("bridge not subscribed");
                }
                kafka.awaitPartitions(List.of(KafkaTopics.MACHINE_COUNTERS), Duration.ofSeconds(30));
                System.out.printf("setup: %d publishers (%s, QoS 1, window %d each) -> mosquitto 2.0.11 "
                                + "(max_inflight_messages %d) -> bridge (%d MQTT %d connections, shared subscription, "
                                + "Receive Maximum 1000) -> Kafka %s (in-process, 3 partitions); %d cores%n",
                        publishers, publisherKind.equals("raw") ? "raw socket MQTT 3.1.1" : "Paho v" + protocol,
                        window, inflight, connections, protocol, kafka.bootstrapServers(),
                        Runtime.getRuntime().availableProcessors());
                run(broker, bridge, publishers, protocol, window, messages / 10, 0, "warm-up");
                result = run(broker, bridge, publishers, protocol, window, messages, messages / 10, "measured");
            }
            // The bridge alone: a backlog published while it was down (kept in its persistent sessions), drained by
            // a new bridge without publishers competing for the CPU.
            publishBacklog(broker, publishers, protocol, window, messages, total);
            double drainSeconds;
            double drainCpu;
            try (BridgeService bridge = BridgeService.start(config.build())) {
                long start = System.nanoTime();
                double cpuBefore = bridgeCpuSeconds();
                awaitAcknowledged(bridge, messages, 0);
                drainSeconds = (System.nanoTime() - start) / 1e9;
                drainCpu = bridgeCpuSeconds() - cpuBefore;
                System.out.printf("backlog: %,d messages drained in %.2f s = %,.0f msg/s; CPU: bridge threads %.1f "
                        + "us/msg%n", messages, drainSeconds, messages / drainSeconds, drainCpu * 1e6 / messages);
            }
            BitSet seen = new BitSet();
            BinaryMessageDecoder<MachineCounterReading> decoder = ShopfloorSchemas.decoder(MachineCounterReading.class);
            kafka.forEach(KafkaTopics.MACHINE_COUNTERS, false, Duration.ofSeconds(120), record -> {
                try {
                    seen.set(decoder.decode(record.value()).getSequenceNumber().intValue());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            System.out.printf("check: %d of %d sequence numbers in Kafka%n", seen.cardinality(), total + messages);
            System.out.printf("RESULT: %,d messages published and bridged in %.2f s = %,.0f msg/s (publish alone: "
                            + "%,.0f msg/s)%n", messages, result.bridgedSeconds(), messages / result.bridgedSeconds(),
                    messages / result.publishedSeconds());
            System.out.printf("RESULT: backlog of %,d messages drained by the bridge alone at %,.0f msg/s%n", messages,
                    messages / drainSeconds);
            System.out.printf("RESULT bridge CPU: %.1f us per message while publishing, %.1f while draining "
                            + "(= %,.0f msg/s per core); whole JVM incl. publishers and Kafka broker: %.1f us%n",
                    result.bridgeCpuSeconds() * 1e6 / messages, drainCpu * 1e6 / messages, messages / drainCpu,
                    result.processCpuSeconds() * 1e6 / messages);
        }
    }

    private static void publishBacklog(Mosquitto broker, int publishers, int protocol, int window, int messages,
                                       int firstSeq) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(publishers);
        List<Future<?>> tasks = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            int offset = p;
            tasks.add(pool.submit(() -> {
                try (Publisher client = Publisher.connect(broker.tcpUri(), "backlog-publisher-" + offset,
                        protocol, window)) {
                    for (int i = offset; i < messages; i += publishers) {
                        int seq = firstSeq + i;
                        client.publish(counterTopic("M-" + (seq % 100), "good"), counterPayload(seq, seq, 1, seq));
                    }
                    client.awaitAcknowledged();
                }
                return null;
            }));
        }
        for (Future<?> task : tasks) {
            task.get(10, TimeUnit.MINUTES);
        }
        pool.shutdownNow();
    }

    /** Waits until the bridge has acknowledged {@code messages} more than {@code before}. */
    private static long awaitAcknowledged(BridgeService bridge, int messages, long before) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong doneAt = new AtomicLong();
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
        watcher.scheduleAtFixedRate(() -> {
            if (bridge.metrics().acknowledged.sum() - before >= messages && doneAt.get() == 0) {
                doneAt.set(System.nanoTime());
                done.countDown();
            }
        }, 5, 5, TimeUnit.MILLISECONDS);
        try {
            if (!done.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("not all messages acknowledged: " + bridge.metrics());
            }
            return doneAt.get();
        } finally {
            watcher.shutdownNow();
        }
    }

    /** The benchmark's publishing client: Paho or the raw socket one. */
    private interface Publisher extends AutoCloseable {
        void publish(String topic, String payload) throws Exception;

        void awaitAcknowledged() throws Exception;

        static Publisher connect(String serverUri, String clientId, int protocol, int window) throws Exception {
            if ("raw".equals(System.getProperty("publisher", "raw"))) {
                RawMqttPublisher raw = new RawMqttPublisher(serverUri, clientId, window);
                return new Publisher() {
                    public void publish(String topic, String payload) throws Exception {
                        raw.publish(topic, payload);
                    }

                    public void awaitAcknowledged() throws Exception {
                        raw.awaitAcknowledged();
                    }

                    public void close() throws Exception {
                        raw.close();
                    }
                };
            }
            TestPublisher paho = TestPublisher.connect(serverUri, clientId, protocol, window);
            return new Publisher() {
                public void publish(String topic, String payload) throws Exception {
                    paho.publish(topic, payload);
                }

                public void awaitAcknowledged() throws Exception {
                    paho.awaitAcknowledged();
                }

                public void close() throws Exception {
                    paho.close();
                }
            };
        }
    }

    private record Result(double publishedSeconds, double bridgedSeconds, double bridgeCpuSeconds,
                          double processCpuSeconds) {
    }

    /**
     * CPU time of the bridge's threads (its Paho connections, its Kafka producer, its scheduler), which says
     * what the bridge itself costs per message however busy the machine is with the publishers, the brokers
     * and everything else.
     */
    private static double bridgeCpuSeconds() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && (info.getThreadName().contains("benchmark-bridge")
                    || info.getThreadName().startsWith("mqtt-bridge"))) {
                nanos += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return nanos / 1e9;
    }

    /** CPU nanoseconds per thread id, with the thread names. */
    private static java.util.Map<Long, java.util.Map.Entry<String, Long>> threadCpu() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Map<Long, java.util.Map.Entry<String, Long>> cpu = new java.util.HashMap<>();
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                cpu.put(info.getThreadId(), java.util.Map.entry(info.getThreadName(),
                        Math.max(0, threads.getThreadCpuTime(info.getThreadId()))));
            }
        }
        return cpu;
    }

    /** Where this JVM's CPU went during the run, by thread name (digits folded). */
    private static String cpuByThreadGroup(java.util.Map<Long, java.util.Map.Entry<String, Long>> before,
                                           java.util.Map<Long, java.util.Map.Entry<String, Long>> after,
                                           int messages) {
        java.util.Map<String, Long> groups = new java.util.TreeMap<>();
        after.forEach((id, now) -> {
            long earlier = before.containsKey(id) ? before.get(id).getValue() : 0;
            groups.merge(now.getKey().replaceAll("\\d+", "N"), now.getValue() - earlier, Long::sum);
        });
        return groups.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(12)
                .map(e -> String.format("  %6.1f us/msg  %s", e.getValue() / 1e3 / messages, e.getKey()))
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    private static double processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private static Result run(Mosquitto broker, BridgeService bridge, int publishers, int protocol, int window,
                              int messages, int firstSeq, String label) throws Exception {
        long ackedBefore = bridge.metrics().acknowledged.sum();
        ExecutorService pool = Executors.newFixedThreadPool(publishers);
        List<Publisher> clients = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            clients.add(Publisher.connect(broker.tcpUri(), label + "-publisher-" + p, protocol, window));
        }
        double bridgeCpuBefore = bridgeCpuSeconds();
        double processCpuBefore = processCpuSeconds();
        double brokerCpuBefore = broker.cpuSeconds();
        var threadsBefore = threadCpu();
        long start = System.nanoTime();
        List<Future<?>> tasks = new ArrayList<>();
        for (int p = 0; p < publishers; p++) {
            Publisher client = clients.get(p);
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
        long doneAt = awaitAcknowledged(bridge, messages, ackedBefore);
        double bridgeCpu = bridgeCpuSeconds() - bridgeCpuBefore;
        double processCpu = processCpuSeconds() - processCpuBefore;
        String cpuByThread = cpuByThreadGroup(threadsBefore, threadCpu(), messages)
                + String.format("%n  %6.1f us/msg  mosquitto (its own process)",
                        (broker.cpuSeconds() - brokerCpuBefore) * 1e6 / messages);
        pool.shutdownNow();
        for (Publisher client : clients) {
            client.close();
        }
        Result result = new Result((published - start) / 1e9, (doneAt - start) / 1e9, bridgeCpu, processCpu);
        System.out.printf("%s: %,d messages, published in %.2f s, bridged in %.2f s = %,.0f msg/s; CPU: bridge "
                        + "threads %.2f s (%.1f us/msg = %,.0f msg/s per core), whole JVM %.2f s%n", label, messages,
                result.publishedSeconds(), result.bridgedSeconds(), messages / result.bridgedSeconds(), bridgeCpu,
                bridgeCpu * 1e6 / messages, messages / bridgeCpu, processCpu);
        System.out.println("CPU by thread:\n" + cpuByThread);
        return result;
    }
}
