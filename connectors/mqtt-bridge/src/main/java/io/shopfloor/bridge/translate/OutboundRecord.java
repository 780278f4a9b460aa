package io.shopfloor.bridge.translate;

/** One Kafka record to write: topic, key (UTF-8 string) and the Avro single-object encoded value. */
public record OutboundRecord(String topic, String key, byte[] value) {
}
