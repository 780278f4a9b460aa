package io.shopfloor.job.avro;

import io.shopfloor.job.masterdata.CalendarRows;
import io.shopfloor.posting.model.Bins;
import io.shopfloor.posting.model.CalculationFormula;
import io.shopfloor.posting.model.CapacityCost;
import io.shopfloor.posting.model.CapacityType;
import io.shopfloor.posting.model.CostingMethod;
import io.shopfloor.posting.model.FlushingMethod;
import io.shopfloor.posting.model.ProdOutputWhseHandling;
import io.shopfloor.posting.model.RoutingFlushingMethod;
import io.shopfloor.posting.model.SingleLevelCost;
import io.shopfloor.posting.model.UnitCostCalculation;
import io.shopfloor.posting.order.ComponentDefinition;
import io.shopfloor.posting.order.LineDefinition;
import io.shopfloor.posting.order.OrderDefinition;
import io.shopfloor.posting.order.OrderStatus;
import io.shopfloor.posting.order.RoutingLineDefinition;
import io.shopfloor.schema.common.ProductionOrderStatus;
import io.shopfloor.schema.masterdata.ProdOrderComponent;
import io.shopfloor.schema.masterdata.ProdOrderLine;
import io.shopfloor.schema.masterdata.ProdOrderRoutingLine;
import io.shopfloor.schema.masterdata.ProductionOrder;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Predicate;

import static io.shopfloor.job.avro.AvroValues.blankToNull;
import static io.shopfloor.job.avro.AvroValues.byName;

/**
 * Avro master data (CDC rows of the ERP) to the posting rules' model. Blank codes become null where the rules read
 * null as "none" or "default it" (bins, variants, routing links, next/previous operation); location codes stay as
 * they are because BC's blank location is a real location. Avro fields the rules do not read are dropped (see
 * the report of the mapping's gaps).
 */
public final class MasterDataMapping {

    private MasterDataMapping() {
    }

    /**
     * The rules value a Standard item at its unit cost and document that this is the standard cost; BC keeps the
     * two equal for Standard items, we take the standard cost so a lagging unit cost cannot leak in.
     */
    public static io.shopfloor.posting.model.Item item(io.shopfloor.schema.masterdata.Item item) {
        CostingMethod method = byName(item.getCostingMethod(), CostingMethod.class);
        BigDecimal unitCost = method == CostingMethod.STANDARD ? item.getStandardCost() : item.getUnitCost();
        return new io.shopfloor.posting.model.Item(item.getNo(), item.getDescription(), item.getBaseUnitOfMeasure(),
                method, unitCost, item.getRoundingPrecision(), item.getIndirectCostPct(), item.getOverheadRate(),
                new SingleLevelCost(item.getSingleLevelMaterialCost(), item.getSingleLevelCapacityCost(),
                        item.getSingleLevelSubcontractedCost(), item.getSingleLevelCapacityOverheadCost(),
                        item.getSingleLevelMfgOverheadCost()),
                item.getVariantMandatory(), blankToNull(item.getDefaultBinCode()));
    }

    /** The card's unit cost is not mapped: the rules derive it from direct cost, indirect % and overhead rate. */
    public static io.shopfloor.posting.model.WorkCenter workCenter(io.shopfloor.schema.masterdata.WorkCenter wc) {
        return new io.shopfloor.posting.model.WorkCenter(wc.getNo(), wc.getName(),
                blankToNull(wc.getWorkCenterGroupCode()), wc.getUnitOfMeasureCode(),
                new CapacityCost(wc.getDirectUnitCost(), wc.getIndirectCostPct(), wc.getOverheadRate()),
                byName(wc.getUnitCostCalculation(), UnitCostCalculation.class), wc.getSpecificUnitCost(),
                blankToNull(wc.getSubcontractorNo()), byName(wc.getFlushingMethod(), RoutingFlushingMethod.class),
                wc.getLocationCode(),
                bins(wc.getOpenShopFloorBinCode(), wc.getToProductionBinCode(), wc.getFromProductionBinCode()),
                wc.getBlocked());
    }

    public static io.shopfloor.posting.model.MachineCenter machineCenter(
            io.shopfloor.schema.masterdata.MachineCenter mc) {
        return new io.shopfloor.posting.model.MachineCenter(mc.getNo(), mc.getName(), mc.getWorkCenterNo(),
                new CapacityCost(mc.getDirectUnitCost(), mc.getIndirectCostPct(), mc.getOverheadRate()),
                byName(mc.getFlushingMethod(), RoutingFlushingMethod.class), mc.getLocationCode(),
                bins(mc.getOpenShopFloorBinCode(), mc.getToProductionBinCode(), mc.getFromProductionBinCode()),
                mc.getBlocked());
    }

    public static io.shopfloor.posting.model.Location location(io.shopfloor.schema.masterdata.Location location) {
        return new io.shopfloor.posting.model.Location(location.getCode(), location.getBinMandatory(),
                byName(location.getProdOutputWhseHandling(), ProdOutputWhseHandling.class),
                bins(location.getOpenShopFloorBinCode(), location.getToProductionBinCode(),
                        location.getFromProductionBinCode()));
    }

    /** The Avro setup has no flushing source code (Source Code Setup is another table): BC's standard FLUSHING. */
    public static io.shopfloor.posting.model.ManufacturingSetup manufacturingSetup(
            io.shopfloor.schema.masterdata.ManufacturingSetup setup) {
        return new io.shopfloor.posting.model.ManufacturingSetup(setup.getCostInclSetup(),
                setup.getDocNoIsProdOrderNo(), setup.getFinishOrderWithoutOutput(),
                io.shopfloor.posting.model.ManufacturingSetup.DEFAULT.flushingSourceCode());
    }

    /** A Shop Calendar Working Days row; Avro's weekday symbols are DayOfWeek's names. */
    public static CalendarRows.WorkingTime workingTime(io.shopfloor.schema.masterdata.ShopCalendarWorkingDay day) {
        return new CalendarRows.WorkingTime(day.getShopCalendarCode(), java.time.DayOfWeek.valueOf(day.getDay().name()),
                day.getStartingTime(), day.getEndingTime(), day.getWorkShiftCode());
    }

    public static CalendarRows.Holiday holiday(io.shopfloor.schema.masterdata.ShopCalendarHoliday holiday) {
        return new CalendarRows.Holiday(holiday.getShopCalendarCode(), holiday.getDate(), holiday.getStartingTime(),
                holiday.getEndingTime(), holiday.getDescription());
    }

    public static CalendarRows.Absence absence(io.shopfloor.schema.masterdata.CalendarAbsenceEntry entry) {
        return new CalendarRows.Absence(entry.getNo(), entry.getDate(), entry.getStartingTime(),
                entry.getEndingTime(), entry.getDescription());
    }

    /** A Stop row of the ERP with its planned flag (the description is not kept). */
    public static io.shopfloor.job.masterdata.StopCode stopCode(io.shopfloor.schema.masterdata.StopCode stopCode) {
        return new io.shopfloor.job.masterdata.StopCode(stopCode.getCode(), stopCode.getPlanned());
    }

    public static OrderStatus orderStatus(ProductionOrderStatus status) {
        return byName(status, OrderStatus.class);
    }

    /**
     * One order as the ERP defines it. Deleted rows (CDC tombstones) are left out; rows of another order or
     * status are a bug in the caller's state and are refused with IllegalArgumentException.
     */
    public static OrderDefinition orderDefinition(ProductionOrder order, List<ProdOrderLine> lines,
                                                  List<ProdOrderRoutingLine> routingLines,
                                                  List<ProdOrderComponent> components) {
        if (order.getDeleted()) {
            throw new IllegalArgumentException("production order " + order.getNo() + " is deleted");
        }
        lines.forEach(l -> checkSameOrder(order, l.getProdOrderNo(), l.getStatus(), "line " + l.getLineNo()));
        routingLines.forEach(r -> checkSameOrder(order, r.getProdOrderNo(), r.getStatus(),
                "routing line " + r.getOperationNo()));
        components.forEach(c -> checkSameOrder(order, c.getProdOrderNo(), c.getStatus(),
                "component " + c.getProdOrderLineNo() + "/" + c.getLineNo()));
        return new OrderDefinition(order.getNo(), order.getDescription(), order.getSourceNo(),
                order.getLocationCode(), order.getBlocked(),
                lines.stream().filter(notDeleted(ProdOrderLine::getDeleted)).map(MasterDataMapping::line).toList(),
                routingLines.stream().filter(notDeleted(ProdOrderRoutingLine::getDeleted))
                        .map(MasterDataMapping::routingLine).toList(),
                components.stream().filter(notDeleted(ProdOrderComponent::getDeleted))
                        .map(MasterDataMapping::component).toList());
    }

    public static LineDefinition line(ProdOrderLine line) {
        return new LineDefinition(line.getLineNo(), line.getItemNo(), blankToNull(line.getVariantCode()),
                line.getLocationCode(), blankToNull(line.getBinCode()), line.getQuantity(),
                line.getUnitOfMeasureCode(), line.getQtyPerUnitOfMeasure(), line.getScrapPct(), line.getRoutingNo(),
                line.getRoutingReferenceNo());
    }

    /**
     * Blank next/previous operation numbers stay "none" (null): on every line of a routing they mean a serial
     * routing in operation-number order. Time unit codes: blank means the center's unit (null).
     */
    public static RoutingLineDefinition routingLine(ProdOrderRoutingLine r) {
        return new RoutingLineDefinition(r.getRoutingNo(), r.getRoutingReferenceNo(), r.getOperationNo(),
                blankToNull(r.getNextOperationNo()), blankToNull(r.getPreviousOperationNo()),
                byName(r.getType(), CapacityType.class), r.getNo(), r.getDescription(), r.getSetupTime(),
                blankToNull(r.getSetupTimeUnitOfMeasCode()), r.getRunTime(),
                blankToNull(r.getRunTimeUnitOfMeasCode()), r.getLotSize(), r.getConcurrentCapacities(),
                blankToNull(r.getRoutingLinkCode()), r.getScrapFactorPct(), r.getFixedScrapQuantity(),
                byName(r.getFlushingMethod(), RoutingFlushingMethod.class), r.getUnitCostPer());
    }

    public static ComponentDefinition component(ProdOrderComponent c) {
        return new ComponentDefinition(c.getProdOrderLineNo(), c.getLineNo(), c.getItemNo(),
                blankToNull(c.getVariantCode()), c.getUnitOfMeasureCode(), c.getQtyPerUnitOfMeasure(),
                c.getQuantityPer(), byName(c.getCalculationFormula(), CalculationFormula.class), c.getLength(),
                c.getWidth(), c.getDepth(), c.getWeight(), c.getScrapPct(),
                byName(c.getFlushingMethod(), FlushingMethod.class), blankToNull(c.getRoutingLinkCode()),
                c.getLocationCode(), blankToNull(c.getBinCode()));
    }

    private static Bins bins(String openShopFloor, String toProduction, String fromProduction) {
        return new Bins(blankToNull(openShopFloor), blankToNull(toProduction), blankToNull(fromProduction));
    }

    private static void checkSameOrder(ProductionOrder order, String prodOrderNo, ProductionOrderStatus status,
                                       String what) {
        if (!order.getNo().equals(prodOrderNo) || order.getStatus() != status) {
            throw new IllegalArgumentException(what + " of " + status + " " + prodOrderNo + " is not part of "
                    + order.getStatus() + " " + order.getNo());
        }
    }

    private static <T> Predicate<T> notDeleted(Predicate<T> deleted) {
        return deleted.negate();
    }
}
