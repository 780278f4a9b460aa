package io.shopfloor.job.kafka;

import io.shopfloor.schema.common.DeadLetter;
import java.io.Serializable;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/**
 * One Kafka record after decoding: either the Avro record, or the {@link DeadLetter} that says why it could
 * not be decoded. Both carry where the record came from, so nothing read from Kafka is lost silently.
 *
 * <p>Flink type: {@link DecodedTypeInfo}, which {@link AvroKafkaDeserializer} declares (Flink's fallback, Kryo,
 * cannot serialize it).
 */
public final class Decoded<T extends SpecificRecord> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final T record;
    private final DeadLetter deadLetter;
    private final String topic;
    private final int partition;
    private final long offset;
    private final long timestamp;
    private final byte[] key;

    private Decoded(T record, DeadLetter deadLetter, String topic, int partition, long offset, long timestamp,
                    byte[] key) {
        this.record = record;
        this.key = key;
        this.deadLetter = deadLetter;
        this.topic = Objects.requireNonNull(topic, "topic");
        this.partition = partition;
        this.offset = offset;
        this.timestamp = timestamp;
    }

    public static <T extends SpecificRecord> Decoded<T> ofRecord(
            T record, String topic, int partition, long offset, long timestamp) {
        return ofRecord(record, null, topic, partition, offset, timestamp);
    }

    /** @param key the Kafka record's key (null if it had none), for dead letters that re-drive the record */
    public static <T extends SpecificRecord> Decoded<T> ofRecord(
            T record, byte[] key, String topic, int partition, long offset, long timestamp) {
        return new Decoded<>(Objects.requireNonNull(record, "record"), null, topic, partition, offset, timestamp,
                key);
    }

    public static <T extends SpecificRecord> Decoded<T> ofDeadLetter(
            DeadLetter deadLetter, String topic, int partition, long offset, long timestamp) {
        return new Decoded<>(null, Objects.requireNonNull(deadLetter, "deadLetter"),
                topic, partition, offset, timestamp, null);
    }

    public boolean isRecord() {
        return record != null;
    }

    /** The decoded record; throws if this is a dead letter (check {@link #isRecord()} first). */
    public T record() {
        if (record == null) {
            throw new IllegalStateException("not decoded: " + deadLetter.getReasonCode());
        }
        return record;
    }

    /** Why the record could not be decoded; throws if it was decoded. */
    public DeadLetter deadLetter() {
        if (deadLetter == null) {
            throw new IllegalStateException("decoded, not a dead letter");
        }
        return deadLetter;
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    public long offset() {
        return offset;
    }

    /** The Kafka record's key of a decoded record (the dead letter keeps its own); null if none. Not copied. */
    public byte[] key() {
        return key;
    }

    /** The Kafka record timestamp (epoch millis). */
    public long timestamp() {
        return timestamp;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Decoded<?> other
                && partition == other.partition
                && offset == other.offset
                && timestamp == other.timestamp
                && topic.equals(other.topic)
                && java.util.Arrays.equals(key, other.key)
                && Objects.equals(record, other.record)
                && Objects.equals(deadLetter, other.deadLetter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, offset);
    }

    @Override
    public String toString() {
        return topic + "/" + partition + "@" + offset + ": " + (isRecord() ? record : "DEAD " + deadLetter);
    }
}
