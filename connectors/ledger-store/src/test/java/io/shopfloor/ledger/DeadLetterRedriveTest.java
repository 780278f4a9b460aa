package io.shopfloor.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Selecting, sending and recording re-drives in a real ledger store; the targets are stand-ins that keep what they
 * are given (the whole path through Kafka, MQTT and the job is the embedded plant's re-drive test).
 */
class DeadLetterRedriveTest {
    @RegisterExtension
    static final LedgerDatabase POSTGRES = new LedgerDatabase();

    @Test
    void selectedLettersGoToTheirTargetOnceAndEachReDriveIsRecorded() throws Exception {
        LedgerDatabase.Ledger ledger = POSTGRES.newLedger();
        try (Connection owner = ledger.connect(LedgerDatabase.OWNER, "")) {
            insert(owner, "mqtt/plant/s/a/L1/M-9/counter/good/UNKNOWN_MACHINE/1", "plant/s/a/L1/M-9/counter/good",
                    "mqtt-bridge", "UNKNOWN_MACHINE");
            insert(owner, "order/RPO-7/journal-1", "journal-lines", "posting", "ORDER_NOT_RELEASED");
            insert(owner, "order/RPO-8/journal-2", "journal-lines", "posting", "ORDER_NOT_RELEASED");
            insert(owner, "order/RPO-8/ledger", "ledger-item-entries", "posting", "ORDER_NOT_RELEASED");
            insert(owner, "machine/M-1/LATE/5", "machine-counters", "machine", "LATE");
        }
        Recording mqtt = new Recording("mqtt", null);
        Recording kafka = new Recording("kafka", "ledger-item-entries");
        try (Connection writer = ledger.connect(LedgerDatabase.ROLES.writer(), LedgerDatabase.ROLES.writerPassword())) {
            List<DeadLetterRedrive.StoredLetter> released = DeadLetterRedrive.select(writer,
                    new DeadLetterRedrive.Selection("ORDER_NOT_RELEASED", null, null, false, 100));
            assertEquals(List.of("order/RPO-7/journal-1", "order/RPO-8/journal-2", "order/RPO-8/ledger"),
                    released.stream().map(DeadLetterRedrive.StoredLetter::idempotencyKey).toList());
            assertEquals(Map.of("kafka:journal-lines", 2, "skipped: not a posting input", 1),
                    DeadLetterRedrive.redrive(writer, released, mqtt, kafka, "supervisor anna"));
            assertEquals(List.of("journal-lines order/RPO-7/journal-1", "journal-lines order/RPO-8/journal-2"),
                    kafka.sent);

            // Once re-driven, a letter is not selected again, unless asked for.
            assertEquals(List.of("order/RPO-8/ledger"), DeadLetterRedrive.select(writer,
                    new DeadLetterRedrive.Selection("ORDER_NOT_RELEASED", null, null, false, 100)).stream()
                    .map(DeadLetterRedrive.StoredLetter::idempotencyKey).toList());
            assertEquals(List.of("order/RPO-8/journal-2"), DeadLetterRedrive.select(writer,
                    new DeadLetterRedrive.Selection("ORDER_NOT_RELEASED", "posting", "order/RPO-8/j", true, 100))
                    .stream().map(DeadLetterRedrive.StoredLetter::idempotencyKey).toList());

            List<DeadLetterRedrive.StoredLetter> unknown = DeadLetterRedrive.select(writer,
                    new DeadLetterRedrive.Selection("UNKNOWN_MACHINE", "mqtt-bridge", "mqtt/plant/s/a/L1/", false, 10));
            assertEquals(Map.of("mqtt:plant/s/a/L1/M-9/counter/good", 1),
                    DeadLetterRedrive.redrive(writer, unknown, mqtt, kafka, "ledger_writer"));
            assertEquals(List.of("plant/s/a/L1/M-9/counter/good mqtt/plant/s/a/L1/M-9/counter/good/UNKNOWN_MACHINE/1"),
                    mqtt.sent);
            assertEquals(Map.of("skipped: no MQTT connection given", 1), DeadLetterRedrive.redrive(writer,
                    DeadLetterRedrive.select(writer, new DeadLetterRedrive.Selection("UNKNOWN_MACHINE", null, null,
                            true, 10)), null, kafka, "ledger_writer"));
        }
        assertEquals(List.of("order/RPO-7/journal-1 kafka:journal-lines supervisor anna",
                        "order/RPO-8/journal-2 kafka:journal-lines supervisor anna",
                        "mqtt/plant/s/a/L1/M-9/counter/good/UNKNOWN_MACHINE/1 mqtt:plant/s/a/L1/M-9/counter/good "
                                + "ledger_writer"),
                ledger.query("SELECT d.idempotency_key, r.target, r.requested_by FROM dead_letter_redrive r "
                        + "JOIN dead_letter d ON d.id = r.dead_letter_id ORDER BY r.id"));
        assertEquals("a reason code is required (e.g. UNKNOWN_MACHINE)", assertThrows(IllegalArgumentException.class,
                () -> new DeadLetterRedrive.Selection(" ", null, null, false, 1)).getMessage());
    }

    @Test
    void theCommandRefusesUnknownOptionsAndNeedsAReason() {
        assertEquals("unknown argument --password=secret", assertThrows(IllegalArgumentException.class,
                () -> RedriveCommand.parse(new String[] {"--jdbc-url=x", "--reason=R", "--password=secret"}))
                .getMessage());
        assertEquals("--reason= is required", assertThrows(IllegalArgumentException.class,
                () -> RedriveCommand.parse(new String[] {"--jdbc-url=x"})).getMessage());
        assertEquals(Map.of("jdbc-url", "x", "reason", "LATE", "dry-run", "true"),
                RedriveCommand.parse(new String[] {"--jdbc-url=x", "--reason=LATE", "--dry-run=true"}));
    }

    private static void insert(Connection owner, String id, String topic, String stage, String reason)
            throws Exception {
        try (PreparedStatement statement = owner.prepareStatement("INSERT INTO dead_letter (idempotency_key, "
                + "source_topic, key, payload, reason_code, reason_detail, failed_at, stage, attempt, content_hash) "
                + "VALUES (?, ?, ?, ?, ?, '', now(), ?, 1, '\\x00')")) {
            statement.setString(1, id);
            statement.setString(2, topic);
            statement.setBytes(3, "key".getBytes(StandardCharsets.UTF_8));
            statement.setBytes(4, id.getBytes(StandardCharsets.UTF_8));
            statement.setString(5, reason);
            statement.setString(6, stage);
            statement.execute();
        }
    }

    /** A target that keeps "topic payload" of what it was sent, refusing one topic. */
    private static final class Recording implements DeadLetterRedrive.Target {
        final List<String> sent = new ArrayList<>();
        private final String name;
        private final String refusedTopic;

        Recording(String name, String refusedTopic) {
            this.name = name;
            this.refusedTopic = refusedTopic;
        }

        @Override
        public String refusal(DeadLetterRedrive.StoredLetter letter) {
            return letter.sourceTopic().equals(refusedTopic) ? "not a posting input" : null;
        }

        @Override
        public String send(DeadLetterRedrive.StoredLetter letter) {
            sent.add(letter.sourceTopic() + " " + new String(letter.payload(), StandardCharsets.UTF_8));
            return name + ":" + letter.sourceTopic();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
