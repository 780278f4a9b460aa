package io.shopfloor.job.order;

import java.io.Serializable;

import io.shopfloor.posting.order.ComponentDefinition;
import io.shopfloor.posting.order.LineDefinition;
import io.shopfloor.posting.order.OrderDefinition;
import io.shopfloor.posting.order.RoutingLineDefinition;

import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * A production order as CDC delivers it: header, lines, routing lines and components arrive as separate records
 * (inserts, updates, deletes); the latest of each, by natural key, makes the order definition.
 */
public final class OrderAssembly {
    Header header;
    final TreeMap<Integer, LineDefinition> lines = new TreeMap<>();
    final TreeMap<String, RoutingLineDefinition> routingLines = new TreeMap<>();
    final TreeMap<String, ComponentDefinition> components = new TreeMap<>();

    /** The header fields the posting needs. */
    public record Header(String no, String description, String sourceNo, String locationCode, boolean blocked) implements Serializable {
    }

    public void put(Header newHeader) {
        header = newHeader;
    }

    public void put(LineDefinition line, boolean deleted) {
        if (deleted) {
            lines.remove(line.lineNo());
        } else {
            lines.put(line.lineNo(), line);
        }
    }

    public void put(RoutingLineDefinition routingLine, boolean deleted) {
        String key = routingLine.routingReferenceNo() + "/" + routingLine.routingNo() + "/" + routingLine.operationNo();
        if (deleted) {
            routingLines.remove(key);
        } else {
            routingLines.put(key, routingLine);
        }
    }

    public void put(ComponentDefinition component, boolean deleted) {
        String key = component.orderLineNo() + "/" + component.lineNo();
        if (deleted) {
            components.remove(key);
        } else {
            components.put(key, component);
        }
    }

    /** Whether nothing of the order (no header, no row) has arrived. */
    public boolean isEmpty() {
        return header == null && lines.isEmpty() && routingLines.isEmpty() && components.isEmpty();
    }

    public boolean isComplete() {
        return header != null && !lines.isEmpty();
    }

    public Header header() {
        return header;
    }

    public OrderDefinition definition() {
        return new OrderDefinition(header.no(), header.description(), header.sourceNo(), header.locationCode(),
                header.blocked(), List.copyOf(lines.values()), List.copyOf(routingLines.values()),
                components.values().stream().sorted(Comparator.comparingInt(ComponentDefinition::orderLineNo)
                        .thenComparingInt(ComponentDefinition::lineNo)).toList());
    }
}
