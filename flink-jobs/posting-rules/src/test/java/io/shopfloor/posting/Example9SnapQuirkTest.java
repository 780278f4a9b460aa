package io.shopfloor.posting;

import io.shopfloor.posting.model.CapacityCost;
import io.shopfloor.posting.model.CapacityType;
import io.shopfloor.posting.model.CostingMethod;
import io.shopfloor.posting.model.FlushingMethod;
import io.shopfloor.posting.model.Item;
import io.shopfloor.posting.model.RoutingFlushingMethod;
import io.shopfloor.posting.model.UnitCostCalculation;
import io.shopfloor.posting.model.WorkCenter;
import io.shopfloor.posting.order.ComponentDefinition;
import io.shopfloor.posting.order.LineDefinition;
import io.shopfloor.posting.order.OrderDefinition;
import io.shopfloor.posting.order.RoutingLineDefinition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.shopfloor.posting.Assertions.assertDec;
import static io.shopfloor.posting.SetA.D0;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/examples.md#example-9-the-snap-quirk: the "coincidence" snap quirk (ALAppExtensions#29408), in both modes. */
class Example9SnapQuirkTest {

    @ParameterizedTest
    @CsvSource({
            "BUSINESS_CENTRAL_COMPATIBLE, -50, -25, 75",
            "INTENDED, -25, -25, 50"})
    void resinConsumption(PostingSettings.SnapRule snapRule, String first, String second, String total) {
        SetA setA = new SetA(PostingSettings.DEFAULTS.withSnapRule(snapRule));
        setA.masterData
                .put(Item.of("FG-300", "PCS", CostingMethod.STANDARD, "3.00", "1"))
                .put(Item.of("RESIN", "KG", CostingMethod.STANDARD, "2.00", "0.01"))
                .put(WorkCenter.of("WC-MOLD", "MINUTES", CapacityCost.of("1.00", "0", "0"), UnitCostCalculation.TIME));
        Scenario s = new Scenario(setA, new OrderDefinition("RPO-3000", "FG-300 x 100", "FG-300", "MAIN", false,
                List.of(LineDefinition.of(10000, "FG-300", "MAIN", "100", "PCS", "R-300")),
                List.of(RoutingLineDefinition.of("R-300", 10000, "10", CapacityType.WORK_CENTER, "WC-MOLD", "0", "1",
                        "MOLD", RoutingFlushingMethod.MANUAL)),
                List.of(ComponentDefinition.of(10000, 10000, "RESIN", "KG", "0.5", "0", FlushingMethod.BACKWARD,
                        "MOLD", "MAIN"))));
        assertDec("50.00", s.component(10000).expectedQuantity());
        s.release(D0);

        assertEquals(List.of(first), consumption(s.post(s.output("EV1", "10").output("50"))));
        assertEquals(List.of(second), consumption(s.post(s.output("EV2", "10").output("50"))));
        assertDec(total, s.component(10000).actConsumptionQtyBase());
    }

    private static List<String> consumption(List<String> entries) {
        return entries.stream().filter(e -> e.contains("CONSUMPTION RESIN"))
                .map(e -> e.replaceAll(".* qty (\\S+) .*", "$1")).toList();
    }
}
