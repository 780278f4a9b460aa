package io.shopfloor.schema;

import java.util.Collection;
import java.util.HashSet;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.Node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft Kafka (one combined controller + broker) in this JVM, for tests. As a JUnit 5 extension:
 * {@code @RegisterExtension static final EmbeddedKafka KAFKA = new EmbeddedKafka();} starts it before the
 * class's tests and stops it after. Or use it as an AutoCloseable: {@code start()} ... {@code close()}.
 */
public final class EmbeddedKafka implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
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

    public void createTopics(int partitions, String... names) throws Exception {
        List<NewTopic> topics = Arrays.stream(names)
                .map(name -> new NewTopic(name, Optional.of(partitions), Optional.empty()))
                .toList();
        admin.createTopics(topics).all().get();
    }

    /** Writes raw records (key, value, timestamp as given) and waits until the broker has acknowledged each. */
    public void produce(List<ProducerRecord<byte[], byte[]>> records) throws Exception {
        // One request in flight: right after topic creation the broker may not lead the partitions yet, and the
        // idempotent producer's retries of several in-flight batches can then fail as out of sequence.
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1"), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (ProducerRecord<byte[], byte[]> record : records) {
                acks.add(producer.send(record));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get(); // fails the test on a send error (e.g. a missing topic) instead of losing records
            }
        }
    }

    /**
     * Reads every partition of {@code topic} from the beginning up to its current end and returns the records
     * in partition, then offset order. With {@code readCommitted} the end is the last stable offset: records
     * of aborted transactions are skipped, and an open transaction makes this wait (up to {@code timeout}).
     */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic, boolean readCommitted, Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        forEach(topic, readCommitted, timeout, records::add);
        records.sort((a, b) -> a.partition() != b.partition()
                ? Integer.compare(a.partition(), b.partition())
                : Long.compare(a.offset(), b.offset()));
        return records;
    }

    /**
     * Waits until the broker holds a log for every partition of {@code topics}: topic creation returns a moment
     * before the broker leads the new partitions, and records produced in between are refused.
     */
    public void awaitPartitions(Collection<String> topics, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Integer> brokers = admin.describeCluster().nodes().get().stream().map(Node::id).toList();
        while (true) {
            // Right after creation the broker may not know a topic yet: ask again until the deadline.
            Set<TopicPartition> expected = new HashSet<>();
            try {
                admin.describeTopics(topics).allTopicNames().get().values().forEach(description -> description
                        .partitions().forEach(p -> expected.add(new TopicPartition(description.name(), p.partition()))));
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
                continue;
            }
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

    /** The transactional ids with an ongoing transaction, and the partitions it wrote to. */
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

    /** Reads a topic to its end (as of the call), handing each record to {@code action}; returns the count. */
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

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close();
    }
}
