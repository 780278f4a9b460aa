package io.shopfloor.ledger;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * V13 and {@link BusinessCentralExport}: example 1 posted by the job into the store, plus one capacity entry without
 * an order (maintenance stop time), exported as the cost controllers' reporting role into the files of Business
 * Central's output, consumption and capacity journals (contents exact), and the comparison views.
 */
class BusinessCentralExportTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
    @RegisterExtension
    static final LedgerDatabase POSTGRES = new LedgerDatabase();

    private static final LocalDate MARCH_1 = LocalDate.parse("2026-03-01");
    private static final LocalDate MARCH_31 = LocalDate.parse("2026-03-31");

    static LedgerDatabase.Ledger ledger;

    @BeforeAll
    static void postExample1AndAMaintenanceStop() throws Exception {
        ledger = POSTGRES.newLedger();
        Example1LedgerStoreTest.run(ledger, UnaryOperator.identity());
        // As a capacity journal line of the rules would store it: 45 minutes of stop time on MC-ASSY, no order.
        try (Connection owner = ledger.connect(LedgerDatabase.OWNER, "");
             Statement statement = owner.createStatement()) {
            statement.execute("INSERT INTO capacity_ledger_entry (idempotency_key, source_key, source_entry_no, "
                    + "type, no, description, work_center_no, subcontracting, quantity, invoiced_quantity, "
                    + "completely_invoiced, setup_time, run_time, stop_time, cap_unit_of_measure_code, "
                    + "qty_per_cap_unit_of_measure, output_quantity, scrap_quantity, order_type, order_line_no, "
                    + "routing_reference_no, posting_date, document_date, document_no, starting_time, ending_time, "
                    + "concurrent_capacity, work_shift_code, stop_code, last_output_line, event_time, content_hash) "
                    + "VALUES ('MAINT-7/capacity/1772452800000/CLE1', 'capacity', 1, 'MACHINE_CENTER', 'MC-ASSY', "
                    + "'MC-ASSY', 'WC-ASSY', false, 0, 0, true, 0, 0, 45, 'MINUTES', 1, 0, 0, 'NONE', 0, 0, "
                    + "'2026-03-02', '2026-03-02', 'MAINT-7', '2026-03-02T12:00:00Z', '2026-03-02T12:45:00Z', 1, "
                    + "'DAY', 'REPAIR', false, '2026-03-02T12:50:00Z', '\\x00')");
        }
    }

    /** The journal lines' consumption entries: each line is keyed by the lowest key of its item entries. */
    private static final String STEEL_1 = "CUT-1/RPO-1001/10000/10/1772418600000/ILE1";
    private static final String BOLT = "MC-ASSY/RPO-1001/10000/20/1772427600000/ILE1";
    private static final String STEEL_2 = "CUT-1/RPO-1001/10000/10/finish/1772432760000/ILE1";
    private static final String PAINT = "MC-ASSY/RPO-1001/10000/20/finish/1772439000000/finish/ILE1";

    /**
     * The documented External Document No. of a line keyed {@code key} (V16, docs/general-ledger.md): 'SF' and the
     * first 33 hex digits of the key's SHA-256, upper case. Computed here independently of the SQL function.
     */
    static String documentNo(String key) {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "SF" + java.util.HexFormat.of().withUpperCase().formatHex(hash).substring(0, 33);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The two key columns at the end of a journal line: External Document No. and Shopfloor Key. */
    private static String keys(String key) {
        return documentNo(key) + "," + key;
    }

    @Test
    void exportWritesExample1AsBusinessCentralJournalLines(@TempDir Path directory) throws Exception {
        BusinessCentralExport.Result result = exportAsReporting(MARCH_1, MARCH_31, directory);
        assertEquals(Map.of("output_journal", 4L, "consumption_journal", 4L, "capacity_journal", 1L,
                "capacity_ledger_entry_comparison", 5L, "value_entry_comparison", 11L), result.rows());
        assertEquals(0, result.externalDocumentNosTooLong(), "every External Document No. has 35 characters");

        String output = "OUTPUT,DEFAULT,%d,Output,2026-03-02,RPO-1001,Production,RPO-1001,10000,FG-100,,MAIN,R-100,"
                + "10000,";
        assertEquals(List.of("Journal Template Name,Journal Batch Name,Line No.,Entry Type,Posting Date,Document No.,"
                        + "Order Type,Order No.,Order Line No.,Item No.,Variant Code,Location Code,Routing No.,"
                        + "Routing Reference No.,Operation No.,Type,No.,Setup Time,Run Time,Stop Time,"
                        + "Cap. Unit of Measure Code,Output Quantity,Scrap Quantity,Scrap Code,Stop Code,"
                        + "Unit of Measure Code,Starting Time,Ending Time,Concurrent Capacity,Work Shift Code,"
                        + "External Document No.,Shopfloor Key",
                String.format(output, 10000) + "10,Work Center,WC-CUT,30.00000,120.00000,0.00000,MINUTES,60.00000,"
                        + "0.00000,,,PCS,00:00:00,02:30:00,1.00000,DAY,"
                        + keys("CUT-1/RPO-1001/10000/10/1772418600000/CLE1"),
                String.format(output, 20000) + "20,Machine Center,MC-ASSY,0.00000,60.00000,0.00000,MINUTES,"
                        + "60.00000,0.00000,,,PCS,02:30:00,05:00:00,1.00000,DAY,"
                        + keys("MC-ASSY/RPO-1001/10000/20/1772427600000/CLE1"),
                String.format(output, 30000) + "10,Work Center,WC-CUT,0.00000,86.00000,0.00000,MINUTES,40.00000,"
                        + "3.00000,,,PCS,05:00:00,06:26:00,1.00000,DAY,"
                        + keys("CUT-1/RPO-1001/10000/10/finish/1772432760000/CLE1"),
                String.format(output, 40000) + "20,Machine Center,MC-ASSY,0.00000,40.00000,0.00000,MINUTES,"
                        + "40.00000,0.00000,,,PCS,07:30:00,08:10:00,1.00000,DAY,"
                        + keys("MC-ASSY/RPO-1001/10000/20/finish/1772439000000/CLE1")),
                Files.readAllLines(directory.resolve("output_journal.csv")));

        // STEEL flushed with operation 10 in each posting window (the second with the scrap's 6.3 kg: 84 + 6.3),
        // BOLT with operation 20, PAINT backward-flushed at finish (no operation).
        String consumption = "CONSUMP,DEFAULT,%d,Consumption,2026-03-02,RPO-1001,Production,RPO-1001,10000,";
        assertEquals(List.of("Journal Template Name,Journal Batch Name,Line No.,Entry Type,Posting Date,Document No.,"
                        + "Order Type,Order No.,Order Line No.,Prod. Order Comp. Line No.,Item No.,Variant Code,"
                        + "Location Code,Operation No.,Quantity,Unit of Measure Code,External Document No.,"
                        + "Shopfloor Key",
                String.format(consumption, 10000) + "10000,STEEL,,MAIN,10,126.00000,KG,"
                        + keys(STEEL_1),
                String.format(consumption, 20000) + "20000,BOLT,,MAIN,20,400.00000,PCS,"
                        + keys(BOLT),
                String.format(consumption, 30000) + "10000,STEEL,,MAIN,10,90.30000,KG,"
                        + keys(STEEL_2),
                String.format(consumption, 40000) + "30000,PAINT,,MAIN,,5.00000,L,"
                        + keys(PAINT)),
                Files.readAllLines(directory.resolve("consumption_journal.csv")));
        String consumptionJson = "{\"Journal Template Name\":\"CONSUMP\",\"Journal Batch Name\":\"DEFAULT\","
                + "\"Line No.\":%d,\"Entry Type\":\"Consumption\",\"Posting Date\":\"2026-03-02\","
                + "\"Document No.\":\"RPO-1001\",\"Order Type\":\"Production\",\"Order No.\":\"RPO-1001\","
                + "\"Order Line No.\":10000,\"Prod. Order Comp. Line No.\":%d,\"Item No.\":\"%s\","
                + "\"Variant Code\":null,\"Location Code\":\"MAIN\",\"Operation No.\":%s,\"Quantity\":%s,"
                + "\"Unit of Measure Code\":\"%s\",\"External Document No.\":\"%s\",\"Shopfloor Key\":\"%s\"}";
        assertEquals(List.of("[",
                        String.format(consumptionJson, 10000, 10000, "STEEL", "\"10\"", "126.00000", "KG",
                                documentNo(STEEL_1), STEEL_1) + ",",
                        String.format(consumptionJson, 20000, 20000, "BOLT", "\"20\"", "400.00000", "PCS",
                                documentNo(BOLT), BOLT) + ",",
                        String.format(consumptionJson, 30000, 10000, "STEEL", "\"10\"", "90.30000", "KG",
                                documentNo(STEEL_2), STEEL_2) + ",",
                        String.format(consumptionJson, 40000, 30000, "PAINT", "null", "5.00000", "L",
                                documentNo(PAINT), PAINT),
                        "]"),
                Files.readAllLines(directory.resolve("consumption_journal.json")));
        List<String> outputJson = Files.readAllLines(directory.resolve("output_journal.json"));
        assertEquals(6, outputJson.size());
        assertEquals("{\"Journal Template Name\":\"OUTPUT\",\"Journal Batch Name\":\"DEFAULT\",\"Line No.\":30000,"
                + "\"Entry Type\":\"Output\",\"Posting Date\":\"2026-03-02\",\"Document No.\":\"RPO-1001\","
                + "\"Order Type\":\"Production\",\"Order No.\":\"RPO-1001\",\"Order Line No.\":10000,"
                + "\"Item No.\":\"FG-100\",\"Variant Code\":null,\"Location Code\":\"MAIN\",\"Routing No.\":\"R-100\","
                + "\"Routing Reference No.\":10000,\"Operation No.\":\"10\",\"Type\":\"Work Center\","
                + "\"No.\":\"WC-CUT\",\"Setup Time\":0.00000,\"Run Time\":86.00000,\"Stop Time\":0.00000,"
                + "\"Cap. Unit of Measure Code\":\"MINUTES\",\"Output Quantity\":40.00000,\"Scrap Quantity\":3.00000,"
                + "\"Scrap Code\":null,\"Stop Code\":null,\"Unit of Measure Code\":\"PCS\","
                + "\"Starting Time\":\"05:00:00\",\"Ending Time\":\"06:26:00\",\"Concurrent Capacity\":1.00000,"
                + "\"Work Shift Code\":\"DAY\",\"External Document No.\":\""
                + documentNo("CUT-1/RPO-1001/10000/10/finish/1772432760000/CLE1") + "\",\"Shopfloor Key\":\""
                + "CUT-1/RPO-1001/10000/10/finish/1772432760000/CLE1\"},", outputJson.get(3));

        assertEquals(List.of("Journal Template Name,Journal Batch Name,Line No.,Posting Date,Document No.,Type,No.,"
                        + "Work Shift Code,Starting Time,Ending Time,Concurrent Capacity,Setup Time,Run Time,"
                        + "Stop Time,Cap. Unit of Measure Code,Stop Code,External Document No.,Shopfloor Key",
                "CAPACITY,DEFAULT,10000,2026-03-02,MAINT-7,Machine Center,MC-ASSY,DAY,12:00:00,12:45:00,1.00000,"
                        + "0.00000,0.00000,45.00000,MINUTES,REPAIR," + keys("MAINT-7/capacity/1772452800000/CLE1")),
                Files.readAllLines(directory.resolve("capacity_journal.csv")));
    }

    @Test
    void everyExternalDocumentNoHas35CharactersAndIsUniqueAlsoForLongKeys(@TempDir Path directory)
            throws Exception {
        assertDocumentNosFitAndAreUnique(exportAsReporting(MARCH_1, MARCH_31, directory), directory, 9);

        // Keys of any length, and keys that differ only beyond the 35th character.
        LedgerDatabase.Ledger longKeys = POSTGRES.newLedger();
        String machine = "PRESS-LINE-4-STATION-12-SPINDLE-3-WITH-A-VERY-LONG-GATEWAY-NAME";
        try (Connection owner = longKeys.connect(LedgerDatabase.OWNER, "");
             Statement statement = owner.createStatement()) {
            int entryNo = 1;
            for (String key : List.of(machine + "/capacity/1772452800000/CLE1",
                    machine + "/capacity/1772452800000/CLE2", machine + "/capacity/1772452860000/CLE1",
                    "M/capacity/1/CLE1")) {
                statement.execute("INSERT INTO capacity_ledger_entry (idempotency_key, source_key, source_entry_no, "
                        + "type, no, description, work_center_no, subcontracting, quantity, invoiced_quantity, "
                        + "completely_invoiced, setup_time, run_time, stop_time, cap_unit_of_measure_code, "
                        + "qty_per_cap_unit_of_measure, output_quantity, scrap_quantity, order_type, order_line_no, "
                        + "routing_reference_no, posting_date, document_date, document_no, starting_time, "
                        + "ending_time, concurrent_capacity, work_shift_code, stop_code, last_output_line, "
                        + "event_time, content_hash) VALUES ('" + key + "', 'capacity', " + entryNo++ + ", "
                        + "'MACHINE_CENTER', 'MC-ASSY', 'MC-ASSY', 'WC-ASSY', false, 0, 0, true, 0, 0, 45, "
                        + "'MINUTES', 1, 0, 0, 'NONE', 0, 0, '2026-03-02', '2026-03-02', 'MAINT-7', "
                        + "'2026-03-02T12:00:00Z', '2026-03-02T12:45:00Z', 1, 'DAY', 'REPAIR', false, "
                        + "'2026-03-02T12:50:00Z', '\\x00')");
            }
        }
        BusinessCentralExport.Result result;
        try (Connection connection = longKeys.connect(LedgerDatabase.ROLES.reporting(),
                LedgerDatabase.ROLES.reportingPassword())) {
            result = BusinessCentralExport.export(connection, MARCH_1, MARCH_31, directory.resolve("long"));
        }
        assertDocumentNosFitAndAreUnique(result, directory.resolve("long"), 4);
    }

    /** Every journal line's External Document No. is 'SF' + 33 hex digits of its Shopfloor Key, and unique. */
    private static void assertDocumentNosFitAndAreUnique(BusinessCentralExport.Result result, Path directory,
                                                         int lines) throws Exception {
        assertEquals(0, result.externalDocumentNosTooLong());
        java.util.Set<String> documentNos = new java.util.HashSet<>();
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (String journal : BusinessCentralExport.JOURNALS.keySet()) {
            List<String> rows = Files.readAllLines(directory.resolve(journal + ".csv"));
            List<String> header = List.of(rows.get(0).split(",", -1));
            int documentNo = header.indexOf("External Document No.");
            int key = header.indexOf("Shopfloor Key");
            for (String row : rows.subList(1, rows.size())) {
                String[] fields = row.split(",", -1);
                assertEquals(35, fields[documentNo].length(), row);
                assertEquals(documentNo(fields[key]), fields[documentNo], row);
                assertTrue(documentNos.add(fields[documentNo]), "unique: " + row);
                assertTrue(keys.add(fields[key]), "unique key: " + row);
            }
        }
        assertEquals(lines, documentNos.size());
    }

    @Test
    void comparisonViewsGiveTheCapacityAndValueEntriesAsBusinessCentralShowsThem(@TempDir Path directory)
            throws Exception {
        exportAsReporting(MARCH_1, MARCH_31, directory);
        // Direct and overhead cost per capacity entry: WC-CUT at 1.00 + 0.20 per minute, MC-ASSY at 0.50.
        String entry = "%d,2026-03-02,%s,%s,Production,RPO-1001,10000,R-100,";
        assertEquals(List.of("Entry No.,Posting Date,Document No.,External Document No.,Order Type,Order No.,"
                        + "Order Line No.,Routing No.,Operation No.,Type,No.,Work Center No.,Item No.,Quantity,"
                        + "Setup Time,Run Time,Stop Time,Cap. Unit of Measure Code,Output Quantity,Scrap Quantity,"
                        + "Direct Cost,Overhead Cost,Shopfloor Key",
                String.format(entry, 1, "RPO-1001", documentNo("CUT-1/RPO-1001/10000/10/1772418600000/CLE1"))
                        + "10,Work Center,WC-CUT,WC-CUT,FG-100,150.00000,30.00000,120.00000,0.00000,MINUTES,"
                        + "60.00000,0.00000,150.00,30.00,CUT-1/RPO-1001/10000/10/1772418600000/CLE1",
                String.format(entry, 2, "RPO-1001", documentNo("MC-ASSY/RPO-1001/10000/20/1772427600000/CLE1"))
                        + "20,Machine Center,MC-ASSY,WC-ASSY,FG-100,60.00000,0.00000,60.00000,0.00000,MINUTES,"
                        + "60.00000,0.00000,30.00,0.00,MC-ASSY/RPO-1001/10000/20/1772427600000/CLE1",
                String.format(entry, 3, "RPO-1001", documentNo("CUT-1/RPO-1001/10000/10/finish/1772432760000/CLE1"))
                        + "10,Work Center,WC-CUT,WC-CUT,FG-100,86.00000,0.00000,86.00000,0.00000,MINUTES,"
                        + "40.00000,3.00000,86.00,17.20,CUT-1/RPO-1001/10000/10/finish/1772432760000/CLE1",
                String.format(entry, 4, "RPO-1001", documentNo("MC-ASSY/RPO-1001/10000/20/finish/1772439000000/CLE1"))
                        + "20,Machine Center,MC-ASSY,WC-ASSY,FG-100,40.00000,0.00000,40.00000,0.00000,MINUTES,"
                        + "40.00000,0.00000,20.00,0.00,MC-ASSY/RPO-1001/10000/20/finish/1772439000000/CLE1",
                "5,2026-03-02,MAINT-7," + documentNo("MAINT-7/capacity/1772452800000/CLE1")
                        + ",,,0,,,Machine Center,MC-ASSY,WC-ASSY,,"
                        + "0.00000,0.00000,0.00000,45.00000,MINUTES,0.00000,0.00000,0.00,0.00,"
                        + "MAINT-7/capacity/1772452800000/CLE1"),
                Files.readAllLines(directory.resolve("capacity_ledger_entry_comparison.csv")));
        // The statistics' actual cost per bucket: material 464.45, capacity 286.00, capacity overhead 47.20, and the
        // adjustment's output at 797.65 with the variances against the standard cost of 781.00.
        assertEquals(List.of("Order No.,Posting Date,Item Ledger Entry Type,Entry Type,Variance Type,Type,No.,"
                        + "Item No.,Adjustment,Entries,Valued Quantity,Cost Amount (Actual),Cost Amount (Expected)",
                "RPO-1001,2026-03-02,Consumption,Direct Cost,,,,BOLT,No,1,-400.00000,-40.00,0.00",
                "RPO-1001,2026-03-02,Consumption,Direct Cost,,,,PAINT,No,1,-5.00000,-100.00,0.00",
                "RPO-1001,2026-03-02,Consumption,Direct Cost,,,,STEEL,No,3,-216.30000,-324.45,0.00",
                "RPO-1001,2026-03-02,Output,Direct Cost,,,,FG-100,No,2,100.00000,0.00,781.00",
                "RPO-1001,2026-03-02,,Direct Cost,,Machine Center,MC-ASSY,FG-100,No,2,100.00000,50.00,0.00",
                "RPO-1001,2026-03-02,,Direct Cost,,Work Center,WC-CUT,FG-100,No,2,236.00000,236.00,0.00",
                "RPO-1001,2026-03-02,,Indirect Cost,,Work Center,WC-CUT,FG-100,No,2,236.00000,47.20,0.00",
                "RPO-1001,2026-03-02,Output,Direct Cost,,,,FG-100,Yes,2,100.00000,797.65,-781.00",
                "RPO-1001,2026-03-02,Output,Variance,Capacity,,,FG-100,Yes,2,100.00000,-6.00,0.00",
                "RPO-1001,2026-03-02,Output,Variance,Capacity Overhead,,,FG-100,Yes,2,100.00000,-1.20,0.00",
                "RPO-1001,2026-03-02,Output,Variance,Material,,,FG-100,Yes,2,100.00000,-9.45,0.00"),
                Files.readAllLines(directory.resolve("value_entry_comparison.csv")));
    }

    @Test
    void datesWithoutEntriesGiveHeadersOnlyAndNoKeyIsTooLong(@TempDir Path directory) throws Exception {
        BusinessCentralExport.Result result = exportAsReporting(LocalDate.parse("2026-03-03"), MARCH_31, directory);
        assertEquals(Map.of("output_journal", 0L, "consumption_journal", 0L, "capacity_journal", 0L,
                "capacity_ledger_entry_comparison", 0L, "value_entry_comparison", 0L), result.rows());
        assertEquals(List.of("[]"), Files.readAllLines(directory.resolve("output_journal.json")));
        assertEquals(1, Files.readAllLines(directory.resolve("output_journal.csv")).size());

        BusinessCentralExport.Result day = exportAsReporting(LocalDate.parse("2026-03-02"),
                LocalDate.parse("2026-03-02"), directory.resolve("day"));
        assertEquals(String.format("%8d rows -> %s (and .json)%n%8d rows -> %s (and .json)%n"
                                + "%8d rows -> %s (and .json)%n%8d rows -> %s%n%8d rows -> %s%n",
                        4, Path.of("bc", "output_journal.csv"), 4, Path.of("bc", "consumption_journal.csv"),
                        1, Path.of("bc", "capacity_journal.csv"),
                        5, Path.of("bc", "capacity_ledger_entry_comparison.csv"),
                        11, Path.of("bc", "value_entry_comparison.csv")),
                BusinessCentralExport.summary(day, Path.of("bc")));
    }

    @Test
    void theReportingRoleReadsTheExportViewsButNotTheTables() {
        SQLException refused = assertThrows(SQLException.class, () -> ledger.query(LedgerDatabase.ROLES.reporting(),
                LedgerDatabase.ROLES.reportingPassword(), "SELECT count(*) FROM capacity_ledger_entry"));
        assertEquals("42501", refused.getSQLState(), refused.getMessage());
    }

    private static BusinessCentralExport.Result exportAsReporting(LocalDate from, LocalDate to, Path directory)
            throws Exception {
        try (Connection connection = ledger.connect(LedgerDatabase.ROLES.reporting(),
                LedgerDatabase.ROLES.reportingPassword())) {
            return BusinessCentralExport.export(connection, from, to, directory);
        }
    }
}
