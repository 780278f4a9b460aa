package io.shopfloor.posting;

import io.shopfloor.posting.journal.CostAdjustmentRun;
import io.shopfloor.posting.model.CostBucket;
import io.shopfloor.posting.model.CostingMethod;
import io.shopfloor.posting.model.Item;
import io.shopfloor.posting.model.SingleLevelCost;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.shopfloor.posting.Assertions.assertDec;
import static io.shopfloor.posting.Assertions.posted;
import static io.shopfloor.posting.Assertions.refused;
import static io.shopfloor.posting.SetA.D0;
import static io.shopfloor.posting.SetA.D2;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * docs/cost-adjustment.md: cost adjustment for FIFO parents, manufacturing overhead, negative output, and the
 * UNCONFIRMED options.
 */
class CostAdjustmentTest {

    private static Scenario example1(SetA setA) {
        Scenario s = new Scenario(setA);
        s.release(D0);
        s.post(s.output("E1", "10").setupTime("30").runTime("120").output("60"));
        s.post(s.output("E2", "20").runTime("60").output("60"));
        s.post(s.output("E3", "10").runTime("86").output("40").scrap(new BigDecimal("3"), "BURR").finished(true));
        s.post(s.output("E4", "20").runTime("40").output("40").finished(true));
        return s;
    }

    private static void fg100(SetA setA, CostingMethod method, String indirectPct, String overheadRate) {
        setA.masterData.put(Item.of("FG-100", "PCS", method, "7.81", "1")
                .withSingleLevelCost(new SingleLevelCost(new BigDecimal("4.55"), new BigDecimal("2.80"), BigDecimal.ZERO,
                        new BigDecimal("0.46"), BigDecimal.ZERO))
                .withOverhead(new BigDecimal(indirectPct), new BigDecimal(overheadRate)));
    }

    @Test
    void adjustmentBeforeFinishIsRefused() {
        Scenario s = example1(new SetA());
        refused(s.setA.rules.adjustCost(s.order, new CostAdjustmentRun("ADJ", D2), s.setA.masterData, s.setA.numbers),
                RefusalReason.ORDER_NOT_FINISHED);
    }

    @Test
    void fifoParentGetsActualCostWithoutVariancesAndManufacturingOverheadAsIndirectCost() {
        SetA setA = new SetA();
        fg100(setA, CostingMethod.FIFO, "10", "0.05");
        Scenario s = example1(setA);
        s.finish(D2);
        // Manufacturing overhead: 797.65 × 10 % + 0.05 × 100 = 84.77, split 60/40.
        assertEquals(List.of(
                "VE 2014 DIRECT_COST ILE 1003 valued 60 inv 60 actual 478.59 expected -468.60 adjustment",
                "VE 2015 INDIRECT_COST ILE 1003 valued 60 inv 0 actual 50.86 expected 0.00 adjustment",
                "VE 2016 DIRECT_COST ILE 1006 valued 40 inv 40 actual 319.06 expected -312.40 adjustment",
                "VE 2017 INDIRECT_COST ILE 1006 valued 40 inv 0 actual 33.91 expected 0.00 adjustment"),
                s.adjust(D2));
        assertDec("529.45", Ledger.netActualCost(s.ledger, 1003));
        assertDec("0.00", Ledger.wip(s.ledger, SetA.ORDER));
        assertDec("84.77", s.setA.rules.statistics(s.order, setA.masterData).row(CostBucket.MANUFACTURING_OVERHEAD).actual());
    }

    /** docs/cost-adjustment.md#item-cost-update: the FIFO parent's unit cost after adjustment, once. */
    @Test
    void fifoParentsNewUnitCostIsEmittedOnceStandardParentsGetNone() {
        SetA setA = new SetA();
        fg100(setA, CostingMethod.FIFO, "10", "0.05");
        Scenario s = example1(setA);
        s.finish(D2);
        PostingResult.Posted adjusted = posted(setA.rules.adjustCost(s.order, new CostAdjustmentRun("ADJ", D2),
                setA.masterData, setA.numbers));
        // 797.65 + 84.77 = 882.42 for 100 pieces.
        assertEquals(List.of(new ItemCostUpdate("ADJ/ICU1", "FG-100", CostingMethod.FIFO, SetA.ORDER, SetA.LINE,
                new BigDecimal("100.00000"), new BigDecimal("882.42"), new BigDecimal("8.82420"), D2)),
                adjusted.itemCostUpdates());
        assertEquals(List.of(), posted(setA.rules.adjustCost(s.order, new CostAdjustmentRun("ADJ2", D2),
                setA.masterData, setA.numbers)).itemCostUpdates());

        Scenario standard = example1(new SetA());
        standard.finish(D2);
        assertEquals(List.of(), posted(standard.setA.rules.adjustCost(standard.order, new CostAdjustmentRun("ADJ", D2),
                standard.setA.masterData, standard.setA.numbers)).itemCostUpdates());
    }

    @Test
    void separateLayoutReversesExpectedCostInItsOwnEntry() {
        Scenario s = example1(new SetA(PostingSettings.DEFAULTS.withOutputAdjustmentLayout(
                PostingSettings.OutputAdjustmentLayout.SEPARATE_EXPECTED_REVERSAL)));
        s.finish(D2);
        List<String> adjustment = s.adjust(D2);
        assertEquals("VE 2014 DIRECT_COST ILE 1003 valued 60 inv 60 actual 0.00 expected -468.60 adjustment", adjustment.get(0));
        assertEquals("VE 2015 DIRECT_COST ILE 1003 valued 60 inv 0 actual 478.59 expected 0.00 adjustment", adjustment.get(1));
        assertEquals(10, adjustment.size());
    }

    @Test
    void negativeOutputIsNettedInTheCostSplit() {
        Scenario s = new Scenario(new SetA());
        s.release(D0);
        s.post(s.output("E1", "10").setupTime("30").runTime("120").output("60"));
        s.post(s.output("E2", "20").runTime("60").output("60"));
        s.post(s.output("FIX", "20").output("-5").runTime("-5").appliesToEntry(1003L)); // ILE 1004
        s.post(s.output("E3", "10").runTime("86").output("40").scrap(new BigDecimal("3"), "BURR").finished(true));
        s.post(s.output("E4", "20").runTime("45").output("45").finished(true)); // ILE 1007
        s.finish(D2);
        s.adjust(D2);
        // Actual 797.65 over +60, −5, +45: 478.59, −39.88, 358.94; each entry back at standard after variances.
        assertDec("468.60", Ledger.netActualCost(s.ledger, 1003));
        assertDec("-39.05", Ledger.netActualCost(s.ledger, 1004));
        assertDec("351.45", Ledger.netActualCost(s.ledger, 1007));
        assertDec("0.00", Ledger.wip(s.ledger, SetA.ORDER));
    }

    @Test
    void deviationPercentAgainstStandardOrExpected() {
        for (PostingSettings.DeviationBasis basis : PostingSettings.DeviationBasis.values()) {
            SetA setA = new SetA(PostingSettings.DEFAULTS.withDeviationBasis(basis));
            setA.masterData.put(Item.of("FG-100", "PCS", CostingMethod.STANDARD, "7.81", "1").withSingleLevelCost(
                    new SingleLevelCost(new BigDecimal("4.00"), new BigDecimal("2.80"), BigDecimal.ZERO,
                            new BigDecimal("0.46"), BigDecimal.ZERO)));
            Scenario s = example1(setA);
            s.finish(D2);
            s.adjust(D2);
            ProductionOrderStatistics.Row material = setA.rules.statistics(s.order, setA.masterData).row(CostBucket.MATERIAL);
            assertDec("400.00", material.standard());
            assertDec("455.00", material.expected());
            assertDec("64.45", material.variance());
            // (464.45 − 400) / 400 = 16.1125 %; (464.45 − 455) / 455 = 2.0769 %.
            assertDec(basis == PostingSettings.DeviationBasis.STANDARD ? "16.1125" : "2.0769", material.deviationPct());
        }
    }
}
