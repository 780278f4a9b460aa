package io.shopfloor.job.benchmark;

import io.shopfloor.schema.common.CapacityType;
import io.shopfloor.schema.common.FlushingMethod;
import io.shopfloor.schema.common.ProductionOrderStatus;
import io.shopfloor.schema.common.RoutingFlushingMethod;
import io.shopfloor.schema.common.UnitCostCalculation;
import io.shopfloor.schema.masterdata.CalculationFormula;
import io.shopfloor.schema.masterdata.CostingMethod;
import io.shopfloor.schema.masterdata.Item;
import io.shopfloor.schema.masterdata.Location;
import io.shopfloor.schema.masterdata.MachineCenter;
import io.shopfloor.schema.masterdata.ManufacturingSetup;
import io.shopfloor.schema.masterdata.PresetOutputQuantity;
import io.shopfloor.schema.masterdata.ProdConsumpWhseHandling;
import io.shopfloor.schema.masterdata.ProdOrderComponent;
import io.shopfloor.schema.masterdata.ProdOrderLine;
import io.shopfloor.schema.masterdata.ProdOrderRoutingLine;
import io.shopfloor.schema.masterdata.ProdOrderSourceType;
import io.shopfloor.schema.masterdata.ProdOutputWhseHandling;
import io.shopfloor.schema.masterdata.ProductionOrder;
import io.shopfloor.schema.masterdata.RoutingStatus;
import io.shopfloor.schema.masterdata.WorkCenter;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The spec's set A (§13) as the ERP's CDC would put it on Kafka, with the order number, quantity and source time
 * as parameters, so the benchmark can release many copies of set A's order.
 *
 * <p>A copy of the builders in posting-job's test class {@code io.shopfloor.job.avro.AvroFixtures} (posting-job
 * publishes no test-jar); keep the values in step with it.
 */
final class SetAAvro {
    static final int LINE = 10000;
    static final LocalDate D0 = LocalDate.of(2026, 3, 1);
    static final LocalDate D1 = LocalDate.of(2026, 3, 2);
    /** Set A's order is for 100 FG-100 costing 781.00 (326.00 operations, 455.00 components). */
    private static final BigDecimal SET_A_QUANTITY = new BigDecimal("100");

    private SetAAvro() {
    }

    /** A quantity as decoded from Avro: scale 5. */
    static BigDecimal q(String value) {
        return new BigDecimal(value).setScale(5);
    }

    /** An amount as decoded from Avro: scale 2. */
    static BigDecimal a(String value) {
        return new BigDecimal(value).setScale(2);
    }

    // ---- shared master data ----

    static List<Item> items(Instant at) {
        Item fg = Item.newBuilder(item("FG-100", "PCS", CostingMethod.STANDARD, "7.81", "1"))
                .setSingleLevelMaterialCost(q("4.55")).setSingleLevelCapacityCost(q("2.80"))
                .setSingleLevelCapacityOverheadCost(q("0.46")).build();
        return List.of(fg, item("STEEL", "KG", CostingMethod.STANDARD, "1.50", "0.01"),
                        item("BOLT", "PCS", CostingMethod.STANDARD, "0.10", "1"),
                        item("PAINT", "L", CostingMethod.STANDARD, "20.00", "0.001")).stream()
                .map(i -> Item.newBuilder(i).setSourceTimestamp(at).build()).toList();
    }

    static Item item(String no, String uom, CostingMethod method, String unitCost, String roundingPrecision) {
        return Item.newBuilder().setNo(no).setDescription(no).setBaseUnitOfMeasure(uom).setCostingMethod(method)
                .setUnitCost(q(unitCost)).setStandardCost(q(unitCost)).setRoundingPrecision(q(roundingPrecision))
                .setIndirectCostPct(q("0")).setOverheadRate(q("0")).setSingleLevelMaterialCost(q("0"))
                .setSingleLevelCapacityCost(q("0")).setSingleLevelSubcontractedCost(q("0"))
                .setSingleLevelCapacityOverheadCost(q("0")).setSingleLevelMfgOverheadCost(q("0"))
                .setFlushingMethod(FlushingMethod.MANUAL).setVariantMandatory(false).setDefaultBinCode("")
                .setInventoryPostingGroup("").setGenProdPostingGroup("").setBlocked(false).build();
    }

    static List<WorkCenter> workCenters(Instant at) {
        return List.of(
                WorkCenter.newBuilder(workCenter("WC-CUT", "1.00", "10", "0.10", "1.20"))
                        .setSourceTimestamp(at).build(),
                WorkCenter.newBuilder(workCenter("WC-ASSY", "0.50", "0", "0", "0.50"))
                        .setSourceTimestamp(at).build());
    }

    static WorkCenter workCenter(String no, String direct, String indirectPct, String overhead, String unitCost) {
        return WorkCenter.newBuilder().setNo(no).setName(no).setWorkCenterGroupCode("").setUnitOfMeasureCode("MINUTES")
                .setDirectUnitCost(q(direct)).setIndirectCostPct(q(indirectPct)).setOverheadRate(q(overhead))
                .setUnitCost(q(unitCost)).setUnitCostCalculation(UnitCostCalculation.TIME).setSpecificUnitCost(false)
                .setSubcontractorNo("").setFlushingMethod(RoutingFlushingMethod.MANUAL)
                .setCalendarRoundingPrecision(q("0")).setLocationCode("").setOpenShopFloorBinCode("")
                .setToProductionBinCode("").setFromProductionBinCode("").setBlocked(false).build();
    }

    static MachineCenter machineCenter(Instant at) {
        return MachineCenter.newBuilder().setNo("MC-ASSY").setName("MC-ASSY").setWorkCenterNo("WC-ASSY")
                .setDirectUnitCost(q("0.50")).setIndirectCostPct(q("0")).setOverheadRate(q("0"))
                .setUnitCost(q("0.50")).setFlushingMethod(RoutingFlushingMethod.MANUAL).setLocationCode("")
                .setOpenShopFloorBinCode("").setToProductionBinCode("").setFromProductionBinCode("")
                .setBlocked(false).setSourceTimestamp(at).build();
    }

    static Location location(Instant at) {
        return Location.newBuilder().setCode("MAIN").setName("MAIN").setBinMandatory(false)
                .setDirectedPutAwayAndPick(false)
                .setProdConsumpWhseHandling(ProdConsumpWhseHandling.NO_WAREHOUSE_HANDLING)
                .setProdOutputWhseHandling(ProdOutputWhseHandling.NO_WAREHOUSE_HANDLING)
                .setOpenShopFloorBinCode("").setToProductionBinCode("").setFromProductionBinCode("")
                .setSourceTimestamp(at).build();
    }

    static ManufacturingSetup manufacturingSetup(Instant at) {
        return ManufacturingSetup.newBuilder().setPrimaryKey("").setCostInclSetup(true).setDocNoIsProdOrderNo(true)
                .setFinishOrderWithoutOutput(false).setPresetOutputQuantity(PresetOutputQuantity.EXPECTED_QUANTITY)
                .setSourceTimestamp(at).build();
    }

    // ---- one copy of set A's order ----

    /** Set A's order header, released at {@code released} (the CDC row after the release). */
    static ProductionOrder releasedOrder(String orderNo, BigDecimal quantity, Instant released, long lsn) {
        return ProductionOrder.newBuilder().setStatus(ProductionOrderStatus.RELEASED).setNo(orderNo)
                .setDescription("FG-100 x " + quantity.toPlainString()).setSourceType(ProdOrderSourceType.ITEM)
                .setSourceNo("FG-100").setQuantity(quantity.setScale(5)).setDueDate(D1).setLocationCode("MAIN")
                .setBinCode("").setGenBusPostingGroup("").setInventoryPostingGroup("").setBlocked(false)
                .setReopened(false).setDimensionSetId(0).setSourceLsn(lsn).setSourceTimestamp(released).build();
    }

    static ProdOrderLine line(String orderNo, BigDecimal quantity, Instant defined) {
        BigDecimal factor = quantity.divide(SET_A_QUANTITY, 10, RoundingMode.HALF_UP);
        return ProdOrderLine.newBuilder().setStatus(ProductionOrderStatus.FIRM_PLANNED).setProdOrderNo(orderNo)
                .setLineNo(LINE).setItemNo("FG-100").setVariantCode("").setDescription("FG-100")
                .setLocationCode("MAIN").setBinCode("").setQuantity(quantity.setScale(5))
                .setQuantityBase(quantity.setScale(5)).setUnitOfMeasureCode("PCS").setQtyPerUnitOfMeasure(q("1"))
                .setFinishedQuantity(q("0")).setFinishedQtyBase(q("0")).setRemainingQuantity(quantity.setScale(5))
                .setRemainingQtyBase(quantity.setScale(5)).setScrapPct(q("0")).setRoutingNo("R-100")
                .setRoutingReferenceNo(LINE).setUnitCost(q("7.81")).setCostAmount(scaled("781", factor))
                .setIndirectCostPct(q("0")).setOverheadRate(q("0"))
                .setExpectedOperationCostAmt(scaled("326", factor)).setExpectedComponentCostAmt(scaled("455", factor))
                .setInventoryPostingGroup("").setDimensionSetId(0).setPlanningLevelCode(0)
                .setSourceTimestamp(defined).build();
    }

    /** Set A's serial routing R-100: op 10 on work center WC-CUT, op 20 on machine center MC-ASSY. */
    static List<ProdOrderRoutingLine> routing(String orderNo, Instant defined) {
        return List.of(
                routingLine(orderNo, defined, "10", "20", "", CapacityType.WORK_CENTER, "WC-CUT", "WC-CUT", "30", "2",
                        "CUT", "1.20"),
                routingLine(orderNo, defined, "20", "", "10", CapacityType.MACHINE_CENTER, "MC-ASSY", "WC-ASSY", "0",
                        "1", "ASSY", "0.50"));
    }

    private static ProdOrderRoutingLine routingLine(String orderNo, Instant defined, String operationNo, String next,
                                                    String previous, CapacityType type, String no,
                                                    String workCenterNo, String setup, String run, String link,
                                                    String unitCostPer) {
        return ProdOrderRoutingLine.newBuilder().setStatus(ProductionOrderStatus.FIRM_PLANNED).setProdOrderNo(orderNo)
                .setRoutingReferenceNo(LINE).setRoutingNo("R-100").setOperationNo(operationNo)
                .setNextOperationNo(next).setPreviousOperationNo(previous).setType(type).setNo(no)
                .setWorkCenterNo(workCenterNo).setWorkCenterGroupCode("").setDescription(no)
                .setSetupTime(q(setup)).setSetupTimeUnitOfMeasCode("MINUTES").setRunTime(q(run))
                .setRunTimeUnitOfMeasCode("MINUTES").setWaitTime(q("0")).setWaitTimeUnitOfMeasCode("")
                .setMoveTime(q("0")).setMoveTimeUnitOfMeasCode("").setLotSize(q("1")).setMinimumProcessTime(q("0"))
                .setMaximumProcessTime(q("0")).setSendAheadQuantity(q("0")).setConcurrentCapacities(q("1"))
                .setRoutingLinkCode(link).setScrapFactorPct(q("0")).setFixedScrapQuantity(q("0"))
                .setScrapFactorPctAccumulated(q("0")).setFixedScrapQtyAccum(q("0")).setUnitCostPer(q(unitCostPer))
                .setDirectUnitCost(q(unitCostPer)).setIndirectCostPct(q("0")).setOverheadRate(q("0"))
                .setUnitCostCalculation(UnitCostCalculation.TIME).setExpectedOperationCostAmt(a("0"))
                .setExpectedCapacityOvhdCost(a("0")).setExpectedCapacityNeed(q("0"))
                .setFlushingMethod(RoutingFlushingMethod.MANUAL).setRoutingStatus(RoutingStatus.NONE)
                .setStandardTaskCode("").setLocationCode("MAIN").setOpenShopFloorBinCode("")
                .setToProductionBinCode("").setFromProductionBinCode("").setSourceTimestamp(defined).build();
    }

    /** STEEL flushed backward with op 10 (link CUT), BOLT forward with op 20 (link ASSY), PAINT backward at finish. */
    static List<ProdOrderComponent> components(String orderNo, Instant defined) {
        return List.of(component(orderNo, defined, 10000, "STEEL", "KG", "2", "5", FlushingMethod.BACKWARD, "CUT"),
                component(orderNo, defined, 20000, "BOLT", "PCS", "4", "0", FlushingMethod.FORWARD, "ASSY"),
                component(orderNo, defined, 30000, "PAINT", "L", "0.05", "0", FlushingMethod.BACKWARD, ""));
    }

    private static ProdOrderComponent component(String orderNo, Instant defined, int lineNo, String itemNo,
                                                String uom, String quantityPer, String scrapPct,
                                                FlushingMethod flushing, String link) {
        return ProdOrderComponent.newBuilder().setStatus(ProductionOrderStatus.FIRM_PLANNED).setProdOrderNo(orderNo)
                .setProdOrderLineNo(LINE).setLineNo(lineNo).setItemNo(itemNo).setVariantCode("")
                .setDescription(itemNo).setUnitOfMeasureCode(uom).setQtyPerUnitOfMeasure(q("1"))
                .setQtyRoundingPrecisionBase(q("0")).setQuantityPer(q(quantityPer))
                .setCalculationFormula(CalculationFormula.BLANK).setLength(q("0")).setWidth(q("0")).setDepth(q("0"))
                .setWeight(q("0")).setQuantity(q(quantityPer)).setScrapPct(q(scrapPct)).setExpectedQuantity(q("0"))
                .setExpectedQtyBase(q("0")).setRemainingQuantity(q("0")).setRemainingQtyBase(q("0"))
                .setFlushingMethod(flushing).setRoutingLinkCode(link).setLocationCode("MAIN").setBinCode("")
                .setUnitCost(q("0")).setDirectUnitCost(q("0")).setIndirectCostPct(q("0")).setOverheadRate(q("0"))
                .setCostAmount(a("0")).setOverheadAmount(a("0")).setDirectCostAmount(a("0")).setDueDate(D0)
                .setLeadTimeOffset("").setSuppliedByLineNo(0).setQtyPicked(q("0")).setCompletelyPicked(false)
                .setSourceTimestamp(defined).build();
    }

    private static BigDecimal scaled(String setAAmount, BigDecimal factor) {
        return new BigDecimal(setAAmount).multiply(factor).setScale(2, RoundingMode.HALF_UP);
    }
}
