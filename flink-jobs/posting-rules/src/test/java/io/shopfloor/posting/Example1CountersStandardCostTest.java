package io.shopfloor.posting;

import io.shopfloor.posting.journal.CostAdjustmentRun;
import io.shopfloor.posting.journal.FinishOrder;
import io.shopfloor.posting.journal.OutputJournalLine;
import io.shopfloor.posting.journal.ReleaseOrder;
import io.shopfloor.posting.ledger.LedgerEntry;
import io.shopfloor.posting.model.CostBucket;
import io.shopfloor.posting.order.Component;
import io.shopfloor.posting.order.OrderLine;
import io.shopfloor.posting.order.OrderStatus;
import io.shopfloor.posting.order.ProductionOrder;
import io.shopfloor.posting.order.RoutingStatus;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.shopfloor.posting.Assertions.assertDec;
import static io.shopfloor.posting.SetA.D0;
import static io.shopfloor.posting.SetA.D2;
import static io.shopfloor.posting.SetA.LINE;
import static io.shopfloor.posting.SetA.ORDER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/examples.md#example-1-counters-standard-cost-parent: counters 60 good, then 40 good + 3 scrap at cutting;
 * standard-cost parent.
 */
class Example1CountersStandardCostTest {
    private final Scenario scenario = new Scenario(new SetA());
    private final SetA setA = scenario.setA;
    private final ProductionOrder order = scenario.order;
    private final List<LedgerEntry> ledger = scenario.ledger;

    @Test
    void refreshComputesExpectedQuantitiesAndCosts() {
        OrderLine line = order.line(LINE).orElseThrow();
        assertDec("210.00", component(10000).expectedQuantity());
        assertDec("315.00", component(10000).costAmount());
        assertDec("400", component(20000).expectedQuantity());
        assertDec("40.00", component(20000).costAmount());
        assertDec("5.000", component(30000).expectedQuantity());
        assertDec("100.00", component(30000).costAmount());
        assertDec("230", line.routingLine("10").orElseThrow().expected().capacityNeed());
        assertDec("276.00", line.routingLine("10").orElseThrow().expected().operationCostAmount());
        assertDec("46.00", line.routingLine("10").orElseThrow().expected().capacityOverheadCost());
        assertDec("100", line.routingLine("20").orElseThrow().expected().capacityNeed());
        assertDec("50.00", line.routingLine("20").orElseThrow().expected().operationCostAmount());
        assertDec("0.00", line.routingLine("20").orElseThrow().expected().capacityOverheadCost());
    }

    @Test
    void postsEveryEntryOfTheExampleInOrder() {
        assertEquals(List.of("STATUS RPO-1001 FIRM_PLANNED -> RELEASED 2026-03-01"),
                post(setA.rules.release(order, new ReleaseOrder("REL", D0), setA.masterData, setA.numbers)),
                "set A has no unlinked forward components and no forward operations: release posts no entries");
        assertRoutingStatus(RoutingStatus.PLANNED, RoutingStatus.PLANNED);

        // E1: op 10, not the last operation: capacity entries and the STEEL flush, no item entry for FG-100.
        assertEquals(List.of(
                "CLE 501 WC-CUT op 10 qty 150 inv 150 setup 30 run 120 stop 0 out 60 scrap 0 last false item FG-100 order RPO-1001/10000 2026-03-02",
                "ILE 1001 CONSUMPTION STEEL qty -126 rem 0 inv -126 open false comp 10000 source FG-100 order RPO-1001/10000 doc RPO-1001 FLUSHING 2026-03-02",
                "VE 2001 DIRECT_COST ILE 1001 valued -126 inv -126 actual -189.00 expected 0.00",
                "VE 2002 DIRECT_COST CLE 501 valued 150 inv 150 actual 150.00 expected 0.00",
                "VE 2003 INDIRECT_COST CLE 501 valued 150 inv 0 actual 30.00 expected 0.00"),
                post(output("E1", "10").setupTime("30").runTime("120").output("60")));
        assertDec("84.00", component(10000).remainingQuantity());
        assertRoutingStatus(RoutingStatus.IN_PROGRESS, RoutingStatus.PLANNED);

        // E2: op 20, last operation: BOLT forward-flushed whole, output at expected (standard) cost.
        assertEquals(List.of(
                "CLE 502 MC-ASSY op 20 qty 60 inv 60 setup 0 run 60 stop 0 out 60 scrap 0 last true item FG-100 order RPO-1001/10000 2026-03-02",
                "ILE 1002 CONSUMPTION BOLT qty -400 rem 0 inv -400 open false comp 20000 source FG-100 order RPO-1001/10000 doc RPO-1001 FLUSHING 2026-03-02",
                "VE 2004 DIRECT_COST ILE 1002 valued -400 inv -400 actual -40.00 expected 0.00",
                "VE 2005 DIRECT_COST CLE 502 valued 60 inv 60 actual 30.00 expected 0.00",
                "ILE 1003 OUTPUT FG-100 qty 60 rem 60 inv 0 open true comp 0 source FG-100 order RPO-1001/10000 doc RPO-1001 OUTPUTJNL 2026-03-02",
                "VE 2006 DIRECT_COST ILE 1003 valued 60 inv 0 actual 0.00 expected 468.60"),
                post(output("E2", "20").runTime("60").output("60")));
        assertDec("0", component(20000).remainingQuantity());
        assertDec("60", line().finishedQuantity());
        assertDec("40", line().remainingQuantity());
        assertRoutingStatus(RoutingStatus.IN_PROGRESS, RoutingStatus.IN_PROGRESS);

        // E3: op 10 finished with scrap; STEEL 90.30 exceeds its remainder 84: two consumption entries.
        assertEquals(List.of(
                "CLE 503 WC-CUT op 10 qty 86 inv 86 setup 0 run 86 stop 0 out 40 scrap 3 scrapCode BURR last false item FG-100 order RPO-1001/10000 2026-03-02",
                "ILE 1004 CONSUMPTION STEEL qty -84 rem 0 inv -84 open false comp 10000 source FG-100 order RPO-1001/10000 doc RPO-1001 FLUSHING 2026-03-02",
                "VE 2007 DIRECT_COST ILE 1004 valued -84 inv -84 actual -126.00 expected 0.00",
                "ILE 1005 CONSUMPTION STEEL qty -6.3 rem 0 inv -6.3 open false comp 10000 source FG-100 order RPO-1001/10000 doc RPO-1001 FLUSHING 2026-03-02",
                "VE 2008 DIRECT_COST ILE 1005 valued -6.3 inv -6.3 actual -9.45 expected 0.00",
                "VE 2009 DIRECT_COST CLE 503 valued 86 inv 86 actual 86.00 expected 0.00",
                "VE 2010 INDIRECT_COST CLE 503 valued 86 inv 0 actual 17.20 expected 0.00"),
                post(output("E3", "10").runTime("86").output("40").scrap(new BigDecimal("3"), "BURR").finished(true)));
        assertDec("216.30", component(10000).actConsumptionQtyBase());
        assertDec("0", component(10000).remainingQuantity());
        assertRoutingStatus(RoutingStatus.FINISHED, RoutingStatus.IN_PROGRESS);
        assertDec("0", line().routingLine("10").orElseThrow().remainingCapacityNeed());

        // E4: op 20 finished; BOLT remainder 0 flushes nothing.
        assertEquals(List.of(
                "CLE 504 MC-ASSY op 20 qty 40 inv 40 setup 0 run 40 stop 0 out 40 scrap 0 last true item FG-100 order RPO-1001/10000 2026-03-02",
                "VE 2011 DIRECT_COST CLE 504 valued 40 inv 40 actual 20.00 expected 0.00",
                "ILE 1006 OUTPUT FG-100 qty 40 rem 40 inv 0 open true comp 0 source FG-100 order RPO-1001/10000 doc RPO-1001 OUTPUTJNL 2026-03-02",
                "VE 2012 DIRECT_COST ILE 1006 valued 40 inv 0 actual 0.00 expected 312.40"),
                post(output("E4", "20").runTime("40").output("40").finished(true)));
        assertDec("100", line().finishedQuantity());
        assertDec("0", line().remainingQuantity());

        // E5: finish on D2 backward-flushes PAINT on the last operation's output; no notices.
        assertEquals(List.of(
                "ILE 1007 CONSUMPTION PAINT qty -5 rem 0 inv -5 open false comp 30000 source FG-100 order RPO-1001/10000 doc RPO-1001 FLUSHING 2026-03-03",
                "VE 2013 DIRECT_COST ILE 1007 valued -5 inv -5 actual -100.00 expected 0.00",
                "STATUS RPO-1001 RELEASED -> FINISHED 2026-03-03"),
                post(setA.rules.finish(order, FinishOrder.on("E5", D2), setA.masterData, setA.numbers)));
        assertEquals(List.of(), scenario.notices);
        assertEquals(OrderStatus.FINISHED, order.status());
        assertRoutingStatus(RoutingStatus.FINISHED, RoutingStatus.FINISHED);

        // E6: adjustment splits actual 797.65 60/40 over the output entries; variances bring them back to standard.
        assertEquals(List.of(
                "VE 2014 DIRECT_COST ILE 1003 valued 60 inv 60 actual 478.59 expected -468.60 adjustment",
                "VE 2015 VARIANCE MATERIAL ILE 1003 valued 60 inv 0 actual -5.67 expected 0.00 adjustment",
                "VE 2016 VARIANCE CAPACITY ILE 1003 valued 60 inv 0 actual -3.60 expected 0.00 adjustment",
                "VE 2017 VARIANCE CAPACITY_OVERHEAD ILE 1003 valued 60 inv 0 actual -0.72 expected 0.00 adjustment",
                "VE 2018 DIRECT_COST ILE 1006 valued 40 inv 40 actual 319.06 expected -312.40 adjustment",
                "VE 2019 VARIANCE MATERIAL ILE 1006 valued 40 inv 0 actual -3.78 expected 0.00 adjustment",
                "VE 2020 VARIANCE CAPACITY ILE 1006 valued 40 inv 0 actual -2.40 expected 0.00 adjustment",
                "VE 2021 VARIANCE CAPACITY_OVERHEAD ILE 1006 valued 40 inv 0 actual -0.48 expected 0.00 adjustment"),
                post(setA.rules.adjustCost(order, new CostAdjustmentRun("E6", D2), setA.masterData, setA.numbers)));

        // Net actual cost of each output entry is back at standard: 468.60 and 312.40.
        assertDec("468.60", Ledger.netActualCost(ledger, 1003));
        assertDec("312.40", Ledger.netActualCost(ledger, 1006));
        assertDec("0.00", Ledger.wip(ledger, ORDER));
        assertTrue(ledger.stream().map(LedgerEntry::idempotencyKey).distinct().count() == ledger.size());
    }

    @Test
    void statisticsTableAfterAdjustment() {
        postExampleEvents();
        ProductionOrderStatistics statistics = setA.rules.statistics(order, setA.masterData);
        assertRow(statistics.row(CostBucket.MATERIAL), "455.00", "455.00", "464.45", "2.0769", "9.45");
        assertRow(statistics.row(CostBucket.CAPACITY), "280.00", "280.00", "286.00", "2.1429", "6.00");
        assertRow(statistics.row(CostBucket.SUBCONTRACTED), "0.00", "0.00", "0.00", "0.0000", "0.00");
        assertRow(statistics.row(CostBucket.CAPACITY_OVERHEAD), "46.00", "46.00", "47.20", "2.6087", "1.20");
        assertRow(statistics.row(CostBucket.MANUFACTURING_OVERHEAD), "0.00", "0.00", "0.00", "0.0000", "0.00");
        assertRow(statistics.total(), "781.00", "781.00", "797.65", "2.1319", "16.65");
        assertDec("330", statistics.expectedCapacityNeed());
        assertDec("336", statistics.actualTimeUsed());
    }

    @Test
    void secondAdjustmentRunPostsNothing() {
        postExampleEvents();
        assertEquals(List.of(),
                post(setA.rules.adjustCost(order, new CostAdjustmentRun("E6-again", D2), setA.masterData, setA.numbers)));
    }

    private void postExampleEvents() {
        post(setA.rules.release(order, new ReleaseOrder("REL", D0), setA.masterData, setA.numbers));
        post(output("E1", "10").setupTime("30").runTime("120").output("60"));
        post(output("E2", "20").runTime("60").output("60"));
        post(output("E3", "10").runTime("86").output("40").scrap(new BigDecimal("3"), "BURR").finished(true));
        post(output("E4", "20").runTime("40").output("40").finished(true));
        post(setA.rules.finish(order, FinishOrder.on("E5", D2), setA.masterData, setA.numbers));
        post(setA.rules.adjustCost(order, new CostAdjustmentRun("E6", D2), setA.masterData, setA.numbers));
    }

    private OutputJournalLine.Builder output(String id, String operationNo) {
        return scenario.output(id, operationNo);
    }

    private List<String> post(OutputJournalLine.Builder line) {
        return scenario.post(line);
    }

    private List<String> post(PostingResult result) {
        return scenario.post(result);
    }

    private OrderLine line() {
        return scenario.line();
    }

    private Component component(int lineNo) {
        return scenario.component(lineNo);
    }

    private void assertRoutingStatus(RoutingStatus op10, RoutingStatus op20) {
        assertEquals(op10, line().routingLine("10").orElseThrow().routingStatus());
        assertEquals(op20, line().routingLine("20").orElseThrow().routingStatus());
    }

    private static void assertRow(ProductionOrderStatistics.Row row, String standard, String expected, String actual,
                                  String deviationPct, String variance) {
        assertDec(standard, row.standard());
        assertDec(expected, row.expected());
        assertDec(actual, row.actual());
        assertDec(deviationPct, row.deviationPct());
        assertDec(variance, row.variance());
    }
}
