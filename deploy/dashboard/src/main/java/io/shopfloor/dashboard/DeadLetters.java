package io.shopfloor.dashboard;

import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.common.DeadLetter;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;

/** Dead letters of records the dashboard could not read: the reason and the raw bytes, for the dead-letter topic. */
public final class DeadLetters {
    public static final String STAGE = "dashboard";
    private static final BinaryMessageEncoder<DeadLetter> ENCODER = ShopfloorSchemas.encoder(DeadLetter.class);

    private DeadLetters() {
    }

    /** The dead letter of a record whose value failed to decode (or was empty), with the reason that tells why. */
    public static DeadLetter of(ConsumerRecord<byte[], byte[]> record, Exception failure, Instant now) {
        return of(record, failure, reasonCode(record.value(), failure), now);
    }

    /** The dead letter of a record, for the given reason. */
    public static DeadLetter of(ConsumerRecord<byte[], byte[]> record, Exception failure, String reasonCode,
                                Instant now) {
        byte[] payload = record.value() == null ? new byte[0] : record.value();
        return DeadLetter.newBuilder()
                .setId(STAGE + "/" + record.topic() + "/" + record.partition() + "/" + record.offset())
                .setSourceTopic(record.topic())
                .setSourcePartition(record.partition())
                .setSourceOffset(record.offset())
                .setKey(record.key() == null ? null : ByteBuffer.wrap(record.key()))
                .setPayload(ByteBuffer.wrap(payload))
                .setPayloadSchemaFingerprint(fingerprint(payload))
                .setReasonCode(reasonCode)
                .setReasonDetail(String.valueOf(failure))
                .setFailedAt(now)
                .setStage(STAGE)
                .setAttempt(1)
                .build();
    }

    public static byte[] encode(DeadLetter letter) {
        try {
            ByteBuffer buffer = ENCODER.encode(letter);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The target topic. */
    public static String topic() {
        return KafkaTopics.DEAD_LETTERS;
    }

    static String reasonCode(byte[] value, Exception failure) {
        if (value == null || value.length == 0) {
            return "EMPTY_PAYLOAD";
        }
        if (failure instanceof MissingSchemaException) {
            return "UNKNOWN_SCHEMA";
        }
        if (fingerprint(value) == null) {
            return "NOT_SINGLE_OBJECT_ENCODED";
        }
        return "UNDECODABLE";
    }

    /** The schema fingerprint of a single-object header (C3 01 + 8 bytes little-endian), if the payload has one. */
    static Long fingerprint(byte[] payload) {
        if (payload.length < 10 || payload[0] != (byte) 0xC3 || payload[1] != (byte) 0x01) {
            return null;
        }
        return ByteBuffer.wrap(payload, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
