package io.shopfloor.ledger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The writer against a real PostgreSQL: values arrive exactly as given (binary COPY of numerics, dates, instants,
 * text, JSON and bytes), replays are no-ops, changed content is recorded and never applied, references resolve to
 * the store's entry numbers within a batch and across batches, and a reference that does not resolve refuses the
 * whole batch.
 */
class LedgerWriterTest {
    @RegisterExtension
    static final LedgerDatabase POSTGRES = new LedgerDatabase();

    private static final LocalDate DATE = LocalDate.parse("2026-03-02");
    private static final Instant TIME = Instant.parse("2026-03-02T08:00:00.123456789Z");

    @Test
    void valuesAreStoredExactlyAsGiven() throws Exception {
        LedgerDatabase.Ledger ledger = POSTGRES.newLedger();
        List<BigDecimal> amounts = List.of(new BigDecimal("0.00"), new BigDecimal("-0.01"), new BigDecimal("12345.5"),
                new BigDecimal("0.00001"), new BigDecimal("1E+3"), new BigDecimal("-98765432109876543210.12"),
                new BigDecimal("10000"), new BigDecimal("0.5"));
        List<StoreRow> rows = new ArrayList<>();
        for (int i = 0; i < amounts.size(); i++) {
            rows.add(warehouseEntry("K" + i, i + 1L, amounts.get(i), "Bin Ä/€ " + i));
        }
        rows.add(StoreRow.of(LedgerTable.PRODUCTION_ORDER_COST_PLAN, "RPO-1/plan", "RPO-1", "RPO-1", "RELEASED", DATE,
                new BigDecimal("2.5"), "[{\"cost_bucket\":\"MATERIAL\",\"standard_cost\":455.00}]", "[]", "[]", TIME));
        rows.add(StoreRow.of(LedgerTable.DEAD_LETTER, "dl-1", "machine-counters", 3, 42L, null,
                new byte[] {0, (byte) 0xff, 7}, -5L, "BAD_PAYLOAD", "not JSON", TIME, "bridge", 0));
        try (LedgerWriter writer = writer(ledger)) {
            assertEquals(new LedgerWriter.BatchResult(10, 0, List.of()), writer.write(rows));
        }
        assertEquals(List.of("K0 0.00000 Bin Ä/€ 0 2026-03-02 2026-03-02 08:00:00.123457",
                        "K1 -0.01000 Bin Ä/€ 1 2026-03-02 2026-03-02 08:00:00.123457",
                        "K2 12345.50000 Bin Ä/€ 2 2026-03-02 2026-03-02 08:00:00.123457",
                        "K3 0.00001 Bin Ä/€ 3 2026-03-02 2026-03-02 08:00:00.123457",
                        "K4 1000.00000 Bin Ä/€ 4 2026-03-02 2026-03-02 08:00:00.123457",
                        "K5 -98765432109876543210.12000 Bin Ä/€ 5 2026-03-02 2026-03-02 08:00:00.123457",
                        "K6 10000.00000 Bin Ä/€ 6 2026-03-02 2026-03-02 08:00:00.123457",
                        "K7 0.50000 Bin Ä/€ 7 2026-03-02 2026-03-02 08:00:00.123457"),
                ledger.query("SELECT idempotency_key, quantity, bin_code, registering_date, "
                        + "event_time AT TIME ZONE 'UTC' FROM warehouse_entry ORDER BY entry_no"));
        assertEquals(List.of("2.50000 MATERIAL 455.00"), ledger.query("SELECT expected_capacity_need, "
                + "cost_rows->0->>'cost_bucket', cost_rows->0->>'standard_cost' FROM production_order_cost_plan"));
        assertEquals(List.of("3 42 null \\x00ff07 -5 0"), ledger.query("SELECT source_partition, source_offset, key, "
                + "payload, payload_schema_fingerprint, attempt FROM dead_letter"));
        assertEquals(List.of(rows.get(0).contentHashHex()),
                ledger.query("SELECT encode(content_hash, 'hex') FROM warehouse_entry WHERE idempotency_key = 'K0'"));
    }

    @Test
    void aReplayIsANoOpAndChangedContentIsRecordedNeverApplied() throws Exception {
        LedgerDatabase.Ledger ledger = POSTGRES.newLedger();
        try (LedgerWriter writer = writer(ledger)) {
            assertEquals(new LedgerWriter.BatchResult(2, 0, List.of()), writer.write(List.of(
                    warehouseEntry("A", 1L, BigDecimal.ONE, "B1"), warehouseEntry("B", 2L, BigDecimal.TEN, "B1"))));
            StoreRow changed = warehouseEntry("B", 2L, new BigDecimal("11"), "B1");
            // A replay of A, B with other content (twice: recorded once), a new C, and C again within the batch.
            LedgerWriter.BatchResult result = writer.write(List.of(warehouseEntry("A", 1L, BigDecimal.ONE, "B1"),
                    changed, changed, warehouseEntry("C", 3L, BigDecimal.ONE, "B1"),
                    warehouseEntry("C", 3L, BigDecimal.ONE, "B1")));
            assertEquals(new LedgerWriter.BatchResult(1, 2, List.of("B", "B")), result);
        }
        assertEquals(List.of("A 1.00000", "B 10.00000", "C 1.00000"),
                ledger.query("SELECT idempotency_key, quantity FROM warehouse_entry ORDER BY entry_no"));
        List<String> conflicts = ledger.query("SELECT ledger_table, idempotency_key, stored_hash <> replayed_hash, "
                + "replayed_content FROM posting_conflict");
        assertEquals(1, conflicts.size(), conflicts::toString);
        assertTrue(conflicts.get(0).startsWith("warehouse_entry B t idempotency_key=B; source_key=RPO-1; "
                + "source_entry_no=2; location_code=MAIN; bin_code=B1;"), conflicts.get(0));
        assertTrue(conflicts.get(0).contains("; quantity=11; "), conflicts.get(0));
    }

    @Test
    void referencesResolveToTheStoresEntryNumbersWithinAndAcrossBatches() throws Exception {
        LedgerDatabase.Ledger ledger = POSTGRES.newLedger();
        // Another order first, so that the store's numbers differ from the job's.
        try (LedgerWriter writer = writer(ledger)) {
            writer.write(List.of(item("RPO-0", 1L, null), item("RPO-0", 2L, 1L)));
            // Order RPO-1: entry 2 applies to entry 1 in the same batch; value entries name entries 1 and 2.
            writer.write(List.of(item("RPO-1", 1L, null), item("RPO-1", 2L, 1L), value("RPO-1", 1L, 1L)));
            writer.write(List.of(value("RPO-1", 2L, 2L), item("RPO-1", 3L, 2L)));
        }
        assertEquals(List.of("RPO-0/ILE1 null", "RPO-0/ILE2 RPO-0/ILE1", "RPO-1/ILE1 null", "RPO-1/ILE2 RPO-1/ILE1",
                        "RPO-1/ILE3 RPO-1/ILE2"),
                ledger.query("SELECT i.idempotency_key, a.idempotency_key FROM item_ledger_entry i "
                        + "LEFT JOIN item_ledger_entry a ON a.entry_no = i.applies_to_entry ORDER BY i.entry_no"));
        assertEquals(List.of("RPO-1/VE1 RPO-1/ILE1", "RPO-1/VE2 RPO-1/ILE2"),
                ledger.query("SELECT v.idempotency_key, i.idempotency_key FROM value_entry v "
                        + "JOIN item_ledger_entry i ON i.entry_no = v.item_ledger_entry_no ORDER BY v.entry_no"));
    }

    @Test
    void aReferenceThatDoesNotResolveRefusesTheWholeBatch() throws Exception {
        LedgerDatabase.Ledger ledger = POSTGRES.newLedger();
        try (LedgerWriter writer = writer(ledger)) {
            SQLException refused = assertThrows(SQLException.class,
                    () -> writer.write(List.of(item("RPO-1", 1L, null), value("RPO-1", 1L, 7L))));
            assertEquals("23503", refused.getSQLState(), refused.getMessage());
            assertTrue(refused.getMessage().contains(
                    "value_entry RPO-1/VE1 names item_ledger_entry 7 of its order, which the store does not have"),
                    refused.getMessage());
            // The writer goes on after the refusal: the same connection, its staging tables empty again.
            assertEquals(new LedgerWriter.BatchResult(1, 0, List.of()), writer.write(List.of(item("RPO-1", 1L, null))));
        }
        assertEquals(List.of("1 0"), ledger.query("SELECT (SELECT count(*) FROM item_ledger_entry), "
                + "(SELECT count(*) FROM value_entry)"));
    }

    /**
     * A batch is first written as if all its keys were new (item entries straight into their table by COPY); one
     * that holds a stored key is rolled back and written again skipping stored keys, and so are the batches after
     * it until one holds only new keys.
     */
    @Test
    void aBatchWithStoredKeysIsWrittenAgainSkippingThemAndNewBatchesAfterItAreWhole() throws Exception {
        LedgerDatabase.Ledger ledger = POSTGRES.newLedger();
        try (LedgerWriter writer = writer(ledger)) {
            assertEquals(new LedgerWriter.BatchResult(2, 0, List.of()),
                    writer.write(List.of(item("RPO-1", 1L, null), value("RPO-1", 1L, 1L))));
            // The replayed item entry is skipped; the new value entry names it, the new item entry follows it.
            assertEquals(new LedgerWriter.BatchResult(2, 1, List.of()), writer.write(List.of(item("RPO-1", 1L, null),
                    item("RPO-1", 2L, null), value("RPO-1", 2L, 1L))));
            assertEquals(new LedgerWriter.BatchResult(3, 0, List.of()), writer.write(List.of(item("RPO-2", 1L, null),
                    item("RPO-2", 2L, null), value("RPO-2", 1L, 2L))));
            assertEquals(new LedgerWriter.BatchResult(0, 2, List.of()),
                    writer.write(List.of(item("RPO-2", 1L, null), item("RPO-2", 2L, null))));
        }
        // In batch order (numbers drawn by a rolled-back attempt are gaps, as those of skipped replays always were).
        assertEquals(List.of("RPO-1/ILE1", "RPO-1/ILE2", "RPO-2/ILE1", "RPO-2/ILE2"),
                ledger.query("SELECT idempotency_key FROM item_ledger_entry ORDER BY entry_no"));
        assertEquals(List.of("RPO-1/VE1 RPO-1/ILE1", "RPO-1/VE2 RPO-1/ILE1", "RPO-2/VE1 RPO-2/ILE2"),
                ledger.query("SELECT v.idempotency_key, i.idempotency_key FROM value_entry v "
                        + "JOIN item_ledger_entry i ON i.entry_no = v.item_ledger_entry_no ORDER BY v.entry_no"));
        assertEquals(List.of("0"), ledger.query("SELECT count(*) FROM posting_conflict"));
    }

    /**
     * V18: a value entry's item and capacity entries are checked per statement for every insert, not only the
     * writer's (which resolves them itself), and an entry a value entry names stays, even for the owner.
     */
    @Test
    void everyInsertedValueEntryNamesStoredEntriesAndTheNamedEntriesStay() throws Exception {
        LedgerDatabase.Ledger ledger = POSTGRES.newLedger();
        try (LedgerWriter writer = writer(ledger)) {
            writer.write(List.of(item("RPO-1", 1L, null), item("RPO-1", 2L, null), value("RPO-1", 1L, 1L)));
        }
        String insert = "INSERT INTO value_entry (idempotency_key, source_key, source_entry_no, item_ledger_entry_no, "
                + "capacity_ledger_entry_no, order_line_no, valued_quantity, invoiced_quantity, "
                + "item_ledger_entry_quantity, cost_amount_actual, cost_amount_expected, cost_per_unit, expected_cost, "
                + "inventoriable, posting_date, valuation_date, adjustment, event_time, content_hash) VALUES "
                + "('RPO-1/VE9', 'RPO-1', 9, %s, %s, 10000, 1, 0, 1, 0, 0, 0, true, true, DATE '2026-03-02', "
                + "DATE '2026-03-02', false, now(), '\\x00'), "
                + "('RPO-1/VE8', 'RPO-1', 8, 1, NULL, 10000, 1, 0, 1, 0, 0, 0, true, true, DATE '2026-03-02', "
                + "DATE '2026-03-02', false, now(), '\\x00')";
        try (Connection connection = ledger.connect(LedgerDatabase.ROLES.writer(),
                LedgerDatabase.ROLES.writerPassword()); Statement statement = connection.createStatement()) {
            SQLException noItem = assertThrows(SQLException.class,
                    () -> statement.execute(String.format(insert, "77", "NULL")));
            assertEquals("23503", noItem.getSQLState(), noItem.getMessage());
            assertTrue(noItem.getMessage().contains("value entry RPO-1/VE9 names item entry 77 / capacity entry "
                    + "<NULL>, which the store does not have"), noItem.getMessage());
            SQLException noCapacity = assertThrows(SQLException.class,
                    () -> statement.execute(String.format(insert, "NULL", "5")));
            assertTrue(noCapacity.getMessage().contains("value entry RPO-1/VE9 names item entry <NULL> / capacity "
                    + "entry 5, which the store does not have"), noCapacity.getMessage());
            statement.execute(String.format(insert, "2", "NULL"));
        }
        try (Connection connection = ledger.connect(LedgerDatabase.OWNER, "");
             Statement statement = connection.createStatement()) {
            SQLException deleted = assertThrows(SQLException.class,
                    () -> statement.execute("DELETE FROM item_ledger_entry WHERE entry_no = 2"));
            assertEquals("23503", deleted.getSQLState(), deleted.getMessage());
            assertTrue(deleted.getMessage().contains("item_ledger_entry 2 is named by a value entry: it stays"),
                    deleted.getMessage());
            SQLException renumbered = assertThrows(SQLException.class,
                    () -> statement.execute("UPDATE item_ledger_entry SET entry_no = DEFAULT WHERE entry_no = 1"));
            assertTrue(renumbered.getMessage().contains("item_ledger_entry 1 is named by a value entry: it stays"),
                    renumbered.getMessage());
        }
        assertEquals(List.of("RPO-1/VE1 1", "RPO-1/VE9 2", "RPO-1/VE8 1"), ledger.query(
                "SELECT idempotency_key, item_ledger_entry_no FROM value_entry ORDER BY entry_no"));
        assertEquals(List.of("1", "2"), ledger.query("SELECT entry_no FROM item_ledger_entry ORDER BY entry_no"));
    }

    private static LedgerWriter writer(LedgerDatabase.Ledger ledger) throws SQLException {
        return new LedgerWriter(ledger.jdbcUrl(), LedgerDatabase.ROLES.writer(), LedgerDatabase.ROLES.writerPassword());
    }

    private static StoreRow warehouseEntry(String key, long entryNo, BigDecimal quantity, String bin) {
        return StoreRow.of(LedgerTable.WAREHOUSE_ENTRY, key, "RPO-1", entryNo, "MAIN", bin, "FG-100", "", quantity,
                quantity, "PCS", "POSITIVE_ADJMT", "RPO-1", 10000, 0, "", DATE, TIME);
    }

    private static StoreRow item(String order, long entryNo, Long appliesTo) {
        BigDecimal quantity = appliesTo == null ? BigDecimal.TEN : BigDecimal.TEN.negate();
        return StoreRow.of(LedgerTable.ITEM_LEDGER_ENTRY, order + "/ILE" + entryNo, order, entryNo, "FG-100", "", DATE,
                "OUTPUT", "FG-100", order, "", "MAIN", quantity, quantity, BigDecimal.ZERO, true, appliesTo == null,
                appliesTo, "PRODUCTION", order, 10000, 0, "PCS", BigDecimal.ONE, false, "MACHINE",
                new BigDecimal("78.10"), BigDecimal.ZERO, TIME, null);
    }

    private static StoreRow value(String order, long entryNo, long itemEntryNo) {
        return StoreRow.of(LedgerTable.VALUE_ENTRY, order + "/VE" + entryNo, order, entryNo, itemEntryNo, null,
                "DIRECT_COST", null, "OUTPUT", null, "", "FG-100", "PRODUCTION", order, 10000, "FG-100", "MAIN",
                BigDecimal.TEN, BigDecimal.ZERO, BigDecimal.TEN, BigDecimal.ZERO, new BigDecimal("78.10"),
                new BigDecimal("7.81"), true, true, DATE, DATE, order, "MACHINE", false, TIME, null, "", "RETAIL",
                "FINISHED", "PROD", "");
    }

    /** A stop entry of a center (no order) in the job's numbering; a re-coding's reversal names its stop. */
    private static StoreRow stop(long entryNo, String stopTime, String stopCode, Long appliesTo, String postedBy) {
        BigDecimal time = new BigDecimal(stopTime);
        return StoreRow.of(LedgerTable.CAPACITY_LEDGER_ENTRY, "capacity/WC-CUT/CLE" + entryNo, "capacity/WC-CUT",
                entryNo, null, "WORK_CENTER", "WC-CUT", "Cutting", "WC-CUT", null, false, time, time, true,
                BigDecimal.ZERO, BigDecimal.ZERO, time, null, null, null, null, BigDecimal.ZERO, BigDecimal.ZERO, null,
                null, "NONE", null, 0, null, 0, DATE, DATE, "STOP-1", null, null, null, null, null, stopCode, null,
                false, TIME, postedBy, appliesTo);
    }

    /** The content hash as the writer computed it before V15 added columns: over the columns it knew. */
    private static String hashBeforeV15(StoreRow row) throws Exception {
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        digest.update(row.table().tableName().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        CopyBuffer encoded = new CopyBuffer(1024);
        List<LedgerTable.Column> columns = row.table().columns();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).content() && columns.get(i).hashedWhenNull()) {
                encoded.clear();
                columns.get(i).type().encode(row.value(i), encoded);
                digest.update(encoded.array(), 0, encoded.size());
            }
        }
        return java.util.HexFormat.of().formatHex(digest.digest());
    }

    /**
     * V15: the person who posted and a stop's reversal naming the stop (resolved to the store's number like every
     * reference); an entry stored before V15 (no person) keeps its content hash, so its replay is no conflict.
     */
    @Test
    void postedByAndTheStopAReversalNamesAreStoredAndOlderEntriesKeepTheirHash() throws Exception {
        LedgerDatabase.Ledger ledger = POSTGRES.newLedger();
        StoreRow machineStop = stop(1, "20", null, null, null);
        StoreRow reversal = stop(2, "-20", null, 1L, "olga");
        StoreRow jam = stop(3, "20", "JAM", null, "olga");
        assertEquals(hashBeforeV15(machineStop), machineStop.contentHashHex(), "no person: the hash of before V15");
        assertTrue(!hashBeforeV15(jam).equals(jam.contentHashHex()), "a person is content");
        try (LedgerWriter writer = writer(ledger)) {
            writer.write(List.of(item("RPO-0", 1L, null), stop(9, "1", "X", null, null))); // store numbers differ
            assertEquals(new LedgerWriter.BatchResult(3, 0, List.of()), writer.write(List.of(machineStop, reversal,
                    jam)));
            assertEquals(new LedgerWriter.BatchResult(0, 3, List.of()), writer.write(List.of(machineStop, reversal,
                    jam)), "a replay is a no-op");
        }
        assertEquals(List.of("capacity/WC-CUT/CLE1 20.00000 null null null",
                        "capacity/WC-CUT/CLE2 -20.00000 null capacity/WC-CUT/CLE1 olga",
                        "capacity/WC-CUT/CLE3 20.00000 JAM null olga"),
                ledger.query("SELECT e.idempotency_key, e.stop_time, e.stop_code, a.idempotency_key, e.posted_by "
                        + "FROM capacity_ledger_entry e LEFT JOIN capacity_ledger_entry a "
                        + "ON a.entry_no = e.applies_to_entry WHERE e.source_entry_no <> 9 "
                        + "ORDER BY e.source_entry_no"));
        assertEquals(List.of("null"), ledger.query("SELECT posted_by FROM item_ledger_entry"));
    }
}
