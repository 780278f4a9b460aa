package io.shopfloor.job;

import io.shopfloor.job.machine.Rejected;
import io.shopfloor.job.order.Rejection;
import io.shopfloor.schema.common.DeadLetter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * What the job could not post, as dead letters: the reason code and detail, and the input as text (the decoded
 * record; undecodable payloads keep their raw bytes in the decode stage). The id is the input's source id, so a
 * replay produces the same dead letter.
 */
public final class DeadLetters {

    private DeadLetters() {
    }

    public static DeadLetter of(Rejected rejected) {
        return deadLetter("machine/" + rejected.sourceId(), "machine-signals", rejected.reason().name(),
                rejected.detail(), rejected.input(), rejected.eventTime(), "machine");
    }

    public static DeadLetter of(Rejection rejection, Instant eventTime) {
        return deadLetter("order/" + rejection.key() + "/" + rejection.sourceId(), "order-inputs",
                rejection.reasonCode(), rejection.detail(), rejection.input(), eventTime, "posting");
    }

    public static DeadLetter mappingFailed(String topic, String reason, Object record, Instant eventTime, String id) {
        return deadLetter("mapping/" + topic + "/" + id, topic, "MAPPING_FAILED", reason, String.valueOf(record),
                eventTime, "mapping");
    }

    private static DeadLetter deadLetter(String id, String topic, String reason, String detail, String input,
                                         Instant at, String stage) {
        return DeadLetter.newBuilder()
                .setId(id)
                .setSourceTopic(topic)
                .setSourcePartition(null)
                .setSourceOffset(null)
                .setKey(null)
                .setPayload(ByteBuffer.wrap(input.getBytes(StandardCharsets.UTF_8)))
                .setPayloadSchemaFingerprint(null)
                .setReasonCode(reason)
                .setReasonDetail(detail == null ? "" : detail)
                .setFailedAt(at)
                .setStage(stage)
                .setAttempt(1)
                .build();
    }
}
