package io.shopfloor.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends selected dead letters through again once their cause is fixed: the bridge's (raw MQTT payload, stage
 * {@code mqtt-bridge}) are published to their MQTT topic again, so the bridge translates them with its registry as
 * it is now; the others (Avro single-object payloads of a Kafka topic, with their key) are produced to that topic
 * again, so the posting job posts them as if they came now. Idempotency keys derive from the input, so what was
 * re-driven once posts nothing more when re-driven again. Each re-drive is recorded in {@code dead_letter_redrive};
 * letters re-driven before are skipped unless asked for.
 */
public final class DeadLetterRedrive {
    public static final String BRIDGE_STAGE = "mqtt-bridge";

    /** Which dead letters: every condition given must hold; a reason code is required, so nothing goes by accident. */
    public record Selection(String reasonCode, String stage, String idPrefix, boolean includeRedriven, int limit) {
        public Selection {
            if (reasonCode == null || reasonCode.isBlank()) {
                throw new IllegalArgumentException("a reason code is required (e.g. UNKNOWN_MACHINE)");
            }
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be at least 1");
            }
        }
    }

    /** A stored dead letter, as much as a re-drive needs. */
    public record StoredLetter(long id, String idempotencyKey, String stage, String sourceTopic, byte[] key,
                               byte[] payload, String reasonCode) {
    }

    /** Where re-driven letters go: MQTT for the bridge's, Kafka for the others. */
    public interface Target extends AutoCloseable {
        /** Why this target cannot take the letter; null when it can. Asked of every letter before any is sent. */
        default String refusal(StoredLetter letter) {
            return null;
        }

        /** Sends, and returns the name of what it was sent to ({@code kafka:<topic>}, {@code mqtt:<topic>}). */
        String send(StoredLetter letter) throws Exception;

        /** Returns once everything sent is acknowledged. */
        void flush() throws Exception;
    }

    private DeadLetterRedrive() {
    }

    /** The selected letters, oldest first. */
    public static List<StoredLetter> select(Connection connection, Selection selection) throws SQLException {
        String sql = "SELECT id, idempotency_key, stage, source_topic, key, payload, reason_code FROM dead_letter d "
                + "WHERE reason_code = ? AND (? IS NULL OR stage = ?) "
                + "AND (? IS NULL OR starts_with(idempotency_key, ?))"
                + (selection.includeRedriven() ? ""
                : " AND NOT EXISTS (SELECT FROM dead_letter_redrive r WHERE r.dead_letter_id = d.id)")
                + " ORDER BY id LIMIT ?";
        List<StoredLetter> letters = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, selection.reasonCode());
            statement.setString(2, selection.stage());
            statement.setString(3, selection.stage());
            statement.setString(4, selection.idPrefix());
            statement.setString(5, selection.idPrefix());
            statement.setInt(6, selection.limit());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    letters.add(new StoredLetter(rows.getLong(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getBytes(5), rows.getBytes(6), rows.getString(7)));
                }
            }
        }
        return letters;
    }

    /**
     * Sends the letters ({@code mqtt} for the bridge's, {@code kafka} for the others; a null target skips those
     * letters), waits for the acknowledgements, then records each one sent. Returns the count per target.
     */
    public static Map<String, Integer> redrive(Connection connection, List<StoredLetter> letters, Target mqtt,
                                               Target kafka, String requestedBy) throws Exception {
        Map<String, Integer> sent = new LinkedHashMap<>();
        Map<Long, String> targets = new LinkedHashMap<>();
        for (StoredLetter letter : letters) {
            boolean viaMqtt = BRIDGE_STAGE.equals(letter.stage());
            Target target = viaMqtt ? mqtt : kafka;
            String refusal = target == null ? "no " + (viaMqtt ? "MQTT" : "Kafka") + " connection given"
                    : target.refusal(letter);
            if (refusal != null) {
                sent.merge("skipped: " + refusal, 1, Integer::sum);
                continue;
            }
            String name = target.send(letter);
            targets.put(letter.id(), name);
            sent.merge(name, 1, Integer::sum);
        }
        for (Target target : java.util.Arrays.asList(mqtt, kafka)) {
            if (target != null) {
                target.flush();
            }
        }
        record(connection, targets, requestedBy);
        return sent;
    }

    private static void record(Connection connection, Map<Long, String> targets, String requestedBy)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO dead_letter_redrive "
                + "(dead_letter_id, target, requested_by) VALUES (?, ?, ?)")) {
            for (Map.Entry<Long, String> target : targets.entrySet()) {
                insert.setLong(1, target.getKey());
                insert.setString(2, target.getValue());
                insert.setString(3, requestedBy);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
