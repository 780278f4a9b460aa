package io.shopfloor.ledger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The database itself keeps the ledger append-only: privileges and a trigger refuse changes to posted rows. */
class AppendOnlyTest {
    @RegisterExtension
    static final LedgerDatabase POSTGRES = new LedgerDatabase();

    static LedgerDatabase.Ledger ledger;

    @BeforeAll
    static void oneEntry() throws Exception {
        ledger = POSTGRES.newLedger();
        try (LedgerWriter writer = new LedgerWriter(ledger.jdbcUrl(), LedgerDatabase.ROLES.writer(),
                LedgerDatabase.ROLES.writerPassword())) {
            writer.write(List.of(StoreRow.of(LedgerTable.PRODUCTION_ORDER_STATUS_HISTORY, "RPO-1/status", "RPO-1",
                    "RPO-1", "FIRM_PLANNED", "RELEASED", java.time.LocalDate.parse("2026-03-01"),
                    java.time.Instant.parse("2026-03-01T00:00:00Z"))));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"UPDATE production_order_status_history SET to_status = 'FINISHED'",
            "DELETE FROM production_order_status_history",
            "TRUNCATE production_order_status_history",
            "UPDATE item_ledger_entry SET quantity = 0",
            "DELETE FROM value_entry"})
    void thePipelineAndTheReportingRoleCannotChangeTheLedger(String change) throws Exception {
        for (String[] role : List.of(new String[] {LedgerDatabase.ROLES.writer(), LedgerDatabase.ROLES.writerPassword()},
                new String[] {LedgerDatabase.ROLES.reporting(), LedgerDatabase.ROLES.reportingPassword()})) {
            try (Connection connection = ledger.connect(role[0], role[1]);
                 Statement statement = connection.createStatement()) {
                SQLException refused = assertThrows(SQLException.class, () -> statement.execute(change), role[0]);
                assertEquals("42501", refused.getSQLState(), role[0] + ": " + refused.getMessage());
            }
        }
        assertEquals(List.of("RPO-1 RELEASED"), ledger.query("SELECT order_no, to_status FROM production_order_status_history"));
    }

    @Test
    void aRoleGrantedMoreByMistakeIsStillRefusedByTheTrigger() throws Exception {
        // The owner grants the pipeline UPDATE and DELETE, as a careless administrator might.
        try (Connection owner = ledger.connect(LedgerDatabase.OWNER, "");
             Statement statement = owner.createStatement()) {
            statement.execute("GRANT UPDATE, DELETE ON production_order_status_history TO " + LedgerDatabase.ROLES.writer());
        }
        try (Connection connection = ledger.connect(LedgerDatabase.ROLES.writer(), LedgerDatabase.ROLES.writerPassword());
             Statement statement = connection.createStatement()) {
            SQLException refused = assertThrows(SQLException.class,
                    () -> statement.execute("UPDATE production_order_status_history SET to_status = 'FINISHED'"));
            assertTrue(refused.getMessage().contains("the ledger is append-only"), refused.getMessage());
        } finally {
            try (Connection owner = ledger.connect(LedgerDatabase.OWNER, "");
                 Statement statement = owner.createStatement()) {
                statement.execute("REVOKE UPDATE, DELETE ON production_order_status_history FROM "
                        + LedgerDatabase.ROLES.writer());
            }
        }
        assertEquals(List.of("RPO-1 RELEASED"), ledger.query("SELECT order_no, to_status FROM production_order_status_history"));
    }

    @Test
    void theReportingRoleReadsTheViewsButNeitherWritesNorReadsTheTables() throws Exception {
        try (Connection connection = ledger.connect(LedgerDatabase.ROLES.reporting(),
                LedgerDatabase.ROLES.reportingPassword());
             Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT * FROM production_order_statistics").close();
            statement.executeQuery("SELECT * FROM machine_oee_by_shift").close();
            assertEquals("42501", assertThrows(SQLException.class, () -> statement.execute(
                    "INSERT INTO dead_letter (idempotency_key, source_topic, payload, reason_code, reason_detail, "
                            + "failed_at, stage, attempt, content_hash) VALUES ('x', 't', '\\x00', 'R', 'r', now(), "
                            + "'s', 0, 'h')")).getSQLState());
            assertEquals("42501", assertThrows(SQLException.class,
                    () -> statement.executeQuery("SELECT * FROM item_ledger_entry")).getSQLState());
        }
    }
}
