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

    /**
     * A login that is not the tables' owner, granted every privilege on every ledger table (an administrator's
     * account, a careless grant), can neither change nor remove a row of any of them, nor switch the guard off.
     */
    @Test
    void aLoginThatIsNotTheOwnerCannotChangeAnyLedgerTableWhateverItWasGranted() throws Exception {
        List<String> tables = ledger.query("SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                + "WHERE t.tgname LIKE '%\\_append\\_only' ORDER BY 1");
        assertTrue(tables.containsAll(List.of("capacity_ledger_entry", "dead_letter", "item_ledger_entry",
                "machine_kpi", "posting_conflict", "production_order_cost_plan", "production_order_status_history",
                "value_entry", "warehouse_entry", "warehouse_request")), tables::toString);
        try (Connection owner = ledger.connect(LedgerDatabase.OWNER, "");
             Statement statement = owner.createStatement()) {
            statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'plant_admin') THEN "
                    + "CREATE ROLE plant_admin LOGIN PASSWORD 'plant-admin-secret'; END IF; END $$");
            statement.execute("GRANT ALL ON ALL TABLES IN SCHEMA public TO plant_admin");
        }
        try (Connection admin = ledger.connect("plant_admin", "plant-admin-secret");
             Statement statement = admin.createStatement()) {
            for (String table : tables) {
                String column = ledger.query("SELECT column_name FROM information_schema.columns WHERE table_name = '"
                        + table + "' AND is_identity = 'NO' AND is_generated = 'NEVER' ORDER BY ordinal_position LIMIT 1").get(0);
                for (String change : List.of("UPDATE " + table + " SET " + column + " = " + column,
                        "DELETE FROM " + table,
                        "TRUNCATE " + table + " CASCADE", "ALTER TABLE " + table + " DISABLE TRIGGER USER",
                        "DROP TRIGGER " + table + "_append_only ON " + table)) {
                    SQLException refused = assertThrows(SQLException.class, () -> statement.execute(change), change);
                    assertEquals("42501", refused.getSQLState(), change + ": " + refused.getMessage());
                }
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
