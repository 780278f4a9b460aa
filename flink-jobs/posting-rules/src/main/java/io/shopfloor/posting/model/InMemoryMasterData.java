package io.shopfloor.posting.model;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Master data held in maps; the Flink job fills one from the compacted master-data topics. */
public final class InMemoryMasterData implements MasterData {
    private final Map<String, Item> items = new HashMap<>();
    private final Map<String, WorkCenter> workCenters = new HashMap<>();
    private final Map<String, MachineCenter> machineCenters = new HashMap<>();
    private final Map<String, Location> locations = new HashMap<>();
    private final Map<String, CapacityUnitOfMeasure> capacityUnits = new HashMap<>();
    private ManufacturingSetup setup = ManufacturingSetup.DEFAULT;

    public InMemoryMasterData() {
        put(CapacityUnitOfMeasure.MINUTES);
        put(CapacityUnitOfMeasure.HOURS);
        put(CapacityUnitOfMeasure.DAYS);
    }

    public InMemoryMasterData put(Item item) {
        items.put(item.no(), item);
        return this;
    }

    public InMemoryMasterData put(WorkCenter workCenter) {
        workCenters.put(workCenter.no(), workCenter);
        return this;
    }

    public InMemoryMasterData put(MachineCenter machineCenter) {
        machineCenters.put(machineCenter.no(), machineCenter);
        return this;
    }

    public InMemoryMasterData put(Location location) {
        locations.put(location.code(), location);
        return this;
    }

    public InMemoryMasterData put(CapacityUnitOfMeasure unit) {
        capacityUnits.put(unit.code(), unit);
        return this;
    }

    public InMemoryMasterData put(ManufacturingSetup newSetup) {
        this.setup = newSetup;
        return this;
    }

    @Override
    public Optional<Item> item(String no) {
        return Optional.ofNullable(items.get(no));
    }

    @Override
    public Optional<WorkCenter> workCenter(String no) {
        return Optional.ofNullable(workCenters.get(no));
    }

    @Override
    public Optional<MachineCenter> machineCenter(String no) {
        return Optional.ofNullable(machineCenters.get(no));
    }

    @Override
    public Optional<Location> location(String code) {
        return Optional.ofNullable(locations.get(code));
    }

    @Override
    public Optional<CapacityUnitOfMeasure> capacityUnitOfMeasure(String code) {
        return Optional.ofNullable(capacityUnits.get(code));
    }

    @Override
    public ManufacturingSetup manufacturingSetup() {
        return setup;
    }
}
