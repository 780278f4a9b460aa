package io.shopfloor.dashboard;

import io.shopfloor.dashboard.LedgerRows.ComponentConsumption;
import io.shopfloor.dashboard.LedgerRows.OperationReported;
import io.shopfloor.schema.masterdata.ProdOrderComponent;
import io.shopfloor.schema.masterdata.ProdOrderLine;
import io.shopfloor.schema.masterdata.ProdOrderRoutingLine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/** Puts a job card together from the order's master data and what the ledger holds for it. Stateless. */
public final class JobCards {
    private static final BigDecimal MILLIS_PER_MINUTE = BigDecimal.valueOf(60_000);
    private static final Map<String, BigDecimal> MILLIS_PER_UNIT = Map.of(
            "MILLISECONDS", BigDecimal.ONE, "SECONDS", BigDecimal.valueOf(1_000), "MINUTES", MILLIS_PER_MINUTE,
            "HOURS", BigDecimal.valueOf(3_600_000), "DAYS", BigDecimal.valueOf(86_400_000));

    private JobCards() {
    }

    /**
     * @param order        the order's master data
     * @param centerName   work or machine center name by (type, no)
     * @param capacityUnit a work center's capacity unit of measure (MINUTES when unknown)
     * @param reported     the capacity ledger per operation
     * @param consumption  consumption against expected per component
     */
    public static JobCard assemble(MasterData.OrderMasterData order,
                                   java.util.function.BinaryOperator<String> centerName,
                                   UnaryOperator<String> capacityUnit, List<OperationReported> reported,
                                   List<ComponentConsumption> consumption) {
        return assemble(order, centerName, capacityUnit, reported, consumption, null);
    }

    /**
     * As the ledger has the order: {@code ledgerStatus} (the status the job posted, which the dashboard's order list
     * shows; null when the ledger has none yet) overrides the ERP's header status, which CDC may not have brought
     * yet or which the ERP never changes (the job finishes orders by itself). Routing status: every operation of a
     * finished order is FINISHED (as BC sets it when an order is finished); an operation the ledger holds capacity
     * entries for is at least IN_PROGRESS; otherwise the ERP's.
     */
    public static JobCard assemble(MasterData.OrderMasterData order,
                                   java.util.function.BinaryOperator<String> centerName,
                                   UnaryOperator<String> capacityUnit, List<OperationReported> reported,
                                   List<ComponentConsumption> consumption, String ledgerStatus) {
        boolean finished = "FINISHED".equals(ledgerStatus);
        Map<String, OperationReported> reportedByOperation = reported.stream().collect(Collectors.toMap(
                r -> r.routingReferenceNo() + "/" + r.operationNo(), Function.identity(), (a, b) -> a));
        Map<String, BigDecimal> consumedByComponent = consumption.stream().collect(Collectors.toMap(
                c -> c.orderLineNo() + "/" + c.componentLineNo(), ComponentConsumption::consumedQtyBase,
                BigDecimal::add));

        List<ProdOrderRoutingLine> routing = new ArrayList<>(order.routingLines());
        routing.sort(Comparator.comparingInt(ProdOrderRoutingLine::getRoutingReferenceNo)
                .thenComparing(ProdOrderRoutingLine::getRoutingNo)
                .thenComparing(ProdOrderRoutingLine::getOperationNo, JobCards::compareOperationNos));
        List<ProdOrderComponent> components = new ArrayList<>(order.components());
        components.sort(Comparator.comparingInt(ProdOrderComponent::getProdOrderLineNo)
                .thenComparingInt(ProdOrderComponent::getLineNo));

        Set<String> listed = new HashSet<>();
        List<JobCard.Operation> operations = new ArrayList<>();
        for (ProdOrderRoutingLine line : routing) {
            List<ProdOrderLine> orderLines = order.lines().stream()
                    .filter(l -> l.getRoutingReferenceNo() == line.getRoutingReferenceNo()).toList();
            Set<Integer> orderLineNos = orderLines.stream().map(ProdOrderLine::getLineNo).collect(Collectors.toSet());
            List<JobCard.Component> linked = new ArrayList<>();
            for (ProdOrderComponent component : components) {
                // BC's data-item link: equal routing link codes, so a blank operation link lists blank components.
                if (orderLineNos.contains(component.getProdOrderLineNo())
                        && component.getRoutingLinkCode().equals(line.getRoutingLinkCode())) {
                    linked.add(component(component, consumedByComponent));
                    listed.add(component.getProdOrderLineNo() + "/" + component.getLineNo());
                }
            }
            BigDecimal quantity = orderLines.stream().map(ProdOrderLine::getQuantityBase)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal operationQuantity = quantity
                    .multiply(BigDecimal.ONE.add(line.getScrapFactorPctAccumulated()))
                    .add(line.getFixedScrapQtyAccum());
            BigDecimal lotSize = line.getLotSize().signum() > 0 ? line.getLotSize() : BigDecimal.ONE;
            BigDecimal runTime = line.getRunTime().multiply(operationQuantity)
                    .divide(lotSize, 5, RoundingMode.HALF_UP);
            String timeNeededUnit = capacityUnit.apply(line.getWorkCenterNo());
            BigDecimal millisPerUnit = MILLIS_PER_UNIT.get(timeNeededUnit.toUpperCase(Locale.ROOT));
            if (millisPerUnit == null) {
                timeNeededUnit = "MINUTES"; // a unit we cannot convert to: show minutes rather than a wrong number
                millisPerUnit = MILLIS_PER_MINUTE;
            }
            BigDecimal timeNeeded = line.getExpectedCapacityNeed().divide(millisPerUnit, 5, RoundingMode.HALF_UP);
            OperationReported done = reportedByOperation.get(line.getRoutingReferenceNo() + "/"
                    + line.getOperationNo());
            operations.add(new JobCard.Operation(line.getRoutingReferenceNo(), line.getRoutingNo(),
                    line.getOperationNo(), line.getType().name(), line.getNo(),
                    centerName.apply(line.getType().name(), line.getNo()), line.getWorkCenterNo(),
                    line.getDescription(), line.getRoutingLinkCode(), line.getStartingDateTime(),
                    line.getEndingDateTime(), plain(operationQuantity), plain(line.getSetupTime()),
                    line.getSetupTimeUnitOfMeasCode(), plain(runTime), line.getRunTimeUnitOfMeasCode(),
                    plain(timeNeeded), timeNeededUnit, routingStatus(line.getRoutingStatus().name(), finished,
                            done != null),
                    done == null ? JobCard.Reported.NOTHING : new JobCard.Reported(plain(done.outputQuantity()),
                            plain(done.scrapQuantity()), done.lastPostingDate(), done.postedBy(),
                            plain(done.setupTime()), plain(done.runTime())),
                    List.copyOf(linked)));
        }
        List<JobCard.Component> unlinked = components.stream()
                .filter(c -> !listed.contains(c.getProdOrderLineNo() + "/" + c.getLineNo()))
                .map(c -> component(c, consumedByComponent)).toList();
        var header = order.header();
        return new JobCard(header.getNo(), ledgerStatus != null ? ledgerStatus : header.getStatus().name(),
                header.getDescription(), header.getSourceNo(),
                plain(header.getQuantity()), header.getDueDate(), List.copyOf(operations), unlinked);
    }

    private static JobCard.Component component(ProdOrderComponent c, Map<String, BigDecimal> consumed) {
        return new JobCard.Component(c.getProdOrderLineNo(), c.getLineNo(), c.getItemNo(), c.getDescription(),
                plain(c.getExpectedQuantity()), c.getUnitOfMeasureCode(), c.getFlushingMethod().name(),
                c.getRoutingLinkCode(), plain(consumed.get(c.getProdOrderLineNo() + "/" + c.getLineNo())));
    }

    private static String routingStatus(String erpStatus, boolean orderFinished, boolean reported) {
        if (orderFinished) {
            return "FINISHED";
        }
        return reported && ("PLANNED".equals(erpStatus) || "BLANK".equals(erpStatus)) ? "IN_PROGRESS" : erpStatus;
    }

    /** Operation numbers as BC sorts its codes: numbers by value, then text. */
    static int compareOperationNos(String a, String b) {
        boolean aNumber = a.matches("\\d+");
        boolean bNumber = b.matches("\\d+");
        if (aNumber && bNumber) {
            int byValue = new BigDecimal(a).compareTo(new BigDecimal(b));
            return byValue != 0 ? byValue : a.compareTo(b);
        }
        return aNumber ? -1 : bNumber ? 1 : a.compareTo(b);
    }

    /** Without trailing zeros, never in exponent notation (200.00000 → 200, 5.000 → 5, 0.50 → 0.5). */
    static BigDecimal plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
