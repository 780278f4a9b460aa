package io.shopfloor.ledger;

import io.shopfloor.job.Example1Plant;
import io.shopfloor.job.Example1Plant.Timed;
import io.shopfloor.job.PostingJob;
import io.shopfloor.job.machine.MachineInput;
import io.shopfloor.job.masterdata.MasterDataChange;
import io.shopfloor.posting.model.Item;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.Map;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spec example 1 played as machine signals through the posting job into a real PostgreSQL ledger store: the
 * statistics view gives the example's table, WIP is zero, references between entries use the store's numbers, and
 * a replay adds nothing while a replay with other content is recorded as conflicts.
 */
class Example1LedgerStoreTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
    @RegisterExtension
    static final LedgerDatabase POSTGRES = new LedgerDatabase();

    static LedgerDatabase.Ledger ledger;

    @BeforeAll
    static void postExample1() throws Exception {
        ledger = POSTGRES.newLedger();
        run(ledger, UnaryOperator.identity());
    }

    @Test
    void statisticsViewGivesTheExamplesTable() throws Exception {
        assertEquals(List.of(
                        "MATERIAL 455.00 455.00 464.45 2.0769 9.45",
                        "CAPACITY 280.00 280.00 286.00 2.1429 6.00",
                        "SUBCONTRACTED 0.00 0.00 0.00 0.0000 0.00",
                        "CAPACITY_OVERHEAD 46.00 46.00 47.20 2.6087 1.20",
                        "MANUFACTURING_OVERHEAD 0.00 0.00 0.00 0.0000 0.00",
                        "TOTAL 781.00 781.00 797.65 2.1319 16.65"),
                ledger.query("SELECT cost_bucket, standard_cost, expected_cost, actual_cost, deviation_pct, variance "
                        + "FROM production_order_statistics WHERE order_no = 'RPO-1001' ORDER BY row_no"));
        assertEquals(List.of("RPO-1001 0.00"), ledger.query("SELECT order_no, wip_amount FROM production_order_wip"));
        // Without ORDER BY: the view's own order, and when the order was finished.
        assertEquals(List.of("RPO-1001 MATERIAL t", "RPO-1001 CAPACITY t", "RPO-1001 SUBCONTRACTED t",
                        "RPO-1001 CAPACITY_OVERHEAD t", "RPO-1001 MANUFACTURING_OVERHEAD t",
                        "RPO-1001 TOTAL t"),
                ledger.query("SELECT order_no, cost_bucket, finished_at IS NOT NULL FROM production_order_statistics"));
    }

    @Test
    void entriesAreStoredOnceWithTheStoresNumbersInTheirReferences() throws Exception {
        assertEquals(List.of("item_ledger_entry 7", "capacity_ledger_entry 4", "value_entry 21",
                        "production_order_status_history 2", "production_order_cost_plan 2", "posting_conflict 0"),
                counts());
        assertEquals(List.of(
                        "CONSUMPTION STEEL -126.00000 0.00 -189.00",
                        "CONSUMPTION BOLT -400.00000 0.00 -40.00",
                        "OUTPUT FG-100 60.00000 468.60 0.00",
                        "CONSUMPTION STEEL -84.00000 0.00 -126.00",
                        "CONSUMPTION STEEL -6.30000 0.00 -9.45",
                        "OUTPUT FG-100 40.00000 312.40 0.00",
                        "CONSUMPTION PAINT -5.00000 0.00 -100.00"),
                ledger.query("SELECT entry_type, item_no, quantity, cost_amount_expected, cost_amount_actual "
                        + "FROM item_ledger_entry ORDER BY source_entry_no"));
        // Each value entry names, by the store's entry number, the entry the job numbered within the order.
        assertEquals(List.of("15 6 21"), ledger.query("SELECT count(i.entry_no), count(c.entry_no), count(*) "
                + "FROM value_entry v "
                + "LEFT JOIN item_ledger_entry i ON i.entry_no = v.item_ledger_entry_no "
                + "AND i.source_entry_no = (SELECT source_entry_no FROM item_ledger_entry WHERE entry_no = v.item_ledger_entry_no) "
                + "LEFT JOIN capacity_ledger_entry c ON c.entry_no = v.capacity_ledger_entry_no"));
        assertEquals(List.of("ILE 3 60.00000 478.59 -468.60", "ILE 6 40.00000 319.06 -312.40"),
                ledger.query("SELECT 'ILE', i.source_entry_no, v.valued_quantity, v.cost_amount_actual, "
                        + "v.cost_amount_expected FROM value_entry v JOIN item_ledger_entry i "
                        + "ON i.entry_no = v.item_ledger_entry_no WHERE v.adjustment AND v.entry_type = 'DIRECT_COST' "
                        + "ORDER BY v.source_entry_no"));
    }

    @Test
    void costControllerViewsSumTheCapacityLedgerAndTheConsumption() throws Exception {
        assertEquals(List.of(
                        "MACHINE_CENTER MC-ASSY 2026-03-02 0.00000 100.00000 0.00000 100.00000 0.00000",
                        "WORK_CENTER WC-CUT 2026-03-02 30.00000 206.00000 0.00000 100.00000 3.00000"),
                ledger.query("SELECT type, no, posting_date, setup_time, run_time, stop_time, output_quantity, "
                        + "scrap_quantity FROM capacity_ledger_by_center_and_day ORDER BY no"));
        assertEquals(List.of("10000 STEEL 210.00000 216.30000 6.30000", "20000 BOLT 400.00000 400.00000 0.00000",
                        "30000 PAINT 5.00000 5.00000 0.00000"),
                ledger.query("SELECT component_line_no, item_no, expected_qty_base, consumed_qty_base, "
                        + "deviation_qty_base FROM component_consumption_against_expected ORDER BY component_line_no"));
    }

    @Test
    void replayingTheInputAddsNothingAndChangedContentIsRecordedAsConflicts() throws Exception {
        LedgerDatabase.Ledger replayed = POSTGRES.newLedger();
        run(replayed, UnaryOperator.identity());
        List<String> before = replayed.query("SELECT entry_no, idempotency_key, content_hash FROM value_entry ORDER BY 1");

        run(replayed, UnaryOperator.identity());
        assertEquals(List.of("item_ledger_entry 7", "capacity_ledger_entry 4", "value_entry 21",
                "production_order_status_history 2", "production_order_cost_plan 2", "posting_conflict 0"),
                counts(replayed));

        // The same input with STEEL at 1.60 instead of 1.50: the same idempotency keys with other amounts.
        run(replayed, Example1LedgerStoreTest::steelAtOneSixty);
        assertEquals(before, replayed.query("SELECT entry_no, idempotency_key, content_hash FROM value_entry ORDER BY 1"),
                "stored entries unchanged");
        assertEquals(List.of("item_ledger_entry 7", "capacity_ledger_entry 4", "value_entry 21",
                "production_order_status_history 2", "production_order_cost_plan 2", "posting_conflict 12"),
                counts(replayed));
        // STEEL's 3 consumption entries and their value entries, the 4 adjustment entries of the outputs (direct cost
        // and material variance), and the 2 plans (expected material).
        List<String> conflicts = replayed.query("SELECT ledger_table, count(*) FROM posting_conflict GROUP BY 1 ORDER BY 1");
        assertEquals(List.of("item_ledger_entry 3", "production_order_cost_plan 2", "value_entry 7"), conflicts);
        assertTrue(replayed.query("SELECT replayed_content FROM posting_conflict WHERE ledger_table = 'value_entry' "
                + "ORDER BY 1").get(0).contains("cost_amount_actual=-"), "the replayed content is kept for people");
    }

    @Test
    void exportWritesTheLedgerBetweenTwoPostingDatesAsCsv(@TempDir Path directory) throws Exception {
        // As a cost controller's login: the reporting role, which may read the views only.
        try (Connection connection = ledger.connect(LedgerDatabase.ROLES.reporting(),
                LedgerDatabase.ROLES.reportingPassword())) {
            assertEquals(Map.of("item_ledger_entry", 7L, "capacity_ledger_entry", 4L, "value_entry", 21L,
                            "warehouse_entry", 0L),
                    LedgerExport.export(connection, LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-02"),
                            directory));
            assertEquals(Map.of("item_ledger_entry", 0L, "capacity_ledger_entry", 0L, "value_entry", 0L,
                            "warehouse_entry", 0L),
                    LedgerExport.export(connection, LocalDate.parse("2026-03-03"), LocalDate.parse("2026-03-31"),
                            directory.resolve("march")));
        }
        try (Connection connection = ledger.connect(LedgerDatabase.ROLES.reporting(),
                LedgerDatabase.ROLES.reportingPassword())) {
            LocalDate from = LocalDate.parse("2026-03-03");
            LocalDate to = LocalDate.parse("2026-03-31");
            LedgerExport.Result empty = LedgerExport.exportWithRange(connection, from, to, directory.resolve("none"));
            assertEquals(new LedgerExport.Result(Map.of("item_ledger_entry", 0L, "capacity_ledger_entry", 0L,
                    "value_entry", 0L, "warehouse_entry", 0L), LocalDate.parse("2026-03-02"),
                    LocalDate.parse("2026-03-02")), empty);
            assertTrue(LedgerExport.summary(empty, from, to, Path.of("none")).endsWith(
                    "no ledger entries with posting dates 2026-03-03 to 2026-03-31; the ledger holds posting dates "
                            + "2026-03-02 to 2026-03-02" + System.lineSeparator()));
            LedgerExport.Result day = LedgerExport.exportWithRange(connection, LocalDate.parse("2026-03-02"),
                    LocalDate.parse("2026-03-02"), directory.resolve("day"));
            assertEquals(String.format("%8d rows -> %s%n%8d rows -> %s%n%8d rows -> %s%n%8d rows -> %s%n"
                                    + "%8d rows with posting dates 2026-03-02 to 2026-03-02 "
                                    + "(the ledger holds 2026-03-02 to 2026-03-02)%n", 7, Path.of("day", "item_ledger_entry.csv"), 4,
                            Path.of("day", "capacity_ledger_entry.csv"), 21, Path.of("day", "value_entry.csv"), 0,
                            Path.of("day", "warehouse_entry.csv"), 32),
                    LedgerExport.summary(day, LocalDate.parse("2026-03-02"), LocalDate.parse("2026-03-02"),
                            Path.of("day")));
        }
        List<String> items = Files.readAllLines(directory.resolve("item_ledger_entry.csv"));
        assertEquals(8, items.size());
        assertTrue(items.get(0).startsWith("entry_no,idempotency_key,source_key,source_entry_no,item_no,"), items.get(0));
        assertTrue(items.get(1).contains(",RPO-1001,1,STEEL,,2026-03-02,CONSUMPTION,"), items.get(1));
    }

    private static List<String> counts() throws Exception {
        return counts(ledger);
    }

    private static List<String> counts(LedgerDatabase.Ledger target) throws Exception {
        return target.query("SELECT 'item_ledger_entry', count(*) FROM item_ledger_entry UNION ALL "
                + "SELECT 'capacity_ledger_entry', count(*) FROM capacity_ledger_entry UNION ALL "
                + "SELECT 'value_entry', count(*) FROM value_entry UNION ALL "
                + "SELECT 'production_order_status_history', count(*) FROM production_order_status_history UNION ALL "
                + "SELECT 'production_order_cost_plan', count(*) FROM production_order_cost_plan UNION ALL "
                + "SELECT 'posting_conflict', count(*) FROM posting_conflict");
    }

    static void run(LedgerDatabase.Ledger target, UnaryOperator<MasterDataChange> masterDataChange)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        List<Timed<MasterDataChange>> masterData = Example1Plant.masterData().stream()
                .map(t -> new Timed<>(masterDataChange.apply(t.value()), t.time())).toList();
        PostingJob.Outputs outputs = PostingJob.build(new PostingJob.Sources(
                env.fromData(Example1Plant.machineInputs(), TypeInformation.of(MachineInput.class))
                        .assignTimestampsAndWatermarks(WatermarkStrategy
                                .<MachineInput>forBoundedOutOfOrderness(Duration.ofMinutes(1))
                                .withTimestampAssigner((input, previous) -> input.eventTime().toEpochMilli())),
                Timed.source(env, Example1Plant.orderInputs(), PostingJob.ORDER_INPUT_TYPE),
                Timed.source(env, masterData, PostingJob.MASTER_DATA_TYPE)), Example1Plant.SETTINGS);
        LedgerStoreJob.attach(outputs, target.writerSettings());
        env.execute("example 1 into the ledger store");
    }

    private static MasterDataChange steelAtOneSixty(MasterDataChange change) {
        if (change.value() instanceof Item steel && steel.no().equals("STEEL")) {
            return MasterDataChange.of(new Item(steel.no(), steel.description(), steel.baseUnitOfMeasureCode(),
                    steel.costingMethod(), new BigDecimal("1.60"), steel.roundingPrecision(), steel.indirectCostPct(),
                    steel.overheadRate(), steel.singleLevelCost(), steel.variantMandatory(), steel.defaultBinCode()));
        }
        return change;
    }
}
