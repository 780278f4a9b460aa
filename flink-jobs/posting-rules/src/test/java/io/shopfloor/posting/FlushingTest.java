package io.shopfloor.posting;

import io.shopfloor.posting.model.CalculationFormula;
import io.shopfloor.posting.model.CapacityType;
import io.shopfloor.posting.model.CostingMethod;
import io.shopfloor.posting.model.FlushingMethod;
import io.shopfloor.posting.model.Item;
import io.shopfloor.posting.model.RoutingFlushingMethod;
import io.shopfloor.posting.order.ComponentDefinition;
import io.shopfloor.posting.order.LineDefinition;
import io.shopfloor.posting.order.OrderDefinition;
import io.shopfloor.posting.order.RoutingLineDefinition;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.shopfloor.posting.Assertions.assertDec;
import static io.shopfloor.posting.SetA.D0;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Expected quantities (docs/production-orders.md#components) and flush quantities (docs/flushing.md#quantities) beyond
 * the worked examples.
 */
class FlushingTest {

    private static OrderDefinition order(String quantity, List<RoutingLineDefinition> routing,
                                         List<ComponentDefinition> components) {
        return new OrderDefinition("RPO-2000", "test", "FG-100", "MAIN", false,
                List.of(LineDefinition.of(10000, "FG-100", "MAIN", quantity, "PCS", "R-100")), routing, components);
    }

    private static RoutingLineDefinition op(String no, String workCenter, String link) {
        return RoutingLineDefinition.of("R-100", 10000, no, CapacityType.WORK_CENTER, workCenter, "0", "1", link,
                RoutingFlushingMethod.MANUAL);
    }

    @Test
    void theCompletingPostingSnapsARoundingResidueToTheRemainder() {
        SetA setA = new SetA();
        setA.masterData.put(Item.of("GLUE", "L", CostingMethod.STANDARD, "10.00", "0.01"));
        Scenario s = new Scenario(setA, order("3", List.of(op("10", "WC-CUT", "CUT")),
                List.of(ComponentDefinition.of(10000, 10000, "GLUE", "L", "0.335", "0", FlushingMethod.BACKWARD, "CUT", "MAIN"))));
        assertDec("1.01", s.component(10000).expectedQuantity()); // 1.005 rounded up to 0.01
        s.release(D0);
        assertEquals(List.of("-0.34"), glue(s.post(s.output("P1", "10").output("1"))));
        assertEquals(List.of("-0.34"), glue(s.post(s.output("P2", "10").output("1"))));
        // Proportional 0.34 is within one precision step of the remainder 0.33 and this posting completes the line.
        assertEquals(List.of("-0.33"), glue(s.post(s.output("P3", "10").output("1"))));
        assertDec("1.01", s.component(10000).actConsumptionQtyBase());
    }

    @Test
    void routingScrapFactorsAccumulateBackwardsIntoExpectedQuantityAndCapacityNeed() {
        SetA setA = new SetA();
        Scenario s = new Scenario(setA, order("100",
                List.of(op("10", "WC-CUT", "CUT").withScrap("10", "0"), op("20", "WC-ASSY", "ASSY").withScrap("5", "2")),
                List.of(ComponentDefinition.of(10000, 10000, "STEEL", "KG", "2", "5", FlushingMethod.BACKWARD, "CUT", "MAIN"),
                        ComponentDefinition.of(10000, 20000, "BOLT", "PCS", "4", "0", FlushingMethod.FORWARD, "ASSY", "MAIN"),
                        ComponentDefinition.of(10000, 30000, "PAINT", "L", "0.05", "0", FlushingMethod.BACKWARD, null, "MAIN"))));
        assertDec("0.155", s.operation("10").scrapFactorAccumulated()); // 1.05 × 1.10 − 1
        assertDec("0.05", s.operation("20").scrapFactorAccumulated());
        assertDec("2", s.operation("10").fixedScrapQtyAccumulated());
        // STEEL on op 10: 2 × (100 × 1.155 × 1.05 + 2) = 246.55; BOLT on op 20: 4 × (100 × 1.05 + 2) = 428;
        // PAINT unlinked takes the first operation: 0.05 × (100 × 1.155 + 2) = 5.875.
        assertDec("246.55", s.component(10000).expectedQuantity());
        assertDec("428", s.component(20000).expectedQuantity());
        assertDec("5.875", s.component(30000).expectedQuantity());
        assertDec("117.5", s.operation("10").expected().capacityNeed()); // run 1 × input 117.5
        // The actual-output flush ignores routing scrap: 60 × 2 × 1.05.
        s.release(D0);
        assertEquals("ILE 1001 CONSUMPTION STEEL qty -126 rem 0 inv -126 open false comp 10000 source FG-100 order RPO-2000/10000 doc RPO-2000 FLUSHING 2026-03-02",
                s.post(s.output("E1", "10").output("60")).get(1));
    }

    @Test
    void calculationFormulasAndFixedQuantity() {
        SetA setA = new SetA();
        setA.masterData.put(Item.of("OIL", "L", CostingMethod.STANDARD, "3.00", "0.1"));
        Scenario s = new Scenario(setA, order("100", List.of(op("10", "WC-CUT", "CUT")),
                List.of(ComponentDefinition.of(10000, 10000, "STEEL", "KG", "2", "0", FlushingMethod.BACKWARD, "CUT", "MAIN")
                                .withFormula(CalculationFormula.LENGTH_X_WIDTH, "1.5", "0.5", null, null),
                        ComponentDefinition.of(10000, 20000, "OIL", "L", "2", "10", FlushingMethod.BACKWARD, "CUT", "MAIN")
                                .withFormula(CalculationFormula.FIXED_QUANTITY, null, null, null, null))));
        assertDec("1.5", s.component(10000).quantity());
        assertDec("150.00", s.component(10000).expectedQuantity());
        assertDec("2", s.component(20000).expectedQuantity()); // fixed: independent of order quantity and scrap
        s.release(D0);
        List<String> e1 = s.post(s.output("E1", "10").output("60"));
        assertEquals(List.of("-90", "-2", "-0.2"), e1.stream().filter(e -> e.contains("CONSUMPTION"))
                .map(e -> e.replaceAll(".* qty (\\S+) .*", "$1")).toList(),
                "STEEL 60 × 1.5; OIL the fixed 2 × 1.10 = 2.2 per posting, of which 0.2 over the expected 2");
    }

    private static List<String> glue(List<String> entries) {
        return entries.stream().filter(e -> e.contains("CONSUMPTION GLUE"))
                .map(e -> e.replaceAll(".* qty (\\S+) .*", "$1")).toList();
    }
}
