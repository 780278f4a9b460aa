package io.shopfloor.ledger;

import io.shopfloor.posting.gl.GeneralPostingSetup;
import io.shopfloor.posting.gl.GlAccountType;
import io.shopfloor.posting.gl.GlEntry;
import io.shopfloor.posting.gl.GlSetup;
import io.shopfloor.posting.gl.InventoryCostToGl;
import io.shopfloor.posting.gl.InventoryPostingSetup;
import io.shopfloor.posting.ledger.ItemLedgerEntryType;
import io.shopfloor.posting.ledger.OrderType;
import io.shopfloor.posting.ledger.ValueEntry;
import io.shopfloor.posting.ledger.ValueEntryType;
import io.shopfloor.posting.model.CapacityType;
import io.shopfloor.posting.model.CostBucket;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * V12 (docs/general-ledger.md): example 1 posted by the job into the store, its value entries read back and turned
 * into G/L entries by the rules, stored as the pipeline role; the trial balance, the WIP report, the inventory
 * valuation and the reconciliation read as the cost controllers' reporting role.
 */
class GeneralLedgerViewsTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
    @RegisterExtension
    static final LedgerDatabase POSTGRES = new LedgerDatabase();

    private static final String INSERT = "INSERT INTO general_ledger_entry (idempotency_key, value_entry_key, "
            + "posting_date, document_no, account_no, account_type, amount, expected_cost, order_no, location_code, "
            + "inventory_posting_group, gen_bus_posting_group, gen_prod_posting_group, event_time, content_hash) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING";

    static LedgerDatabase.Ledger ledger;

    @BeforeAll
    static void postExample1() throws Exception {
        ledger = POSTGRES.newLedger();
        Example1LedgerStoreTest.run(ledger, UnaryOperator.identity());
    }

    /** Set A's posting groups: FG-100 FINISHED (2120/2121), components RAW MAT (2130/2131), one WIP account 2140. */
    private static GlSetup glSetup() {
        Map<GlAccountType, String> variances = Map.of(GlAccountType.MATERIAL_VARIANCE, "7890",
                GlAccountType.CAPACITY_VARIANCE, "7891", GlAccountType.SUBCONTRACTED_VARIANCE, "7892",
                GlAccountType.CAPACITY_OVERHEAD_VARIANCE, "7893", GlAccountType.MFG_OVERHEAD_VARIANCE, "7894");
        Map<GlAccountType, String> finished = new java.util.HashMap<>(variances);
        finished.putAll(Map.of(GlAccountType.INVENTORY, "2120", GlAccountType.INVENTORY_INTERIM, "2121",
                GlAccountType.WIP, "2140"));
        Map<GlAccountType, String> raw = new java.util.HashMap<>(variances);
        raw.putAll(Map.of(GlAccountType.INVENTORY, "2130", GlAccountType.INVENTORY_INTERIM, "2131",
                GlAccountType.WIP, "2140"));
        Map<GlAccountType, String> general = Map.of(GlAccountType.DIRECT_COST_APPLIED, "7791",
                GlAccountType.OVERHEAD_APPLIED, "7792", GlAccountType.INVENTORY_ADJMT, "7270");
        return new GlSetup(true, "")
                .item("FG-100", "FINISHED", "RETAIL").item("STEEL", "RAW MAT", "RAW MAT")
                .item("BOLT", "RAW MAT", "RAW MAT").item("PAINT", "RAW MAT", "RAW MAT")
                .capacity(CapacityType.WORK_CENTER, "WC-CUT", "MANUFACT")
                .capacity(CapacityType.MACHINE_CENTER, "MC-ASSY", "MANUFACT")
                .put(new InventoryPostingSetup("MAIN", "FINISHED", finished))
                .put(new InventoryPostingSetup("MAIN", "RAW MAT", raw))
                .put(new GeneralPostingSetup("", "MANUFACT", general))
                .put(new GeneralPostingSetup("", "RETAIL", general));
    }

    @Test
    void glEntriesOfTheStoredValueEntriesBalanceAndReconcile() throws Exception {
        List<ValueEntry> valueEntries = storedValueEntries();
        assertEquals(21, valueEntries.size());
        assertEquals(List.of("19"), reporting("SELECT count(*) FROM value_entry_not_posted_to_gl"),
                "every value entry with actual cost (all but the two outputs at expected cost) waits for the G/L");

        List<GlEntry> entries = InventoryCostToGl.postAll(valueEntries, glSetup());
        store(entries);
        store(entries); // a replay: the idempotency keys keep each G/L entry once
        assertEquals(List.of(String.valueOf(entries.size())), ledger.query("SELECT count(*) FROM general_ledger_entry"));
        assertEquals(List.of("0"), reporting("SELECT count(*) FROM value_entry_not_posted_to_gl"));

        assertEquals(List.of(
                        "2120 2026-03-01 2026-03-31 797.65 16.65 781.00 781.00",
                        "2121 2026-03-01 2026-03-31 781.00 781.00 0.00 0.00",
                        "2130 2026-03-01 2026-03-31 0.00 464.45 -464.45 -464.45",
                        "2140 2026-03-01 2026-03-31 1578.65 1578.65 0.00 0.00",
                        "7791 2026-03-01 2026-03-31 0.00 286.00 -286.00 -286.00",
                        "7792 2026-03-01 2026-03-31 0.00 47.20 -47.20 -47.20",
                        "7890 2026-03-01 2026-03-31 9.45 0.00 9.45 9.45",
                        "7891 2026-03-01 2026-03-31 6.00 0.00 6.00 6.00",
                        "7893 2026-03-01 2026-03-31 1.20 0.00 1.20 1.20"),
                reporting("SELECT account_no, period_start, period_end, debit_amount, credit_amount, net_change, "
                        + "balance_at_end FROM trial_balance ORDER BY account_no, period_start"));
        assertEquals(List.of("3173.95 3173.95 0.00"), reporting("SELECT sum(debit_amount), sum(credit_amount), "
                + "sum(net_change) FROM trial_balance"));

        assertEquals(List.of("INVENTORY 316.55 316.55 0.00", "INVENTORY_INTERIM 0.00 0.00 0.00", "WIP 0.00 0.00 0.00"),
                reporting("SELECT account_type, gl_amount, ledger_amount, difference FROM inventory_to_gl_reconciliation"));
    }

    @Test
    void wipReportAndInventoryValuationComeFromTheValueEntries() throws Exception {
        assertEquals(List.of("RPO-1001 2026-03-01 2026-03-31 0 464.45 286.00 47.20 797.65 0.00"),
                reporting("SELECT order_no, period_start, period_end, starting_wip, consumption, capacity, "
                        + "capacity_overhead, output, ending_wip FROM production_order_wip_report"));
        assertEquals(List.of(
                        "BOLT MAIN -400.00000 -40.00 0.00",
                        "FG-100 MAIN 100.00000 781.00 0.00",
                        "PAINT MAIN -5.00000 -100.00 0.00",
                        "STEEL MAIN -216.30000 -324.45 0.00"),
                reporting("SELECT item_no, location_code, quantity, cost_amount_actual, cost_amount_expected "
                        + "FROM inventory_valuation ORDER BY item_no"));
    }

    @Test
    void glEntriesAreAppendOnlyAndTheReportingRoleReadsOnlyTheViews() throws Exception {
        try (Connection writer = ledger.connect(LedgerDatabase.ROLES.writer(), LedgerDatabase.ROLES.writerPassword());
             Statement statement = writer.createStatement()) {
            SQLException refused = assertThrows(SQLException.class,
                    () -> statement.execute("UPDATE general_ledger_entry SET amount = 0"));
            assertEquals("42501", refused.getSQLState(), refused.getMessage());
        }
        SQLException refused = assertThrows(SQLException.class,
                () -> reporting("SELECT count(*) FROM general_ledger_entry"));
        assertEquals("42501", refused.getSQLState(), refused.getMessage());
        assertEquals(List.of("t"), reporting("SELECT count(*) >= 0 FROM export_general_ledger_entry"));
    }

    private static List<String> reporting(String sql) throws SQLException {
        return ledger.query(LedgerDatabase.ROLES.reporting(), LedgerDatabase.ROLES.reportingPassword(), sql);
    }

    /** The store's value entries as the rules' records (what a G/L poster reading the store would see). */
    private static List<ValueEntry> storedValueEntries() throws SQLException {
        List<ValueEntry> entries = new ArrayList<>();
        try (Connection connection = ledger.connect(LedgerDatabase.ROLES.writer(),
                LedgerDatabase.ROLES.writerPassword());
             Statement statement = connection.createStatement();
             ResultSet r = statement.executeQuery("SELECT * FROM value_entry ORDER BY entry_no")) {
            while (r.next()) {
                entries.add(new ValueEntry(r.getLong("entry_no"), r.getString("idempotency_key"),
                        (Long) r.getObject("item_ledger_entry_no"), (Long) r.getObject("capacity_ledger_entry_no"),
                        ValueEntryType.valueOf(r.getString("entry_type")),
                        blankToNull(r.getString("variance_type"), CostBucket.class),
                        blankToNull(r.getString("item_ledger_entry_type"), ItemLedgerEntryType.class),
                        blankToNull(r.getString("type"), CapacityType.class), r.getString("no"),
                        r.getString("item_no"), blankToNull(r.getString("order_type"), OrderType.class),
                        r.getString("order_no"), r.getInt("order_line_no"), r.getString("source_no"),
                        r.getString("location_code"), r.getBigDecimal("valued_quantity"),
                        r.getBigDecimal("invoiced_quantity"), r.getBigDecimal("item_ledger_entry_quantity"),
                        r.getBigDecimal("cost_amount_actual"), r.getBigDecimal("cost_amount_expected"),
                        r.getBigDecimal("cost_per_unit"), r.getBoolean("expected_cost"), r.getBoolean("inventoriable"),
                        r.getDate("posting_date").toLocalDate(), r.getDate("valuation_date").toLocalDate(),
                        r.getString("document_no"), r.getString("source_code"), r.getBoolean("adjustment")));
            }
        }
        return entries;
    }

    private static <E extends Enum<E>> E blankToNull(String value, Class<E> type) {
        return value == null || value.isBlank() ? null : Enum.valueOf(type, value);
    }

    private static void store(List<GlEntry> entries) throws Exception {
        try (Connection connection = ledger.connect(LedgerDatabase.ROLES.writer(),
                LedgerDatabase.ROLES.writerPassword());
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (GlEntry e : entries) {
                insert.setString(1, e.idempotencyKey());
                insert.setString(2, e.valueEntryKey());
                insert.setObject(3, e.postingDate());
                insert.setString(4, e.documentNo());
                insert.setString(5, e.accountNo());
                insert.setString(6, e.accountType().name());
                insert.setBigDecimal(7, e.amount());
                insert.setBoolean(8, e.expectedCost());
                insert.setString(9, e.orderNo());
                insert.setString(10, e.locationCode());
                insert.setString(11, e.inventoryPostingGroup());
                insert.setString(12, e.genBusPostingGroup());
                insert.setString(13, e.genProdPostingGroup());
                insert.setTimestamp(14, Timestamp.from(Instant.parse("2026-03-03T00:00:00Z")));
                insert.setBytes(15, MessageDigest.getInstance("SHA-256")
                        .digest(e.toString().getBytes(StandardCharsets.UTF_8)));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
