package io.shopfloor.posting.order;

import java.io.Serializable;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A production order's posting state: header, lines (with routing and components), status, and what the order
 * must remember of its own ledger (consumption entries for Applies-from, output entries for application and cost
 * adjustment). Built by {@code OrderRefresh}; changed only by the posting rules.
 */
public final class ProductionOrder implements Serializable {
    /** The job stores this class field by field (RulesCodec in posting-job): a new field is written there too. */
    private static final long serialVersionUID = 1L;

    private final OrderDefinition definition;
    private final List<OrderLine> lines;
    private OrderStatus status;
    private LocalDate finishedDate;
    private boolean costAdjusted;
    private BigDecimal capacityQuantityPosted = BigDecimal.ZERO;
    private final Map<Long, ConsumptionEntry> consumptionEntries = new HashMap<>();

    /** Quantity (base, negative for consumption) and actual cost of a consumption item ledger entry. */
    public record ConsumptionEntry(int orderLineNo, int componentLineNo, BigDecimal quantityBase,
                                   BigDecimal costAmount) implements Serializable {
    }

    public ProductionOrder(OrderDefinition definition, List<OrderLine> lines, OrderStatus status) {
        this.definition = definition;
        this.lines = List.copyOf(lines);
        this.status = status;
    }

    public void setStatus(OrderStatus newStatus, LocalDate date) {
        this.status = newStatus;
        if (newStatus == OrderStatus.FINISHED) {
            this.finishedDate = date;
        }
    }

    public void markCostAdjusted() {
        this.costAdjusted = true;
    }

    /** Σ Quantity of the order's capacity ledger entries ("Actual Time Used" on the statistics page). */
    public void addCapacityQuantity(BigDecimal quantity) {
        capacityQuantityPosted = capacityQuantityPosted.add(quantity);
    }

    public void recordConsumptionEntry(long entryNo, ConsumptionEntry entry) {
        consumptionEntries.put(entryNo, entry);
    }

    /** Every consumption entry by entry number (read-only; for the job's state serializer). */
    public Map<Long, ConsumptionEntry> consumptionEntries() {
        return java.util.Collections.unmodifiableMap(consumptionEntries);
    }

    /** Whether any consumption item ledger entry was posted on the order line, whatever its net quantity. */
    public boolean hasConsumptionEntries(int orderLineNo) {
        return consumptionEntries.values().stream().anyMatch(e -> e.orderLineNo() == orderLineNo);
    }

    public Optional<ConsumptionEntry> consumptionEntry(long entryNo) {
        return Optional.ofNullable(consumptionEntries.get(entryNo));
    }

    public Optional<OrderLine> line(int lineNo) {
        for (OrderLine line : lines) { // a loop: this runs for every journal line
            if (line.lineNo() == lineNo) {
                return Optional.of(line);
            }
        }
        return Optional.empty();
    }

    /** Routing lines of all order lines; a routing shared by lines appears once. */
    public Stream<RoutingLine> routingLines() {
        return lines.stream().flatMap(l -> l.routing().stream()).distinct();
    }

    public String no() {
        return definition.no();
    }

    public String description() {
        return definition.description();
    }

    public String sourceNo() {
        return definition.sourceNo();
    }

    public String locationCode() {
        return definition.locationCode();
    }

    public boolean isBlocked() {
        return definition.blocked();
    }

    public OrderDefinition definition() {
        return definition;
    }

    public List<OrderLine> lines() {
        return lines;
    }

    public OrderStatus status() {
        return status;
    }

    public LocalDate finishedDate() {
        return finishedDate;
    }

    public boolean isCostAdjusted() {
        return costAdjusted;
    }

    public BigDecimal capacityQuantityPosted() {
        return capacityQuantityPosted;
    }
}
