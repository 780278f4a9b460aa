package io.shopfloor.job.order;

import java.io.Serializable;

/**
 * An input the order stage could not post, with the reason code (a rules RefusalReason or the stage's own).
 * {@code sourceTopic} and {@code sourcePayload} (Avro single-object bytes) are the record the input came from, where
 * it came from a posting-input topic (a person's journal line or status change): producing it there re-drives it.
 */
public record Rejection(String sourceId, String key, String reasonCode, String detail, String input,
                        String sourceTopic, byte[] sourcePayload) implements Serializable {

    public Rejection(String sourceId, String key, String reasonCode, String detail, String input) {
        this(sourceId, key, reasonCode, detail, input, null, null);
    }

    public Rejection withSource(String topic, byte[] payload) {
        return new Rejection(sourceId, key, reasonCode, detail, input, topic, payload);
    }
}
