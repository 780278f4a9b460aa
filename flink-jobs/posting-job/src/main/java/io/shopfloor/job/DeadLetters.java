package io.shopfloor.job;

import io.shopfloor.job.avro.SignalMapping;
import io.shopfloor.job.kafka.AvroKafkaDeserializer;
import io.shopfloor.job.machine.MachineInput;
import io.shopfloor.job.machine.Rejected;
import io.shopfloor.job.order.Rejection;
import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.common.DeadLetter;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the job could not post, as dead letters with a reason code and detail. Inputs read from Kafka are kept as
 * the Avro single-object bytes of their record, with the topic and key they came with, so producing
 * {@code payload} to {@code sourceTopic} with {@code key} re-drives them. Ids are deterministic and unique per
 * input: a replay of the same topics gives the same dead letters (same ids, same content).
 *
 * <p>Ids: {@code machine/<machine>/<reason>/<event time millis>/<hash>} for machine inputs, where the hash is the
 * first 16 hex digits of the SHA-256 of the payload, so good and scrap counted at the same instant differ;
 * {@code machine/<timeline source id>} for unattributed time; {@code order/<key>/<source id>/<reason>} for
 * order inputs; {@code <stage>/<topic>/<partition>/<offset>} for inputs refused before they reach an operator.
 */
public final class DeadLetters {
    public static final String MACHINE_STAGE = "machine";
    public static final String ORDER_STAGE = "posting";
    public static final String MAPPING_STAGE = "mapping";
    public static final String EVENT_TIME_STAGE = "event-time";
    /** The stages of this job; its dead letters reach the ledger store directly, those of others via Kafka. */
    public static final Set<String> JOB_STAGES = Set.of(AvroKafkaDeserializer.STAGE, MAPPING_STAGE,
            EVENT_TIME_STAGE, MACHINE_STAGE, ORDER_STAGE);
    public static final String FUTURE_TIMESTAMP = "FUTURE_TIMESTAMP";
    public static final String MAPPING_FAILED = "MAPPING_FAILED";

    /** One per record class (fewer than 30): encoders are thread-safe when writing to a stream. */
    private static final Map<Class<?>, BinaryMessageEncoder<SpecificRecord>> ENCODERS = new ConcurrentHashMap<>();

    private DeadLetters() {
    }

    public static DeadLetter of(Rejected rejected) {
        MachineInput input = rejected.input();
        if (input == null) {
            return deadLetter("machine/" + rejected.sourceId(), "machine-signals", null, null, null,
                    text(rejected.description()), null, rejected.reason().name(), rejected.detail(),
                    rejected.eventTime(), MACHINE_STAGE);
        }
        SpecificRecord record = SignalMapping.sourceRecord(input);
        byte[] payload = singleObject(record);
        return deadLetter(machineId(input, rejected.reason().name(), payload), SignalMapping.sourceTopic(input),
                null, null, text(input.machineId()), payload, fingerprint(record), rejected.reason().name(),
                rejected.detail(), rejected.eventTime(), MACHINE_STAGE);
    }

    /** The id of a machine input's dead letter ({@code payload}: its record's single-object bytes). */
    static String machineId(MachineInput input, String reason, byte[] payload) {
        return "machine/" + input.machineId() + "/" + reason + "/" + input.eventTime().toEpochMilli() + "/"
                + contentHash(payload);
    }

    /**
     * An order input the posting refused. A person's journal line or status change is kept as its record on its
     * topic, ready to re-drive; other order inputs (machine lines, CDC rows) as text: they are re-driven where they
     * came from (the machine's signals, the ERP).
     */
    public static DeadLetter of(Rejection rejection, Instant eventTime) {
        String id = "order/" + rejection.key() + "/" + rejection.sourceId() + "/" + rejection.reasonCode();
        if (rejection.sourcePayload() != null) {
            return deadLetter(id, rejection.sourceTopic(), null, null, text(rejection.key()),
                    rejection.sourcePayload(), singleObjectFingerprint(rejection.sourcePayload()),
                    rejection.reasonCode(), rejection.detail(), eventTime, ORDER_STAGE);
        }
        return deadLetter(id, "order-inputs", null, null, text(rejection.key()), text(rejection.input()), null,
                rejection.reasonCode(), rejection.detail(), eventTime, ORDER_STAGE);
    }

    /** A decoded record its mapping refused, as read from {@code topic}. */
    public static DeadLetter mappingFailed(String topic, String reason, SpecificRecord record, byte[] key,
                                           Instant eventTime, int partition, long offset) {
        return deadLetter(MAPPING_STAGE + "/" + topic + "/" + partition + "/" + offset, topic, partition, offset,
                key, singleObject(record), fingerprint(record), MAPPING_FAILED, reason, eventTime, MAPPING_STAGE);
    }

    /**
     * A decoded record whose event time is more than {@code maxAhead} ahead of when it was received;
     * {@code failedAt}: the input's Kafka timestamp.
     */
    public static DeadLetter futureTimestamp(String topic, SpecificRecord record, byte[] key, Instant eventTime,
                                             Instant receivedTime, Duration maxAhead, Instant failedAt,
                                             int partition, long offset) {
        return deadLetter(EVENT_TIME_STAGE + "/" + topic + "/" + partition + "/" + offset, topic, partition, offset,
                key, singleObject(record), fingerprint(record), FUTURE_TIMESTAMP,
                "event time " + eventTime + " is more than " + maxAhead + " ahead of its receiving time "
                        + receivedTime, failedAt, EVENT_TIME_STAGE);
    }

    /** The record's Avro single-object encoding (what the bridge and CDC write to Kafka). */
    public static byte[] singleObject(SpecificRecord record) {
        @SuppressWarnings("unchecked")
        BinaryMessageEncoder<SpecificRecord> encoder = ENCODERS.computeIfAbsent(record.getClass(),
                type -> (BinaryMessageEncoder<SpecificRecord>) (BinaryMessageEncoder<?>)
                        ShopfloorSchemas.encoder(((SpecificRecord) record).getClass()));
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try {
            encoder.encode(record, out);
        } catch (IOException e) {
            throw new UncheckedIOException("encoding " + record.getSchema().getFullName(), e);
        }
        return out.toByteArray();
    }

    /** First 16 hex digits of the SHA-256 of {@code bytes}. */
    static String contentHash(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The schema fingerprint in a single-object encoding's header (2 marker bytes, then 8 bytes little-endian). */
    static long singleObjectFingerprint(byte[] singleObject) {
        return ByteBuffer.wrap(singleObject, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static long fingerprint(SpecificRecord record) {
        return SchemaNormalization.parsingFingerprint64(record.getSchema());
    }

    private static byte[] text(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    private static DeadLetter deadLetter(String id, String topic, Integer partition, Long offset, byte[] key,
                                         byte[] payload, Long fingerprint, String reason, String detail, Instant at,
                                         String stage) {
        return DeadLetter.newBuilder()
                .setId(id)
                .setSourceTopic(topic)
                .setSourcePartition(partition)
                .setSourceOffset(offset)
                .setKey(key == null ? null : ByteBuffer.wrap(key))
                .setPayload(ByteBuffer.wrap(payload == null ? new byte[0] : payload))
                .setPayloadSchemaFingerprint(fingerprint)
                .setReasonCode(reason)
                .setReasonDetail(detail == null ? "" : detail)
                .setFailedAt(at)
                .setStage(stage)
                .setAttempt(1)
                .build();
    }
}
