package io.shopfloor.posting;

import io.shopfloor.posting.model.CapacityCost;
import io.shopfloor.posting.model.CapacityType;
import io.shopfloor.posting.model.MachineCenter;
import io.shopfloor.posting.model.RoutingFlushingMethod;
import io.shopfloor.posting.model.UnitCostCalculation;
import io.shopfloor.posting.model.WorkCenter;

import java.math.BigDecimal;

/**
 * The cost of one unit of a work or machine center's capacity as of posting (docs/capacity-costs.md#rates): machine
 * centers are always
 * Time-costed; a work center with Specific Unit Cost takes the routing line's unit cost and derives its direct
 * part from it.
 */
record CapacityRate(CapacityType type, String no, String description, WorkCenter workCenter, CapacityCost cost,
                    BigDecimal unitCost, UnitCostCalculation calculation, boolean subcontracted,
                    RoutingFlushingMethod flushingMethod) {

    /** The direct/indirect split of one capacity posting. */
    record Split(BigDecimal costAmount, BigDecimal direct, BigDecimal indirect) {
    }

    static CapacityRate of(PostingContext ctx, CapacityType type, String no, BigDecimal routingUnitCostPer,
                           boolean mustNotBeBlocked) {
        if (type == CapacityType.MACHINE_CENTER) {
            MachineCenter mc = ctx.masterData.machineCenter(no).orElseThrow(() ->
                    PostingContext.refuse(RefusalReason.MACHINE_CENTER_NOT_FOUND, "machine center " + no));
            WorkCenter wc = workCenter(ctx, mc.workCenterNo());
            if (mustNotBeBlocked && (mc.blocked() || wc.blocked())) {
                throw PostingContext.refuse(RefusalReason.CAPACITY_BLOCKED, "machine center " + no);
            }
            return new CapacityRate(type, no, mc.description(), wc, mc.cost(), mc.cost().unitCost(),
                    UnitCostCalculation.TIME, wc.isSubcontracted(), mc.flushingMethod());
        }
        WorkCenter wc = workCenter(ctx, no);
        if (mustNotBeBlocked && wc.blocked()) {
            throw PostingContext.refuse(RefusalReason.CAPACITY_BLOCKED, "work center " + no);
        }
        CapacityCost cost = wc.cost();
        BigDecimal unitCost = cost.unitCost();
        if (wc.specificUnitCost() && routingUnitCostPer != null) {
            cost = cost.withUnitCost(routingUnitCostPer);
            unitCost = routingUnitCostPer;
        }
        return new CapacityRate(type, no, wc.description(), wc, cost, unitCost, wc.unitCostCalculation(),
                wc.isSubcontracted(), wc.flushingMethod());
    }

    private static WorkCenter workCenter(PostingContext ctx, String no) {
        return ctx.masterData.workCenter(no).orElseThrow(() ->
                PostingContext.refuse(RefusalReason.WORK_CENTER_NOT_FOUND, "work center " + no));
    }

    /** Time of one {@code fromUnit} expressed in {@code toUnit} (Qty. per Cap. Unit of Measure). */
    static BigDecimal conversionFactor(PostingContext ctx, String fromUnit, String toUnit) {
        if (fromUnit == null || fromUnit.equals(toUnit)) {
            return BigDecimal.ONE;
        }
        return Rounding.qty(Rounding.divide(ctx.capacityUnit(fromUnit).minutesPerUnit(),
                ctx.capacityUnit(toUnit).minutesPerUnit()));
    }

    String unitOfMeasureCode() {
        return workCenter.unitOfMeasureCode();
    }

    /** Direct × Indirect %/100 + Overhead Rate: the overhead in one unit. */
    BigDecimal overheadPerUnit() {
        return cost.overheadPerUnit();
    }

    /**
     * CostAmt = Round(ValuedQty × UnitCost); Direct = Round((CostAmt − ValuedQty × OverheadRate) / (1 + Indirect
     * %/100)); Indirect = CostAmt − Direct.
     */
    Split split(BigDecimal valuedQuantity) {
        BigDecimal costAmount = Rounding.amount(valuedQuantity.multiply(unitCost));
        BigDecimal direct = Rounding.amount(Rounding.divide(
                costAmount.subtract(valuedQuantity.multiply(cost.overheadRate())),
                BigDecimal.ONE.add(Rounding.percent(cost.indirectCostPct()))));
        return new Split(costAmount, direct, costAmount.subtract(direct));
    }

    /** UNCONFIRMED 3, option "divided by factor": unit cost and overhead rate per entry unit / factor. */
    CapacityRate dividedBy(BigDecimal factor) {
        if (factor.compareTo(BigDecimal.ONE) == 0) {
            return this;
        }
        CapacityCost scaled = new CapacityCost(Rounding.divide(cost.directUnitCost(), factor), cost.indirectCostPct(),
                Rounding.divide(cost.overheadRate(), factor));
        return new CapacityRate(type, no, description, workCenter, scaled, Rounding.divide(unitCost, factor),
                calculation, subcontracted, flushingMethod);
    }
}
