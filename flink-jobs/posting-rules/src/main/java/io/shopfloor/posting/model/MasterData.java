package io.shopfloor.posting.model;

import java.util.Optional;

/** Master data as of posting. Missing records are reported by the rules as refusals, never as exceptions. */
public interface MasterData {
    Optional<Item> item(String no);

    Optional<WorkCenter> workCenter(String no);

    Optional<MachineCenter> machineCenter(String no);

    Optional<Location> location(String code);

    Optional<CapacityUnitOfMeasure> capacityUnitOfMeasure(String code);

    ManufacturingSetup manufacturingSetup();
}
