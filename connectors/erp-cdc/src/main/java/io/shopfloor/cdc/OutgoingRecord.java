package io.shopfloor.cdc;

import org.apache.avro.specific.SpecificRecord;

/**
 * A record for Kafka: a master-data record on its compacted topic, or a dead letter.
 *
 * @param partitionKey what the partition follows: the order number for the order tables, else the key itself
 * @param payload      {@code value} in single-object encoding
 * @param timestamp    the Kafka record timestamp: the source commit time, so a replay writes the same records
 */
public record OutgoingRecord(String topic, String key, String partitionKey, SpecificRecord value, byte[] payload,
                             long timestamp) {
}
