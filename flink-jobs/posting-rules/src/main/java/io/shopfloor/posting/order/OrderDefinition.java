package io.shopfloor.posting.order;

import java.io.Serializable;

import java.util.List;

/**
 * A production order as the ERP defines it (header, lines, routing lines, components), before any posting.
 * {@link ProductionOrder#refresh} turns it into posting state with expected quantities and costs.
 */
public record OrderDefinition(String no, String description, String sourceNo, String locationCode, boolean blocked,
                              List<LineDefinition> lines, List<RoutingLineDefinition> routingLines,
                              List<ComponentDefinition> components) implements Serializable {
}
