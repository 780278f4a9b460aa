package io.shopfloor.posting;

import io.shopfloor.posting.model.Bins;
import io.shopfloor.posting.model.CalculationFormula;
import io.shopfloor.posting.model.CapacityType;
import io.shopfloor.posting.model.Item;
import io.shopfloor.posting.model.UnitCostCalculation;
import io.shopfloor.posting.order.Component;
import io.shopfloor.posting.order.ComponentDefinition;
import io.shopfloor.posting.order.LineDefinition;
import io.shopfloor.posting.order.OrderDefinition;
import io.shopfloor.posting.order.OrderLine;
import io.shopfloor.posting.order.OrderStatus;
import io.shopfloor.posting.order.ProductionOrder;
import io.shopfloor.posting.order.RoutingLine;
import io.shopfloor.posting.order.RoutingLineDefinition;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Refresh of a production order: routing lines resolved against their centers with accumulated scrap and
 * expected cost (docs/production-orders.md#routing-lines, docs/capacity-costs.md#cost-split), components with expected
 * quantity and cost (docs/production-orders.md#components), default bins (docs/warehouse.md).
 */
final class OrderRefresh {
    private final PostingContext ctx;

    private OrderRefresh(PostingContext ctx) {
        this.ctx = ctx;
    }

    static ProductionOrder refresh(PostingContext ctx, OrderDefinition definition, OrderStatus status) {
        return new OrderRefresh(ctx).build(definition, status);
    }

    private ProductionOrder build(OrderDefinition definition, OrderStatus status) {
        Map<String, List<RoutingLine>> routings = new HashMap<>();
        for (Map.Entry<String, List<RoutingLineDefinition>> routing : groupRoutings(definition).entrySet()) {
            BigDecimal quantityBase = definition.lines().stream()
                    .filter(l -> routingKey(l.routingNo(), l.routingReferenceNo()).equals(routing.getKey()))
                    .map(l -> l.quantity().multiply(l.qtyPerUnitOfMeasure()))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            routings.put(routing.getKey(), buildRouting(routing.getValue(), Rounding.qty(quantityBase)));
        }
        List<OrderLine> lines = new ArrayList<>();
        for (LineDefinition line : definition.lines()) {
            List<RoutingLine> routing = routings.getOrDefault(routingKey(line.routingNo(), line.routingReferenceNo()),
                    List.of());
            ctx.item(line.itemNo());
            List<Component> components = definition.components().stream()
                    .filter(c -> c.orderLineNo() == line.lineNo())
                    .sorted(Comparator.comparingInt(ComponentDefinition::lineNo))
                    .map(c -> component(line, routing, c))
                    .toList();
            lines.add(new OrderLine(line, line.binCode() != null ? line.binCode() : outputBin(line, routing),
                    routing, components));
        }
        return new ProductionOrder(definition, lines, status);
    }

    private static Map<String, List<RoutingLineDefinition>> groupRoutings(OrderDefinition definition) {
        Map<String, List<RoutingLineDefinition>> groups = new LinkedHashMap<>();
        for (RoutingLineDefinition r : definition.routingLines()) {
            groups.computeIfAbsent(routingKey(r.routingNo(), r.routingReferenceNo()), k -> new ArrayList<>()).add(r);
        }
        return groups;
    }

    private static String routingKey(String routingNo, int referenceNo) {
        return routingNo + "#" + referenceNo;
    }

    /** BC sorts numeric operation numbers numerically. */
    static final Comparator<String> OPERATION_ORDER = (a, b) -> {
        if (a.chars().allMatch(Character::isDigit) && b.chars().allMatch(Character::isDigit)) {
            return new BigDecimal(a).compareTo(new BigDecimal(b));
        }
        return a.compareTo(b);
    };

    private List<RoutingLine> buildRouting(List<RoutingLineDefinition> definitions, BigDecimal quantityBase) {
        List<RoutingLineDefinition> sorted = new ArrayList<>(definitions);
        sorted.sort(Comparator.comparing(RoutingLineDefinition::operationNo, OPERATION_ORDER));
        boolean serialByOrder = sorted.stream().allMatch(r -> isBlank(r.nextOperationNo()))
                && sorted.stream().allMatch(r -> isBlank(r.previousOperationNo()));
        Map<String, String> next = new HashMap<>();
        Map<String, String> previous = new HashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            RoutingLineDefinition r = sorted.get(i);
            next.put(r.operationNo(), serialByOrder
                    ? (i + 1 < sorted.size() ? sorted.get(i + 1).operationNo() : null) : blankToNull(r.nextOperationNo()));
            previous.put(r.operationNo(), serialByOrder
                    ? (i > 0 ? sorted.get(i - 1).operationNo() : null) : blankToNull(r.previousOperationNo()));
        }
        // Accumulated scrap walks backwards from the last operation: each operation carries all later ones.
        Map<String, BigDecimal> scrapAccumulated = new HashMap<>();
        Map<String, BigDecimal> fixedScrapAccumulated = new HashMap<>();
        for (int i = sorted.size() - 1; i >= 0; i--) {
            RoutingLineDefinition r = sorted.get(i);
            String nextOp = next.get(r.operationNo());
            BigDecimal laterFactor = nextOp == null ? BigDecimal.ZERO : scrapAccumulated.getOrDefault(nextOp, BigDecimal.ZERO);
            BigDecimal laterFixed = nextOp == null ? BigDecimal.ZERO : fixedScrapAccumulated.getOrDefault(nextOp, BigDecimal.ZERO);
            BigDecimal ownFactor = BigDecimal.ONE.add(Rounding.percent(nz(r.scrapFactorPct())));
            scrapAccumulated.put(r.operationNo(),
                    Rounding.qty(BigDecimal.ONE.add(laterFactor).multiply(ownFactor)).subtract(BigDecimal.ONE));
            fixedScrapAccumulated.put(r.operationNo(), laterFixed.add(nz(r.fixedScrapQuantity())));
        }
        List<RoutingLine> lines = new ArrayList<>();
        for (RoutingLineDefinition r : sorted) {
            lines.add(routingLine(r, next.get(r.operationNo()), previous.get(r.operationNo()),
                    scrapAccumulated.get(r.operationNo()), fixedScrapAccumulated.get(r.operationNo()), quantityBase));
        }
        return lines;
    }

    private RoutingLine routingLine(RoutingLineDefinition r, String nextOp, String previousOp, BigDecimal scrapAccum,
                                    BigDecimal fixedScrapAccum, BigDecimal quantityBase) {
        CapacityRate rate = CapacityRate.of(ctx, r.type(), r.no(), r.unitCostPer(), false);
        BigDecimal setupTime = toWorkCenterUnits(r.setupTime(), r.setupTimeUnitOfMeasureCode(), rate);
        BigDecimal runTime = toWorkCenterUnits(r.runTime(), r.runTimeUnitOfMeasureCode(), rate);
        BigDecimal lotSize = r.lotSize() == null || r.lotSize().signum() == 0 ? BigDecimal.ONE : r.lotSize();
        BigDecimal concurrent = r.concurrentCapacities() == null || r.concurrentCapacities().signum() == 0
                ? BigDecimal.ONE : r.concurrentCapacities();

        BigDecimal inputQuantity = Rounding.qty(quantityBase.multiply(BigDecimal.ONE.add(scrapAccum)).add(fixedScrapAccum));
        BigDecimal setupNeed = Rounding.qty(setupTime.multiply(concurrent));
        BigDecimal runNeed = Rounding.qty(Rounding.divide(runTime.multiply(inputQuantity), lotSize));
        BigDecimal overheadPerUnit = rate.overheadPerUnit();
        BigDecimal operationCost;
        BigDecimal overheadCost;
        if (rate.calculation() == UnitCostCalculation.UNITS) {
            operationCost = Rounding.amount(inputQuantity.multiply(rate.unitCost()));
            overheadCost = Rounding.amount(inputQuantity.multiply(overheadPerUnit));
        } else {
            BigDecimal valuedSetup = ctx.masterData.manufacturingSetup().costInclSetup() ? setupNeed : BigDecimal.ZERO;
            operationCost = Rounding.amount(valuedSetup.multiply(rate.unitCost()))
                    .add(Rounding.amount(runNeed.multiply(rate.unitCost())));
            overheadCost = Rounding.amount(valuedSetup.multiply(overheadPerUnit))
                    .add(Rounding.amount(runNeed.multiply(overheadPerUnit)));
        }
        return new RoutingLine(r, nextOp, previousOp, rate.workCenter().no(), rate.workCenter().workCenterGroupCode(),
                r.description() != null ? r.description() : r.no(), setupTime, runTime, scrapAccum, fixedScrapAccum,
                r.flushingMethod() != null ? r.flushingMethod() : rate.flushingMethod(), rate.unitCost(),
                rate.subcontracted(),
                new RoutingLine.Expected(setupNeed.add(runNeed), operationCost, overheadCost));
    }

    private BigDecimal toWorkCenterUnits(BigDecimal time, String unitCode, CapacityRate rate) {
        if (time == null) {
            return BigDecimal.ZERO;
        }
        if (unitCode == null || unitCode.equals(rate.unitOfMeasureCode())) {
            return time;
        }
        return Rounding.qty(time.multiply(CapacityRate.conversionFactor(ctx, unitCode, rate.unitOfMeasureCode())));
    }

    private Component component(LineDefinition line, List<RoutingLine> routing, ComponentDefinition c) {
        Item item = ctx.item(c.itemNo());
        BigDecimal quantity = perParentQuantity(c);
        Optional<RoutingLine> rtg = routingFor(c, routing);
        BigDecimal expected;
        if (c.calculationFormula() == CalculationFormula.FIXED_QUANTITY) {
            expected = quantity;
        } else {
            BigDecimal needs = line.quantity()
                    .multiply(BigDecimal.ONE.add(Rounding.percent(nz(line.scrapPct()))))
                    .multiply(BigDecimal.ONE.add(rtg.map(RoutingLine::scrapFactorAccumulated).orElse(BigDecimal.ZERO)))
                    .multiply(BigDecimal.ONE.add(Rounding.percent(nz(c.scrapPct()))))
                    .add(rtg.map(RoutingLine::fixedScrapQtyAccumulated).orElse(BigDecimal.ZERO));
            expected = quantity.multiply(needs);
        }
        expected = Rounding.roundUp(expected, item.roundingPrecision());
        BigDecimal unitCostPerComponentUnit = item.unitCost().multiply(c.qtyPerUnitOfMeasure());
        return new Component(c, quantity, expected, Rounding.amount(expected.multiply(unitCostPerComponentUnit)),
                c.binCode() != null ? c.binCode() : componentBin(line, rtg, c, item));
    }

    private static BigDecimal perParentQuantity(ComponentDefinition c) {
        BigDecimal q = c.quantityPer();
        return switch (c.calculationFormula()) {
            case BLANK, FIXED_QUANTITY -> q;
            case LENGTH -> q.multiply(nz(c.length()));
            case LENGTH_X_WIDTH -> q.multiply(nz(c.length())).multiply(nz(c.width()));
            case LENGTH_X_WIDTH_X_DEPTH -> q.multiply(nz(c.length())).multiply(nz(c.width())).multiply(nz(c.depth()));
            case WEIGHT -> q.multiply(nz(c.weight()));
        };
    }

    /**
     * The routing line carrying the component's link, else the first operation (docs/production-orders.md#components).
     */
    private static Optional<RoutingLine> routingFor(ComponentDefinition c, List<RoutingLine> routing) {
        if (!isBlank(c.routingLinkCode())) {
            return routing.stream().filter(r -> c.routingLinkCode().equals(r.routingLinkCode())).findFirst();
        }
        return routing.stream().findFirst();
    }

    /**
     * docs/warehouse.md#component-bins: routing line's center bins (when at the line's location), then the location's,
     * then the item's.
     */
    private String componentBin(LineDefinition line, Optional<RoutingLine> rtg, ComponentDefinition c, Item item) {
        String locationCode = c.locationCode() != null ? c.locationCode() : line.locationCode();
        boolean pick = c.flushingMethod().isPick();
        String bin = rtg.flatMap(r -> centerBins(r.type(), r.no(), locationCode))
                .map(b -> pick ? b.toProductionBinCode() : b.openShopFloorBinCode()).orElse(null);
        if (bin == null) {
            Bins locationBins = ctx.location(locationCode).bins();
            bin = pick ? locationBins.toProductionBinCode() : locationBins.openShopFloorBinCode();
        }
        return bin != null ? bin : item.defaultBinCode();
    }

    /** docs/warehouse.md#output-bin: the last operation's center From-Production bin, else the location's. */
    private String outputBin(LineDefinition line, List<RoutingLine> routing) {
        String bin = routing.stream().filter(RoutingLine::isLastOperation).findFirst()
                .flatMap(r -> centerBins(r.type(), r.no(), line.locationCode()))
                .map(Bins::fromProductionBinCode).orElse(null);
        return bin != null ? bin : ctx.location(line.locationCode()).bins().fromProductionBinCode();
    }

    /** Center bins count only when the center sits at the order line's location. */
    private Optional<Bins> centerBins(CapacityType type, String no, String locationCode) {
        if (type == CapacityType.MACHINE_CENTER) {
            return ctx.masterData.machineCenter(no)
                    .filter(mc -> mc.locationCode() != null && mc.locationCode().equals(locationCode))
                    .map(mc -> mc.bins());
        }
        return ctx.masterData.workCenter(no)
                .filter(wc -> wc.locationCode() != null && wc.locationCode().equals(locationCode))
                .map(wc -> wc.bins());
    }

    private static BigDecimal nz(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankToNull(String s) {
        return isBlank(s) ? null : s;
    }
}
