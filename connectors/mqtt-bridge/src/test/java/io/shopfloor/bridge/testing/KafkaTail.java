package io.shopfloor.bridge.testing;

import io.shopfloor.schema.ShopfloorSchemas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads one topic from the beginning, decoding the values, and keeps what it read: {@link #awaitUntil} polls
 * until the records so far satisfy a condition or the deadline passes.
 */
public final class KafkaTail<T extends SpecificRecord> implements AutoCloseable {
    /** A decoded record with its key. */
    public record Keyed<T>(String key, T value) {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final BinaryMessageDecoder<T> decoder;
    private final List<Keyed<T>> records = new ArrayList<>();

    public KafkaTail(String bootstrapServers, String topic, Class<T> type) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        decoder = ShopfloorSchemas.decoder(type);
    }

    /** Polls until {@code done} holds for everything read so far; returns it, or throws at the deadline. */
    public List<Keyed<T>> awaitUntil(Predicate<List<Keyed<T>>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(records)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met after " + timeout + "; read " + records.size()
                        + " records");
            }
            poll(Duration.ofMillis(200));
        }
        return List.copyOf(records);
    }

    /** Polls for {@code duration} and returns everything read (to check that nothing more came). */
    public List<Keyed<T>> readFor(Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline) {
            poll(Duration.ofMillis(100));
        }
        return List.copyOf(records);
    }

    private void poll(Duration timeout) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
            try {
                records.add(new Keyed<>(new String(record.key(), java.nio.charset.StandardCharsets.UTF_8),
                        decoder.decode(record.value())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public List<Keyed<T>> records() {
        return List.copyOf(records);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
