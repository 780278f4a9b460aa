package io.shopfloor.dashboard;

import io.shopfloor.dashboard.LedgerRows.ComponentConsumption;
import io.shopfloor.dashboard.LedgerRows.DeadLetterCount;
import io.shopfloor.dashboard.LedgerRows.DeadLetterRow;
import io.shopfloor.dashboard.LedgerRows.DeadLetterSummary;
import io.shopfloor.dashboard.LedgerRows.LedgerEntry;
import io.shopfloor.dashboard.LedgerRows.LedgerSnapshot;
import io.shopfloor.dashboard.LedgerRows.OperationReported;
import io.shopfloor.dashboard.LedgerRows.OrderProgress;
import io.shopfloor.dashboard.LedgerRows.StatisticsRow;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the ledger store through its reporting views (the reporting role may read nothing else). One connection,
 * opened again after a failure; calls are serialized.
 */
public final class LedgerQueries implements AutoCloseable {
    /** How many of the latest entries the page lists. */
    public static final int LATEST_ENTRIES = 25;
    /** How many orders the page lists: open ones first, then the latest finished. */
    public static final int ORDERS = 200;
    /** How many finished orders get a statistics table, latest finished first. */
    public static final int FINISHED_ORDERS = 5;
    /** How many reasons and machines or sources the dead-letter panel counts (most first), and letters it lists. */
    public static final int DEAD_LETTER_GROUPS = 10;
    public static final int LATEST_DEAD_LETTERS = 10;

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private Connection connection;

    public LedgerQueries(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    public synchronized LedgerSnapshot snapshot() throws SQLException {
        List<OrderProgress> orders = orders();
        Map<String, List<StatisticsRow>> statistics = new LinkedHashMap<>();
        orders.stream()
                .filter(o -> "FINISHED".equals(o.status()))
                .sorted(java.util.Comparator.comparing(OrderProgress::statusDate,
                        java.util.Comparator.nullsFirst(java.util.Comparator.<LocalDate>naturalOrder())).reversed()
                        .thenComparing(OrderProgress::orderNo))
                .limit(FINISHED_ORDERS)
                .forEach(o -> statistics.put(o.orderNo(), uncheckedStatistics(o.orderNo())));
        return new LedgerSnapshot(orders, latestEntries(LATEST_ENTRIES), statistics, deadLetters());
    }

    /** Dead letters through the reporting view: counts per reason and per machine or source, the latest ones. */
    public synchronized DeadLetterSummary deadLetters() throws SQLException {
        long total = query("SELECT count(*) FROM dead_letter_report", List.of(), r -> r.getLong(1)).get(0);
        if (total == 0) {
            return DeadLetterSummary.EMPTY;
        }
        return new DeadLetterSummary(total, deadLetterCounts("reason_code"), deadLetterCounts("source"),
                query("SELECT id, failed_at, stage, reason_code, reason_detail, source_topic, source "
                                + "FROM dead_letter_report ORDER BY committed_at DESC, id DESC LIMIT ?",
                        List.of(LATEST_DEAD_LETTERS),
                        r -> new DeadLetterRow(r.getLong(1), instant(r, 2), r.getString(3), r.getString(4),
                                r.getString(5), r.getString(6), r.getString(7))));
    }

    private List<DeadLetterCount> deadLetterCounts(String column) throws SQLException {
        // column is one of two names given above, never input
        return query("SELECT " + column + ", count(*), max(failed_at) FROM dead_letter_report GROUP BY 1 "
                        + "ORDER BY 2 DESC, 1 LIMIT ?", List.of(DEAD_LETTER_GROUPS),
                r -> new DeadLetterCount(r.getString(1), r.getLong(2), instant(r, 3)));
    }

    public synchronized List<OrderProgress> orders() throws SQLException {
        return query("SELECT order_no, status, status_date, planned_quantity, output_quantity, scrap_quantity, "
                        + "progress_pct, last_output_date FROM production_order_progress "
                        + "ORDER BY status = 'FINISHED', status_date DESC NULLS LAST, order_no LIMIT ?",
                List.of(ORDERS),
                r -> new OrderProgress(r.getString(1), null, null, r.getString(2), date(r, 3), r.getBigDecimal(4),
                        r.getBigDecimal(5), r.getBigDecimal(6), r.getBigDecimal(7), date(r, 8)));
    }

    public synchronized List<LedgerEntry> latestEntries(int limit) throws SQLException {
        return query("SELECT ledger, entry_no, posting_date, order_no, entry_type, no, operation_no, description, "
                        + "quantity, unit_of_measure, cost_amount FROM ledger_entry_feed "
                        + "ORDER BY committed_at DESC, ledger DESC, entry_no DESC LIMIT ?", List.of(limit),
                r -> new LedgerEntry(r.getString(1), r.getLong(2), date(r, 3), r.getString(4), r.getString(5),
                        r.getString(6), r.getString(7), r.getString(8), r.getBigDecimal(9), r.getString(10),
                        r.getBigDecimal(11)));
    }

    public synchronized List<StatisticsRow> statistics(String orderNo) throws SQLException {
        return query("SELECT cost_bucket, standard_cost, expected_cost, actual_cost, deviation_pct, variance "
                        + "FROM production_order_statistics WHERE order_no = ? ORDER BY row_no", List.of(orderNo),
                r -> new StatisticsRow(r.getString(1), r.getBigDecimal(2), r.getBigDecimal(3), r.getBigDecimal(4),
                        r.getBigDecimal(5), r.getBigDecimal(6)));
    }

    public synchronized List<OperationReported> operationsReported(String orderNo) throws SQLException {
        return query("SELECT routing_reference_no, operation_no, output_quantity, scrap_quantity, setup_time, "
                        + "run_time, stop_time, last_posting_date, entries, posted_by "
                        + "FROM production_order_operation_reported WHERE order_no = ? "
                        + "ORDER BY routing_reference_no, operation_no", List.of(orderNo),
                r -> new OperationReported(r.getInt(1), r.getString(2), r.getBigDecimal(3), r.getBigDecimal(4),
                        r.getBigDecimal(5), r.getBigDecimal(6), r.getBigDecimal(7), date(r, 8), r.getLong(9),
                        r.getString(10)));
    }

    public synchronized List<ComponentConsumption> componentConsumption(String orderNo) throws SQLException {
        return query("SELECT order_line_no, component_line_no, item_no, expected_qty_base, consumed_qty_base "
                        + "FROM component_consumption_against_expected WHERE order_no = ? "
                        + "ORDER BY order_line_no, component_line_no", List.of(orderNo),
                r -> new ComponentConsumption(r.getInt(1), r.getInt(2), r.getString(3), r.getBigDecimal(4),
                        r.getBigDecimal(5)));
    }

    private List<StatisticsRow> uncheckedStatistics(String orderNo) {
        try {
            return statistics(orderNo);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private <T> List<T> query(String sql, List<Object> parameters, RowMapper<T> mapper) throws SQLException {
        try {
            return run(sql, parameters, mapper);
        } catch (SQLException e) {
            // The server may have restarted or dropped an idle connection: one more try on a fresh one.
            closeConnection();
            return run(sql, parameters, mapper);
        }
    }

    private <T> List<T> run(String sql, List<Object> parameters, RowMapper<T> mapper) throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = DriverManager.getConnection(jdbcUrl, user, password);
            connection.setReadOnly(true);
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(mapper.map(result));
                }
            }
            return rows;
        }
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static LocalDate date(ResultSet row, int column) throws SQLException {
        return row.getObject(column, LocalDate.class);
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing a broken connection: nothing more to do
            }
            connection = null;
        }
    }

    @Override
    public synchronized void close() {
        closeConnection();
    }
}
