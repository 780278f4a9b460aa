package io.shopfloor.job.avro;

import io.shopfloor.posting.PostingRules;
import io.shopfloor.posting.PostingSettings;
import io.shopfloor.posting.model.Bins;
import io.shopfloor.posting.model.CapacityCost;
import io.shopfloor.posting.model.SingleLevelCost;
import io.shopfloor.posting.order.ComponentDefinition;
import io.shopfloor.posting.order.LineDefinition;
import io.shopfloor.posting.order.OrderDefinition;
import io.shopfloor.posting.order.OrderLine;
import io.shopfloor.posting.order.OrderStatus;
import io.shopfloor.posting.order.RoutingLineDefinition;
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
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.shopfloor.job.avro.AvroFixtures.ORDER;
import static io.shopfloor.job.avro.AvroFixtures.a;
import static io.shopfloor.job.avro.AvroFixtures.assertNoNullComponent;
import static io.shopfloor.job.avro.AvroFixtures.assertNoNullField;
import static io.shopfloor.job.avro.AvroFixtures.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MasterDataMappingTest {
    private static final Instant CHANGED = Instant.parse("2026-03-01T06:00:00Z");

    @Test
    void itemMapsEveryField() {
        Item avro = Item.newBuilder().setNo("STEEL").setDescription("Steel sheet").setBaseUnitOfMeasure("KG")
                .setCostingMethod(CostingMethod.FIFO).setUnitCost(q("1.5")).setStandardCost(q("1.4"))
                .setRoundingPrecision(q("0.01")).setIndirectCostPct(q("3")).setOverheadRate(q("0.2"))
                .setSingleLevelMaterialCost(q("1.1")).setSingleLevelCapacityCost(q("1.2"))
                .setSingleLevelSubcontractedCost(q("1.3")).setSingleLevelCapacityOverheadCost(q("1.4"))
                .setSingleLevelMfgOverheadCost(q("1.5")).setFlushingMethod(FlushingMethod.PICK_BACKWARD)
                .setVariantMandatory(true).setDefaultBinCode("BIN-1").setInventoryPostingGroup("RAW")
                .setGenProdPostingGroup("MAT").setBlocked(true).setDeleted(false).setSourceLsn(42L)
                .setSourceTimestamp(CHANGED).build();
        assertNoNullField(avro);

        io.shopfloor.posting.model.Item mapped = MasterDataMapping.item(avro);

        assertEquals(new io.shopfloor.posting.model.Item("STEEL", "Steel sheet", "KG",
                io.shopfloor.posting.model.CostingMethod.FIFO, q("1.5"), q("0.01"), q("3"), q("0.2"),
                new SingleLevelCost(q("1.1"), q("1.2"), q("1.3"), q("1.4"), q("1.5")), true, "BIN-1"), mapped);
        assertNoNullComponent(mapped);
    }

    @Test
    void standardItemIsValuedAtItsStandardCost() {
        Item avro = Item.newBuilder(AvroFixtures.item("FG-100", "PCS", CostingMethod.STANDARD, "7.81", "1"))
                .setUnitCost(q("7.90")).build();
        assertEquals(q("7.81"), MasterDataMapping.item(avro).unitCost());
    }

    @Test
    void blankDefaultBinIsNone() {
        assertNull(MasterDataMapping.item(AvroFixtures.item("BOLT", "PCS", CostingMethod.STANDARD, "0.1", "1"))
                .defaultBinCode());
    }

    @Test
    void workCenterMapsEveryField() {
        WorkCenter avro = WorkCenter.newBuilder().setNo("WC-CUT").setName("Cutting").setWorkCenterGroupCode("MECH")
                .setUnitOfMeasureCode("MINUTES").setDirectUnitCost(q("1")).setIndirectCostPct(q("10"))
                .setOverheadRate(q("0.1")).setUnitCost(q("1.2")).setUnitCostCalculation(UnitCostCalculation.UNITS)
                .setSpecificUnitCost(true).setSubcontractorNo("V-1").setFlushingMethod(RoutingFlushingMethod.BACKWARD)
                .setCalendarRoundingPrecision(q("0.01")).setLocationCode("MAIN").setOpenShopFloorBinCode("OSF")
                .setToProductionBinCode("TO").setFromProductionBinCode("FROM").setBlocked(true).setDeleted(false)
                .setSourceLsn(1L).setSourceTimestamp(CHANGED).build();
        assertNoNullField(avro);

        io.shopfloor.posting.model.WorkCenter mapped = MasterDataMapping.workCenter(avro);

        assertEquals(new io.shopfloor.posting.model.WorkCenter("WC-CUT", "Cutting", "MECH", "MINUTES",
                new CapacityCost(q("1"), q("10"), q("0.1")), io.shopfloor.posting.model.UnitCostCalculation.UNITS,
                true, "V-1", io.shopfloor.posting.model.RoutingFlushingMethod.BACKWARD, "MAIN",
                new Bins("OSF", "TO", "FROM"), true), mapped);
        assertNoNullComponent(mapped);
    }

    @Test
    void workCenterBlankCodesAreNone() {
        io.shopfloor.posting.model.WorkCenter mapped =
                MasterDataMapping.workCenter(AvroFixtures.workCenter("WC-CUT", "1", "10", "0.1", "1.2"));
        assertNull(mapped.workCenterGroupCode());
        assertNull(mapped.subcontractorNo());
        assertEquals(Bins.NONE, mapped.bins());
        assertEquals("", mapped.locationCode(), "BC's blank location is a location, not 'none'");
    }

    @Test
    void machineCenterMapsEveryField() {
        MachineCenter avro = MachineCenter.newBuilder().setNo("MC-ASSY").setName("Assembly").setWorkCenterNo("WC-ASSY")
                .setDirectUnitCost(q("0.5")).setIndirectCostPct(q("2")).setOverheadRate(q("0.05"))
                .setUnitCost(q("0.56")).setFlushingMethod(RoutingFlushingMethod.FORWARD).setLocationCode("MAIN")
                .setOpenShopFloorBinCode("OSF").setToProductionBinCode("TO").setFromProductionBinCode("FROM")
                .setBlocked(true).setDeleted(false).setSourceLsn(2L).setSourceTimestamp(CHANGED).build();
        assertNoNullField(avro);

        io.shopfloor.posting.model.MachineCenter mapped = MasterDataMapping.machineCenter(avro);

        assertEquals(new io.shopfloor.posting.model.MachineCenter("MC-ASSY", "Assembly", "WC-ASSY",
                new CapacityCost(q("0.5"), q("2"), q("0.05")), io.shopfloor.posting.model.RoutingFlushingMethod.FORWARD,
                "MAIN", new Bins("OSF", "TO", "FROM"), true), mapped);
        assertNoNullComponent(mapped);
    }

    @Test
    void locationMapsEveryField() {
        Location avro = Location.newBuilder().setCode("WH").setName("Warehouse").setBinMandatory(true)
                .setDirectedPutAwayAndPick(true).setProdConsumpWhseHandling(ProdConsumpWhseHandling.WAREHOUSE_PICK_MANDATORY)
                .setProdOutputWhseHandling(ProdOutputWhseHandling.INVENTORY_PUT_AWAY).setOpenShopFloorBinCode("OSF")
                .setToProductionBinCode("TO").setFromProductionBinCode("").setDeleted(false).setSourceLsn(3L)
                .setSourceTimestamp(CHANGED).build();
        assertNoNullField(avro);

        assertEquals(new io.shopfloor.posting.model.Location("WH", true,
                        io.shopfloor.posting.model.ProdOutputWhseHandling.INVENTORY_PUT_AWAY, new Bins("OSF", "TO", null)),
                MasterDataMapping.location(avro));
    }

    @Test
    void manufacturingSetupMapsEveryField() {
        ManufacturingSetup avro = ManufacturingSetup.newBuilder().setPrimaryKey("").setCostInclSetup(false)
                .setDocNoIsProdOrderNo(false).setFinishOrderWithoutOutput(true)
                .setPresetOutputQuantity(PresetOutputQuantity.ZERO_ON_LAST_OPERATION).setDeleted(false)
                .setSourceLsn(4L).setSourceTimestamp(CHANGED).build();
        assertNoNullField(avro);

        assertEquals(new io.shopfloor.posting.model.ManufacturingSetup(false, false, true, "FLUSHING"),
                MasterDataMapping.manufacturingSetup(avro));
    }

    @Test
    void everyOrderStatusMapsByName() {
        for (ProductionOrderStatus status : ProductionOrderStatus.values()) {
            assertEquals(status.name(), MasterDataMapping.orderStatus(status).name());
        }
        assertEquals(OrderStatus.FIRM_PLANNED, MasterDataMapping.orderStatus(ProductionOrderStatus.FIRM_PLANNED));
    }

    @Test
    void everyFlushingMethodMapsByName() {
        for (FlushingMethod method : FlushingMethod.values()) {
            ProdOrderComponent c = ProdOrderComponent.newBuilder(AvroFixtures.setAComponents().get(0))
                    .setFlushingMethod(method).build();
            assertEquals(method.name(), MasterDataMapping.component(c).flushingMethod().name());
        }
        ProdOrderComponent pick = ProdOrderComponent.newBuilder(AvroFixtures.setAComponents().get(0))
                .setFlushingMethod(FlushingMethod.PICK_FORWARD).build();
        assertEquals(io.shopfloor.posting.model.FlushingMethod.PICK_FORWARD,
                MasterDataMapping.component(pick).flushingMethod());
        for (RoutingFlushingMethod method : RoutingFlushingMethod.values()) {
            ProdOrderRoutingLine r = ProdOrderRoutingLine.newBuilder(AvroFixtures.setARouting().get(0))
                    .setFlushingMethod(method).build();
            assertEquals(method.name(), MasterDataMapping.routingLine(r).flushingMethod().name());
        }
        for (CalculationFormula formula : CalculationFormula.values()) {
            ProdOrderComponent c = ProdOrderComponent.newBuilder(AvroFixtures.setAComponents().get(0))
                    .setCalculationFormula(formula).build();
            assertEquals(formula.name(), MasterDataMapping.component(c).calculationFormula().name());
        }
    }

    @Test
    void orderMapsEveryFieldOfHeaderLineRoutingAndComponent() {
        ProductionOrder header = ProductionOrder.newBuilder().setStatus(ProductionOrderStatus.RELEASED).setNo("RPO-7")
                .setDescription("Seven").setSourceType(ProdOrderSourceType.ITEM).setSourceNo("FG-7")
                .setQuantity(q("12")).setDueDate(LocalDate.of(2026, 4, 1)).setLocationCode("WH").setBinCode("B-H")
                .setGenBusPostingGroup("DOM").setInventoryPostingGroup("FIN").setBlocked(true).setReopened(true)
                .setDimensionSetId(9).setDeleted(false).setSourceLsn(5L).setSourceTimestamp(CHANGED).build();
        ProdOrderLine line = ProdOrderLine.newBuilder().setStatus(ProductionOrderStatus.RELEASED).setProdOrderNo("RPO-7")
                .setLineNo(20000).setItemNo("FG-7").setVariantCode("RED").setDescription("FG-7 red").setLocationCode("WH")
                .setBinCode("B-OUT").setQuantity(q("12")).setQuantityBase(q("144")).setUnitOfMeasureCode("BOX")
                .setQtyPerUnitOfMeasure(q("12")).setFinishedQuantity(q("1")).setFinishedQtyBase(q("12"))
                .setRemainingQuantity(q("11")).setRemainingQtyBase(q("132")).setScrapPct(q("2.5"))
                .setRoutingNo("R-7").setRoutingReferenceNo(20000).setUnitCost(q("3.3")).setCostAmount(a("39.6"))
                .setIndirectCostPct(q("1")).setOverheadRate(q("0.3")).setExpectedOperationCostAmt(a("10"))
                .setExpectedComponentCostAmt(a("29.6")).setInventoryPostingGroup("FIN").setDimensionSetId(9)
                .setPlanningLevelCode(1).setDeleted(false).setSourceLsn(6L).setSourceTimestamp(CHANGED).build();
        ProdOrderRoutingLine routing = ProdOrderRoutingLine.newBuilder().setStatus(ProductionOrderStatus.RELEASED)
                .setProdOrderNo("RPO-7").setRoutingReferenceNo(20000).setRoutingNo("R-7").setOperationNo("30")
                .setNextOperationNo("40").setPreviousOperationNo("20").setType(CapacityType.MACHINE_CENTER)
                .setNo("MC-1").setWorkCenterNo("WC-1").setWorkCenterGroupCode("G").setDescription("Press")
                .setSetupTime(q("1.5")).setSetupTimeUnitOfMeasCode("HOURS").setRunTime(q("3"))
                .setRunTimeUnitOfMeasCode("MINUTES").setWaitTime(q("1")).setWaitTimeUnitOfMeasCode("DAYS")
                .setMoveTime(q("2")).setMoveTimeUnitOfMeasCode("HOURS").setLotSize(q("10"))
                .setMinimumProcessTime(q("1")).setMaximumProcessTime(q("9")).setSendAheadQuantity(q("5"))
                .setConcurrentCapacities(q("2")).setRoutingLinkCode("PRESS").setScrapFactorPct(q("4"))
                .setFixedScrapQuantity(q("1")).setScrapFactorPctAccumulated(q("0.04")).setFixedScrapQtyAccum(q("1"))
                .setUnitCostPer(q("0.75")).setDirectUnitCost(q("0.7")).setIndirectCostPct(q("5"))
                .setOverheadRate(q("0.015")).setUnitCostCalculation(UnitCostCalculation.TIME)
                .setExpectedOperationCostAmt(a("12")).setExpectedCapacityOvhdCost(a("1"))
                .setExpectedCapacityNeed(q("60000")).setFlushingMethod(RoutingFlushingMethod.FORWARD)
                .setRoutingStatus(RoutingStatus.IN_PROGRESS).setStandardTaskCode("ST")
                .setStartingDateTime(CHANGED).setEndingDateTime(CHANGED).setLocationCode("WH")
                .setOpenShopFloorBinCode("OSF").setToProductionBinCode("TO").setFromProductionBinCode("FROM")
                .setDeleted(false).setSourceLsn(7L).setSourceTimestamp(CHANGED).build();
        ProdOrderComponent component = ProdOrderComponent.newBuilder().setStatus(ProductionOrderStatus.RELEASED)
                .setProdOrderNo("RPO-7").setProdOrderLineNo(20000).setLineNo(30000).setItemNo("SHEET")
                .setVariantCode("THIN").setDescription("Sheet").setUnitOfMeasureCode("PACK")
                .setQtyPerUnitOfMeasure(q("10")).setQtyRoundingPrecisionBase(q("1")).setQuantityPer(q("0.5"))
                .setCalculationFormula(CalculationFormula.LENGTH_X_WIDTH_X_DEPTH).setLength(q("2")).setWidth(q("3"))
                .setDepth(q("4")).setWeight(q("5")).setQuantity(q("12")).setScrapPct(q("1.5"))
                .setExpectedQuantity(q("146")).setExpectedQtyBase(q("1460")).setRemainingQuantity(q("140"))
                .setRemainingQtyBase(q("1400")).setFlushingMethod(FlushingMethod.PICK_FORWARD)
                .setRoutingLinkCode("PRESS").setLocationCode("WH").setBinCode("B-IN").setUnitCost(q("2"))
                .setDirectUnitCost(q("1.9")).setIndirectCostPct(q("5")).setOverheadRate(q("0.005"))
                .setCostAmount(a("292")).setOverheadAmount(a("14.6")).setDirectCostAmount(a("277.4"))
                .setDueDate(LocalDate.of(2026, 3, 30)).setLeadTimeOffset("-1D").setSuppliedByLineNo(10000)
                .setQtyPicked(q("6")).setCompletelyPicked(true).setDeleted(false).setSourceLsn(8L)
                .setSourceTimestamp(CHANGED).build();
        List.of(header, line, routing, component).forEach(AvroFixtures::assertNoNullField);

        OrderDefinition mapped = MasterDataMapping.orderDefinition(header, List.of(line), List.of(routing),
                List.of(component));

        OrderDefinition expected = new OrderDefinition("RPO-7", "Seven", "FG-7", "WH", true,
                List.of(new LineDefinition(20000, "FG-7", "RED", "WH", "B-OUT", q("12"), "BOX", q("12"), q("2.5"),
                        "R-7", 20000)),
                List.of(new RoutingLineDefinition("R-7", 20000, "30", "40", "20",
                        io.shopfloor.posting.model.CapacityType.MACHINE_CENTER, "MC-1", "Press", q("1.5"), "HOURS",
                        q("3"), "MINUTES", q("10"), q("2"), "PRESS", q("4"), q("1"),
                        io.shopfloor.posting.model.RoutingFlushingMethod.FORWARD, q("0.75"))),
                List.of(new ComponentDefinition(20000, 30000, "SHEET", "THIN", "PACK", q("10"), q("0.5"),
                        io.shopfloor.posting.model.CalculationFormula.LENGTH_X_WIDTH_X_DEPTH, q("2"), q("3"), q("4"),
                        q("5"), q("1.5"), io.shopfloor.posting.model.FlushingMethod.PICK_FORWARD, "PRESS", "WH",
                        "B-IN")));
        assertEquals(expected, mapped);
        assertNoNullComponent(mapped);
        assertNoNullComponent(mapped.lines().get(0));
        assertNoNullComponent(mapped.routingLines().get(0));
        assertNoNullComponent(mapped.components().get(0));
    }

    @Test
    void blankBinsRoutingLinksVariantsAndOperationLinksAreNone() {
        OrderDefinition mapped = setADefinition();
        LineDefinition line = mapped.lines().get(0);
        assertNull(line.binCode(), "blank bin: default it");
        assertNull(line.variantCode());
        RoutingLineDefinition op10 = mapped.routingLines().get(0);
        assertNull(op10.previousOperationNo());
        assertEquals("20", op10.nextOperationNo());
        assertNull(mapped.routingLines().get(1).nextOperationNo(), "the last operation has no next one");
        ComponentDefinition paint = mapped.components().get(2);
        assertNull(paint.routingLinkCode(), "blank routing link: none");
        assertNull(paint.binCode(), "blank bin: default it");
        assertNull(paint.variantCode());
        assertEquals("CUT", mapped.components().get(0).routingLinkCode());
    }

    @Test
    void deletedRowsAreLeftOut() {
        ProdOrderComponent deleted = ProdOrderComponent.newBuilder(AvroFixtures.setAComponents().get(2))
                .setDeleted(true).build();
        OrderDefinition mapped = MasterDataMapping.orderDefinition(AvroFixtures.setAOrder(),
                List.of(AvroFixtures.setALine()), AvroFixtures.setARouting(),
                List.of(AvroFixtures.setAComponents().get(0), AvroFixtures.setAComponents().get(1), deleted));
        assertEquals(List.of("STEEL", "BOLT"), mapped.components().stream().map(ComponentDefinition::itemNo).toList());
    }

    @Test
    void rowsOfAnotherOrderOrStatusAreRefused() {
        ProdOrderLine otherOrder = ProdOrderLine.newBuilder(AvroFixtures.setALine()).setProdOrderNo("RPO-2").build();
        assertThrows(IllegalArgumentException.class, () -> MasterDataMapping.orderDefinition(
                AvroFixtures.setAOrder(), List.of(otherOrder), List.of(), List.of()));
        ProdOrderRoutingLine otherStatus = ProdOrderRoutingLine.newBuilder(AvroFixtures.setARouting().get(0))
                .setStatus(ProductionOrderStatus.RELEASED).build();
        assertThrows(IllegalArgumentException.class, () -> MasterDataMapping.orderDefinition(
                AvroFixtures.setAOrder(), List.of(AvroFixtures.setALine()), List.of(otherStatus), List.of()));
    }

    /** Spec §13 set A, mapped from Avro, refreshed by the rules: the refresh table of example 1. */
    @Test
    void setAFromAvroRefreshesToTheSpecsExpectedQuantities() {
        PostingRules.Refresh refresh = new PostingRules(PostingSettings.DEFAULTS).refresh(setADefinition(),
                MasterDataMapping.orderStatus(AvroFixtures.setAOrder().getStatus()), AvroFixtures.setAMasterData());

        assertNull(refresh.refusal());
        OrderLine line = refresh.order().line(AvroFixtures.LINE).orElseThrow();
        assertDec("210.00", line.component(10000).orElseThrow().expectedQuantity());
        assertDec("400", line.component(20000).orElseThrow().expectedQuantity());
        assertDec("5.000", line.component(30000).orElseThrow().expectedQuantity());
        assertDec("315.00", line.component(10000).orElseThrow().costAmount());
        assertDec("40.00", line.component(20000).orElseThrow().costAmount());
        assertDec("100.00", line.component(30000).orElseThrow().costAmount());
        assertDec("276.00", line.routingLine("10").orElseThrow().expected().operationCostAmount());
        assertDec("50.00", line.routingLine("20").orElseThrow().expected().operationCostAmount());
        assertEquals(OrderStatus.FIRM_PLANNED, refresh.order().status());
    }

    static OrderDefinition setADefinition() {
        return MasterDataMapping.orderDefinition(AvroFixtures.setAOrder(), List.of(AvroFixtures.setALine()),
                AvroFixtures.setARouting(), AvroFixtures.setAComponents());
    }

    private static void assertDec(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), () -> "expected " + expected + " but was " + actual);
    }
}
