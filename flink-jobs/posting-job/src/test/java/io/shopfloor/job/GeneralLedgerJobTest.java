package io.shopfloor.job;

import io.shopfloor.job.Example1Plant.Timed;
import io.shopfloor.job.machine.MachineInput;
import io.shopfloor.job.order.PostedEntry;
import io.shopfloor.job.order.Rejection;
import io.shopfloor.posting.gl.GlEntry;
import io.shopfloor.posting.gl.ValuePostingGroups;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The job posts G/L entries from every value entry with the posting setup as of posting (docs/general-ledger.md):
 * example 1 with set A's setup gives the example's accounts to the cent; value entries carry their posting groups
 * and dimensions; a missing setup row is a dead letter per value entry, the value entry stays posted.
 */
class GeneralLedgerJobTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private record Run(List<PostedEntry> entries, List<Rejection> rejections) {
        List<GlEntry> glEntries() {
            return entries.stream().map(PostedEntry::glEntry).filter(java.util.Objects::nonNull).toList();
        }
    }

    private static Run run(List<Timed<io.shopfloor.job.masterdata.MasterDataChange>> masterData) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        PostingJob.Outputs outputs = PostingJob.build(new PostingJob.Sources(
                env.fromData(Example1Plant.machineInputs(), TypeInformation.of(MachineInput.class))
                        .assignTimestampsAndWatermarks(WatermarkStrategy.<MachineInput>forBoundedOutOfOrderness(
                                Duration.ofMinutes(1)).withTimestampAssigner((input, previous) ->
                                input.eventTime().toEpochMilli())),
                Timed.source(env, Example1Plant.orderInputs(), PostingJob.ORDER_INPUT_TYPE),
                Timed.source(env, masterData, PostingJob.MASTER_DATA_TYPE)), Example1Plant.SETTINGS);
        CloseableIterator<PostedEntry> entries = outputs.entries().collectAsync();
        CloseableIterator<Rejection> rejections = outputs.orderRejections().collectAsync();
        env.execute("example 1 with G/L");
        List<PostedEntry> posted = new ArrayList<>();
        entries.forEachRemaining(posted::add);
        List<Rejection> rejected = new ArrayList<>();
        rejections.forEachRemaining(rejected::add);
        return new Run(posted, rejected);
    }

    @Test
    void example1PostsItsGlEntriesAndItsValueEntriesCarryTheirPostingGroups() throws Exception {
        Run run = run(Example1GlSetup.masterData(true));
        assertEquals(List.of(), run.rejections());
        List<GlEntry> gl = run.glEntries();
        assertEquals(Example1GlSetup.TRIAL_BALANCE, Example1GlSetup.trialBalance(gl));
        assertEquals(new BigDecimal("3173.95"), gl.stream().map(GlEntry::debitAmount).reduce(BigDecimal.ZERO,
                BigDecimal::add));
        assertEquals(0, gl.stream().map(GlEntry::amount).reduce(BigDecimal.ZERO, BigDecimal::add).signum());

        // Every value entry with cost comes before its G/L entries, on the same stream (the store's foreign key).
        List<String> seen = new ArrayList<>();
        for (PostedEntry e : run.entries()) {
            if (e.valueEntry() != null) {
                seen.add(e.valueEntry().idempotencyKey());
            } else if (e.glEntry() != null) {
                assertEquals(true, seen.contains(e.glEntry().valueEntryKey()), e.glEntry().idempotencyKey());
            }
        }
        // Posting groups and dimensions as of posting: items by their card, capacity by the center's card.
        List<String> groups = run.entries().stream().filter(e -> e.valueEntry() != null)
                .map(e -> describe(e.valueEntry(), e.postingGroups())).distinct().sorted().toList();
        assertEquals(List.of(
                        "CONSUMPTION BOLT / RAW MAT RAW MAT  ",
                        "CONSUMPTION PAINT / RAW MAT RAW MAT  ",
                        "CONSUMPTION STEEL / RAW MAT RAW MAT  ",
                        "OUTPUT FG-100 / RETAIL FINISHED PROD ",
                        "capacity FG-100 MC-ASSY / MANUFACT FINISHED ASSY ",
                        "capacity FG-100 WC-CUT / MANUFACT FINISHED CUT "),
                groups);
        // The G/L entries carry the value entry's dimension: VE 2, the cutting capacity's direct cost, is CUT.
        assertEquals(List.of("2140 WIP CUT 150.00", "7791 DIRECT_COST_APPLIED CUT -150.00"), gl.stream()
                .filter(e -> e.valueEntryNo() == 2)
                .map(e -> e.accountNo() + " " + e.accountType() + " " + e.globalDimension1Code() + " " + e.amount())
                .toList());
    }

    private static String describe(io.shopfloor.posting.ledger.ValueEntry ve, ValuePostingGroups g) {
        return (ve.itemLedgerEntryType() == null ? "capacity " + ve.itemNo() + " " + ve.no()
                : ve.itemLedgerEntryType() + " " + ve.itemNo()) + " /" + g.genBusPostingGroup() + " "
                + g.genProdPostingGroup() + " " + g.inventoryPostingGroup() + " " + g.globalDimension1Code() + " "
                + g.globalDimension2Code();
    }

    @Test
    void aMissingSetupRowIsADeadLetterPerValueEntryAndTheOthersPost() throws Exception {
        Run run = run(Example1GlSetup.masterData(false));
        // The five consumption value entries (STEEL three times, BOLT, PAINT) need MAIN x RAW MAT.
        assertEquals(List.of(
                        "INVENTORY_POSTING_SETUP_MISSING location 'MAIN' x RAW MAT",
                        "INVENTORY_POSTING_SETUP_MISSING location 'MAIN' x RAW MAT",
                        "INVENTORY_POSTING_SETUP_MISSING location 'MAIN' x RAW MAT",
                        "INVENTORY_POSTING_SETUP_MISSING location 'MAIN' x RAW MAT",
                        "INVENTORY_POSTING_SETUP_MISSING location 'MAIN' x RAW MAT"),
                run.rejections().stream().map(r -> r.reasonCode() + " " + r.detail()).toList());
        assertEquals(run.entries().stream().filter(e -> e.valueEntry() != null
                        && e.valueEntry().itemLedgerEntryType()
                        == io.shopfloor.posting.ledger.ItemLedgerEntryType.CONSUMPTION)
                        .map(e -> e.valueEntry().idempotencyKey()).sorted().toList(),
                run.rejections().stream().map(Rejection::sourceId).sorted().toList(),
                "one letter per consumption value entry, named by its key");
        // Neither side of a refused value entry is posted: the rest still balances.
        assertEquals(0, run.glEntries().stream().map(GlEntry::amount).reduce(BigDecimal.ZERO, BigDecimal::add)
                .signum());
        assertEquals(false, run.glEntries().stream().anyMatch(e -> e.accountNo().equals("2130")));
        assertEquals(21, run.entries().stream().filter(e -> e.valueEntry() != null).count(),
                "every value entry is posted");
    }
}
