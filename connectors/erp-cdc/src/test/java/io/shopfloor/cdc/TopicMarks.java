package io.shopfloor.cdc;

import io.shopfloor.schema.EmbeddedKafka;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.ShopfloorSchemas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The end offsets of the master-data and dead-letter topics at one moment, so that a test reads only what was
 * written after it (tests of one class share a broker and the fixed topic names).
 */
final class TopicMarks {
    private final EmbeddedKafka kafka;
    private final Map<TopicPartition, Long> marks;

    /** A record read back: its Kafka key, partition and timestamp, and the decoded value. */
    record Keyed<T>(String key, int partition, long timestamp, T value) {
    }

    private TopicMarks(EmbeddedKafka kafka, Map<TopicPartition, Long> marks) {
        this.kafka = kafka;
        this.marks = marks;
    }

    static TopicMarks now(EmbeddedKafka kafka) {
        List<String> topics = new ArrayList<>(KafkaTopics.MASTER_DATA);
        topics.add(KafkaTopics.DEAD_LETTERS);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka)) {
            Set<TopicPartition> partitions = topics.stream()
                    .flatMap(topic -> consumer.partitionsFor(topic).stream()
                            .map(info -> new TopicPartition(topic, info.partition())))
                    .collect(Collectors.toSet());
            return new TopicMarks(kafka, new HashMap<>(consumer.endOffsets(partitions)));
        }
    }

    /**
     * Waits until {@code topic} holds at least {@code count} records after the mark, then returns every record after
     * the mark up to the topic's end, in partition and offset order.
     */
    <T extends SpecificRecord> List<Keyed<T>> await(String topic, Class<T> type, int count, Duration timeout) {
        return await(topic, type, records -> records.size() >= count, count + " records", timeout);
    }

    /** As {@link #await}, until the records after the mark carry at least {@code count} different keys. */
    <T extends SpecificRecord> List<Keyed<T>> awaitKeys(String topic, Class<T> type, int count, Duration timeout) {
        return await(topic, type, records -> records.stream().map(Keyed::key).distinct().count() >= count,
                count + " keys", timeout);
    }

    private <T extends SpecificRecord> List<Keyed<T>> await(String topic, Class<T> type,
                                                            Predicate<List<Keyed<T>>> enough, String expected,
                                                            Duration timeout) {
        BinaryMessageDecoder<T> decoder = ShopfloorSchemas.decoder(type);
        List<Keyed<T>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            partitions.forEach(p -> consumer.seek(p, marks.getOrDefault(p, 0L)));
            long deadline = System.nanoTime() + timeout.toNanos();
            Map<TopicPartition, Long> end = null;
            while (end == null || !atEnd(consumer, partitions, end)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("expected " + expected + " on " + topic + " within " + timeout
                            + ", got " + records.size() + " records: " + records);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    records.add(new Keyed<>(new String(record.key(), StandardCharsets.UTF_8), record.partition(),
                            record.timestamp(), decode(decoder, record.value())));
                }
                if (end == null && enough.test(records)) {
                    end = consumer.endOffsets(partitions); // enough arrived: read on to the end as of now
                }
            }
        }
        // Stable: each partition's records stay in offset order.
        records.sort(Comparator.comparingInt(Keyed::partition));
        return records;
    }

    private static boolean atEnd(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions,
                                 Map<TopicPartition, Long> end) {
        for (TopicPartition partition : partitions) {
            if (consumer.position(partition) < end.get(partition)) {
                return false;
            }
        }
        return true;
    }

    private static <T> T decode(BinaryMessageDecoder<T> decoder, byte[] value) {
        try {
            return decoder.decode(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(EmbeddedKafka kafka) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
