package io.shopfloor.posting.model;

import java.io.Serializable;

/** Machine center card: always Time-costed, times in its work center's capacity unit. */
public record MachineCenter(String no, String description, String workCenterNo, CapacityCost cost,
                            RoutingFlushingMethod flushingMethod, String locationCode, Bins bins, boolean blocked) implements Serializable {

    public static MachineCenter of(String no, String workCenterNo, CapacityCost cost) {
        return new MachineCenter(no, no, workCenterNo, cost, RoutingFlushingMethod.MANUAL, null, Bins.NONE, false);
    }

    public MachineCenter withLocation(String location, Bins newBins) {
        return new MachineCenter(no, description, workCenterNo, cost, flushingMethod, location, newBins, blocked);
    }
}
