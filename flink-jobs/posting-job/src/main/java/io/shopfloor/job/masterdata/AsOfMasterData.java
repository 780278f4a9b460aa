package io.shopfloor.job.masterdata;

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
import io.shopfloor.posting.model.MasterData;
import io.shopfloor.posting.model.WorkCenter;

import java.util.Optional;
import java.util.function.Function;

/**
 * Master data as of one event time (spec §11 rule 8: capture master data as of posting). Reading by event time,
 * not by arrival, keeps postings the same whatever order the master-data and signal streams interleave in.
 * Capacity units default to MINUTES/HOURS/DAYS; the manufacturing setup to {@link ManufacturingSetup#DEFAULT}.
 */
public final class AsOfMasterData implements MasterData {
    private final Function<String, MasterDataVersions> versions;
    private final long time;

    public AsOfMasterData(Function<String, MasterDataVersions> versions, long time) {
        this.versions = versions;
        this.time = time;
    }

    @Override
    public Optional<Item> item(String no) {
        return get(MasterDataChange.itemKey(no), Item.class);
    }

    @Override
    public Optional<WorkCenter> workCenter(String no) {
        return get(MasterDataChange.workCenterKey(no), WorkCenter.class);
    }

    @Override
    public Optional<MachineCenter> machineCenter(String no) {
        return get(MasterDataChange.machineCenterKey(no), MachineCenter.class);
    }

    @Override
    public Optional<Location> location(String code) {
        return get(MasterDataChange.locationKey(code), Location.class);
    }

    @Override
    public Optional<CapacityUnitOfMeasure> capacityUnitOfMeasure(String code) {
        Optional<CapacityUnitOfMeasure> unit = get(MasterDataChange.capacityUnitKey(code), CapacityUnitOfMeasure.class);
        if (unit.isPresent()) {
            return unit;
        }
        return switch (code) {
            case "MINUTES" -> Optional.of(CapacityUnitOfMeasure.MINUTES);
            case "HOURS" -> Optional.of(CapacityUnitOfMeasure.HOURS);
            case "DAYS" -> Optional.of(CapacityUnitOfMeasure.DAYS);
            default -> Optional.empty();
        };
    }

    @Override
    public ManufacturingSetup manufacturingSetup() {
        return get(MasterDataChange.SETUP_KEY, ManufacturingSetup.class).orElse(ManufacturingSetup.DEFAULT);
    }

    /** The posting groups of an item ({@code type} null) or of a work or machine center. */
    public Optional<PostingGroups> postingGroups(CapacityType type, String no) {
        return get(MasterDataChange.postingGroupsKey(type, no), PostingGroups.class);
    }

    public Optional<InventoryPostingSetup> inventoryPostingSetup(String locationCode, String inventoryPostingGroup) {
        return get(MasterDataChange.inventoryPostingSetupKey(locationCode, inventoryPostingGroup),
                InventoryPostingSetup.class);
    }

    public Optional<GeneralPostingSetup> generalPostingSetup(String genBusPostingGroup, String genProdPostingGroup) {
        return get(MasterDataChange.generalPostingSetupKey(genBusPostingGroup, genProdPostingGroup),
                GeneralPostingSetup.class);
    }

    /** None: the plant keeps no general ledger (value entries are not posted to G/L). */
    public Optional<GeneralLedgerSetup> generalLedgerSetup() {
        return get(MasterDataChange.GENERAL_LEDGER_SETUP_KEY, GeneralLedgerSetup.class);
    }

    public Optional<DefaultDimension> defaultDimension(int tableId, String no, String dimensionCode) {
        return get(MasterDataChange.defaultDimensionKey(tableId, no, dimensionCode), DefaultDimension.class);
    }

    /** The ERP's stop code (with whether it is planned downtime); none if the ERP does not know the code then. */
    public Optional<StopCode> stopCode(String code) {
        return get(MasterDataChange.stopCodeKey(code), StopCode.class);
    }

    private <T> Optional<T> get(String key, Class<T> type) {
        MasterDataVersions recordVersions = versions.apply(key);
        return recordVersions == null ? Optional.empty() : Optional.ofNullable(type.cast(recordVersions.asOf(time)));
    }
}
