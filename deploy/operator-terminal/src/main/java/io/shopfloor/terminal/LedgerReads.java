package io.shopfloor.terminal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.shopfloor.posting.ledger.OrderType;
import io.shopfloor.posting.model.CapacityType;
import io.shopfloor.posting.order.PostedStops;

/**
 * The ledger store as the terminal reads it: through the views a cost controller's login ({@code ledger_reporting})
 * may read, so the terminal can never write the ledger itself. One short connection per request: a terminal
 * serves people, a few requests a minute.
 */
public final class LedgerReads {
    /** Most rows one list returns (stops, entries of one posting). */
    static final int MAX_ROWS = 500;

    private final String jdbcUrl;
    private final String user;
    private final String password;

    public LedgerReads(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    private Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
        connection.setReadOnly(true);
        return connection;
    }

    /** Everything the ledger holds of an order, in the job's numbering. */
    public OrderLedgerRows order(String orderNo) throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ); // one snapshot for all tables
            String status = null;
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT status FROM production_order_progress WHERE order_no = ?")) {
                s.setString(1, orderNo);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        status = r.getString(1);
                    }
                }
            }
            List<OrderLedgerRows.Item> items = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT i.source_entry_no, i.entry_type, i.order_line_no, "
                    + "i.prod_order_comp_line_no, i.quantity, i.remaining_quantity, a.source_entry_no, "
                    + "i.cost_amount_expected, i.cost_amount_actual, i.idempotency_key "
                    + "FROM export_item_ledger_entry i LEFT JOIN export_item_ledger_entry a "
                    + "ON a.entry_no = i.applies_to_entry WHERE i.source_key = ? ORDER BY i.source_entry_no")) {
                s.setString(1, orderNo);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        long appliesTo = r.getLong(7);
                        items.add(new OrderLedgerRows.Item(r.getLong(1), r.getString(2), r.getInt(3), r.getInt(4),
                                r.getBigDecimal(5), r.getBigDecimal(6), r.wasNull() ? null : appliesTo,
                                r.getBigDecimal(8), r.getBigDecimal(9), r.getString(10)));
                    }
                }
            }
            List<OrderLedgerRows.Capacity> capacity = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT source_entry_no, order_line_no, "
                    + "routing_reference_no, operation_no, quantity, coalesce(setup_time, 0), coalesce(run_time, 0), "
                    + "coalesce(stop_time, 0), coalesce(output_quantity, 0), coalesce(scrap_quantity, 0), "
                    + "subcontracting, idempotency_key FROM export_capacity_ledger_entry WHERE source_key = ? "
                    + "ORDER BY source_entry_no")) {
                s.setString(1, orderNo);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        capacity.add(new OrderLedgerRows.Capacity(r.getLong(1), r.getInt(2), r.getInt(3),
                                r.getString(4), r.getBigDecimal(5), r.getBigDecimal(6), r.getBigDecimal(7),
                                r.getBigDecimal(8), r.getBigDecimal(9), r.getBigDecimal(10), r.getBoolean(11),
                                r.getString(12)));
                    }
                }
            }
            List<OrderLedgerRows.Value> values = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT v.source_entry_no, c.source_entry_no, "
                    + "v.entry_type, v.adjustment, v.cost_amount_actual FROM export_value_entry v "
                    + "LEFT JOIN export_capacity_ledger_entry c ON c.entry_no = v.capacity_ledger_entry_no "
                    + "WHERE v.source_key = ? ORDER BY v.source_entry_no")) {
                s.setString(1, orderNo);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        long capacityNo = r.getLong(2);
                        values.add(new OrderLedgerRows.Value(r.getLong(1), r.wasNull() ? null : capacityNo,
                                r.getString(3), r.getBoolean(4), r.getBigDecimal(5)));
                    }
                }
            }
            long maxWarehouse = 0;
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT coalesce(max(source_entry_no), 0) FROM export_warehouse_entry WHERE source_key = ?")) {
                s.setString(1, orderNo);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    maxWarehouse = r.getLong(1);
                }
            }
            c.commit();
            return new OrderLedgerRows(orderNo, status, items, capacity, values, maxWarehouse);
        }
    }

    /**
     * The entries one posting wrote (their idempotency keys start with its source id), item, capacity and value
     * entries, each as its columns, in the job's entry order; and the posting's dead letters, if it was refused.
     */
    public Map<String, List<Map<String, Object>>> posted(String sourceId) throws SQLException {
        Map<String, List<Map<String, Object>>> posted = new LinkedHashMap<>();
        try (Connection c = connect()) {
            posted.put("itemLedgerEntries", rows(c, "SELECT i.source_entry_no AS entry_no, i.idempotency_key, "
                    + "i.entry_type, i.item_no, i.quantity, i.remaining_quantity, a.source_entry_no AS "
                    + "applies_to_entry, i.cost_amount_expected, i.cost_amount_actual, i.posted_by "
                    + "FROM export_item_ledger_entry i "
                    + "LEFT JOIN export_item_ledger_entry a ON a.entry_no = i.applies_to_entry "
                    + "WHERE starts_with(i.idempotency_key, ?) ORDER BY i.source_entry_no", sourceId + "/"));
            posted.put("capacityLedgerEntries", rows(c, "SELECT e.source_entry_no AS entry_no, e.idempotency_key, "
                    + "e.operation_no, e.type, e.no, e.quantity, e.setup_time, e.run_time, e.stop_time, "
                    + "e.output_quantity, e.scrap_quantity, e.scrap_code, e.stop_code, a.source_entry_no AS "
                    + "applies_to_entry, e.posted_by FROM export_capacity_ledger_entry e "
                    + "LEFT JOIN export_capacity_ledger_entry a ON a.entry_no = e.applies_to_entry "
                    + "WHERE starts_with(e.idempotency_key, ?) ORDER BY e.source_entry_no", sourceId + "/"));
            posted.put("valueEntries", rows(c, "SELECT source_entry_no AS entry_no, idempotency_key, entry_type, "
                    + "item_ledger_entry_type, valued_quantity, cost_amount_actual, cost_amount_expected, posted_by "
                    + "FROM export_value_entry WHERE starts_with(idempotency_key, ?) ORDER BY source_entry_no",
                    sourceId + "/"));
            posted.put("warehouseEntries", rows(c, "SELECT source_entry_no AS entry_no, idempotency_key, entry_type, "
                    + "location_code, bin_code, item_no, qty_base FROM export_warehouse_entry "
                    + "WHERE starts_with(idempotency_key, ?) ORDER BY source_entry_no", sourceId + "/"));
            posted.put("deadLetters", rows(c, "SELECT reason_code, reason_detail FROM dead_letter_report "
                    + "WHERE strpos(dead_letter_id, ?) > 0 ORDER BY id", sourceId));
        }
        return posted;
    }

    /** Orders the ledger holds as finished (the ERP may still list them as released). */
    public java.util.Set<String> finishedOrders() throws SQLException {
        java.util.Set<String> finished = new java.util.HashSet<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "SELECT order_no FROM production_order_progress WHERE status = 'FINISHED'");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                finished.add(r.getString(1));
            }
        }
        return finished;
    }

    /**
     * Stop entries without a stop code (or UNKNOWN) that were not re-coded, latest first; on one work center when
     * given. {@code stop_key} and {@code stop_entry_no} name the stop as a re-coding does: the job key it was posted
     * under and its number there.
     */
    public List<Map<String, Object>> stopsWithoutReason(String workCenterNo) throws SQLException {
        try (Connection c = connect()) {
            return rows(c, "SELECT e.source_key AS stop_key, e.source_entry_no AS stop_entry_no, e.idempotency_key, "
                    + "e.order_no, e.operation_no, e.work_center_no, e.type, e.no, e.posting_date, e.stop_time, "
                    + "e.stop_code, e.cap_unit_of_measure_code, e.starting_time, e.ending_time "
                    + "FROM export_capacity_ledger_entry e WHERE coalesce(e.stop_time, 0) > 0 "
                    + "AND coalesce(e.stop_code, '') IN ('', 'UNKNOWN') "
                    + "AND NOT EXISTS (SELECT 1 FROM export_capacity_ledger_entry r "
                    + "WHERE r.applies_to_entry = e.entry_no) "
                    + "AND (?::text IS NULL OR e.work_center_no = ?::text) "
                    + "ORDER BY e.posting_date DESC, e.entry_no DESC", workCenterNo, workCenterNo);
        }
    }

    /** A stop entry as a re-coding names it: where it is (order or center) and its time. */
    public record StopRow(String key, long entryNo, String type, String no, String workCenterNo, String orderNo,
                          BigDecimal stopTime) {
    }

    /** The capacity entry {@code entryNo} posted under {@code key}, if it is a stop entry (positive stop time). */
    public java.util.Optional<StopRow> stop(String key, long entryNo) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("SELECT type, no, work_center_no, "
                + "order_no, stop_time FROM export_capacity_ledger_entry WHERE source_key = ? AND source_entry_no = ? "
                + "AND coalesce(stop_time, 0) > 0")) {
            s.setString(1, key);
            s.setLong(2, entryNo);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? java.util.Optional.of(new StopRow(key, entryNo, r.getString(1), r.getString(2),
                        r.getString(3), r.getString(4), r.getBigDecimal(5))) : java.util.Optional.empty();
            }
        }
    }

    /**
     * The stops of a key as the job keeps them ({@code PostedStops}: the latest 1,000 positive stop entries, each
     * re-coded when a reversal names it), for a re-coding's dry run.
     */
    public PostedStops postedStops(String key) throws SQLException {
        PostedStops stops = new PostedStops();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("SELECT e.source_entry_no, e.type, "
                + "e.no, e.description, e.work_center_no, e.work_center_group_code, e.stop_time, e.stop_code, "
                + "e.cap_unit_of_measure_code, e.qty_per_cap_unit_of_measure, e.order_type, e.order_no, "
                + "e.order_line_no, e.routing_no, e.routing_reference_no, e.operation_no, e.item_no, e.variant_code, "
                + "e.unit_of_measure_code, e.qty_per_unit_of_measure, e.posting_date, e.work_shift_code, "
                + "EXISTS (SELECT 1 FROM export_capacity_ledger_entry r WHERE r.applies_to_entry = e.entry_no) "
                + "FROM export_capacity_ledger_entry e WHERE e.source_key = ? AND coalesce(e.stop_time, 0) > 0 "
                + "ORDER BY e.source_entry_no")) {
            s.setString(1, key);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    stops.put(new PostedStops.Stop(r.getLong(1), enumOrNull(CapacityType.class, r.getString(2)),
                            r.getString(3), r.getString(4), r.getString(5), r.getString(6), r.getBigDecimal(7),
                            r.getString(8), r.getString(9), r.getBigDecimal(10),
                            enumOrNull(OrderType.class, r.getString(11)), r.getString(12), r.getInt(13),
                            r.getString(14), r.getInt(15), r.getString(16), r.getString(17), r.getString(18),
                            r.getString(19), r.getBigDecimal(20), r.getDate(21).toLocalDate(), r.getString(22),
                            r.getBoolean(23)));
                }
            }
        }
        return stops;
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }

    /** The consumption entries of an order line (what a return applies from), in the order's numbering. */
    public List<Map<String, Object>> consumptionEntries(String orderNo, int orderLineNo) throws SQLException {
        try (Connection c = connect()) {
            return rows(c, "SELECT source_entry_no AS entry_no, prod_order_comp_line_no AS component_line_no, item_no, "
                    + "-quantity AS consumed_quantity, unit_of_measure_code, posting_date "
                    + "FROM export_item_ledger_entry WHERE source_key = ? AND order_line_no = ?::int "
                    + "AND entry_type = 'CONSUMPTION' AND quantity < 0 ORDER BY source_entry_no",
                    orderNo, String.valueOf(orderLineNo));
        }
    }

    private static List<Map<String, Object>> rows(Connection c, String sql, String... parameters)
            throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            s.setMaxRows(MAX_ROWS);
            try (ResultSet r = s.executeQuery()) {
                ResultSetMetaData meta = r.getMetaData();
                while (r.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int column = 1; column <= meta.getColumnCount(); column++) {
                        Object value = r.getObject(column);
                        row.put(meta.getColumnLabel(column), value instanceof BigDecimal || value == null
                                || value instanceof Number || value instanceof Boolean ? value : value.toString());
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }
}
