package io.shopfloor.job.avro;

import io.shopfloor.posting.model.InMemoryMasterData;
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
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Avro master data as it comes off the CDC topics (decimals at their schema scale), the spec's set A among them,
 * and assertions that compare every field.
 */
public final class AvroFixtures {
    static final String ORDER = "RPO-1001";
    static final int LINE = 10000;
    static final LocalDate D0 = LocalDate.of(2026, 3, 1);
    static final LocalDate D1 = LocalDate.of(2026, 3, 2);

    private AvroFixtures() {
    }

    /** A quantity as decoded from Avro: scale 5. */
    public static BigDecimal q(String value) {
        return new BigDecimal(value).setScale(5);
    }

    /** An amount as decoded from Avro: scale 2. */
    public static BigDecimal a(String value) {
        return new BigDecimal(value).setScale(2);
    }

    // ---- set A (spec §13), as the ERP would send it ----

    public static Item item(String no, String uom, CostingMethod method, String unitCost, String roundingPrecision) {
        return Item.newBuilder().setNo(no).setDescription(no).setBaseUnitOfMeasure(uom).setCostingMethod(method)
                .setUnitCost(q(unitCost)).setStandardCost(q(unitCost)).setRoundingPrecision(q(roundingPrecision))
                .setIndirectCostPct(q("0")).setOverheadRate(q("0")).setSingleLevelMaterialCost(q("0"))
                .setSingleLevelCapacityCost(q("0")).setSingleLevelSubcontractedCost(q("0"))
                .setSingleLevelCapacityOverheadCost(q("0")).setSingleLevelMfgOverheadCost(q("0"))
                .setFlushingMethod(FlushingMethod.MANUAL).setVariantMandatory(false).setDefaultBinCode("")
                .setInventoryPostingGroup("").setGenProdPostingGroup("").setBlocked(false).build();
    }

    public static WorkCenter workCenter(String no, String direct, String indirectPct, String overhead, String unitCost) {
        return WorkCenter.newBuilder().setNo(no).setName(no).setWorkCenterGroupCode("").setUnitOfMeasureCode("MINUTES")
                .setDirectUnitCost(q(direct)).setIndirectCostPct(q(indirectPct)).setOverheadRate(q(overhead))
                .setUnitCost(q(unitCost)).setUnitCostCalculation(UnitCostCalculation.TIME).setSpecificUnitCost(false)
                .setSubcontractorNo("").setFlushingMethod(RoutingFlushingMethod.MANUAL)
                .setCalendarRoundingPrecision(q("0")).setLocationCode("").setOpenShopFloorBinCode("")
                .setToProductionBinCode("").setFromProductionBinCode("").setBlocked(false).build();
    }

    public static MachineCenter machineCenter(String no, String workCenterNo, String direct) {
        return MachineCenter.newBuilder().setNo(no).setName(no).setWorkCenterNo(workCenterNo)
                .setDirectUnitCost(q(direct)).setIndirectCostPct(q("0")).setOverheadRate(q("0")).setUnitCost(q(direct))
                .setFlushingMethod(RoutingFlushingMethod.MANUAL).setLocationCode("").setOpenShopFloorBinCode("")
                .setToProductionBinCode("").setFromProductionBinCode("").setBlocked(false).build();
    }

    public static Location location(String code) {
        return Location.newBuilder().setCode(code).setName(code).setBinMandatory(false)
                .setDirectedPutAwayAndPick(false)
                .setProdConsumpWhseHandling(ProdConsumpWhseHandling.NO_WAREHOUSE_HANDLING)
                .setProdOutputWhseHandling(ProdOutputWhseHandling.NO_WAREHOUSE_HANDLING)
                .setOpenShopFloorBinCode("").setToProductionBinCode("").setFromProductionBinCode("").build();
    }

    public static ManufacturingSetup manufacturingSetup() {
        return ManufacturingSetup.newBuilder().setPrimaryKey("").setCostInclSetup(true).setDocNoIsProdOrderNo(true)
                .setFinishOrderWithoutOutput(false).setPresetOutputQuantity(PresetOutputQuantity.EXPECTED_QUANTITY)
                .build();
    }

    /** Set A's master data, mapped into the rules' in-memory master data. */
    static InMemoryMasterData setAMasterData() {
        Item fg = Item.newBuilder(item("FG-100", "PCS", CostingMethod.STANDARD, "7.81", "1"))
                .setSingleLevelMaterialCost(q("4.55")).setSingleLevelCapacityCost(q("2.80"))
                .setSingleLevelCapacityOverheadCost(q("0.46")).build();
        InMemoryMasterData masterData = new InMemoryMasterData();
        List.of(fg, item("STEEL", "KG", CostingMethod.STANDARD, "1.50", "0.01"),
                        item("BOLT", "PCS", CostingMethod.STANDARD, "0.10", "1"),
                        item("PAINT", "L", CostingMethod.STANDARD, "20.00", "0.001"))
                .forEach(i -> masterData.put(MasterDataMapping.item(i)));
        masterData.put(MasterDataMapping.workCenter(workCenter("WC-CUT", "1.00", "10", "0.10", "1.20")));
        masterData.put(MasterDataMapping.workCenter(workCenter("WC-ASSY", "0.50", "0", "0", "0.50")));
        masterData.put(MasterDataMapping.machineCenter(machineCenter("MC-ASSY", "WC-ASSY", "0.50")));
        masterData.put(MasterDataMapping.location(location("MAIN")));
        masterData.put(MasterDataMapping.manufacturingSetup(manufacturingSetup()));
        return masterData;
    }

    public static ProductionOrder setAOrder() {
        return ProductionOrder.newBuilder().setStatus(ProductionOrderStatus.FIRM_PLANNED).setNo(ORDER)
                .setDescription("FG-100 x 100").setSourceType(ProdOrderSourceType.ITEM).setSourceNo("FG-100")
                .setQuantity(q("100")).setDueDate(D1).setLocationCode("MAIN").setBinCode("")
                .setGenBusPostingGroup("").setInventoryPostingGroup("").setBlocked(false).setReopened(false)
                .setDimensionSetId(0).build();
    }

    public static ProdOrderLine setALine() {
        return ProdOrderLine.newBuilder().setStatus(ProductionOrderStatus.FIRM_PLANNED).setProdOrderNo(ORDER)
                .setLineNo(LINE).setItemNo("FG-100").setVariantCode("").setDescription("FG-100")
                .setLocationCode("MAIN").setBinCode("").setQuantity(q("100")).setQuantityBase(q("100"))
                .setUnitOfMeasureCode("PCS").setQtyPerUnitOfMeasure(q("1")).setFinishedQuantity(q("0"))
                .setFinishedQtyBase(q("0")).setRemainingQuantity(q("100")).setRemainingQtyBase(q("100"))
                .setScrapPct(q("0")).setRoutingNo("R-100").setRoutingReferenceNo(LINE).setUnitCost(q("7.81"))
                .setCostAmount(a("781")).setIndirectCostPct(q("0")).setOverheadRate(q("0"))
                .setExpectedOperationCostAmt(a("326")).setExpectedComponentCostAmt(a("455"))
                .setInventoryPostingGroup("").setDimensionSetId(0).setPlanningLevelCode(0).build();
    }

    /** Set A's serial routing R-100, with the next/previous links BC fills in. */
    public static List<ProdOrderRoutingLine> setARouting() {
        return List.of(
                routingLine("10", "20", "", CapacityType.WORK_CENTER, "WC-CUT", "WC-CUT", "30", "2", "CUT", "1.20"),
                routingLine("20", "", "10", CapacityType.MACHINE_CENTER, "MC-ASSY", "WC-ASSY", "0", "1", "ASSY",
                        "0.50"));
    }

    static ProdOrderRoutingLine routingLine(String operationNo, String next, String previous, CapacityType type,
                                            String no, String workCenterNo, String setup, String run, String link,
                                            String unitCostPer) {
        return ProdOrderRoutingLine.newBuilder().setStatus(ProductionOrderStatus.FIRM_PLANNED).setProdOrderNo(ORDER)
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
                .setToProductionBinCode("").setFromProductionBinCode("").build();
    }

    public static List<ProdOrderComponent> setAComponents() {
        return List.of(component(10000, "STEEL", "KG", "2", "5", FlushingMethod.BACKWARD, "CUT"),
                component(20000, "BOLT", "PCS", "4", "0", FlushingMethod.FORWARD, "ASSY"),
                component(30000, "PAINT", "L", "0.05", "0", FlushingMethod.BACKWARD, ""));
    }

    static ProdOrderComponent component(int lineNo, String itemNo, String uom, String quantityPer, String scrapPct,
                                        FlushingMethod flushing, String link) {
        return ProdOrderComponent.newBuilder().setStatus(ProductionOrderStatus.FIRM_PLANNED).setProdOrderNo(ORDER)
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
                .build();
    }

    // ---- assertions ----

    /** Field by field, so a failure names the field. */
    static void assertAvroEquals(SpecificRecord expected, SpecificRecord actual) {
        assertEquals(expected.getSchema(), actual.getSchema());
        for (Schema.Field field : expected.getSchema().getFields()) {
            assertEquals(expected.get(field.pos()), actual.get(field.pos()), field.name());
        }
    }

    /** Guards the "fully populated" fixtures: a null component would let a forgotten field pass unnoticed. */
    static void assertNoNullComponent(Record record) {
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                assertNotNull(component.getAccessor().invoke(record),
                        record.getClass().getSimpleName() + "." + component.getName());
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** The same for Avro records: nullable fields too must carry a value in a fully populated fixture. */
    static void assertNoNullField(SpecificRecord record) {
        for (Schema.Field field : record.getSchema().getFields()) {
            assertNotNull(record.get(field.pos()), record.getSchema().getName() + "." + field.name());
        }
    }
}
