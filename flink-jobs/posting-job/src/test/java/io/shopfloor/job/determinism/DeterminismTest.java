package io.shopfloor.job.determinism;

import io.shopfloor.job.PostingJob;
import io.shopfloor.job.machine.Rejected;
import io.shopfloor.job.machine.MachineKpi;
import io.shopfloor.job.order.PostedEntry;
import io.shopfloor.job.order.Rejection;
import io.shopfloor.posting.LedgerText;
import io.shopfloor.posting.Notice;
import io.shopfloor.posting.ledger.CapacityLedgerEntry;
import io.shopfloor.posting.ledger.ItemLedgerEntry;
import io.shopfloor.posting.ledger.ItemLedgerEntryType;
import io.shopfloor.posting.ledger.LedgerEntry;
import io.shopfloor.posting.ledger.OrderStatusEntry;
import io.shopfloor.posting.order.OrderStatus;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The job's output depends only on its input: a random plant's thousands of machine inputs give the same ledger
 * (per key, in emission order), the same dead letters, machine KPIs (from the window totals) and notices at
 * parallelism 1 and 4, and again after a failure in the middle of the stream and a restore from a checkpoint.
 */
class DeterminismTest {
    /** Another plant: {@code mvn test -Ddeterminism.seed=...}. */
    static final long SEED = Long.getLong("determinism.seed", 20260302L);
    static final int ORDERS = 6;

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    static RandomPlant plant;
    /** Undisturbed runs by parallelism, shared by the tests (each run costs a few seconds). */
    static final Map<Integer, Run> UNDISTURBED = new TreeMap<>();

    /** Everything the job emitted: ledger entries per key in emission order, the rest sorted. */
    record Run(Map<String, List<LedgerEntry>> ledger, List<String> machineRejections, List<String> orderRejections,
               List<String> kpis, List<String> notices, long millis) {
        int entryCount() {
            return ledger.values().stream().mapToInt(List::size).sum();
        }
    }

    @BeforeAll
    static void buildPlant() {
        plant = new RandomPlant(SEED, ORDERS);
        System.out.println("random plant (seed " + SEED + "): " + plant.counts + ", quantities " + plant.quantities);
    }

    static synchronized Run undisturbed(int parallelism) throws Exception {
        Run run = UNDISTURBED.get(parallelism);
        if (run == null) {
            run = run(parallelism, null);
            UNDISTURBED.put(parallelism, run);
            System.out.println("parallelism " + parallelism + ": " + run.entryCount() + " entries on "
                    + run.ledger().size() + " keys, " + run.machineRejections().size() + " machine rejections, "
                    + run.orderRejections().size() + " order rejections, " + run.kpis().size() + " window KPIs, "
                    + run.notices().size() + " notices in " + run.millis() + " ms");
            if (parallelism == 1) {
                run.ledger().forEach((key, entries) -> System.out.println("  " + key + ": " + entries.size()
                        + " entries, " + entries.stream().filter(e -> e instanceof OrderStatusEntry)
                        .map(LedgerText::of).toList()));
                run.machineRejections().forEach(r -> System.out.println("  machine rejection " + r));
                run.orderRejections().forEach(r -> System.out.println("  order rejection " + r));
                run.notices().forEach(n -> System.out.println("  notice " + n));
            }
        }
        return run;
    }

    @Test
    void parallelismOneAndFourGiveTheSameLedger() throws Exception {
        Run one = undisturbed(1);
        Run four = undisturbed(4);

        // The ledger is not trivial: every order posted a lot and was finished by the job itself.
        assertTrue(one.entryCount() > 200, () -> "only " + one.entryCount() + " entries");
        for (String order : plant.quantities.keySet()) {
            List<LedgerEntry> entries = one.ledger().getOrDefault(order, List.of());
            assertTrue(entries.stream().anyMatch(e -> e instanceof OrderStatusEntry s
                            && s.toStatus() == OrderStatus.FINISHED && s.fromStatus() == OrderStatus.RELEASED),
                    () -> order + " not finished:\n" + String.join("\n", LedgerText.of(entries)));
        }
        // The machines' counts arrived whole, through wraps, the restart, the silence, duplicates and swaps.
        for (String order : plant.quantities.keySet()) {
            List<LedgerEntry> entries = one.ledger().get(order);
            assertEquals(plant.op10Good.get(order), outputQuantity(entries, "10"), order + " op 10 output");
            assertEquals(plant.quantities.get(order), outputQuantity(entries, "20"), order + " op 20 output");
            assertEquals(plant.quantities.get(order), entries.stream()
                    .filter(e -> e instanceof ItemLedgerEntry i && i.entryType() == ItemLedgerEntryType.OUTPUT)
                    .map(e -> ((ItemLedgerEntry) e).quantity()).reduce(BigDecimal.ZERO, BigDecimal::add)
                    .intValueExact(), order + " output item ledger entries");
        }
        assertTrue(one.machineRejections().stream().noneMatch(r -> r.contains("reason=LATE")),
                () -> "inputs within the out-of-orderness bound rejected as late: " + one.machineRejections());
        // Every line of the plant can be posted (stop time of a finishing window included).
        assertEquals(List.of(), one.orderRejections());
        // The maintenance period posted as stop time on CUT-3's machine center.
        assertTrue(one.ledger().containsKey("capacity/CUT-3"), () -> "keys " + one.ledger().keySet());
        assertUniqueIdempotencyKeys(one);
        assertUniqueIdempotencyKeys(four);

        assertSameOutput("parallelism 1", one, "parallelism 4", four);
    }

    @Test
    void aFailureMidStreamRestoredFromACheckpointGivesTheSameLedger() throws Exception {
        Run expected = undisturbed(4);
        FailOnce.reset(plant.machineInputs.size() / 2);

        Run restored = run(4, new FailOnce());

        assertTrue(FailOnce.FAILED.get(), "the source never failed");
        assertTrue(FailOnce.CHECKPOINTS_BEFORE_FAILURE.get() > 0, "no checkpoint completed before the failure");
        // Restored from a checkpoint taken mid-stream, not started over: fewer inputs came after the restart.
        assertTrue(FailOnce.SEEN_AFTER_FAILURE.get() < plant.machineInputs.size(),
                () -> FailOnce.SEEN_AFTER_FAILURE.get() + " inputs after the restart");
        System.out.println("failed at input " + FailOnce.FAILED_AT.get() + " of " + plant.machineInputs.size()
                + " after " + FailOnce.CHECKPOINTS_BEFORE_FAILURE.get() + " completed checkpoint(s); "
                + FailOnce.SEEN_AFTER_FAILURE.get() + " inputs replayed/read after the restore; run took "
                + restored.millis() + " ms");
        assertUniqueIdempotencyKeys(restored);

        assertSameOutput("undisturbed", expected, "restored", restored);
    }

    /** Runs the job on the plant; with a {@code failure}, checkpointed every 200 ms and restarted at once. */
    static Run run(int parallelism, FailOnce failure) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                FailOnce.jobConfiguration(failure));
        env.setParallelism(parallelism);

        PostingJob.Outputs outputs = PostingJob.build(plant.sources(env, failure), RandomPlant.SETTINGS);
        CloseableIterator<PostedEntry> entries = outputs.entries().collectAsync();
        CloseableIterator<Rejected> machineRejections = outputs.machineRejections().collectAsync();
        CloseableIterator<Rejection> orderRejections = outputs.orderRejections().collectAsync();
        CloseableIterator<MachineKpi> kpis = outputs.machineKpis().collectAsync();
        CloseableIterator<Notice> notices = outputs.notices().collectAsync();
        long started = System.nanoTime();
        env.execute("determinism, parallelism " + parallelism + (failure != null ? ", failing once" : ""));
        long millis = (System.nanoTime() - started) / 1_000_000;

        Map<String, List<LedgerEntry>> ledger = new TreeMap<>();
        entries.forEachRemaining(e -> ledger.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e.entry()));
        return new Run(ledger, sorted(machineRejections), sorted(orderRejections), sorted(kpis), sorted(notices),
                millis);
    }

    private static List<String> sorted(CloseableIterator<?> iterator) {
        List<String> values = new ArrayList<>();
        iterator.forEachRemaining(value -> values.add(value.toString()));
        values.sort(null);
        return values;
    }


    private static int outputQuantity(List<LedgerEntry> entries, String operationNo) {
        return entries.stream()
                .filter(e -> e instanceof CapacityLedgerEntry c && operationNo.equals(c.operationNo()))
                .map(e -> ((CapacityLedgerEntry) e).outputQuantity())
                .reduce(BigDecimal.ZERO, BigDecimal::add).intValueExact();
    }

    static void assertUniqueIdempotencyKeys(Run run) {
        Set<String> keys = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        run.ledger().values().forEach(entries -> entries.forEach(e -> {
            if (!keys.add(e.idempotencyKey())) {
                duplicates.add(e.idempotencyKey());
            }
        }));
        assertEquals(List.of(), duplicates, "idempotency keys posted twice");
    }

    /** Compares two runs, failing with the first key and entry that differ (as ledger text and as records). */
    static void assertSameOutput(String expectedName, Run expected, String actualName, Run actual) {
        assertEquals(expected.ledger().keySet(), actual.ledger().keySet(), "ledger keys");
        for (String key : expected.ledger().keySet()) {
            List<LedgerEntry> e = expected.ledger().get(key);
            List<LedgerEntry> a = actual.ledger().get(key);
            if (!e.equals(a)) {
                int i = 0;
                while (i < Math.min(e.size(), a.size()) && e.get(i).equals(a.get(i))) {
                    i++;
                }
                fail("ledger of " + key + " differs at entry index " + i + " (" + e.size() + " vs " + a.size()
                        + " entries)\n" + expectedName + ":\n" + window(e, i) + "\n" + actualName + ":\n"
                        + window(a, i) + "\nrecords at " + i + ":\n" + (i < e.size() ? e.get(i) : "-") + "\n"
                        + (i < a.size() ? a.get(i) : "-"));
            }
        }
        assertEquals(expected.machineRejections(), actual.machineRejections(), "machine rejections");
        assertEquals(expected.orderRejections(), actual.orderRejections(), "order rejections");
        assertEquals(expected.kpis(), actual.kpis(), "machine KPIs (window totals)");
        assertEquals(expected.notices(), actual.notices(), "notices");
    }

    private static String window(List<LedgerEntry> entries, int index) {
        int from = Math.max(0, index - 3);
        int to = Math.min(entries.size(), index + 4);
        List<String> lines = new ArrayList<>();
        for (int i = from; i < to; i++) {
            lines.add((i == index ? "> " : "  ") + i + ": " + LedgerText.of(entries.get(i)));
        }
        return String.join("\n", lines);
    }
}
