package io.shopfloor.job.masterdata;

import java.io.Serializable;

import io.shopfloor.posting.model.CapacityUnitOfMeasure;
import io.shopfloor.posting.model.Item;
import io.shopfloor.posting.model.Location;
import io.shopfloor.posting.model.MachineCenter;
import io.shopfloor.posting.model.ManufacturingSetup;
import io.shopfloor.posting.model.WorkCenter;

/**
 * A change of shared master data from CDC: the new version of a record, or its deletion. The change's event time
 * (the record timestamp) is when the version becomes valid.
 */
public record MasterDataChange(String key, Object value, boolean deleted) implements Serializable {

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

    public MasterDataChange asDeletion() {
        return new MasterDataChange(key, null, true);
    }

    /** This change, or its deletion when the CDC record says the row was deleted. */
    public MasterDataChange deletedIf(boolean deleted) {
        return deleted ? asDeletion() : this;
    }

    static final String SETUP_KEY = "setup";

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
