package io.shopfloor.job.operator;

import io.shopfloor.job.Example1GlSetup;
import io.shopfloor.job.Example1Plant.Timed;
import io.shopfloor.job.masterdata.MasterDataChange;
import io.shopfloor.job.order.HeldGlPostings;
import io.shopfloor.job.order.OrderAssembly;
import io.shopfloor.job.order.OrderInput;
import io.shopfloor.job.order.OrderLedger;
import io.shopfloor.job.order.PostedEntry;
import io.shopfloor.job.order.Rejection;
import io.shopfloor.posting.PostingSettings;
import io.shopfloor.posting.SetA;
import io.shopfloor.posting.gl.GeneralPostingSetup;
import io.shopfloor.posting.gl.GlAccountType;
import io.shopfloor.posting.gl.GlEntry;
import io.shopfloor.posting.journal.ConsumptionJournalLine;
import io.shopfloor.posting.model.ManufacturingSetup;
import io.shopfloor.posting.order.OrderDefinition;
import io.shopfloor.posting.order.OrderStatus;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The order stage posts the two G/L postings that need more than one value entry (docs/general-ledger.md): the WIP
 * write-off of an order finished without output, and the re-posting of value entries whose G/L posting was refused
 * once the setup is there. Flink's keyed broadcast harness, the rules' set A, example 1's G/L setup.
 */
class GeneralLedgerRepostAndWriteOffTest {
    private static final long DEFINED = 1_000;
    private static final long RELEASED = 2_000;

    private final SetA setA = new SetA();

    private static OrderPostingFunction function(int maxHeldGlPostings) {
        return new OrderPostingFunction(PostingSettings.DEFAULTS, OrderLedger.Settings.DEFAULTS,
                OrderPostingFunctionTest.RETENTION, OrderPostingFunctionTest.LATENESS, StateLimits.DEFAULTS)
                .withMaxHeldGlPostingsPerKey(maxHeldGlPostings);
    }

    private static KeyedBroadcastOperatorTestHarness<String, OrderInput, MasterDataChange, PostedEntry> harness(
            int maxHeldGlPostings) throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(function(maxHeldGlPostings),
                OrderInput::key, Types.STRING, OrderPostingFunction.MASTER_DATA);
    }

    /** A harness restored from a snapshot (with the broadcast master data). */
    private static KeyedBroadcastOperatorTestHarness<String, OrderInput, MasterDataChange, PostedEntry> restored(
            OperatorSubtaskState snapshot) throws Exception {
        var harness = new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(
                function(HeldGlPostings.DEFAULT_MAX_PER_KEY), List.of(OrderPostingFunction.MASTER_DATA)),
                OrderInput::key, Types.STRING, 1, 1, 0);
        harness.initializeState(snapshot);
        harness.open();
        return harness;
    }

    private static void masterData(KeyedBroadcastOperatorTestHarness<String, OrderInput, MasterDataChange,
            PostedEntry> harness, List<Timed<MasterDataChange>> changes) throws Exception {
        for (Timed<MasterDataChange> change : changes) {
            harness.processBroadcastElement(change.value(), 0);
        }
    }

    private void defineAndRelease(KeyedBroadcastOperatorTestHarness<String, OrderInput, MasterDataChange,
            PostedEntry> harness) throws Exception {
        defineAndRelease(harness, SetA.ORDER);
    }

    /** Set A's order under the given number (its lines, routing and components do not name the order). */
    private void defineAndRelease(KeyedBroadcastOperatorTestHarness<String, OrderInput, MasterDataChange,
            PostedEntry> harness, String orderNo) throws Exception {
        OrderDefinition definition = setA.definition();
        for (var l : definition.lines()) {
            harness.processElement(new OrderInput.Definition(orderNo, l, null, null, false, "cdc-l"), DEFINED);
        }
        for (var r : definition.routingLines()) {
            harness.processElement(new OrderInput.Definition(orderNo, null, r, null, false,
                    "cdc-r" + r.operationNo()), DEFINED);
        }
        for (var c : definition.components()) {
            harness.processElement(new OrderInput.Definition(orderNo, null, null, c, false,
                    "cdc-c" + c.lineNo()), DEFINED);
        }
        harness.processElement(new OrderInput.Header(new OrderAssembly.Header(orderNo, "FG-100 x 100", "FG-100",
                "MAIN", false), OrderStatus.RELEASED, false, "cdc-h1", SetA.D0), RELEASED);
    }

    /** {@link OrderPostingFunctionTest#line} of another order. */
    private static OrderInput.MachineLine line(String orderNo, String sourceId, String operationNo, String run,
                                               long output, boolean finished) {
        OrderInput.MachineLine line = OrderPostingFunctionTest.line(sourceId, operationNo, "0", run, output, 0,
                finished);
        var l = line.line();
        return new OrderInput.MachineLine(new io.shopfloor.job.machine.ReportedLine(l.sourceId(), l.kind(),
                l.machineId(), orderNo, l.orderLineNo(), l.operationNo(), l.startingTime(), l.endingTime(),
                l.postingDate(), l.workShiftCode(), l.setupMinutes(), l.runMinutes(), l.stopMinutes(), l.stopCode(),
                l.outputQuantity(), l.scrapQuantity(), l.finished(), l.operatorId()));
    }

    private static List<GlEntry> gl(KeyedBroadcastOperatorTestHarness<String, OrderInput, MasterDataChange,
            PostedEntry> harness) {
        return harness.extractOutputValues().stream().map(PostedEntry::glEntry).filter(java.util.Objects::nonNull)
                .toList();
    }

    private static List<String> letters(KeyedBroadcastOperatorTestHarness<String, OrderInput, MasterDataChange,
            PostedEntry> harness) {
        var records = harness.getSideOutput(OrderPostingFunction.REJECTED);
        return records == null ? List.of() : records.stream().map(StreamRecord::getValue)
                .map(r -> r.sourceId() + " " + r.reasonCode() + " " + r.detail()).toList();
    }

    /** What a store keyed by idempotency key holds: key to content; a second entry with a key is a replay. */
    private static Map<String, GlEntry> byKey(List<GlEntry> entries) {
        Map<String, GlEntry> store = new TreeMap<>();
        for (GlEntry entry : entries) {
            GlEntry before = store.putIfAbsent(entry.idempotencyKey(), entry);
            assertEquals(before == null ? entry : before, entry, "same key, same content: " + entry.idempotencyKey());
        }
        return store;
    }

    // --- the WIP write-off -------------------------------------------------------------------------------------

    /** Consumption of 2 L PAINT (40.00) and 20 minutes on WC-CUT (20.00 + 4.00), then finished without output. */
    private void finishWithoutOutput(KeyedBroadcastOperatorTestHarness<String, OrderInput, MasterDataChange,
            PostedEntry> harness) throws Exception {
        masterData(harness, Example1GlSetup.masterData(true));
        harness.processBroadcastElement(MasterDataChange.of(new ManufacturingSetup(true, true, true, "FLUSHING")), 0);
        // BC writes a consumption's WIP off to Inventory Adjmt. of its own general posting setup (RAW MAT).
        harness.processBroadcastElement(MasterDataChange.of(new GeneralPostingSetup("", "RAW MAT", Map.of(
                GlAccountType.INVENTORY_ADJMT, "7270"))), 0);
        defineAndRelease(harness);
        harness.processElement(new OrderInput.Consumption(new ConsumptionJournalLine("CONS", SetA.D1, "C-1",
                SetA.ORDER, SetA.LINE, 30000, new BigDecimal("2"), null), "olga"), 3_000);
        harness.processElement(OrderPostingFunctionTest.line("RUN", "10", "0", "20", 0, 0, false), 4_000);
        harness.processElement(new OrderInput.StatusChange(SetA.ORDER, OrderStatus.FINISHED, "finish", SetA.D2),
                5_000);
        harness.watermark(10_000);
    }

    @Test
    void anOrderFinishedWithoutOutputHasItsWipWrittenOffToInventoryAdjustmentOnce() throws Exception {
        List<GlEntry> first;
        try (var harness = harness(HeldGlPostings.DEFAULT_MAX_PER_KEY)) {
            finishWithoutOutput(harness);
            assertEquals(List.of(), letters(harness));
            first = gl(harness);
        }
        assertEquals(List.of(
                        "2130 0.00 40.00 -40.00",
                        "2140 64.00 64.00 0.00",
                        "7270 64.00 0.00 64.00",
                        "7791 0.00 20.00 -20.00",
                        "7792 0.00 4.00 -4.00"),
                Example1GlSetup.trialBalance(first), "WIP nets to 0.00, 64.00 on Inventory Adjmt.");
        // One pair per group, named by its latest value entry, on the finish's posting date.
        assertEquals(List.of(
                        "CONS/VE1/WO1 7270 40.00 2026-03-03 RAW MAT",
                        "CONS/VE1/WO2 2140 -40.00 2026-03-03 RAW MAT",
                        "RUN/VE2/WO1 7270 24.00 2026-03-03 MANUFACT",
                        "RUN/VE2/WO2 2140 -24.00 2026-03-03 MANUFACT"),
                first.stream().filter(e -> e.idempotencyKey().contains("/WO")).map(e -> e.idempotencyKey() + " "
                        + e.accountNo() + " " + e.amount() + " " + e.postingDate() + " " + e.genProdPostingGroup())
                        .toList());

        // A replay of the same inputs gives the same G/L entries under the same keys: a store adds no row.
        try (var replay = harness(HeldGlPostings.DEFAULT_MAX_PER_KEY)) {
            finishWithoutOutput(replay);
            assertEquals(byKey(first), byKey(gl(replay)));
            List<GlEntry> both = new ArrayList<>(first);
            both.addAll(gl(replay));
            assertEquals(byKey(first).size(), byKey(both).size());
        }
    }

    // --- re-posting after the setup is fixed -----------------------------------------------------------------

    /** Example 1's G/L setup without the general posting setup of MANUFACT: no capacity cost can post to G/L. */
    private static List<Timed<MasterDataChange>> withoutManufacturingGeneralPostingSetup() {
        return Example1GlSetup.masterData(true).stream().filter(change -> !(change.value().value()
                instanceof GeneralPostingSetup setup && setup.genProdPostingGroup().equals("MANUFACT"))).toList();
    }

    private static final GeneralPostingSetup MANUFACT = new GeneralPostingSetup("", "MANUFACT", Map.of(
            GlAccountType.DIRECT_COST_APPLIED, "7791", GlAccountType.OVERHEAD_APPLIED, "7792",
            GlAccountType.INVENTORY_ADJMT, "7270"));

    private void example1(KeyedBroadcastOperatorTestHarness<String, OrderInput, MasterDataChange, PostedEntry>
                                  harness) throws Exception {
        masterData(harness, withoutManufacturingGeneralPostingSetup());
        defineAndRelease(harness);
        harness.processElement(OrderPostingFunctionTest.line("E1", "10", "30", "120", 60, 0, false), 3_000);
        harness.processElement(OrderPostingFunctionTest.line("E2", "20", "0", "60", 60, 0, false), 4_000);
        harness.processElement(OrderPostingFunctionTest.line("E3", "10", "0", "86", 40, 3, true), 5_000);
        harness.processElement(OrderPostingFunctionTest.line("E4", "20", "0", "40", 40, 0, true), 6_000);
        harness.watermark(10_000);
    }

    @Test
    void valueEntriesRefusedForAMissingGeneralPostingSetupArePostedOnceTheRowArrives() throws Exception {
        OperatorSubtaskState refused;
        List<GlEntry> reposted;
        try (var harness = harness(HeldGlPostings.DEFAULT_MAX_PER_KEY)) {
            example1(harness);
            assertEquals(List.of(
                            "E1/VE2 GENERAL_POSTING_SETUP_MISSING '' x MANUFACT",
                            "E1/VE3 GENERAL_POSTING_SETUP_MISSING '' x MANUFACT",
                            "E2/VE2 GENERAL_POSTING_SETUP_MISSING '' x MANUFACT",
                            "E3/VE3 GENERAL_POSTING_SETUP_MISSING '' x MANUFACT",
                            "E3/VE4 GENERAL_POSTING_SETUP_MISSING '' x MANUFACT",
                            "E4/VE1 GENERAL_POSTING_SETUP_MISSING '' x MANUFACT"),
                    letters(harness), "one letter per capacity value entry (direct, and indirect on WC-CUT)");
            int before = gl(harness).size();
            refused = harness.snapshot(1, 20_000);

            harness.processBroadcastElement(MasterDataChange.of(MANUFACT), 30_000);
            List<GlEntry> all = gl(harness);
            reposted = all.subList(before, all.size());
            assertEquals(Example1GlSetup.TRIAL_BALANCE, Example1GlSetup.trialBalance(all),
                    "example 1's G/L to the cent once the capacity is posted");
            assertEquals(List.of(
                            "2140 333.20 0.00 333.20",
                            "7791 0.00 286.00 -286.00",
                            "7792 0.00 47.20 -47.20"),
                    Example1GlSetup.trialBalance(reposted), "capacity direct 286.00 and indirect 47.20, to the cent");
            // Named by its value entry and carrying its posting event time and the keys it would have had.
            assertEquals(12, reposted.size());
            assertEquals("E1/VE2/GL1 2140 150.00 E1/VE2 2", reposted.get(0).idempotencyKey() + " "
                    + reposted.get(0).accountNo() + " " + reposted.get(0).amount() + " "
                    + reposted.get(0).valueEntryKey() + " " + reposted.get(0).valueEntryNo());

            // Posted once: another setup change, and the key's next timer, post nothing more.
            harness.processBroadcastElement(MasterDataChange.of(MANUFACT), 40_000);
            harness.processElement(OrderPostingFunctionTest.line("LATE", "20", "0", "1", 0, 0, false), 50_000);
            harness.watermark(60_000);
            assertEquals(all.size(), gl(harness).size());
        }

        // Restored from the checkpoint taken while they were held: the row posts the same entries, once.
        try (var restored = restored(refused)) {
            restored.processBroadcastElement(MasterDataChange.of(MANUFACT), 30_000);
            assertEquals(byKey(reposted), byKey(gl(restored)));
            assertEquals(reposted.size(), gl(restored).size());
        }
    }

    @Test
    void beyondTheBoundARefusedValueEntryIsNotHeldAndItsLetterSaysSo() throws Exception {
        try (var harness = harness(4)) {
            example1(harness);
            List<String> letters = letters(harness);
            assertEquals(6, letters.size());
            assertEquals(List.of(
                            "E3/VE4 GENERAL_POSTING_SETUP_MISSING '' x MANUFACT (not held for re-posting: RPO-1001 "
                                    + "already holds 4 value entries waiting for their setup)",
                            "E4/VE1 GENERAL_POSTING_SETUP_MISSING '' x MANUFACT (not held for re-posting: RPO-1001 "
                                    + "already holds 4 value entries waiting for their setup)"),
                    letters.subList(4, 6));
            harness.processBroadcastElement(MasterDataChange.of(MANUFACT), 30_000);
            assertEquals(List.of("E1/VE2", "E1/VE3", "E2/VE2", "E3/VE3"), gl(harness).stream()
                    .filter(e -> e.accountType() == GlAccountType.DIRECT_COST_APPLIED
                            || e.accountType() == GlAccountType.OVERHEAD_APPLIED)
                    .map(GlEntry::valueEntryKey).toList(), "the four held ones are posted, the other two are not");
        }
    }

    /**
     * A card fixed after the posting's time but before the posting was made (its new version is valid from a later
     * time): refused as of the posting, then posted with the latest setup at the key's next timer.
     */
    @Test
    void aCardFixedAfterThePostingsTimeIsPickedUpAtTheKeysNextTimer() throws Exception {
        try (var harness = harness(HeldGlPostings.DEFAULT_MAX_PER_KEY)) {
            masterData(harness, Example1GlSetup.masterData(true).stream().filter(change -> !change.value().key()
                    .equals(MasterDataChange.capacityPostingGroups(io.shopfloor.posting.model.CapacityType
                            .WORK_CENTER, "WC-CUT", new io.shopfloor.posting.gl.PostingGroups("", "")).key()))
                    .toList());
            harness.processBroadcastElement(MasterDataChange.capacityPostingGroups(io.shopfloor.posting.model
                    .CapacityType.WORK_CENTER, "WC-CUT", new io.shopfloor.posting.gl.PostingGroups("", "")), 0);
            defineAndRelease(harness);
            harness.processElement(OrderPostingFunctionTest.line("E1", "10", "30", "120", 60, 0, false), 3_000);
            harness.processElement(OrderPostingFunctionTest.line("E2", "20", "0", "60", 60, 0, false), 4_000);
            harness.processElement(OrderPostingFunctionTest.line("E3", "10", "0", "86", 40, 3, true), 5_000);
            harness.processElement(OrderPostingFunctionTest.line("E4", "20", "0", "40", 40, 0, true), 6_000);
            // WC-CUT gets its gen. product posting group from 3,500 on: after E1's time, before the watermark.
            harness.processBroadcastElement(MasterDataChange.capacityPostingGroups(io.shopfloor.posting.model
                    .CapacityType.WORK_CENTER, "WC-CUT", new io.shopfloor.posting.gl.PostingGroups("", "MANUFACT")),
                    3_500);
            harness.watermark(10_000);
            assertEquals(List.of(
                            "E1/VE2 POSTING_GROUP_MISSING WORK_CENTER WC-CUT has no gen. product posting group "
                                    + "(value entry E1/VE2)",
                            "E1/VE3 POSTING_GROUP_MISSING WORK_CENTER WC-CUT has no gen. product posting group "
                                    + "(value entry E1/VE3)"),
                    letters(harness));
            assertEquals(Example1GlSetup.TRIAL_BALANCE, Example1GlSetup.trialBalance(gl(harness)),
                    "E1's capacity posted at E2's timer, with WC-CUT's group as it is now");
            assertEquals(List.of("E1/VE2/GL1 MANUFACT 150.00", "E1/VE2/GL2 MANUFACT -150.00"), gl(harness).stream()
                    .filter(e -> e.valueEntryKey().equals("E1/VE2"))
                    .map(e -> e.idempotencyKey() + " " + e.genProdPostingGroup() + " " + e.amount()).toList());
        }
    }

    /**
     * Two keys wait for the same row: one change posts both (the keys are visited without removing state), on the
     * heap and on RocksDB, the production backend.
     */
    @ParameterizedTest
    @ValueSource(strings = {"heap", "rocksdb"})
    void oneSetupRowPostsTheHeldValueEntriesOfEveryKey(String backend) throws Exception {
        var harness = new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(
                function(HeldGlPostings.DEFAULT_MAX_PER_KEY), List.of(OrderPostingFunction.MASTER_DATA)),
                OrderInput::key, Types.STRING, 1, 1, 0);
        harness.setStateBackend(backend.equals("rocksdb") ? new EmbeddedRocksDBStateBackend()
                : new HashMapStateBackend());
        harness.open();
        try (harness) {
            masterData(harness, withoutManufacturingGeneralPostingSetup());
            for (String order : List.of(SetA.ORDER, "RPO-1002")) {
                defineAndRelease(harness, order);
                harness.processElement(line(order, "E1-" + order, "10", "150", 60, false), 3_000);
                harness.processElement(line(order, "E2-" + order, "20", "60", 60, false), 4_000);
            }
            harness.watermark(10_000);
            assertEquals(6, letters(harness).size(), "direct and indirect of op 10, direct of op 20, per order");
            int before = gl(harness).size();
            harness.processBroadcastElement(MasterDataChange.of(MANUFACT), 30_000);
            List<GlEntry> all = gl(harness);
            List<GlEntry> reposted = all.subList(before, all.size());
            for (String order : List.of(SetA.ORDER, "RPO-1002")) {
                // WC-CUT 150 min at 1.00 + 0.20 overhead, MC-ASSY 60 min at 0.50 (set A's rates, as in example 1).
                assertEquals(List.of("2140 210.00 0.00 210.00", "7791 0.00 180.00 -180.00",
                                "7792 0.00 30.00 -30.00"),
                        Example1GlSetup.trialBalance(reposted.stream().filter(e -> e.orderNo().equals(order))
                                .toList()), order);
            }
            // Each key goes on posting as before (its emptied held value is removed at its next timer).
            harness.processElement(line(SetA.ORDER, "E3", "20", "1", 0, false), 40_000);
            harness.processElement(line("RPO-1002", "E3", "20", "1", 0, false), 40_000);
            harness.watermark(50_000);
            assertEquals(List.of(), letters(harness).subList(6, letters(harness).size()));
            assertEquals(all.size() + 4, gl(harness).size(), "E3 of each order posts its own pair, nothing else");
        }
    }
}
