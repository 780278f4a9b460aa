package io.shopfloor.posting.model;

import java.io.Serializable;

/**
 * Work center card. {@code unitOfMeasureCode} is the capacity unit in which ledger times are stored;
 * a non-blank {@code subcontractorNo} makes its cost "Subcontracted".
 */
public record WorkCenter(String no, String description, String workCenterGroupCode, String unitOfMeasureCode,
                         CapacityCost cost, UnitCostCalculation unitCostCalculation, boolean specificUnitCost,
                         String subcontractorNo, RoutingFlushingMethod flushingMethod, String locationCode,
                         Bins bins, boolean blocked) implements Serializable {

    public static WorkCenter of(String no, String uom, CapacityCost cost, UnitCostCalculation calculation) {
        return new WorkCenter(no, no, null, uom, cost, calculation, false, null, RoutingFlushingMethod.MANUAL,
                null, Bins.NONE, false);
    }

    public boolean isSubcontracted() {
        return subcontractorNo != null && !subcontractorNo.isBlank();
    }

    public WorkCenter withLocation(String location, Bins newBins) {
        return new WorkCenter(no, description, workCenterGroupCode, unitOfMeasureCode, cost, unitCostCalculation,
                specificUnitCost, subcontractorNo, flushingMethod, location, newBins, blocked);
    }

    public WorkCenter withSubcontractor(String subcontractor) {
        return new WorkCenter(no, description, workCenterGroupCode, unitOfMeasureCode, cost, unitCostCalculation,
                specificUnitCost, subcontractor, flushingMethod, locationCode, bins, blocked);
    }

    public WorkCenter withSpecificUnitCost(boolean specific) {
        return new WorkCenter(no, description, workCenterGroupCode, unitOfMeasureCode, cost, unitCostCalculation,
                specific, subcontractorNo, flushingMethod, locationCode, bins, blocked);
    }

    public WorkCenter withBlocked(boolean isBlocked) {
        return new WorkCenter(no, description, workCenterGroupCode, unitOfMeasureCode, cost, unitCostCalculation,
                specificUnitCost, subcontractorNo, flushingMethod, locationCode, bins, isBlocked);
    }
}
