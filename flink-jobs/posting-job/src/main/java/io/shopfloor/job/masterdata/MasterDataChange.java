package io.shopfloor.job.masterdata;

import java.io.Serializable;

import io.shopfloor.posting.gl.DefaultDimension;
import io.shopfloor.posting.gl.GeneralLedgerSetup;
import io.shopfloor.posting.gl.GeneralPostingSetup;
import io.shopfloor.posting.gl.InventoryPostingSetup;
import io.shopfloor.posting.gl.PostingGroups;
import io.shopfloor.posting.model.CapacityType;
import io.shopfloor.posting.model.CapacityUnitOfMeasure;
import io.shopfloor.posting.model.Item;
import io.shopfloor.posting.model.Location;
import io.shopfloor.posting.model.MachineCenter;
import io.shopfloor.posting.model.ManufacturingSetup;
import io.shopfloor.posting.model.WorkCenter;

/**
 * A change of shared master data from CDC: the new version of a record, or its deletion. The change's event time
 * (the record timestamp) is when the version becomes valid. The first version of a record stands for all earlier
 * time (a CDC snapshot's rows are stamped with the snapshot's time), unless {@code validFromItsTime}: a shop
 * calendar row the ERP inserted while the plant ran applies from its time only (a working day's new times are a
 * new row, and must not rewrite the shifts before the change).
 */
public record MasterDataChange(String key, Object value, boolean deleted, boolean validFromItsTime)
        implements Serializable {

    public MasterDataChange(String key, Object value, boolean deleted) {
        this(key, value, deleted, false);
    }

    /** This change, valid from its own time even as a record's first version (a row inserted, not a snapshot). */
    public MasterDataChange validFromItsTime(boolean fromItsTime) {
        return new MasterDataChange(key, value, deleted, fromItsTime);
    }

    public static MasterDataChange of(Item item) {
        return new MasterDataChange(itemKey(item.no()), item, false);
    }

    public static MasterDataChange of(WorkCenter workCenter) {
        return new MasterDataChange(workCenterKey(workCenter.no()), workCenter, false);
    }

    public static MasterDataChange of(MachineCenter machineCenter) {
        return new MasterDataChange(machineCenterKey(machineCenter.no()), machineCenter, false);
    }

    public static MasterDataChange of(Location location) {
        return new MasterDataChange(locationKey(location.code()), location, false);
    }

    public static MasterDataChange of(CapacityUnitOfMeasure unit) {
        return new MasterDataChange(capacityUnitKey(unit.code()), unit, false);
    }

    public static MasterDataChange of(ManufacturingSetup setup) {
        return new MasterDataChange(SETUP_KEY, setup, false);
    }

    /** The posting groups of an item. */
    public static MasterDataChange itemPostingGroups(String itemNo, PostingGroups groups) {
        return new MasterDataChange(postingGroupsKey(null, itemNo), groups, false);
    }

    /** The gen. product posting group of a work or machine center. */
    public static MasterDataChange capacityPostingGroups(CapacityType type, String no, PostingGroups groups) {
        return new MasterDataChange(postingGroupsKey(type, no), groups, false);
    }

    public static MasterDataChange of(InventoryPostingSetup setup) {
        return new MasterDataChange(inventoryPostingSetupKey(setup.locationCode(), setup.inventoryPostingGroup()),
                setup, false);
    }

    public static MasterDataChange of(GeneralPostingSetup setup) {
        return new MasterDataChange(generalPostingSetupKey(setup.genBusPostingGroup(), setup.genProdPostingGroup()),
                setup, false);
    }

    public static MasterDataChange of(GeneralLedgerSetup setup) {
        return new MasterDataChange(GENERAL_LEDGER_SETUP_KEY, setup, false);
    }

    /** @param tableId BC's table of the card: {@link #ITEM_TABLE}, {@link #WORK_CENTER_TABLE}, ... */
    public static MasterDataChange defaultDimension(int tableId, String no, DefaultDimension dimension) {
        return new MasterDataChange(defaultDimensionKey(tableId, no, dimension.dimensionCode()), dimension, false);
    }

    public static MasterDataChange of(CalendarRows.WorkingTime w) {
        return new MasterDataChange(WORKING_DAY + w.calendarCode() + "|" + w.day() + "|" + w.start() + "|" + w.end()
                + "|" + w.shiftCode(), w, false);
    }

    public static MasterDataChange of(CalendarRows.Holiday h) {
        return new MasterDataChange(HOLIDAY + h.calendarCode() + "|" + h.date(), h, false);
    }

    /** @param capacityType WORK_CENTER or MACHINE_CENTER: part of the ERP's key */
    public static MasterDataChange of(CalendarRows.Absence a, String capacityType) {
        return new MasterDataChange(ABSENCE + a.centerNo() + "|" + capacityType + "|" + a.date() + "|" + a.start()
                + "|" + a.end(), a, false);
    }

    public static MasterDataChange of(StopCode stopCode) {
        return new MasterDataChange(stopCodeKey(stopCode.code()), stopCode, false);
    }

    public static MasterDataChange of(CalendarRows.CenterCalendar c) {
        return new MasterDataChange(CENTER_CALENDAR + c.workCenterNo(), c, false);
    }

    public MasterDataChange asDeletion() {
        return new MasterDataChange(key, null, true, validFromItsTime);
    }

    /** This change, or its deletion when the CDC record says the row was deleted. */
    public MasterDataChange deletedIf(boolean deleted) {
        return deleted ? asDeletion() : this;
    }

    static final String SETUP_KEY = "setup";
    static final String GENERAL_LEDGER_SETUP_KEY = "general-ledger-setup";
    public static final int ITEM_TABLE = 27;
    public static final int WORK_CENTER_TABLE = 99000754;
    public static final int MACHINE_CENTER_TABLE = 99000758;

    /** @param type null for an item */
    static String postingGroupsKey(CapacityType type, String no) {
        return "posting-groups/" + (type == null ? "item" : type == CapacityType.WORK_CENTER ? "work-center"
                : "machine-center") + "/" + no;
    }

    // Two codes joined by '|': unique as long as the first holds no '|' (the ERP's codes do not).
    static String inventoryPostingSetupKey(String locationCode, String inventoryPostingGroup) {
        return "inventory-posting-setup/" + blankIfNull(locationCode) + "|" + inventoryPostingGroup;
    }

    static String generalPostingSetupKey(String genBusPostingGroup, String genProdPostingGroup) {
        return "general-posting-setup/" + blankIfNull(genBusPostingGroup) + "|" + genProdPostingGroup;
    }

    static String defaultDimensionKey(int tableId, String no, String dimensionCode) {
        return "default-dimension/" + tableId + "/" + no + "|" + dimensionCode;
    }

    private static String blankIfNull(String code) {
        return code == null ? "" : code;
    }
    // Calendar rows: the kind and calendar code (or center no.) up to the first '|' group them (ErpCalendars).
    static final String WORKING_DAY = "calendar-day/";
    static final String HOLIDAY = "calendar-holiday/";
    static final String ABSENCE = "calendar-absence/";
    static final String CENTER_CALENDAR = "work-center-calendar/";

    static String stopCodeKey(String code) {
        return "stop-code/" + code;
    }

    static String itemKey(String no) {
        return "item/" + no;
    }

    static String workCenterKey(String no) {
        return "work-center/" + no;
    }

    static String machineCenterKey(String no) {
        return "machine-center/" + no;
    }

    static String locationKey(String code) {
        return "location/" + code;
    }

    static String capacityUnitKey(String code) {
        return "capacity-unit/" + code;
    }
}
