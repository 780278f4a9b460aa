package io.shopfloor.job.benchmark;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * A single-node KRaft Kafka (one combined controller + broker) in this JVM.
 *
 * <p>A copy of posting-job's test class {@code io.shopfloor.job.kafka.EmbeddedKafka} (posting-job publishes no
 * test-jar), without the JUnit extension callbacks, with a counting {@link #forEach} instead of the test's
 * collecting {@code produce}/{@code readAll}, and with {@link #awaitPartitions}. Keep the broker settings in step
 * with the original.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

    private KafkaClusterTestKit cluster;
    private Admin admin;

    public EmbeddedKafka start() throws Exception {
        long started = System.nanoTime();
        TestKitNodes nodes = new TestKitNodes.Builder()
                // The kit defaults to the newest, unreleased metadata version (and enables unstable features);
                // run what a released broker runs.
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                .setCombined(true)
                .setNumControllerNodes(1)
                .setNumBrokerNodes(1)
                .build();
        cluster = new KafkaClusterTestKit.Builder(nodes)
                // One broker: the internal topics default to replication 3 and would never become available.
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                // 50 partitions each (the default) make the first consumer group / transaction slow to start.
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.num.partitions", "1")
                // Without this a new consumer group waits 3 s for more members before its first assignment.
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                // Topics are created explicitly (KafkaTopics); a typo should fail, not create a topic.
                .setConfigProp("auto.create.topics.enable", "false")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        // Admin.create, not cluster.admin(): the kit's admin() exists only from Kafka 4.3.
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
        LOG.info("Kafka {} up in {} ms", bootstrapServers(), (System.nanoTime() - started) / 1_000_000);
        return this;
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public Admin admin() {
        return admin;
    }

    /**
     * Waits until the broker holds a log for every partition of {@code topics}. Topic creation returns when the
     * controller has committed it, a moment before the broker leads the new partitions: records produced in
     * between are refused (NOT_LEADER_OR_FOLLOWER), and the idempotent producer's retries can then fail with
     * OUT_OF_ORDER_SEQUENCE_NUMBER and expire. (Not in the original class.)
     */
    public void awaitPartitions(Collection<String> topics, Duration timeout) throws Exception {
        Set<TopicPartition> expected = new HashSet<>();
        admin.describeTopics(topics).allTopicNames().get().values().forEach(description -> description.partitions()
                .forEach(p -> expected.add(new TopicPartition(description.name(), p.partition()))));
        List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(Node::id).toList();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Set<TopicPartition> present = new HashSet<>();
            admin.describeLogDirs(brokers).allDescriptions().get().values().forEach(dirs -> dirs.values()
                    .forEach(dir -> present.addAll(dir.replicaInfos().keySet())));
            if (present.containsAll(expected)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                expected.removeAll(present);
                throw new IllegalStateException("no log after " + timeout + " for " + expected);
            }
            Thread.sleep(50);
        }
    }

    /** The transactional ids with an ongoing transaction, and the partitions it wrote to. (Not in the original.) */
    public List<String> openTransactions() throws Exception {
        List<String> ids = admin.listTransactions().all().get().stream()
                .filter(t -> t.state() == TransactionState.ONGOING)
                .map(TransactionListing::transactionalId).sorted().toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        return admin.describeTransactions(ids).all().get().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().topicPartitions() + " since "
                        + java.time.Instant.ofEpochMilli(e.getValue().transactionStartTimeMs().orElse(0)))
                .sorted().toList();
    }

    /**
     * Passes every record of every partition of {@code topic}, from the beginning up to its current end, to
     * {@code action} (partitions interleaved as fetched) and returns how many there were. With
     * {@code readCommitted} the end is the last stable offset: records of aborted transactions are skipped, and
     * an open transaction makes this wait (up to {@code timeout}).
     */
    public long forEach(String topic, boolean readCommitted, Duration timeout,
                        Consumer<ConsumerRecord<byte[], byte[]>> action) {
        IsolationLevel isolation = readCommitted ? IsolationLevel.READ_COMMITTED : IsolationLevel.READ_UNCOMMITTED;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            // assign() rather than subscribe(): no consumer group, no rebalance to wait for.
            Set<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .collect(Collectors.toSet());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long count = 0;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not at the end of " + topic + " after " + timeout + ": read "
                            + count + ", end offsets " + end);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    action.accept(record);
                    count++;
                }
            }
            return count;
        }
    }

    @Override
    public void close() throws Exception {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
        if (cluster != null) {
            cluster.close(); // also deletes the log directories
            cluster = null;
        }
    }
}
