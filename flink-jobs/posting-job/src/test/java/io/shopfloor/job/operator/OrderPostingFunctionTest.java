package io.shopfloor.job.operator;

import io.shopfloor.job.avro.LedgerMapping;
import io.shopfloor.job.machine.ReportedLine;
import io.shopfloor.job.masterdata.MasterDataChange;
import io.shopfloor.job.masterdata.MasterDataVersions;
import io.shopfloor.job.order.OrderAssembly;
import io.shopfloor.job.order.OrderInput;
import io.shopfloor.job.order.OrderLedger;
import io.shopfloor.job.order.PostedEntry;
import io.shopfloor.job.order.Rejection;
import io.shopfloor.posting.Ledger;
import io.shopfloor.posting.LedgerText;
import io.shopfloor.posting.PostingSettings;
import io.shopfloor.posting.SetA;
import io.shopfloor.posting.ledger.LedgerEntry;
import io.shopfloor.posting.model.CostingMethod;
import io.shopfloor.posting.model.Item;
import io.shopfloor.posting.model.SingleLevelCost;
import io.shopfloor.posting.order.OrderDefinition;
import io.shopfloor.posting.order.OrderStatus;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The per-order operator in Flink's keyed broadcast harness, posting spec example 1 from machine lines. */
class OrderPostingFunctionTest {
    static final long DEFINED = 1_000;
    static final long RELEASED = 2_000;
    static final Duration RETENTION = Duration.ofDays(7);
    static final Duration LATENESS = Duration.ofSeconds(10);

    private final SetA setA = new SetA();
    private KeyedBroadcastOperatorTestHarness<String, OrderInput, MasterDataChange, PostedEntry> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new OrderPostingFunction(PostingSettings.DEFAULTS, OrderLedger.Settings.DEFAULTS, RETENTION,
                        LATENESS, StateLimits.DEFAULTS),
                OrderInput::key, Types.STRING, OrderPostingFunction.MASTER_DATA);
        for (String item : List.of("FG-100", "STEEL", "BOLT", "PAINT")) {
            harness.processBroadcastElement(MasterDataChange.of(setA.masterData.item(item).orElseThrow()), 0);
        }
        harness.processBroadcastElement(MasterDataChange.of(setA.masterData.workCenter("WC-CUT").orElseThrow()), 0);
        harness.processBroadcastElement(MasterDataChange.of(setA.masterData.workCenter("WC-ASSY").orElseThrow()), 0);
        harness.processBroadcastElement(MasterDataChange.of(setA.masterData.machineCenter("MC-ASSY").orElseThrow()), 0);
        harness.processBroadcastElement(MasterDataChange.of(setA.masterData.location("MAIN").orElseThrow()), 0);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    /** Order RPO-1001 as CDC records: lines, routing, components, then the header Released. */
    private void defineAndRelease() throws Exception {
        OrderDefinition definition = setA.definition();
        definition.lines().forEach(l -> send(new OrderInput.Definition(SetA.ORDER, l, null, null, false, "cdc-l"), DEFINED));
        definition.routingLines().forEach(r ->
                send(new OrderInput.Definition(SetA.ORDER, null, r, null, false, "cdc-r" + r.operationNo()), DEFINED));
        definition.components().forEach(c ->
                send(new OrderInput.Definition(SetA.ORDER, null, null, c, false, "cdc-c" + c.lineNo()), DEFINED));
        send(new OrderInput.Header(new OrderAssembly.Header(SetA.ORDER, "FG-100 x 100", "FG-100", "MAIN", false),
                OrderStatus.RELEASED, false, "cdc-h1", SetA.D0), RELEASED);
    }

    private void send(OrderInput input, long time) {
        try {
            harness.processElement(input, time);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static OrderInput.MachineLine line(String sourceId, String operationNo, String setup, String run, long output,
                                       long scrap, boolean finished) {
        return new OrderInput.MachineLine(new ReportedLine(sourceId, ReportedLine.Kind.OUTPUT,
                operationNo.equals("10") ? "CUT-1" : "MC-ASSY", SetA.ORDER, SetA.LINE, operationNo,
                Instant.EPOCH, Instant.EPOCH, SetA.D1, "EARLY", new BigDecimal(setup), new BigDecimal(run),
                BigDecimal.ZERO, null, output, scrap, finished, null));
    }

    /** Entries in the operator's keyed state (buffer, order ledger) over all keys. */
    private int keyedStateEntries() {
        var operator = (org.apache.flink.streaming.api.operators.AbstractStreamOperator<?>) harness.getOperator();
        return ((org.apache.flink.runtime.state.heap.HeapKeyedStateBackend<?>) operator.getKeyedStateBackend())
                .numKeyValueStateEntries();
    }

    private List<LedgerEntry> entries() {
        return harness.extractOutputValues().stream().map(PostedEntry::entry).toList();
    }

    private List<String> ledger() {
        return LedgerText.of(entries());
    }

    private <T> List<T> sideOutput(OutputTag<T> tag) {
        var records = harness.getSideOutput(tag);
        return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
    }

    @Test
    void example1FromMachineLinesPostsTheExamplesEntriesAndFinishesTheOrder() throws Exception {
        defineAndRelease();
        send(line("E1", "10", "30", "120", 60, 0, false), 3_000);
        send(line("E2", "20", "0", "60", 60, 0, false), 4_000);
        send(line("E3", "10", "0", "86", 40, 3, true), 5_000);
        send(line("E4", "20", "0", "40", 40, 0, true), 6_000);
        harness.watermark(10_000);

        List<String> ledger = ledger();
        assertEquals("STATUS RPO-1001 FIRM_PLANNED -> RELEASED 2026-03-01", ledger.get(0));
        assertEquals("CLE 1 WC-CUT op 10 qty 150 inv 150 setup 30 run 120 stop 0 out 60 scrap 0 last false item FG-100 order RPO-1001/10000 2026-03-02",
                ledger.get(1));
        assertEquals("ILE 3 OUTPUT FG-100 qty 60 rem 60 inv 0 open true comp 0 source FG-100 order RPO-1001/10000 doc RPO-1001 MACHINE 2026-03-02",
                ledger.get(10));
        // E4 finishes the last operation with nothing remaining: the job finishes the order and adjusts its cost.
        int finish = ledger.indexOf("ILE 7 CONSUMPTION PAINT qty -5 rem 0 inv -5 open false comp 30000 source FG-100 order RPO-1001/10000 doc RPO-1001 FLUSHING 2026-03-02");
        assertEquals(List.of(
                "ILE 7 CONSUMPTION PAINT qty -5 rem 0 inv -5 open false comp 30000 source FG-100 order RPO-1001/10000 doc RPO-1001 FLUSHING 2026-03-02",
                "VE 13 DIRECT_COST ILE 7 valued -5 inv -5 actual -100.00 expected 0.00",
                "STATUS RPO-1001 RELEASED -> FINISHED 2026-03-02",
                "VE 14 DIRECT_COST ILE 3 valued 60 inv 60 actual 478.59 expected -468.60 adjustment"),
                ledger.subList(finish, finish + 4));
        // release 1, E1 5, E2 6, E3 7, E4 4, finish 3, adjustment 8 (as in the spec, numbered from 1 per order)
        assertEquals(34, ledger.size());
        assertEquals(0, Ledger.wip(entries(), SetA.ORDER).compareTo(BigDecimal.ZERO));
        assertEquals(List.of(), sideOutput(OrderPostingFunction.REJECTED));
    }

    @Test
    void aRestoreFromASnapshotContinuesWithTheSameLedger() throws Exception {
        defineAndRelease();
        send(line("E1", "10", "30", "120", 60, 0, false), 3_000);
        send(line("E2", "20", "0", "60", 60, 0, false), 4_000);
        harness.watermark(4_500);
        var snapshot = harness.snapshot(1, 4_500);
        send(line("E3", "10", "0", "86", 40, 3, true), 5_000);
        send(line("E4", "20", "0", "40", 40, 0, true), 6_000);
        harness.watermark(10_000);
        List<String> uninterrupted = ledger();

        harness.close();
        harness = new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(
                new OrderPostingFunction(PostingSettings.DEFAULTS, OrderLedger.Settings.DEFAULTS, RETENTION,
                        LATENESS, StateLimits.DEFAULTS),
                List.of(OrderPostingFunction.MASTER_DATA)), OrderInput::key, Types.STRING, 1, 1, 0);
        harness.initializeState(snapshot); // the broadcast master data comes back with the keyed state
        harness.open();
        send(line("E3", "10", "0", "86", 40, 3, true), 5_000);
        send(line("E4", "20", "0", "40", 40, 0, true), 6_000);
        harness.watermark(10_000);
        assertEquals(uninterrupted.subList(12, uninterrupted.size()), ledger());
    }

    @Test
    void stopTimeOfTheWindowThatFinishesTheOrderIsPostedBeforeTheFinish() throws Exception {
        defineAndRelease();
        send(line("E1", "10", "30", "120", 100, 0, true), 3_000);
        // The finishing window of op 20: its output line and its stop line share the instant (and a source id prefix).
        send(line("E2", "20", "0", "100", 100, 0, true), 4_000);
        send(new OrderInput.MachineLine(new ReportedLine("E2/stop/JAM", ReportedLine.Kind.STOP, "MC-ASSY", SetA.ORDER,
                SetA.LINE, "20", Instant.EPOCH, Instant.EPOCH, SetA.D1, "EARLY", BigDecimal.ZERO, BigDecimal.ZERO,
                new BigDecimal("2"), "JAM", 0, 0, false, null)), 4_000);
        harness.watermark(10_000);
        assertEquals(List.of(), sideOutput(OrderPostingFunction.REJECTED));
        List<String> ledger = ledger();
        int stop = ledger.indexOf("CLE 3 MC-ASSY op 20 qty 2 inv 2 setup 0 run 0 stop 2 out 0 scrap 0 stopCode JAM last false item FG-100 order RPO-1001/10000 2026-03-02");
        int finished = ledger.indexOf("STATUS RPO-1001 RELEASED -> FINISHED 2026-03-02");
        assertEquals(true, stop > 0 && finished > stop, ledger::toString);
    }

    @Test
    void aFinishedOrdersStateShrinksToAMarkerAndIsDroppedAfterRetention() throws Exception {
        defineAndRelease();
        send(line("E1", "10", "30", "120", 100, 0, true), 3_000);
        send(line("E2", "20", "0", "100", 100, 0, true), 4_000);
        harness.watermark(10_000);
        assertEquals(1, keyedStateEntries(), "only the finished marker is left");
        send(line("LATE", "20", "0", "5", 5, 0, false), 20_000);
        harness.watermark(30_000);
        assertEquals(List.of("ORDER_FINISHED"), sideOutput(OrderPostingFunction.REJECTED).stream()
                .map(Rejection::reasonCode).toList());
        harness.watermark(30_000 + RETENTION.toMillis());
        assertEquals(0, keyedStateEntries());
    }

    /**
     * CDC rows of one order arrive in any order: the header, already Released, before the order's line. The release
     * waits in the order's state and is posted once, when the line completes the definition, at that input's time.
     */
    @Test
    void aReleaseBeforeTheOrderIsDefinedIsPostedOnceWhenTheDefinitionCompletes() throws Exception {
        OrderDefinition definition = setA.definition();
        definition.routingLines().forEach(r ->
                send(new OrderInput.Definition(SetA.ORDER, null, r, null, false, "cdc-r" + r.operationNo()), DEFINED));
        definition.components().forEach(c ->
                send(new OrderInput.Definition(SetA.ORDER, null, null, c, false, "cdc-c" + c.lineNo()), DEFINED));
        OrderAssembly.Header header = new OrderAssembly.Header(SetA.ORDER, "FG-100 x 100", "FG-100", "MAIN", false);
        send(new OrderInput.Header(header, OrderStatus.RELEASED, false, "cdc-h1", SetA.D0), RELEASED);
        send(new OrderInput.Header(header, OrderStatus.RELEASED, false, "cdc-h2", SetA.D0), RELEASED + 100);
        harness.watermark(RELEASED + 200);
        assertEquals(List.of(), harness.extractOutputValues(), "held: the order has no line yet");
        definition.lines().forEach(l ->
                send(new OrderInput.Definition(SetA.ORDER, l, null, null, false, "cdc-l"), RELEASED + 500));
        harness.watermark(10_000);

        List<String> expected = releaseEntriesOfExample1();
        assertEquals(expected, ledger());
        assertEquals(List.of(Instant.ofEpochMilli(RELEASED + 500)),
                harness.extractOutputValues().stream().map(PostedEntry::eventTime).distinct().toList());
        assertEquals(List.of(), sideOutput(OrderPostingFunction.REJECTED));
    }

    /** The release of example 1 as {@link #defineAndRelease} posts it, in a harness of its own. */
    private List<String> releaseEntriesOfExample1() throws Exception {
        var first = harness;
        open();
        try {
            defineAndRelease();
            harness.watermark(10_000);
            List<String> released = ledger();
            assertEquals("STATUS RPO-1001 FIRM_PLANNED -> RELEASED 2026-03-01", released.get(0));
            return released;
        } finally {
            harness.close();
            harness = first;
        }
    }

    /** A release of an order nothing of which has arrived is refused, and the stray order number keeps no state. */
    @Test
    void aReleaseOfAnOrderNeverDefinedIsRefusedAndHoldsNoState() throws Exception {
        send(new OrderInput.StatusChange("RPO-STRAY", OrderStatus.RELEASED, "status-1", SetA.D0), RELEASED);
        harness.watermark(10_000);
        assertEquals(List.of("ORDER_NOT_DEFINED"), sideOutput(OrderPostingFunction.REJECTED).stream()
                .map(Rejection::reasonCode).toList());
        assertEquals(0, keyedStateEntries());
    }

    @Test
    void linesForAnOrderThatIsNotReleasedAreRejectedWithTheReason() throws Exception {
        send(line("E1", "10", "30", "120", 60, 0, false), 3_000);
        harness.watermark(10_000);
        assertEquals(List.of(), harness.extractOutputValues());
        Rejection rejection = sideOutput(OrderPostingFunction.REJECTED).get(0);
        assertEquals("ORDER_NOT_RELEASED", rejection.reasonCode());
        assertEquals("E1", rejection.sourceId());
        assertEquals(null, rejection.sourceTopic(), "a machine's line is re-driven as the machine's signals");
    }

    /** A person's line refused before the release carries its record, to be produced again once released. */
    @Test
    void aPersonsLineRefusedCarriesItsRecordToReDriveIt() throws Exception {
        send(new OrderInput.Output(io.shopfloor.posting.journal.OutputJournalLine
                .builder("TERMINAL-7-1", SetA.ORDER, SetA.LINE, "10").postingDate(SetA.D1).documentNo("DOC-7")
                .runTime(new BigDecimal("20")).output(new BigDecimal("20")).build()), 3_000);
        harness.watermark(10_000);
        Rejection rejection = sideOutput(OrderPostingFunction.REJECTED).get(0);
        assertEquals("ORDER_NOT_RELEASED", rejection.reasonCode());
        assertEquals("journal-lines", rejection.sourceTopic());
        io.shopfloor.schema.journal.JournalLine record = io.shopfloor.schema.ShopfloorSchemas
                .decoder(io.shopfloor.schema.journal.JournalLine.class).decode(rejection.sourcePayload());
        assertEquals(List.of("TERMINAL-7-1", SetA.ORDER, "10", "20.00000", "20.00000"), List.of(record.getSourceId(),
                record.getOrderNo(), record.getOperationNo(), record.getRunTime().toPlainString(),
                record.getOutputQuantity().toPlainString()));
    }

    /** A journal line that comes again (a re-drive, a double-click): posted once, the copies rejected. */
    @Test
    void aJournalLinePostsOnceWhateverTimesItComes() throws Exception {
        defineAndRelease();
        OrderInput.Output journalLine = new OrderInput.Output(io.shopfloor.posting.journal.OutputJournalLine
                .builder("TERMINAL-7/1", SetA.ORDER, SetA.LINE, "10").postingDate(SetA.D1).documentNo("DOC-7")
                .runTime(new BigDecimal("20")).output(new BigDecimal("20")).build());
        send(journalLine, 3_000);
        harness.watermark(10_000);
        List<String> once = ledger();
        send(journalLine, 12_000);
        send(journalLine, 13_000);
        harness.watermark(20_000);
        assertEquals(once, ledger(), "the copies post nothing");
        assertEquals(List.of("DUPLICATE_INPUT TERMINAL-7/1", "DUPLICATE_INPUT TERMINAL-7/1"),
                sideOutput(OrderPostingFunction.REJECTED).stream().map(r -> r.reasonCode() + " " + r.sourceId())
                        .toList());
        assertEquals(true, once.stream().anyMatch(e -> e.startsWith("CLE") && e.contains("out 20")), once::toString);
    }

    @Test
    void inputsOfOneInstantArePostedInTheSameOrderWhateverTheirArrival() throws Exception {
        defineAndRelease();
        send(line("B-line", "10", "0", "10", 10, 0, false), 3_000);
        send(line("A-line", "10", "0", "20", 20, 0, false), 3_000);
        harness.watermark(10_000);
        List<String> ledger = ledger();
        assertEquals("CLE 1 WC-CUT op 10 qty 20 inv 20 setup 0 run 20 stop 0 out 20 scrap 0 last false item FG-100 order RPO-1001/10000 2026-03-02",
                ledger.get(1));
    }

    /**
     * BC keys orders and their lines by status: CDC sends a release as deletes of the Firm Planned rows and inserts of
     * the Released rows at one log position, on any partition, with the same source ids. Here every insert arrives
     * before its delete; the removals still go first and the order is released with all its lines.
     */
    @Test
    void aReleaseByKeyChangeKeepsTheOrderDefinedWhateverTheArrivalOfItsDeletesAndInserts() throws Exception {
        OrderDefinition definition = setA.definition();
        OrderAssembly.Header header = new OrderAssembly.Header(SetA.ORDER, "FG-100 x 100", "FG-100", "MAIN", false);
        List<OrderInput> rows = new java.util.ArrayList<>();
        definition.lines().forEach(l -> rows.add(new OrderInput.Definition(SetA.ORDER, l, null, null, false, "cdc/l")));
        definition.routingLines().forEach(r ->
                rows.add(new OrderInput.Definition(SetA.ORDER, null, r, null, false, "cdc/r" + r.operationNo())));
        definition.components().forEach(c ->
                rows.add(new OrderInput.Definition(SetA.ORDER, null, null, c, false, "cdc/c" + c.lineNo())));
        rows.forEach(row -> send(row, DEFINED));
        send(new OrderInput.Header(header, OrderStatus.FIRM_PLANNED, false, "cdc/h/FIRM_PLANNED", SetA.D0), DEFINED);

        send(new OrderInput.Header(header, OrderStatus.RELEASED, false, "cdc/h/RELEASED", SetA.D0), RELEASED);
        rows.forEach(row -> send(row, RELEASED));
        rows.forEach(row -> {
            OrderInput.Definition d = (OrderInput.Definition) row;
            send(new OrderInput.Definition(d.orderNo(), d.line(), d.routingLine(), d.component(), true, d.sourceId()),
                    RELEASED);
        });
        send(new OrderInput.Header(header, OrderStatus.FIRM_PLANNED, true, "cdc/h/FIRM_PLANNED/deleted", SetA.D0),
                RELEASED);
        send(line("A-line", "10", "0", "20", 20, 0, false), 3_000);
        harness.watermark(10_000);

        assertEquals(List.of(), sideOutput(OrderPostingFunction.REJECTED));
        assertEquals("CLE 1 WC-CUT op 10 qty 20 inv 20 setup 0 run 20 stop 0 out 20 scrap 0 last false item FG-100 order RPO-1001/10000 2026-03-02",
                ledger().get(1));
    }

    @Test
    void anOrderDeletedInTheErpKeepsItsEntriesAndRefusesLaterPostingsWithTheReason() throws Exception {
        defineAndRelease();
        send(line("E1", "10", "0", "20", 20, 0, false), 3_000);
        send(new OrderInput.Header(new OrderAssembly.Header(SetA.ORDER, "FG-100 x 100", "FG-100", "MAIN", false),
                OrderStatus.RELEASED, true, "cdc/h/RELEASED/deleted", SetA.D1), 4_000);
        send(line("E2", "10", "0", "10", 10, 0, false), 5_000);
        harness.watermark(10_000);

        assertEquals(List.of("cdc-h1", "E1"), entries().stream().map(e -> LedgerMapping.sourceEventId(e.idempotencyKey()))
                .distinct().toList());
        List<Rejection> rejections = sideOutput(OrderPostingFunction.REJECTED);
        assertEquals(List.of("E2 ORDER_DELETED RPO-1001 was deleted in the ERP"), rejections.stream()
                .map(r -> r.sourceId() + " " + r.reasonCode() + " " + r.detail()).toList());
    }

    @Test
    void masterDataIsReadAsOfEachPostingsEventTime() throws Exception {
        defineAndRelease();
        send(line("E2", "20", "0", "60", 60, 0, false), 4_000);
        // FG-100's unit cost changes at 4.5 s: output posted before keeps 7.81, output after takes 8.00.
        harness.processBroadcastElement(MasterDataChange.of(Item.of("FG-100", "PCS", CostingMethod.STANDARD, "8.00", "1")
                .withSingleLevelCost(SingleLevelCost.ZERO)), 4_500);
        send(line("E4", "20", "0", "40", 40, 0, false), 6_000);
        harness.watermark(10_000);
        List<String> expectedCosts = ledger().stream().filter(l -> l.contains("expected") && !l.contains("expected 0.00"))
                .map(l -> l.replaceAll(".*expected ", "")).toList();
        assertEquals(List.of("468.60", "320.00"), expectedCosts);
    }

    @Test
    void windowTotalsBecomeKpisWithTheIdealCycleTimeOfTheRoutingLine() throws Exception {
        defineAndRelease();
        // MC-ASSY on op 20 (run time 1 min per unit): 45 s running and 15 s stopped, 40 good + 2 scrap.
        send(new OrderInput.Totals(new io.shopfloor.job.machine.WindowTotals("MC-ASSY", Instant.EPOCH,
                Instant.ofEpochSecond(60), SetA.ORDER, SetA.LINE, "20", 40, 2, 0, 45_000, 15_000, 0, 0)), 3_000);
        harness.watermark(10_000);
        io.shopfloor.job.machine.MachineKpi kpi = sideOutput(OrderPostingFunction.KPIS).get(0);
        assertEquals(60_000L, kpi.idealCycleTimeMillis());
        assertEquals(0.75, kpi.availability(), 1e-12);
        assertEquals(60_000.0 * 42 / 45_000, kpi.performance(), 1e-12);
        assertEquals(List.of("STATUS RPO-1001 FIRM_PLANNED -> RELEASED 2026-03-01"), ledger(), "totals post nothing");
    }

    @Test
    void journalLinesEnteredByPeopleGoThroughTheSameRules() throws Exception {
        defineAndRelease();
        send(line("E1", "10", "30", "120", 60, 0, false), 3_000);
        send(line("E2", "20", "0", "60", 60, 0, false), 4_000);
        // A person corrects an over-count of 5 on the last operation, applied to output entry 3 (spec example 6),
        send(new OrderInput.Output(io.shopfloor.posting.journal.OutputJournalLine.builder("FIX-1", SetA.ORDER, SetA.LINE, "20")
                .postingDate(SetA.D1).documentNo("FIX-1").output(new BigDecimal("-5")).runTime(new BigDecimal("-5"))
                .appliesToEntry(3L).build()), 5_000);
        // and returns 10.5 KG of STEEL applied to its flush (entry 1).
        send(new OrderInput.Consumption(new io.shopfloor.posting.journal.ConsumptionJournalLine("RET-1", SetA.D1, "RET-1",
                SetA.ORDER, SetA.LINE, 10000, new BigDecimal("-10.5"), 1L)), 5_000);
        harness.watermark(10_000);
        assertEquals(List.of(), sideOutput(OrderPostingFunction.REJECTED));
        List<String> ledger = ledger();
        assertEquals(List.of(
                "CLE 3 MC-ASSY op 20 qty -5 inv -5 setup 0 run -5 stop 0 out -5 scrap 0 last true item FG-100 order RPO-1001/10000 2026-03-02",
                "VE 7 DIRECT_COST CLE 3 valued -5 inv -5 actual -2.50 expected 0.00",
                "ILE 4 OUTPUT FG-100 qty -5 rem 0 inv 0 open false appliesTo 3 comp 0 source FG-100 order RPO-1001/10000 doc FIX-1 OUTPUTJNL 2026-03-02",
                "VE 8 DIRECT_COST ILE 4 valued -5 inv 0 actual 0.00 expected -39.05",
                "ILE 5 CONSUMPTION STEEL qty 10.5 rem 10.5 inv 10.5 open true comp 10000 source FG-100 order RPO-1001/10000 doc RET-1 CONSUMPJNL 2026-03-02",
                "VE 9 DIRECT_COST ILE 5 valued 10.5 inv 10.5 actual 15.75 expected 0.00"),
                ledger.subList(ledger.size() - 6, ledger.size()));
    }

    @Test
    void orderLessStopTimeIsPostedOnTheMachineCenter() throws Exception {
        send(new OrderInput.MachineLine(new ReportedLine("MC-ASSY/maintenance/1/stop/PM", ReportedLine.Kind.CAPACITY_STOP,
                "MC-ASSY", null, 0, null, Instant.EPOCH, Instant.EPOCH, SetA.D1, "EARLY", BigDecimal.ZERO,
                BigDecimal.ZERO, new BigDecimal("45"), "PM", 0, 0, false, null)), 3_000);
        harness.watermark(10_000);
        assertEquals(List.of(
                "CLE 1 MC-ASSY op null qty 45 inv 45 setup 0 run 0 stop 45 out 0 scrap 0 stopCode PM last false item null order null/0 2026-03-02"),
                ledger());
    }

    /**
     * docs/capacity-costs.md#re-coding-a-stop: a machine's stop without a code, re-coded by a person on the machine
     * center's key, posts its reversal and coded entries under that key with the person on them; a second re-coding
     * of the same stop is refused, and a person's lines carry who posted them onto every entry.
     */
    @Test
    void aPersonRecodesAMachinesStopOnceAndIsNamedOnTheEntries() throws Exception {
        send(new OrderInput.MachineLine(new ReportedLine("MC-ASSY/idle/1/stop", ReportedLine.Kind.CAPACITY_STOP,
                "MC-ASSY", null, 0, null, Instant.EPOCH, Instant.EPOCH, SetA.D1, "EARLY", BigDecimal.ZERO,
                BigDecimal.ZERO, new BigDecimal("45"), null, 0, 0, false, null)), 3_000);
        harness.watermark(4_000);
        io.shopfloor.posting.journal.StopRecoding recoding = new io.shopfloor.posting.journal.StopRecoding("T-1",
                SetA.D1, "STOP-1", 1, List.of(new io.shopfloor.posting.journal.StopRecoding.Reason("JAM",
                new BigDecimal("30")), new io.shopfloor.posting.journal.StopRecoding.Reason("WAIT", new BigDecimal(
                "15"))), "olga");
        send(new OrderInput.StopRecode(null, io.shopfloor.posting.model.CapacityType.MACHINE_CENTER, "MC-ASSY",
                recoding), 5_000);
        send(new OrderInput.StopRecode(null, io.shopfloor.posting.model.CapacityType.MACHINE_CENTER, "MC-ASSY",
                new io.shopfloor.posting.journal.StopRecoding("T-2", SetA.D1, "STOP-2", 1, recoding.reasons(),
                        "olga")), 6_000);
        send(new OrderInput.Capacity(new io.shopfloor.posting.journal.CapacityJournalLine("CLEAN-1", SetA.D1,
                "CLEAN-1", io.shopfloor.posting.model.CapacityType.MACHINE_CENTER, "MC-ASSY", null, null, null,
                BigDecimal.ONE, null, null, new BigDecimal("10"), null, "CLEAN"), "pia"), 7_000);
        harness.watermark(10_000);
        assertEquals(List.of(
                "CLE 1 MC-ASSY op null qty 45 inv 45 setup 0 run 0 stop 45 out 0 scrap 0 last false item null order null/0 2026-03-02",
                "CLE 2 MC-ASSY op null qty -45 inv -45 setup 0 run 0 stop -45 out 0 scrap 0 last false item null order null/0 2026-03-02",
                "CLE 3 MC-ASSY op null qty 30 inv 30 setup 0 run 0 stop 30 out 0 scrap 0 stopCode JAM last false item null order null/0 2026-03-02",
                "CLE 4 MC-ASSY op null qty 15 inv 15 setup 0 run 0 stop 15 out 0 scrap 0 stopCode WAIT last false item null order null/0 2026-03-02",
                "CLE 5 MC-ASSY op null qty 10 inv 10 setup 0 run 0 stop 10 out 0 scrap 0 stopCode CLEAN last false item null order null/0 2026-03-02"),
                ledger());
        List<io.shopfloor.posting.ledger.CapacityLedgerEntry> entries = entries().stream()
                .map(io.shopfloor.posting.ledger.CapacityLedgerEntry.class::cast).toList();
        assertEquals(java.util.Arrays.asList(null, 1L, null, null, null),
                entries.stream().map(io.shopfloor.posting.ledger.CapacityLedgerEntry::appliesToEntryNo).toList());
        assertEquals(java.util.Arrays.asList(null, "olga", "olga", "olga", "pia"),
                entries.stream().map(io.shopfloor.posting.ledger.CapacityLedgerEntry::postedBy).toList());
        assertEquals(List.of("capacity/MC-ASSY"), harness.extractOutputValues().stream().map(PostedEntry::key)
                .distinct().toList());
        assertEquals(List.of("T-2 STOP_ALREADY_RECODED"), sideOutput(OrderPostingFunction.REJECTED).stream()
                .map(r -> r.sourceId() + " " + r.reasonCode()).toList());
    }

    private MasterDataVersions versions(String key) throws Exception {
        return harness.getBroadcastState(OrderPostingFunction.MASTER_DATA).get(key);
    }

    private Item steelAt(String unitCost) {
        Item steel = setA.masterData.item("STEEL").orElseThrow();
        return new Item(steel.no(), steel.description(), steel.baseUnitOfMeasureCode(), steel.costingMethod(),
                new BigDecimal(unitCost), steel.roundingPrecision(), steel.indirectCostPct(), steel.overheadRate(),
                steel.singleLevelCost(), steel.variantMandatory(), steel.defaultBinCode());
    }

    @Test
    void masterDataVersionsNoInputCanStillReadAreForgottenAndDeletedRecordsDropped() throws Exception {
        harness.processBroadcastElement(MasterDataChange.of(steelAt("1.60")), 1_000);
        harness.processBroadcastElement(MasterDataChange.of(steelAt("1.70")), 2_000);
        harness.processBroadcastElement(MasterDataChange.of(setA.masterData.location("MAIN").orElseThrow())
                .asDeletion(), 3_000);
        assertEquals(3, versions("item/STEEL").size());
        // Inputs can still come 10 s behind the watermark: at 14 s every time from 4 s on can be read.
        harness.watermark(14_000);
        harness.processBroadcastElement(MasterDataChange.of(steelAt("1.80")), 14_000);
        MasterDataVersions steel = versions("item/STEEL");
        assertEquals(2, steel.size(), "the version valid at 4 s and the new one");
        assertEquals(new BigDecimal("1.70"), ((Item) steel.asOf(Long.MIN_VALUE)).unitCost());
        assertEquals(new BigDecimal("1.80"), ((Item) steel.asOf(14_000)).unitCost());
        // The change swept every record: the deleted location is gone, the unchanged ones keep their one version.
        assertEquals(false, harness.getBroadcastState(OrderPostingFunction.MASTER_DATA).contains("location/MAIN"));
        assertEquals(1, versions("item/FG-100").size());
        assertEquals(List.of(), sideOutput(OrderPostingFunction.REJECTED));
    }

    @Test
    void beyondTheVersionLimitTheOldestVersionIsForgottenWithADeadLetter() throws Exception {
        harness.close();
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new OrderPostingFunction(
                PostingSettings.DEFAULTS, OrderLedger.Settings.DEFAULTS, RETENTION, LATENESS,
                new StateLimits(1_000, 1_000, 3)), OrderInput::key, Types.STRING, OrderPostingFunction.MASTER_DATA);
        harness.processBroadcastElement(MasterDataChange.of(steelAt("1.50")), 0);
        harness.processBroadcastElement(MasterDataChange.of(steelAt("1.60")), 1_000);
        harness.processBroadcastElement(MasterDataChange.of(steelAt("1.70")), 2_000);
        assertEquals(List.of(), sideOutput(OrderPostingFunction.REJECTED));
        MasterDataChange fourth = MasterDataChange.of(steelAt("1.80"));
        harness.processBroadcastElement(fourth, 3_000);
        assertEquals(List.of(new Rejection("item/STEEL@3000", "item/STEEL", "MASTER_DATA_VERSION_LIMIT",
                "more than 3 versions of item/STEEL newer than the allowed lateness; forgot those valid from "
                        + "[" + Long.MIN_VALUE + "] (inputs of those times read the next version)",
                String.valueOf(fourth))), sideOutput(OrderPostingFunction.REJECTED));
        MasterDataVersions steel = versions("item/STEEL");
        assertEquals(3, steel.size());
        assertEquals(new BigDecimal("1.60"), ((Item) steel.asOf(0)).unitCost());
    }

    @Test
    void beyondTheHeldInputLimitAnOrderInputIsRejectedAndTheBufferEmptiesBehindTheWatermark() throws Exception {
        harness.close();
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new OrderPostingFunction(
                PostingSettings.DEFAULTS, OrderLedger.Settings.DEFAULTS, RETENTION, LATENESS,
                new StateLimits(1_000, 2, 1_000)), OrderInput::key, Types.STRING, OrderPostingFunction.MASTER_DATA);
        send(line("E1", "10", "30", "120", 60, 0, false), 3_000);
        send(line("E2", "20", "0", "60", 60, 0, false), 4_000);
        OrderInput third = line("E3", "10", "0", "86", 40, 3, true);
        send(third, 5_000);
        assertEquals(List.of(new Rejection("E3", SetA.ORDER, "HELD_INPUT_LIMIT", SetA.ORDER + " already holds 2 inputs "
                + "waiting for the watermark", String.valueOf(third))), sideOutput(OrderPostingFunction.REJECTED));
        harness.watermark(4_000); // E1 and E2 are applied (refused: the order was never released), nothing held
        assertEquals(0, keyedStateEntries(), "no buffer, no size, no ledger of an order never defined");
        send(third, 5_000);
        assertEquals(3, sideOutput(OrderPostingFunction.REJECTED).size(), "held again");
        assertEquals(2, keyedStateEntries(), "the buffer and its size");
    }
}
