package io.shopfloor.job.benchmark;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fingerprint of what the job wrote to one topic: every record's value and timestamp, in order per key (the
 * order the job guarantees), keys sorted. Two runs over the same input that print the same digests wrote the same
 * records; it is how a change to the job is checked to leave its output exactly as it was.
 */
final class OutputDigest {
    private final Map<String, List<byte[]>> recordsByKey = new TreeMap<>();

    void add(ConsumerRecord<byte[], byte[]> record) {
        String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
        byte[] value = record.value() == null ? new byte[0] : record.value();
        byte[] entry = ByteBuffer.allocate(Long.BYTES + value.length).putLong(record.timestamp()).put(value).array();
        recordsByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(entry);
    }

    /** The first 12 hex digits of a SHA-256 over all keys and their records. */
    String hex() {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        recordsByKey.forEach((key, records) -> {
            sha.update(key.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            records.forEach(record -> {
                sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(record.length).array());
                sha.update(record);
            });
        });
        return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
    }
}
