package io.shopfloor.job.benchmark;

import io.shopfloor.job.avro.AvroFixtures;
import io.shopfloor.schema.common.ProductionOrderStatus;
import io.shopfloor.schema.masterdata.CostingMethod;
import io.shopfloor.schema.masterdata.Item;
import io.shopfloor.schema.masterdata.Location;
import io.shopfloor.schema.masterdata.MachineCenter;
import io.shopfloor.schema.masterdata.ManufacturingSetup;
import io.shopfloor.schema.masterdata.ProdOrderComponent;
import io.shopfloor.schema.masterdata.ProdOrderLine;
import io.shopfloor.schema.masterdata.ProdOrderRoutingLine;
import io.shopfloor.schema.masterdata.ProductionOrder;
import io.shopfloor.schema.masterdata.WorkCenter;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The spec's set A as CDC would deliver it (the posting job's test fixture {@link AvroFixtures}), stamped with
 * source times, and its order copied under other numbers and quantities.
 */
final class SetAAvro {
    static final int LINE = 10000;

    private SetAAvro() {
    }

    static List<Item> items(Instant at) {
        Item fg = Item.newBuilder(AvroFixtures.item("FG-100", "PCS", CostingMethod.STANDARD, "7.81", "1"))
                .setSingleLevelMaterialCost(AvroFixtures.q("4.55")).setSingleLevelCapacityCost(AvroFixtures.q("2.80"))
                .setSingleLevelCapacityOverheadCost(AvroFixtures.q("0.46")).build();
        return List.of(fg, AvroFixtures.item("STEEL", "KG", CostingMethod.STANDARD, "1.50", "0.01"),
                        AvroFixtures.item("BOLT", "PCS", CostingMethod.STANDARD, "0.10", "1"),
                        AvroFixtures.item("PAINT", "L", CostingMethod.STANDARD, "20.00", "0.001")).stream()
                .map(i -> Item.newBuilder(i).setSourceTimestamp(at).build()).toList();
    }

    static List<WorkCenter> workCenters(Instant at) {
        return List.of(AvroFixtures.workCenter("WC-CUT", "1.00", "10", "0.10", "1.20"),
                        AvroFixtures.workCenter("WC-ASSY", "0.50", "0", "0", "0.50")).stream()
                .map(w -> WorkCenter.newBuilder(w).setSourceTimestamp(at).build()).toList();
    }

    static MachineCenter machineCenter(Instant at) {
        return MachineCenter.newBuilder(AvroFixtures.machineCenter("MC-ASSY", "WC-ASSY", "0.50"))
                .setSourceTimestamp(at).build();
    }

    static Location location(Instant at) {
        return Location.newBuilder(AvroFixtures.location("MAIN")).setSourceTimestamp(at).build();
    }

    static ManufacturingSetup manufacturingSetup(Instant at) {
        return ManufacturingSetup.newBuilder(AvroFixtures.manufacturingSetup()).setSourceTimestamp(at).build();
    }

    /** Set A's order header, released at {@code released} (the CDC row after the release). */
    static ProductionOrder releasedOrder(String orderNo, BigDecimal quantity, Instant released, long lsn) {
        return ProductionOrder.newBuilder(AvroFixtures.setAOrder()).setStatus(ProductionOrderStatus.RELEASED)
                .setNo(orderNo).setDescription("FG-100 x " + quantity.toPlainString()).setQuantity(quantity.setScale(5))
                .setSourceLsn(lsn).setSourceTimestamp(released).build();
    }

    static ProdOrderLine line(String orderNo, BigDecimal quantity, Instant defined) {
        return ProdOrderLine.newBuilder(AvroFixtures.setALine()).setProdOrderNo(orderNo)
                .setQuantity(quantity.setScale(5)).setQuantityBase(quantity.setScale(5))
                .setRemainingQuantity(quantity.setScale(5)).setRemainingQtyBase(quantity.setScale(5))
                .setSourceTimestamp(defined).build();
    }

    static List<ProdOrderRoutingLine> routing(String orderNo, Instant defined) {
        return AvroFixtures.setARouting().stream().map(r -> ProdOrderRoutingLine.newBuilder(r).setProdOrderNo(orderNo)
                .setSourceTimestamp(defined).build()).toList();
    }

    static List<ProdOrderComponent> components(String orderNo, Instant defined) {
        return AvroFixtures.setAComponents().stream().map(c -> ProdOrderComponent.newBuilder(c).setProdOrderNo(orderNo)
                .setSourceTimestamp(defined).build()).toList();
    }
}
