package io.shopfloor.posting;

import io.shopfloor.posting.ledger.EntryNumbers;
import io.shopfloor.posting.model.CapacityCost;
import io.shopfloor.posting.model.CapacityType;
import io.shopfloor.posting.model.CostingMethod;
import io.shopfloor.posting.model.FlushingMethod;
import io.shopfloor.posting.model.InMemoryMasterData;
import io.shopfloor.posting.model.Item;
import io.shopfloor.posting.model.Location;
import io.shopfloor.posting.model.MachineCenter;
import io.shopfloor.posting.model.RoutingFlushingMethod;
import io.shopfloor.posting.model.SingleLevelCost;
import io.shopfloor.posting.model.UnitCostCalculation;
import io.shopfloor.posting.model.WorkCenter;
import io.shopfloor.posting.order.ComponentDefinition;
import io.shopfloor.posting.order.LineDefinition;
import io.shopfloor.posting.order.OrderDefinition;
import io.shopfloor.posting.order.OrderStatus;
import io.shopfloor.posting.order.ProductionOrder;
import io.shopfloor.posting.order.RoutingLineDefinition;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The common master data "set A" (docs/examples.md#set-a) and order RPO-1001, with switches the examples vary. Public
 * because
 * the benchmark module posts the same order (through this module's test-jar).
 */
public final class SetA {
    public static final String ORDER = "RPO-1001";
    public static final int LINE = 10000;
    public static final LocalDate D0 = LocalDate.of(2026, 3, 1);
    public static final LocalDate D1 = LocalDate.of(2026, 3, 2);
    public static final LocalDate D2 = LocalDate.of(2026, 3, 3);

    RoutingFlushingMethod op10Flushing = RoutingFlushingMethod.MANUAL;
    RoutingFlushingMethod op20Flushing = RoutingFlushingMethod.MANUAL;
    FlushingMethod steelFlushing = FlushingMethod.BACKWARD;
    FlushingMethod paintFlushing = FlushingMethod.BACKWARD;
    FlushingMethod boltFlushing = FlushingMethod.FORWARD;
    String location = "MAIN";
    /** Order quantity; the benchmark makes it large enough never to complete. */
    public String quantity = "100";

    public final InMemoryMasterData masterData = new InMemoryMasterData()
            .put(Location.simple("MAIN"))
            .put(Item.of("FG-100", "PCS", CostingMethod.STANDARD, "7.81", "1").withSingleLevelCost(
                    new SingleLevelCost(dec("4.55"), dec("2.80"), dec("0"), dec("0.46"), dec("0"))))
            .put(Item.of("STEEL", "KG", CostingMethod.STANDARD, "1.50", "0.01"))
            .put(Item.of("BOLT", "PCS", CostingMethod.STANDARD, "0.10", "1"))
            .put(Item.of("PAINT", "L", CostingMethod.STANDARD, "20.00", "0.001"))
            .put(WorkCenter.of("WC-CUT", "MINUTES", CapacityCost.of("1.00", "10", "0.10"), UnitCostCalculation.TIME))
            .put(WorkCenter.of("WC-ASSY", "MINUTES", CapacityCost.of("0.50", "0", "0"), UnitCostCalculation.TIME))
            .put(MachineCenter.of("MC-ASSY", "WC-ASSY", CapacityCost.of("0.50", "0", "0")));

    public final PostingRules rules;
    public final EntryNumbers numbers = new EntryNumbers(1001, 501, 2001, 1);

    public SetA() {
        this(PostingSettings.DEFAULTS);
    }

    SetA(PostingSettings settings) {
        this.rules = new PostingRules(settings);
    }

    public OrderDefinition definition() {
        return new OrderDefinition(ORDER, "FG-100 x " + quantity, "FG-100", location, false,
                List.of(LineDefinition.of(LINE, "FG-100", location, quantity, "PCS", "R-100")),
                List.of(RoutingLineDefinition.of("R-100", LINE, "10", CapacityType.WORK_CENTER, "WC-CUT", "30", "2",
                                "CUT", op10Flushing),
                        RoutingLineDefinition.of("R-100", LINE, "20", CapacityType.MACHINE_CENTER, "MC-ASSY", "0", "1",
                                "ASSY", op20Flushing)),
                List.of(ComponentDefinition.of(LINE, 10000, "STEEL", "KG", "2", "5", steelFlushing, "CUT",
                                location),
                        ComponentDefinition.of(LINE, 20000, "BOLT", "PCS", "4", "0", boltFlushing, "ASSY",
                                location),
                        ComponentDefinition.of(LINE, 30000, "PAINT", "L", "0.05", "0", paintFlushing, null, location)));
    }

    /** Refreshed as Firm Planned; the examples release it themselves. */
    public ProductionOrder firmPlanned() {
        return firmPlanned(definition());
    }

    ProductionOrder firmPlanned(OrderDefinition definition) {
        PostingRules.Refresh refresh = rules.refresh(definition, OrderStatus.FIRM_PLANNED, masterData);
        if (refresh.refused()) {
            throw new AssertionError(refresh.refusal());
        }
        return refresh.order();
    }

    static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }
}
