package io.shopfloor.dashboard;

import io.shopfloor.schema.common.ProductionOrderStatus;
import io.shopfloor.schema.masterdata.Item;
import io.shopfloor.schema.masterdata.MachineCenter;
import io.shopfloor.schema.masterdata.ProdOrderComponent;
import io.shopfloor.schema.masterdata.ProdOrderLine;
import io.shopfloor.schema.masterdata.ProdOrderRoutingLine;
import io.shopfloor.schema.masterdata.ProductionOrder;
import io.shopfloor.schema.masterdata.WorkCenter;
import org.apache.avro.specific.SpecificRecord;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The current master data the job cards need, from the compacted md-* topics: the latest row per key, removed by a
 * CDC tombstone. Production order rows are keyed with their status, as in the ERP: a status change deletes the row
 * under the old status and inserts it under the new one, and the two may arrive in either order; an order number
 * then resolves to its row of the latest status. Thread-safe.
 */
public final class MasterData {
    private final Map<String, ProductionOrder> orders = new TreeMap<>();
    private final Map<String, ProdOrderLine> lines = new TreeMap<>();
    private final Map<String, ProdOrderRoutingLine> routingLines = new TreeMap<>();
    private final Map<String, ProdOrderComponent> components = new TreeMap<>();
    private final Map<String, WorkCenter> workCenters = new TreeMap<>();
    private final Map<String, MachineCenter> machineCenters = new TreeMap<>();
    private final Map<String, Item> items = new TreeMap<>();

    /** Applies one master-data row; returns false for record types the dashboard does not keep. */
    public synchronized boolean apply(SpecificRecord record) {
        if (record instanceof ProductionOrder o) {
            put(orders, key(o.getStatus(), o.getNo()), o, o.getDeleted());
        } else if (record instanceof ProdOrderLine l) {
            put(lines, key(l.getStatus(), l.getProdOrderNo(), l.getLineNo()), l, l.getDeleted());
        } else if (record instanceof ProdOrderRoutingLine r) {
            put(routingLines, key(r.getStatus(), r.getProdOrderNo(), r.getRoutingReferenceNo(), r.getRoutingNo(),
                    r.getOperationNo()), r, r.getDeleted());
        } else if (record instanceof ProdOrderComponent c) {
            put(components, key(c.getStatus(), c.getProdOrderNo(), c.getProdOrderLineNo(), c.getLineNo()), c,
                    c.getDeleted());
        } else if (record instanceof WorkCenter w) {
            put(workCenters, w.getNo(), w, w.getDeleted());
        } else if (record instanceof MachineCenter m) {
            put(machineCenters, m.getNo(), m, m.getDeleted());
        } else if (record instanceof Item i) {
            put(items, i.getNo(), i, i.getDeleted());
        } else {
            return false;
        }
        return true;
    }

    /** The order's header, lines, routing and components, all under the order's latest status present. */
    public synchronized Optional<OrderMasterData> order(String orderNo) {
        Optional<ProductionOrder> header = orders.values().stream()
                .filter(o -> o.getNo().equals(orderNo))
                .max(Comparator.comparing(ProductionOrder::getStatus));
        return header.map(h -> new OrderMasterData(h,
                select(lines, h.getStatus(), orderNo, ProdOrderLine::getStatus, ProdOrderLine::getProdOrderNo),
                select(routingLines, h.getStatus(), orderNo, ProdOrderRoutingLine::getStatus,
                        ProdOrderRoutingLine::getProdOrderNo),
                select(components, h.getStatus(), orderNo, ProdOrderComponent::getStatus,
                        ProdOrderComponent::getProdOrderNo)));
    }

    /** Order headers of the given statuses, latest status per order number, by number. */
    public synchronized List<ProductionOrder> orders() {
        Map<String, ProductionOrder> latest = new TreeMap<>();
        for (ProductionOrder order : orders.values()) {
            latest.merge(order.getNo(), order, (a, b) -> a.getStatus().compareTo(b.getStatus()) >= 0 ? a : b);
        }
        return List.copyOf(latest.values());
    }

    /** The name of a work or machine center, or its number when unknown. */
    public synchronized String centerName(String type, String no) {
        if ("MACHINE_CENTER".equals(type)) {
            MachineCenter center = machineCenters.get(no);
            return center == null ? no : center.getName();
        }
        WorkCenter center = workCenters.get(no);
        return center == null ? no : center.getName();
    }

    /** The capacity unit of measure of a work center (machine centers use their work center's). */
    public synchronized Optional<String> capacityUnit(String workCenterNo) {
        return Optional.ofNullable(workCenters.get(workCenterNo)).map(WorkCenter::getUnitOfMeasureCode);
    }

    public synchronized Optional<Item> item(String no) {
        return Optional.ofNullable(items.get(no));
    }

    /** One order's master data. */
    public record OrderMasterData(ProductionOrder header, List<ProdOrderLine> lines,
                                  List<ProdOrderRoutingLine> routingLines, List<ProdOrderComponent> components) {
    }

    private static <T> void put(Map<String, T> map, String key, T row, boolean deleted) {
        if (deleted) {
            map.remove(key);
        } else {
            map.put(key, row);
        }
    }

    private static <T> List<T> select(Map<String, T> map, ProductionOrderStatus status, String orderNo,
                                      Function<T, ProductionOrderStatus> statusOf, Function<T, String> orderOf) {
        return map.values().stream()
                .filter(row -> statusOf.apply(row) == status && orderOf.apply(row).equals(orderNo))
                .toList();
    }

    /** Keys sort as the ERP's primary keys would (numbers zero-padded so 10000 sorts after 9000). */
    private static String key(Object... parts) {
        StringBuilder key = new StringBuilder();
        for (Object part : parts) {
            key.append(part instanceof Integer n ? String.format("%010d", n) : String.valueOf(part)).append('\u0001');
        }
        return key.toString();
    }
}
