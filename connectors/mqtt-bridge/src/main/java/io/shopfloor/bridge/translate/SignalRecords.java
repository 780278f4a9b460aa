package io.shopfloor.bridge.translate;

import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.common.DeadLetter;
import io.shopfloor.schema.signal.MachineCounterReading;
import io.shopfloor.schema.signal.MachineStateChange;
import io.shopfloor.schema.signal.OperationEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro records as Kafka records: signals keyed by machine id, dead letters keyed by their id (as the posting job
 * keys its own). Thread-safe.
 */
public final class SignalRecords {
    /** The pipeline stage named in the bridge's dead letters. */
    public static final String STAGE = "mqtt-bridge";

    private static final BinaryMessageEncoder<MachineCounterReading> COUNTERS =
            ShopfloorSchemas.encoder(MachineCounterReading.class);
    private static final BinaryMessageEncoder<MachineStateChange> STATES =
            ShopfloorSchemas.encoder(MachineStateChange.class);
    private static final BinaryMessageEncoder<OperationEvent> OPERATIONS =
            ShopfloorSchemas.encoder(OperationEvent.class);
    private static final BinaryMessageEncoder<DeadLetter> DEAD_LETTERS = ShopfloorSchemas.encoder(DeadLetter.class);

    private SignalRecords() {
    }

    public static OutboundRecord counter(MachineCounterReading reading) {
        return new OutboundRecord(KafkaTopics.MACHINE_COUNTERS, reading.getMachineId(), encode(COUNTERS, reading));
    }

    public static OutboundRecord state(MachineStateChange change) {
        return new OutboundRecord(KafkaTopics.MACHINE_STATES, change.getMachineId(), encode(STATES, change));
    }

    public static OutboundRecord operation(OperationEvent event) {
        return new OutboundRecord(KafkaTopics.OPERATION_EVENTS, event.getMachineId(), encode(OPERATIONS, event));
    }

    /**
     * A dead letter for an MQTT message, with the raw payload and topic (re-driven by publishing the payload to
     * the topic again). The id is deterministic ({@code mqtt/<topic>/<reason>[/<qualifier>]/<payload hash>}), so a
     * redelivered duplicate gives the same dead letter; {@code qualifier} tells apart several dead letters of one
     * message (a Sparkplug metric as {@code <name>#<index in the payload>}: '#' occurs in no MQTT topic).
     */
    public static OutboundRecord deadLetter(String mqttTopic, byte[] payload, String machineId, String reasonCode,
                                            String detail, String qualifier, long receivedAtMillis) {
        return deadLetter(mqttTopic, payload, payload, machineId, reasonCode, detail, qualifier, receivedAtMillis);
    }

    /**
     * A payload above the limit: the dead letter keeps its first {@code maxPayloadBytes} bytes (it must fit a Kafka
     * message), the detail its size and the SHA-256 of the whole, and the id is of the whole payload.
     */
    public static OutboundRecord payloadTooLarge(String mqttTopic, byte[] payload, int maxPayloadBytes,
                                                 long receivedAtMillis) {
        String detail = "payload of " + payload.length + " bytes is larger than mqtt.maxPayloadBytes "
                + maxPayloadBytes + "; kept the first " + maxPayloadBytes + " bytes; SHA-256 of the whole payload: "
                + HexFormat.of().formatHex(sha256(payload));
        return deadLetter(mqttTopic, payload, Arrays.copyOf(payload, maxPayloadBytes), null,
                ReasonCodes.PAYLOAD_TOO_LARGE, detail, null, receivedAtMillis);
    }

    private static OutboundRecord deadLetter(String mqttTopic, byte[] payload, byte[] keptPayload, String machineId,
                                             String reasonCode, String detail, String qualifier,
                                             long receivedAtMillis) {
        String id = deadLetterId(mqttTopic, payload, reasonCode, qualifier);
        DeadLetter deadLetter = DeadLetter.newBuilder()
                .setId(id)
                .setSourceTopic(mqttTopic)
                .setSourcePartition(null)
                .setSourceOffset(null)
                .setKey(machineId == null ? null : ByteBuffer.wrap(machineId.getBytes(StandardCharsets.UTF_8)))
                .setPayload(ByteBuffer.wrap(keptPayload))
                .setPayloadSchemaFingerprint(null)
                .setReasonCode(reasonCode)
                .setReasonDetail(detail == null ? "" : detail)
                .setFailedAt(Instant.ofEpochMilli(receivedAtMillis))
                .setStage(STAGE)
                .setAttempt(1)
                .build();
        return new OutboundRecord(KafkaTopics.DEAD_LETTERS, id, encode(DEAD_LETTERS, deadLetter));
    }

    /** The id of the dead letter of this message, reason and qualifier (null: the message's only one). */
    public static String deadLetterId(String mqttTopic, byte[] payload, String reasonCode, String qualifier) {
        return "mqtt/" + mqttTopic + "/" + reasonCode + (qualifier == null ? "" : "/" + qualifier) + "/"
                + payloadHash(payload);
    }

    /** First 16 hex digits of the payload's SHA-256. */
    public static String payloadHash(byte[] payload) {
        return HexFormat.of().formatHex(sha256(payload), 0, 8);
    }

    private static byte[] sha256(byte[] payload) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(payload);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static <T extends SpecificRecord> byte[] encode(BinaryMessageEncoder<T> encoder, T record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try {
            encoder.encode(record, out);
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory encoding failed", e);
        }
        return out.toByteArray();
    }
}
