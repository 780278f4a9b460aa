package io.shopfloor.cdc;

import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.masterdata.DefaultDimension;
import io.shopfloor.schema.masterdata.GenBusinessPostingGroup;
import io.shopfloor.schema.masterdata.GenProductPostingGroup;
import io.shopfloor.schema.masterdata.GeneralLedgerSetup;
import io.shopfloor.schema.masterdata.GeneralPostingSetup;
import io.shopfloor.schema.masterdata.InventoryPostingGroup;
import io.shopfloor.schema.masterdata.InventoryPostingSetup;
import io.shopfloor.schema.masterdata.Item;
import io.shopfloor.schema.masterdata.Location;
import io.shopfloor.schema.masterdata.MachineCenter;
import io.shopfloor.schema.masterdata.ManufacturingSetup;
import io.shopfloor.schema.masterdata.ProdOrderComponent;
import io.shopfloor.schema.masterdata.ProdOrderLine;
import io.shopfloor.schema.masterdata.ProdOrderRoutingLine;
import io.shopfloor.schema.masterdata.ProductionOrder;
import io.shopfloor.schema.masterdata.WorkCenter;
import io.shopfloor.schema.masterdata.CalendarAbsenceEntry;
import io.shopfloor.schema.masterdata.ShopCalendar;
import io.shopfloor.schema.masterdata.ShopCalendarHoliday;
import io.shopfloor.schema.masterdata.ShopCalendarWorkingDay;
import io.shopfloor.schema.masterdata.StopCode;
import io.shopfloor.schema.masterdata.WorkShift;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * One ERP table and what its rows become: the Avro master-data record, the compacted topic, and the natural key
 * (Avro field names, in key order, as the record's doc gives them).
 *
 * <p>{@code orderNoField} names the production order number of the order tables: their records are partitioned by
 * it, so every row of one order (header, lines, routing lines, components) keeps its commit order within a topic
 * even when its key changes (a status change moves a row from one key to another).
 */
public record MasterDataTable(String table, Class<? extends SpecificRecord> recordType, String topic,
                              List<String> keyFields, String orderNoField) {

    /** The schema of the reference ERP (erp-schema.sql). */
    public static final String SCHEMA = "erp";

    public static final List<MasterDataTable> ALL = List.of(
            new MasterDataTable("production_order", ProductionOrder.class, KafkaTopics.MD_PRODUCTION_ORDERS,
                    List.of("status", "no"), "no"),
            new MasterDataTable("prod_order_line", ProdOrderLine.class, KafkaTopics.MD_PROD_ORDER_LINES,
                    List.of("status", "prodOrderNo", "lineNo"), "prodOrderNo"),
            new MasterDataTable("prod_order_routing_line", ProdOrderRoutingLine.class,
                    KafkaTopics.MD_PROD_ORDER_ROUTING_LINES,
                    List.of("status", "prodOrderNo", "routingReferenceNo", "routingNo", "operationNo"), "prodOrderNo"),
            new MasterDataTable("prod_order_component", ProdOrderComponent.class, KafkaTopics.MD_PROD_ORDER_COMPONENTS,
                    List.of("status", "prodOrderNo", "prodOrderLineNo", "lineNo"), "prodOrderNo"),
            new MasterDataTable("item", Item.class, KafkaTopics.MD_ITEMS, List.of("no"), null),
            new MasterDataTable("work_center", WorkCenter.class, KafkaTopics.MD_WORK_CENTERS, List.of("no"), null),
            new MasterDataTable("machine_center", MachineCenter.class, KafkaTopics.MD_MACHINE_CENTERS, List.of("no"),
                    null),
            new MasterDataTable("location", Location.class, KafkaTopics.MD_LOCATIONS, List.of("code"), null),
            new MasterDataTable("manufacturing_setup", ManufacturingSetup.class, KafkaTopics.MD_MANUFACTURING_SETUP,
                    List.of("primaryKey"), null),
            new MasterDataTable("inventory_posting_group", InventoryPostingGroup.class,
                    KafkaTopics.MD_INVENTORY_POSTING_GROUPS, List.of("code"), null),
            new MasterDataTable("inventory_posting_setup", InventoryPostingSetup.class,
                    KafkaTopics.MD_INVENTORY_POSTING_SETUP, List.of("locationCode", "invtPostingGroupCode"), null),
            new MasterDataTable("gen_business_posting_group", GenBusinessPostingGroup.class,
                    KafkaTopics.MD_GEN_BUS_POSTING_GROUPS, List.of("code"), null),
            new MasterDataTable("gen_product_posting_group", GenProductPostingGroup.class,
                    KafkaTopics.MD_GEN_PROD_POSTING_GROUPS, List.of("code"), null),
            new MasterDataTable("general_posting_setup", GeneralPostingSetup.class,
                    KafkaTopics.MD_GENERAL_POSTING_SETUP, List.of("genBusPostingGroup", "genProdPostingGroup"), null),
            new MasterDataTable("general_ledger_setup", GeneralLedgerSetup.class, KafkaTopics.MD_GENERAL_LEDGER_SETUP,
                    List.of("primaryKey"), null),
            new MasterDataTable("default_dimension", DefaultDimension.class, KafkaTopics.MD_DEFAULT_DIMENSIONS,
                    List.of("tableId", "no", "dimensionCode"), null),
            new MasterDataTable("work_shift", WorkShift.class, KafkaTopics.MD_WORK_SHIFTS, List.of("code"), null),
            new MasterDataTable("shop_calendar", ShopCalendar.class, KafkaTopics.MD_SHOP_CALENDARS, List.of("code"),
                    null),
            new MasterDataTable("shop_calendar_working_day", ShopCalendarWorkingDay.class,
                    KafkaTopics.MD_SHOP_CALENDAR_WORKING_DAYS,
                    List.of("shopCalendarCode", "day", "startingTime", "endingTime", "workShiftCode"), null),
            new MasterDataTable("shop_calendar_holiday", ShopCalendarHoliday.class,
                    KafkaTopics.MD_SHOP_CALENDAR_HOLIDAYS, List.of("shopCalendarCode", "date"), null),
            new MasterDataTable("calendar_absence_entry", CalendarAbsenceEntry.class,
                    KafkaTopics.MD_CALENDAR_ABSENCE_ENTRIES,
                    List.of("capacityType", "no", "date", "startingTime", "endingTime"), null),
            new MasterDataTable("stop_code", StopCode.class, KafkaTopics.MD_STOP_CODES, List.of("code"), null));

    public MasterDataTable {
        keyFields = List.copyOf(keyFields);
    }

    /** The table by its unqualified name, if it is one of ours. */
    public static Optional<MasterDataTable> byName(String table) {
        return ALL.stream().filter(t -> t.table.equals(table)).findFirst();
    }

    /** {@code erp.production_order}. */
    public String qualifiedName() {
        return SCHEMA + "." + table;
    }

    public boolean isOrderTable() {
        return orderNoField != null;
    }
}
