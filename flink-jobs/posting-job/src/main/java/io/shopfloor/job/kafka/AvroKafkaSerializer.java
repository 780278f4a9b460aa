package io.shopfloor.job.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * KafkaSink serializer: Avro single-object value ({@code ShopfloorSchemas.encoder}), UTF-8 key from a key
 * extractor, one fixed topic. The partition is left to Kafka's key hash, so one key always lands in one
 * partition (per-machine / per-order ordering). The record timestamp is the Flink element timestamp (event
 * time, when the stream has one), or what {@code timestampOf} gives, which keeps the output deterministic.
 */
public final class AvroKafkaSerializer<T extends SpecificRecord> implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;

    private final String topic;
    private final AvroRecordSerializer<T> avro;
    private final SerializableFunction<T, String> keyOf;
    private final SerializableFunction<T, Long> timestampOf;

    /**
     * @param keyOf the record's Kafka key, e.g. {@code MachineCounterReading::getMachineId}; may return null
     *     for records without a natural key (Kafka then spreads them over the partitions)
     */
    public AvroKafkaSerializer(String topic, Class<T> type, SerializableFunction<T, String> keyOf) {
        this(topic, type, keyOf, null);
    }

    /**
     * @param timestampOf the Kafka record timestamp (epoch millis) of a record, instead of the element's; null for
     *     the element's. Dead letters use their {@code failedAt}: the element timestamp of an input from the future
     *     is its claimed event time, which the broker refuses (beyond {@code message.timestamp.after.max.ms}).
     */
    public AvroKafkaSerializer(String topic, Class<T> type, SerializableFunction<T, String> keyOf,
                               SerializableFunction<T, Long> timestampOf) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.avro = new AvroRecordSerializer<>(Objects.requireNonNull(type, "type"));
        this.keyOf = Objects.requireNonNull(keyOf, "keyOf");
        this.timestampOf = timestampOf;
    }

    public String topic() {
        return topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T record, KafkaSinkContext context, Long timestamp) {
        String key = keyOf.apply(record);
        byte[] value;
        try {
            value = avro.encode(record);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + avro.type().getSimpleName() + " for " + topic, e);
        }
        return new ProducerRecord<>(topic, null, timestampOf != null ? timestampOf.apply(record) : timestamp,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), value);
    }
}
