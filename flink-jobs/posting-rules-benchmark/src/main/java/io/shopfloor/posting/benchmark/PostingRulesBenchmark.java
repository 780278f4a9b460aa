package io.shopfloor.posting.benchmark;

import io.shopfloor.posting.PostingResult;
import io.shopfloor.posting.PostingRules;
import io.shopfloor.posting.SetA;
import io.shopfloor.posting.journal.OutputJournalLine;
import io.shopfloor.posting.journal.ReleaseOrder;
import io.shopfloor.posting.ledger.EntryNumbers;
import io.shopfloor.posting.model.InMemoryMasterData;
import io.shopfloor.posting.order.ProductionOrder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;

/**
 * Output journal lines per second through {@link PostingRules#postOutput} on one thread, shaped like spec §13
 * example 1 (master data set A, order RPO-1001, from the posting-rules test fixture).
 *
 * <p>One JMH operation is one output journal line. The lines repeat the cycle of example 1's E1–E4:
 * <ol>
 *   <li>op 10 {setup 30, run 120, output 60}: capacity entry, STEEL backward flush (link CUT), 2 capacity value
 *       entries: 5 ledger entries;</li>
 *   <li>op 20 (last) {run 60, output 60}: capacity entry, output item entry at standard cost; BOLT (Forward, link
 *       ASSY) is flushed whole on the first cycle of an order only: 4 ledger entries (6 the first time);</li>
 *   <li>op 10 {run 86, output 40, scrap 3 BURR}: 5 ledger entries;</li>
 *   <li>op 20 {run 40, output 40}: 4 ledger entries.</li>
 * </ol>
 * Unlike the example, E3/E4 do not set Finished: the order is never completed and a Finished operation would turn
 * every later op 10 line into an "output on finished operation" notice, which is not the steady state of a plant.
 * Every line has its own source id ({@code C000001-E1}, ...), so every entry gets its own idempotency key.
 *
 * <p>State. The order (FG-100 × 1,000,000) remembers every output entry and consumption entry it produced, so its
 * state grows with each line. A fresh order (refresh + release of a new RPO-1001, new entry numbers) is made at
 * the start of each iteration and again after every {@value #LINES_PER_ORDER} lines. At that point the order has
 * reached 500,000 finished of 1,000,000 and consumed 1,081,500 of 2,100,000 KG STEEL, so it never completes and
 * never over-consumes, and it holds at most 10,000 output and 10,000 consumption entries (the live heap stays
 * around 15 MB, journal lines included). Making the order (refresh + release, {@link #refreshAndRelease}) took
 * 3.7 µs on the 2-core development machine, against 30–45 ms for the 20,000 lines it is amortised over:
 * about 0.01 %.
 *
 * <p>Warm-up is 6 × 2 s rather than 3 × 2 s: on a 2-core machine C2 needs 10–12 s before this code path is
 * stable (iterations before that swing between 40,000 and 500,000 lines/s while the JIT recompiles after
 * uncommon traps), and a shorter warm-up leaves those swings in the measurement.
 *
 * <p>The journal lines are built once per trial (they are the input: in the posting job they come off Kafka), so
 * the measurement is the posting rules alone: checks, rounding, entries, order-state update, result.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 6, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Threads(1)
public class PostingRulesBenchmark {
    /** Lines posted on one order before a fresh order is made. */
    static final int LINES_PER_ORDER = 20_000;
    /** Large enough that {@link #LINES_PER_ORDER} lines never complete the order line. */
    static final String ORDER_QUANTITY = "1000000";

    private final SetA setA = setA();
    private final PostingRules rules = setA.rules;
    private final InMemoryMasterData masterData = setA.masterData;
    private OutputJournalLine[] lines;

    private ProductionOrder order;
    private EntryNumbers numbers;
    private int next;
    private int orders;

    @Setup(Level.Trial)
    public void buildJournalLines() {
        lines = journalLines(LINES_PER_ORDER);
        selfCheck();
    }

    @Setup(Level.Iteration)
    public void freshOrder() {
        orders++;
        numbers = new EntryNumbers(1001, 501, 2001, 1);
        order = released(setA, numbers, "REL-" + orders);
        next = 0;
    }

    /** One output journal line: the operation this benchmark is about. */
    @Benchmark
    public void postOutputLine(Blackhole blackhole) {
        if (next == LINES_PER_ORDER) {
            freshOrder();
        }
        PostingResult result = rules.postOutput(order, lines[next++], masterData, numbers);
        if (result instanceof PostingResult.Refused refused) {
            throw new IllegalStateException("line " + (next - 1) + " refused: " + refused.refusal());
        }
        blackhole.consume(result);
    }

    /** The cost of a fresh order (refresh + release), to show that re-creating it every 20,000 lines is noise. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public ProductionOrder refreshAndRelease() {
        return released(setA, new EntryNumbers(1001, 501, 2001, 1), "REL");
    }

    /** The spec's set A (shared with the posting-rules tests) with an order too large to complete. */
    static SetA setA() {
        SetA setA = new SetA();
        setA.quantity = ORDER_QUANTITY;
        return setA;
    }

    static ProductionOrder released(SetA setA, EntryNumbers numbers, String sourceId) {
        ProductionOrder order = setA.firmPlanned();
        PostingResult release = setA.rules.release(order, new ReleaseOrder(sourceId, SetA.D0), setA.masterData, numbers);
        if (release instanceof PostingResult.Refused refused) {
            throw new IllegalStateException("release refused: " + refused.refusal());
        }
        return order;
    }

    /** {@code count} lines cycling through E1–E4 of example 1, each with its own source id. */
    static OutputJournalLine[] journalLines(int count) {
        OutputJournalLine[] result = new OutputJournalLine[count];
        for (int i = 0; i < count; i++) {
            String sourceId = String.format("C%06d-E%d", i / 4 + 1, i % 4 + 1);
            OutputJournalLine.Builder line = switch (i % 4) {
                case 0 -> output(sourceId, "10").setupTime("30").runTime("120").output("60");
                case 1 -> output(sourceId, "20").runTime("60").output("60");
                case 2 -> output(sourceId, "10").runTime("86").output("40").scrap(new BigDecimal("3"), "BURR");
                default -> output(sourceId, "20").runTime("40").output("40");
            };
            result[i] = line.build();
        }
        return result;
    }

    private static OutputJournalLine.Builder output(String sourceId, String operationNo) {
        return OutputJournalLine.builder(sourceId, SetA.ORDER, SetA.LINE, operationNo)
                .postingDate(SetA.D1).documentNo(SetA.ORDER);
    }

    /** Posts two cycles on a throwaway order and checks the entry counts, so the benchmark measures real postings. */
    private void selfCheck() {
        EntryNumbers checkNumbers = new EntryNumbers(1001, 501, 2001, 1);
        ProductionOrder checkOrder = released(setA, checkNumbers, "REL-check");
        int[] expected = {5, 6, 5, 4, 5, 4, 5, 4};
        for (int i = 0; i < expected.length; i++) {
            PostingResult result = rules.postOutput(checkOrder, lines[i], masterData, checkNumbers);
            if (!(result instanceof PostingResult.Posted posted) || posted.entries().size() != expected[i]
                    || !posted.notices().isEmpty()) {
                throw new IllegalStateException("line " + lines[i].sourceId() + ": expected " + expected[i]
                        + " entries and no notices, got " + result);
            }
        }
    }
}
