package io.shopfloor.cdc;

import static io.shopfloor.job.avro.AvroFixtures.a;
import static io.shopfloor.job.avro.AvroFixtures.q;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.shopfloor.job.avro.AvroFixtures;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.common.CapacityType;
import io.shopfloor.schema.common.FlushingMethod;
import io.shopfloor.schema.common.ProductionOrderStatus;
import io.shopfloor.schema.common.UnitCostCalculation;
import io.shopfloor.schema.masterdata.CostingMethod;
import io.shopfloor.schema.masterdata.DefaultDimension;
import io.shopfloor.schema.masterdata.DefaultDimensionValuePosting;
import io.shopfloor.schema.masterdata.GenBusinessPostingGroup;
import io.shopfloor.schema.masterdata.GenProductPostingGroup;
import io.shopfloor.schema.masterdata.GeneralLedgerSetup;
import io.shopfloor.schema.masterdata.GeneralPostingSetup;
import io.shopfloor.schema.masterdata.InventoryPostingGroup;
import io.shopfloor.schema.masterdata.InventoryPostingSetup;
import io.shopfloor.schema.masterdata.Item;
import io.shopfloor.schema.masterdata.MachineCenter;
import io.shopfloor.schema.masterdata.ProdOrderComponent;
import io.shopfloor.schema.masterdata.ProdOrderLine;
import io.shopfloor.schema.masterdata.ProdOrderRoutingLine;
import io.shopfloor.schema.masterdata.ProductionOrder;
import io.shopfloor.schema.masterdata.RoutingStatus;
import io.shopfloor.schema.masterdata.WorkCenter;
import io.shopfloor.schema.masterdata.CalendarAbsenceEntry;
import io.shopfloor.schema.masterdata.ShopCalendar;
import io.shopfloor.schema.masterdata.ShopCalendarHoliday;
import io.shopfloor.schema.masterdata.ShopCalendarWorkingDay;
import io.shopfloor.schema.masterdata.StopCode;
import io.shopfloor.schema.masterdata.Weekday;
import io.shopfloor.schema.masterdata.WorkShift;
import java.time.LocalTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * What the snapshot of the reference ERP's sample data must put on each topic, by key: set A is the posting job's
 * own fixtures ({@link AvroFixtures}) unchanged, the rest is erp-sample-data.sql written out as Avro records
 * (snapshot rows: not deleted, no log position; the snapshot time is checked apart).
 */
final class SampleDataRecords {
    static final LocalDate MARCH_2 = LocalDate.of(2026, 3, 2);
    static final LocalDate MARCH_3 = LocalDate.of(2026, 3, 3);

    private SampleDataRecords() {
    }

    /** Topic to (key to record), every table of the sample data. */
    static Map<String, Map<String, SpecificRecord>> byTopic() {
        Map<String, Map<String, SpecificRecord>> topics = new LinkedHashMap<>();
        topics.put(KafkaTopics.MD_ITEMS, keyed(items()));
        topics.put(KafkaTopics.MD_WORK_CENTERS, keyed(workCenters().stream().map(w -> WorkCenter.newBuilder(
                (WorkCenter) w).setGenProdPostingGroup("MANUFACT").build()).toList()));
        topics.put(KafkaTopics.MD_MACHINE_CENTERS, keyed(machineCenters().stream().map(m -> MachineCenter.newBuilder(
                (MachineCenter) m).setGenProdPostingGroup("MANUFACT").build()).toList()));
        topics.put(KafkaTopics.MD_LOCATIONS, keyed(List.of(AvroFixtures.location("MAIN"))));
        topics.put(KafkaTopics.MD_MANUFACTURING_SETUP, keyed(List.of(AvroFixtures.manufacturingSetup())));
        topics.put(KafkaTopics.MD_INVENTORY_POSTING_GROUPS, keyed(List.of(
                new InventoryPostingGroup("FINISHED", "Finished items", false, null, null),
                new InventoryPostingGroup("RAW MAT", "Raw materials", false, null, null))));
        topics.put(KafkaTopics.MD_INVENTORY_POSTING_SETUP, keyed(List.of(
                inventoryPostingSetup("FINISHED", "2120", "2121"), inventoryPostingSetup("RAW MAT", "2130", "2131"))));
        topics.put(KafkaTopics.MD_GEN_BUS_POSTING_GROUPS, keyed(List.of(
                new GenBusinessPostingGroup("DOMESTIC", "Domestic customers and vendors", false, null, null))));
        topics.put(KafkaTopics.MD_GEN_PROD_POSTING_GROUPS, keyed(List.of(
                new GenProductPostingGroup("MANUFACT", "Capacities", false, null, null),
                new GenProductPostingGroup("RAW MAT", "Raw materials", false, null, null),
                new GenProductPostingGroup("RETAIL", "Retail", false, null, null))));
        topics.put(KafkaTopics.MD_GENERAL_POSTING_SETUP, keyed(List.of(generalPostingSetup("MANUFACT"),
                generalPostingSetup("RAW MAT"), generalPostingSetup("RETAIL"))));
        topics.put(KafkaTopics.MD_GENERAL_LEDGER_SETUP, keyed(List.of(
                new GeneralLedgerSetup("", "DEPARTMENT", "PROJECT", true, false, null, null))));
        topics.put(KafkaTopics.MD_DEFAULT_DIMENSIONS, keyed(List.of(new DefaultDimension(99000754, "WC-CUT",
                "DEPARTMENT", "PROD", DefaultDimensionValuePosting.SAME_CODE, false, null, null))));
        topics.put(KafkaTopics.MD_PRODUCTION_ORDERS, keyed(orders()));
        topics.put(KafkaTopics.MD_PROD_ORDER_LINES, keyed(lines()));
        calendars(topics);
        topics.put(KafkaTopics.MD_PROD_ORDER_ROUTING_LINES, keyed(routingLines()));
        topics.put(KafkaTopics.MD_PROD_ORDER_COMPONENTS, keyed(components()));
        return topics;
    }

    /** Set A's inventory posting setup at MAIN: one WIP account, the variance accounts 7890-7894. */
    static InventoryPostingSetup inventoryPostingSetup(String group, String inventory, String interim) {
        return new InventoryPostingSetup("MAIN", group, inventory, interim, "2140", "7890", "7891", "7892", "7893",
                "7894", false, null, null);
    }

    static GeneralPostingSetup generalPostingSetup(String genProdPostingGroup) {
        return new GeneralPostingSetup("", genProdPostingGroup, "7270", "7791", "7792", false, null, null);
    }

    static Item setAParent() {
        return Item.newBuilder(AvroFixtures.item("FG-100", "PCS", CostingMethod.STANDARD, "7.81", "1"))
                .setSingleLevelMaterialCost(q("4.55")).setSingleLevelCapacityCost(q("2.80"))
                .setSingleLevelCapacityOverheadCost(q("0.46")).build();
    }

    static List<SpecificRecord> items() {
        return List.of(groups(setAParent(), "FINISHED", "RETAIL"),
                groups(AvroFixtures.item("STEEL", "KG", CostingMethod.STANDARD, "1.50", "0.01"), "RAW MAT", "RAW MAT"),
                groups(AvroFixtures.item("BOLT", "PCS", CostingMethod.STANDARD, "0.10", "1"), "RAW MAT", "RAW MAT"),
                groups(AvroFixtures.item("PAINT", "L", CostingMethod.STANDARD, "20.00", "0.001"), "RAW MAT", "RAW MAT"),
                groups(Item.newBuilder(AvroFixtures.item("FG-200", "PCS", CostingMethod.STANDARD, "3.62", "1"))
                        .setDescription("Bracket, painted").setSingleLevelMaterialCost(q("1.62"))
                        .setSingleLevelCapacityCost(q("1.84")).setSingleLevelCapacityOverheadCost(q("0.16")).build(),
                        "FINISHED", "RETAIL"),
                groups(Item.newBuilder(AvroFixtures.item("ALU", "KG", CostingMethod.STANDARD, "4.00", "0.01"))
                        .setDescription("Aluminium sheet").build(), "RAW MAT", "RAW MAT"));
    }

    /** The sample items' posting groups (the ERP's set A posting setup). */
    private static Item groups(Item item, String inventoryPostingGroup, String genProdPostingGroup) {
        return Item.newBuilder(item).setInventoryPostingGroup(inventoryPostingGroup)
                .setGenProdPostingGroup(genProdPostingGroup).build();
    }

    static List<SpecificRecord> workCenters() {
        return List.of(AvroFixtures.workCenter("WC-CUT", "1.00", "10", "0.10", "1.20"),
                AvroFixtures.workCenter("WC-ASSY", "0.50", "0", "0", "0.50"),
                WorkCenter.newBuilder(AvroFixtures.workCenter("WC-MILL", "0.80", "5", "0.05", "0.89"))
                        .setName("Milling").build(),
                WorkCenter.newBuilder(AvroFixtures.workCenter("WC-PACK", "0.40", "0", "0", "0.40"))
                        .setName("Packing").setUnitCostCalculation(UnitCostCalculation.UNITS).build());
    }

    static List<SpecificRecord> machineCenters() {
        return List.of(AvroFixtures.machineCenter("MC-ASSY", "WC-ASSY", "0.50"),
                MachineCenter.newBuilder(AvroFixtures.machineCenter("MC-MILL-1", "WC-MILL", "0.80"))
                        .setName("Milling machine 1").setIndirectCostPct(q("5")).setOverheadRate(q("0.05"))
                        .setUnitCost(q("0.89")).build());
    }

    static List<SpecificRecord> orders() {
        return List.of(AvroFixtures.setAOrder(),
                ProductionOrder.newBuilder(AvroFixtures.setAOrder()).setStatus(ProductionOrderStatus.RELEASED)
                        .setNo("RPO-1002").setDescription("FG-200 x 50").setSourceNo("FG-200").setQuantity(q("50"))
                        .setDueDate(MARCH_3).build(),
                ProductionOrder.newBuilder(AvroFixtures.setAOrder()).setStatus(ProductionOrderStatus.RELEASED)
                        .setNo("RPO-1003").setDescription("FG-100 x 20").setQuantity(q("20")).setDueDate(MARCH_3)
                        .build());
    }

    static List<SpecificRecord> lines() {
        return List.of(AvroFixtures.setALine(),
                ProdOrderLine.newBuilder(AvroFixtures.setALine()).setStatus(ProductionOrderStatus.RELEASED)
                        .setProdOrderNo("RPO-1002").setItemNo("FG-200").setDescription("Bracket, painted")
                        .setQuantity(q("50")).setQuantityBase(q("50")).setRemainingQuantity(q("50"))
                        .setRemainingQtyBase(q("50")).setRoutingNo("R-200").setUnitCost(q("3.62"))
                        .setCostAmount(a("181")).setExpectedOperationCostAmt(a("100.10"))
                        .setExpectedComponentCostAmt(a("81")).build(),
                ProdOrderLine.newBuilder(AvroFixtures.setALine()).setStatus(ProductionOrderStatus.RELEASED)
                        .setProdOrderNo("RPO-1003").setQuantity(q("20")).setQuantityBase(q("20"))
                        .setRemainingQuantity(q("20")).setRemainingQtyBase(q("20")).setCostAmount(a("156.20"))
                        .setExpectedOperationCostAmt(a("94")).setExpectedComponentCostAmt(a("91")).build());
    }

    static List<SpecificRecord> routingLines() {
        List<SpecificRecord> lines = new ArrayList<>(AvroFixtures.setARouting());
        ProdOrderRoutingLine cut = AvroFixtures.setARouting().get(0);
        ProdOrderRoutingLine assembly = AvroFixtures.setARouting().get(1);
        lines.add(released(cut, "RPO-1002").setRoutingNo("R-200").setType(CapacityType.MACHINE_CENTER)
                .setNo("MC-MILL-1").setWorkCenterNo("WC-MILL").setDescription("Mill bracket").setSetupTime(q("15"))
                .setRunTime(q("1.5")).setRoutingLinkCode("MILL").setUnitCostPer(q("0.89")).setDirectUnitCost(q("0.80"))
                .setIndirectCostPct(q("5")).setOverheadRate(q("0.05")).setExpectedOperationCostAmt(a("80.10"))
                .setExpectedCapacityOvhdCost(a("8.10")).setExpectedCapacityNeed(q("5400000"))
                .setStartingDateTime(Instant.parse("2026-03-02T06:00:00Z"))
                .setEndingDateTime(Instant.parse("2026-03-02T07:30:00Z")).build());
        lines.add(released(assembly, "RPO-1002").setRoutingNo("R-200").setType(CapacityType.WORK_CENTER)
                .setNo("WC-PACK").setWorkCenterNo("WC-PACK").setDescription("Pack bracket").setRunTime(q("0.2"))
                .setRoutingLinkCode("PACK").setUnitCostPer(q("0.40")).setDirectUnitCost(q("0.40"))
                .setUnitCostCalculation(UnitCostCalculation.UNITS).setExpectedOperationCostAmt(a("20"))
                .setExpectedCapacityNeed(q("600000")).setStartingDateTime(Instant.parse("2026-03-02T07:30:00Z"))
                .setEndingDateTime(Instant.parse("2026-03-02T07:40:00Z")).build());
        lines.add(released(cut, "RPO-1003").setDirectUnitCost(q("1.00")).setIndirectCostPct(q("10"))
                .setOverheadRate(q("0.10")).setExpectedOperationCostAmt(a("84")).setExpectedCapacityOvhdCost(a("14"))
                .setExpectedCapacityNeed(q("4200000")).build());
        lines.add(released(assembly, "RPO-1003").setExpectedOperationCostAmt(a("10"))
                .setExpectedCapacityNeed(q("1200000")).build());
        return lines;
    }

    private static ProdOrderRoutingLine.Builder released(ProdOrderRoutingLine setA, String orderNo) {
        return ProdOrderRoutingLine.newBuilder(setA).setStatus(ProductionOrderStatus.RELEASED).setProdOrderNo(orderNo)
                .setRoutingStatus(RoutingStatus.PLANNED);
    }

    static List<SpecificRecord> components() {
        List<SpecificRecord> components = new ArrayList<>(AvroFixtures.setAComponents());
        ProdOrderComponent steel = AvroFixtures.setAComponents().get(0);
        ProdOrderComponent bolt = AvroFixtures.setAComponents().get(1);
        ProdOrderComponent paint = AvroFixtures.setAComponents().get(2);
        components.add(refreshed(steel, "RPO-1002", "0.01", "12.75", "4.00", "51").setItemNo("ALU")
                .setDescription("Aluminium sheet").setQuantityPer(q("0.25")).setQuantity(q("0.25"))
                .setScrapPct(q("2")).setRoutingLinkCode("MILL").build());
        components.add(refreshed(bolt, "RPO-1002", "1", "100", "0.10", "10").setQuantityPer(q("2"))
                .setQuantity(q("2")).setRoutingLinkCode("PACK").build());
        components.add(refreshed(paint, "RPO-1002", "0.001", "1", "20.00", "20").setQuantityPer(q("0.02"))
                .setQuantity(q("0.02")).setFlushingMethod(FlushingMethod.FORWARD).build());
        components.add(refreshed(steel, "RPO-1003", "0.01", "42", "1.50", "63").build());
        components.add(refreshed(bolt, "RPO-1003", "1", "80", "0.10", "8").build());
        components.add(refreshed(paint, "RPO-1003", "0.001", "1", "20.00", "20").build());
        return components;
    }

    /** A component of a released order as the ERP's refresh left it: expected = remaining, costed. */
    private static ProdOrderComponent.Builder refreshed(ProdOrderComponent setA, String orderNo, String rounding,
                                                        String expected, String unitCost, String costAmount) {
        return ProdOrderComponent.newBuilder(setA).setStatus(ProductionOrderStatus.RELEASED).setProdOrderNo(orderNo)
                .setQtyRoundingPrecisionBase(q(rounding)).setExpectedQuantity(q(expected))
                .setExpectedQtyBase(q(expected)).setRemainingQuantity(q(expected)).setRemainingQtyBase(q(expected))
                .setUnitCost(q(unitCost)).setDirectUnitCost(q(unitCost)).setCostAmount(a(costAmount))
                .setDirectCostAmount(a(costAmount)).setDueDate(MARCH_2);
    }

    /** The sample shop calendars, work shifts, absence and stop codes (erp-sample-data.sql). */
    private static void calendars(Map<String, Map<String, SpecificRecord>> topics) {
        topics.put(KafkaTopics.MD_WORK_SHIFTS, keyed(List.of(
                new WorkShift("EARLY", "Early shift 06:00-14:00", false, null, null),
                new WorkShift("LATE", "Late shift 14:00-22:00", false, null, null),
                new WorkShift("NIGHT", "Night shift 22:00-06:00", false, null, null))));
        topics.put(KafkaTopics.MD_SHOP_CALENDARS, keyed(List.of(
                new ShopCalendar("PLANT", "Three shifts, every day", false, null, null),
                new ShopCalendar("EARLY-BREAKS", "Early shift on weekdays, break at 10:00", false, null, null))));
        List<SpecificRecord> days = new ArrayList<>();
        for (Weekday day : Weekday.values()) {
            days.add(workingDay("PLANT", day, 0, 6, "NIGHT"));
            days.add(workingDay("PLANT", day, 6, 14, "EARLY"));
            days.add(workingDay("PLANT", day, 14, 22, "LATE"));
            days.add(workingDay("PLANT", day, 22, 0, "NIGHT"));
            if (day.ordinal() < 5) {
                days.add(workingDay("EARLY-BREAKS", day, 6, 10, "EARLY"));
                days.add(new ShopCalendarWorkingDay("EARLY-BREAKS", day, LocalTime.of(10, 30), LocalTime.of(14, 0),
                        "EARLY", false, null, null));
            }
        }
        topics.put(KafkaTopics.MD_SHOP_CALENDAR_WORKING_DAYS, keyed(days));
        topics.put(KafkaTopics.MD_SHOP_CALENDAR_HOLIDAYS, keyed(List.of(new ShopCalendarHoliday("EARLY-BREAKS",
                LocalDate.of(2026, 5, 1), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, "Labour Day", false, null, null))));
        topics.put(KafkaTopics.MD_CALENDAR_ABSENCE_ENTRIES, keyed(List.of(new CalendarAbsenceEntry(
                CapacityType.WORK_CENTER, "WC-ASSY", MARCH_2, LocalTime.of(12, 0), LocalTime.of(12, 45),
                "Planned maintenance", false, null, null))));
        topics.put(KafkaTopics.MD_STOP_CODES, keyed(List.of(new StopCode("PM", "Planned maintenance", true, false,
                null, null), new StopCode("CLEANING", "Cleaning", true, false, null, null),
                new StopCode("JAM", "Jam", false, false, null, null),
                new StopCode("MAT", "Waiting for material", false, false, null, null),
                new StopCode("TOOL", "Tool breakage", false, false, null, null))));
    }

    private static ShopCalendarWorkingDay workingDay(String calendar, Weekday day, int fromHour, int toHour,
                                                     String shift) {
        return new ShopCalendarWorkingDay(calendar, day, LocalTime.of(fromHour, 0), LocalTime.of(toHour, 0), shift,
                false, null, null);
    }

    private static Map<String, SpecificRecord> keyed(List<? extends SpecificRecord> records) {
        Map<String, SpecificRecord> byKey = new TreeMap<>();
        for (SpecificRecord record : records) {
            MasterDataTable table = MasterDataTable.ALL.stream()
                    .filter(t -> t.recordType() == record.getClass()).findFirst().orElseThrow();
            byKey.put(NaturalKey.of(table, record), record);
        }
        return byKey;
    }

    /** Field by field, so a failure names the field. */
    static void assertRecordEquals(SpecificRecord expected, SpecificRecord actual, String what) {
        assertEquals(expected.getSchema(), actual.getSchema(), what);
        for (Schema.Field field : expected.getSchema().getFields()) {
            assertEquals(expected.get(field.pos()), actual.get(field.pos()), what + "." + field.name());
        }
    }
}
