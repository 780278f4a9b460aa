package io.shopfloor.posting;

import io.shopfloor.posting.order.OrderDefinition;
import io.shopfloor.posting.model.CapacityCost;
import io.shopfloor.posting.model.ManufacturingSetup;
import io.shopfloor.posting.model.UnitCostCalculation;
import io.shopfloor.posting.model.WorkCenter;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.shopfloor.posting.Assertions.assertDec;
import static io.shopfloor.posting.SetA.D0;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/capacity-costs.md beyond the worked examples, and the stop-time caveat (docs/output-posting.md#stop-time). */
class CapacityCostTest {

    @Test
    void withoutCostInclSetupOnlyRunTimeIsValued() {
        SetA setA = new SetA();
        setA.masterData.put(new ManufacturingSetup(false, true, false, "FLUSHING"));
        Scenario s = new Scenario(setA);
        // Expected op 10 cost without setup: 200 × 1.20.
        assertDec("240.00", s.operation("10").expected().operationCostAmount());
        s.release(D0);
        List<String> e1 = s.post(s.output("E1", "10").setupTime("30").runTime("120").output("60"));
        assertEquals("CLE 501 WC-CUT op 10 qty 120 inv 120 setup 30 run 120 stop 0 out 60 scrap 0 last false item FG-100 order RPO-1001/10000 2026-03-02",
                e1.get(0));
        assertEquals("VE 2002 DIRECT_COST CLE 501 valued 120 inv 120 actual 120.00 expected 0.00", e1.get(3));
        assertEquals("VE 2003 INDIRECT_COST CLE 501 valued 120 inv 0 actual 24.00 expected 0.00", e1.get(4));
    }

    @Test
    void specificUnitCostTakesTheRoutingUnitCostAndDerivesTheDirectPart() {
        SetA setA = new SetA();
        setA.masterData.put(WorkCenter.of("WC-CUT", "MINUTES", CapacityCost.of("1.00", "10", "0.10"),
                UnitCostCalculation.TIME).withSpecificUnitCost(true));
        Scenario s = new Scenario(setA, withRoutingUnitCost(setA.definition(), "1.50"));
        s.release(D0);
        List<String> e1 = s.post(s.output("E1", "10").setupTime("30").runTime("120").output("60"));
        // CostAmt 150 × 1.50 = 225.00; Direct (225.00 − 15.00) / 1.10 = 190.91; Indirect 34.09.
        assertEquals("VE 2002 DIRECT_COST CLE 501 valued 150 inv 150 actual 190.91 expected 0.00", e1.get(3));
        assertEquals("VE 2003 INDIRECT_COST CLE 501 valued 150 inv 0 actual 34.09 expected 0.00", e1.get(4));
    }

    @Test
    void stopTimeWithRunAndOutputOnOneLineGivesAStopEntryWithStopTimeOnlyByDefault() {
        Scenario s = new Scenario(new SetA());
        s.release(D0);
        List<String> entries = s.post(s.output("MIX", "10").runTime("60").output("30").stopTime(new BigDecimal("15"), "JAM"));
        assertEquals("CLE 501 WC-CUT op 10 qty 15 inv 15 setup 0 run 0 stop 15 out 0 scrap 0 stopCode JAM last false item FG-100 order RPO-1001/10000 2026-03-02",
                entries.get(0));
        assertEquals("CLE 502 WC-CUT op 10 qty 60 inv 60 setup 0 run 60 stop 0 out 30 scrap 0 last false item FG-100 order RPO-1001/10000 2026-03-02",
                entries.get(1));
        assertDec("30", s.operation("10").postedOutputQtyBase());
    }

    @Test
    void businessCentralCopiesTheLineIntoTheStopEntryAndDropsOutputWithoutTime() {
        Scenario s = new Scenario(new SetA(PostingSettings.DEFAULTS.withStopTimeWithOtherQuantities(
                PostingSettings.StopTimeWithOtherQuantities.STOP_ENTRY_COPIES_LINE)));
        s.release(D0);
        List<String> mixed = s.post(s.output("MIX", "10").runTime("60").output("30").stopTime(new BigDecimal("15"), "JAM"));
        assertEquals("CLE 501 WC-CUT op 10 qty 15 inv 15 setup 0 run 60 stop 15 out 30 scrap 0 stopCode JAM last false item FG-100 order RPO-1001/10000 2026-03-02",
                mixed.get(0));
        assertEquals("CLE 502 WC-CUT op 10 qty 60 inv 60 setup 0 run 60 stop 0 out 30 scrap 0 last false item FG-100 order RPO-1001/10000 2026-03-02",
                mixed.get(1));
        // Setup and run both 0: BC stops after the stop entry, the output of this line is not posted.
        assertEquals(1, s.post(s.output("STOP+OUT", "20").output("10").stopTime(new BigDecimal("5"), "JAM")).size());
        assertDec("0", s.line().finishedQtyBase());
    }

    static OrderDefinition withRoutingUnitCost(OrderDefinition d,
                                                                          String unitCost) {
        return new OrderDefinition(d.no(), d.description(), d.sourceNo(), d.locationCode(),
                d.blocked(), d.lines(), d.routingLines().stream()
                .map(r -> r.operationNo().equals("10") ? r.withUnitCostPer(unitCost) : r).toList(), d.components());
    }
}
