package io.shopfloor.posting;

import io.shopfloor.posting.model.CapacityCost;
import io.shopfloor.posting.model.CapacityType;
import io.shopfloor.posting.model.RoutingFlushingMethod;
import io.shopfloor.posting.model.UnitCostCalculation;
import io.shopfloor.posting.model.WorkCenter;
import io.shopfloor.posting.order.LineDefinition;
import io.shopfloor.posting.order.OrderDefinition;
import io.shopfloor.posting.order.RoutingLineDefinition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.List;

import static io.shopfloor.posting.SetA.D0;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * docs/examples.md#example-11-units-costed-work-center: a Units-costed packing work center values output + scrap; Time
 * costing values time.
 */
class Example11UnitsCostedWorkCenterTest {

    @ParameterizedTest
    @CsvSource({"UNITS, 100, 40.00", "TIME, 50, 20.00"})
    void valuedQuantity(UnitCostCalculation calculation, String valued, String direct) {
        SetA setA = new SetA();
        setA.masterData.put(WorkCenter.of("WC-PACK", "MINUTES", CapacityCost.of("0.40", "0", "0"), calculation));
        Scenario s = new Scenario(setA, new OrderDefinition("RPO-1100", "FG-100 packing", "FG-100", "MAIN", false,
                List.of(LineDefinition.of(10000, "FG-100", "MAIN", "100", "PCS", "R-PACK")),
                List.of(RoutingLineDefinition.of("R-PACK", 10000, "30", CapacityType.WORK_CENTER, "WC-PACK", "0",
                        "0.5", null, RoutingFlushingMethod.MANUAL)),
                List.of()));
        s.release(D0);

        assertEquals(List.of(
                "CLE 501 WC-PACK op 30 qty " + valued + " inv " + valued + " setup 0 run 50 stop 0 out 97 scrap 3 last true item FG-100 order RPO-1100/10000 2026-03-02",
                "VE 2001 DIRECT_COST CLE 501 valued " + valued + " inv " + valued + " actual " + direct + " expected 0.00",
                "ILE 1001 OUTPUT FG-100 qty 97 rem 97 inv 0 open true comp 0 source FG-100 order RPO-1100/10000 doc RPO-1100 OUTPUTJNL 2026-03-02",
                "VE 2002 DIRECT_COST ILE 1001 valued 97 inv 0 actual 0.00 expected 757.57"),
                s.post(s.output("PACK", "30").runTime("50").output("97").scrap(new BigDecimal("3"), null)));
    }
}
