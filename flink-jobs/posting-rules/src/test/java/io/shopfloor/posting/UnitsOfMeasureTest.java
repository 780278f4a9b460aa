package io.shopfloor.posting;

import io.shopfloor.posting.ledger.CapacityLedgerEntry;
import io.shopfloor.posting.ledger.ItemLedgerEntry;
import io.shopfloor.posting.model.CapacityType;
import io.shopfloor.posting.model.FlushingMethod;
import io.shopfloor.posting.model.RoutingFlushingMethod;
import io.shopfloor.posting.order.ComponentDefinition;
import io.shopfloor.posting.order.LineDefinition;
import io.shopfloor.posting.order.OrderDefinition;
import io.shopfloor.posting.order.RoutingLineDefinition;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.shopfloor.posting.Assertions.assertDec;
import static io.shopfloor.posting.Assertions.posted;
import static io.shopfloor.posting.SetA.D0;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Parent in boxes of 12, a component in boxes of 100, and times entered in hours on a minutes work center. */
class UnitsOfMeasureTest {

    /** 10 BOX of FG-100 (= 120 PCS); STEEL 24 KG per BOX (2 per PCS), BOLT 0.5 BOX of 100 per BOX. */
    private static Scenario boxes(SetA setA) {
        Scenario s = new Scenario(setA, new OrderDefinition("RPO-BOX", "FG-100 in boxes", "FG-100", "MAIN", false,
                List.of(LineDefinition.of(10000, "FG-100", "MAIN", "10", "BOX", "R-100").withQtyPerUnitOfMeasure("12")),
                List.of(RoutingLineDefinition.of("R-100", 10000, "10", CapacityType.WORK_CENTER, "WC-CUT", "30", "2",
                                "CUT", RoutingFlushingMethod.MANUAL),
                        RoutingLineDefinition.of("R-100", 10000, "20", CapacityType.MACHINE_CENTER, "MC-ASSY", "0", "1",
                                "ASSY", RoutingFlushingMethod.MANUAL)),
                List.of(ComponentDefinition.of(10000, 10000, "STEEL", "KG", "24", "5", FlushingMethod.BACKWARD, "CUT", "MAIN"),
                        ComponentDefinition.of(10000, 20000, "BOLT", "BOX", "0.5", "0", FlushingMethod.FORWARD, "ASSY", "MAIN")
                                .withQtyPerUnitOfMeasure("100"))));
        s.release(D0);
        return s;
    }

    @Test
    void parentAndComponentUnitsConvertToBaseInTheLedger() {
        Scenario s = boxes(new SetA());
        assertDec("252.00", s.component(10000).expectedQuantity());
        assertDec("5", s.component(20000).expectedQuantity());
        assertDec("500", s.component(20000).expectedQtyBase());
        // Expected capacity is computed on the base quantity: 30 + 2 × 120 minutes.
        assertDec("270", s.operation("10").expected().capacityNeed());

        // 5 BOX = 60 PCS at op 10: STEEL 60 × 2 × 1.05, exactly as example 1's E1.
        assertEquals("ILE 1001 CONSUMPTION STEEL qty -126 rem 0 inv -126 open false comp 10000 source FG-100 order RPO-BOX/10000 doc RPO-BOX FLUSHING 2026-03-02",
                s.post(s.output("E1", "10").setupTime("30").runTime("120").output("5")).get(1));

        PostingResult.Posted e2 = posted(s.setA.rules.postOutput(s.order, s.output("E2", "20").runTime("60").output("5").build(),
                s.setA.masterData, s.setA.numbers));
        ItemLedgerEntry bolts = e2.itemLedgerEntries().get(0);
        assertEquals("BOX", bolts.unitOfMeasureCode());
        assertDec("100", bolts.qtyPerUnitOfMeasure());
        assertDec("-500", bolts.quantity());
        assertDec("-50.00", e2.valueEntries().get(0).costAmountActual());
        ItemLedgerEntry output = e2.itemLedgerEntries().get(1);
        assertEquals("BOX", output.unitOfMeasureCode());
        assertDec("12", output.qtyPerUnitOfMeasure());
        assertDec("60", output.quantity());
        assertDec("468.60", e2.valueEntries().get(2).costAmountExpected());
        CapacityLedgerEntry capacity = e2.capacityLedgerEntries().get(0);
        assertDec("60", capacity.outputQuantity());
        assertDec("5", s.line().finishedQuantity());
        assertDec("60", s.line().finishedQtyBase());
        assertDec("5", s.line().remainingQuantity());
    }

    @Test
    void hoursOnAMinutesWorkCenterAreStoredInMinutesAndValuedPerMinute() {
        Scenario s = new Scenario(new SetA());
        s.release(D0);
        PostingResult.Posted posted = posted(s.setA.rules.postOutput(s.order, s.output("E1", "10").capUnitOfMeasure("HOURS")
                .setupTime("0.5").runTime("2").output("60").build(), s.setA.masterData, s.setA.numbers));
        CapacityLedgerEntry entry = posted.capacityLedgerEntries().get(0);
        assertDec("30", entry.setupTime());
        assertDec("120", entry.runTime());
        assertDec("150", entry.quantity());
        assertEquals("HOURS", entry.capUnitOfMeasureCode());
        assertDec("60", entry.qtyPerCapUnitOfMeasure());
        assertDec("150.00", posted.valueEntries().get(1).costAmountActual());
        assertDec("30.00", posted.valueEntries().get(2).costAmountActual());
    }

    @Test
    void unconfirmedScalingOptionDividesTheUnitCostByTheFactor() {
        Scenario s = new Scenario(new SetA(PostingSettings.DEFAULTS
                .withCapacityUnitCostScaling(PostingSettings.CapacityUnitCostScaling.DIVIDED_BY_FACTOR)));
        s.release(D0);
        PostingResult.Posted posted = posted(s.setA.rules.postOutput(s.order, s.output("E1", "10").capUnitOfMeasure("HOURS")
                .setupTime("0.5").runTime("2").output("60").build(), s.setA.masterData, s.setA.numbers));
        // 150 min × 1.20/60 = 3.00; direct (3.00 − 150 × 0.10/60) / 1.10 = 2.50.
        assertDec("2.50", posted.valueEntries().get(1).costAmountActual());
        assertDec("0.50", posted.valueEntries().get(2).costAmountActual());
    }
}
