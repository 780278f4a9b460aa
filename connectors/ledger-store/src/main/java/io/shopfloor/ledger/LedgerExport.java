package io.shopfloor.ledger;

import org.postgresql.PGConnection;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exports the ledger between two posting dates (inclusive) as CSV files with a header, one per ledger table, by
 * PostgreSQL COPY: {@code item_ledger_entry.csv}, {@code capacity_ledger_entry.csv}, {@code value_entry.csv},
 * {@code warehouse_entry.csv}, in entry-number order. Reads the {@code export_*} views, so a cost controller's
 * reporting login can export (it reads views only). Runs in one read-only, repeatable-read transaction, so the files
 * agree with each other while the job keeps posting.
 */
public final class LedgerExport {
    private static final Map<String, String> DATE_COLUMN = new LinkedHashMap<>();

    static {
        DATE_COLUMN.put("item_ledger_entry", "posting_date");
        DATE_COLUMN.put("capacity_ledger_entry", "posting_date");
        DATE_COLUMN.put("value_entry", "posting_date");
        DATE_COLUMN.put("warehouse_entry", "registering_date");
    }

    /** The rows written per table, and the posting dates the ledger holds (null when it is empty). */
    public record Result(Map<String, Long> rows, LocalDate firstDate, LocalDate lastDate) {
        public long total() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private LedgerExport() {
    }

    /** Writes the files into {@code directory} and returns the rows written per table. */
    public static Map<String, Long> export(Connection connection, LocalDate from, LocalDate to, Path directory)
            throws SQLException, IOException {
        return exportWithRange(connection, from, to, directory).rows();
    }

    /** Writes the files into {@code directory}; the result also tells which posting dates the ledger holds. */
    public static Result exportWithRange(Connection connection, LocalDate from, LocalDate to, Path directory)
            throws SQLException, IOException {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the last posting date " + to + " is before the first " + from);
        }
        Files.createDirectories(directory);
        Map<String, Long> rows = new LinkedHashMap<>();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            for (Map.Entry<String, String> table : DATE_COLUMN.entrySet()) {
                try (OutputStream out = new BufferedOutputStream(
                        Files.newOutputStream(directory.resolve(table.getKey() + ".csv")))) {
                    // The dates are LocalDate values, so their text is safe to put into the statement.
                    rows.put(table.getKey(), connection.unwrap(PGConnection.class).getCopyAPI().copyOut(
                            "COPY (SELECT * FROM export_" + table.getKey() + " WHERE " + table.getValue()
                                    + " BETWEEN '" + from + "' AND '" + to + "' ORDER BY entry_no) TO STDOUT "
                                    + "(FORMAT csv, HEADER)", out));
                }
            }
            LocalDate[] range = heldDates(connection);
            connection.commit();
            return new Result(rows, range[0], range[1]);
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** The first and last posting date of any entry (nulls when the ledger is empty); BRIN-indexed columns. */
    private static LocalDate[] heldDates(Connection connection) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT min(d), max(d) FROM (");
        String separator = "";
        for (Map.Entry<String, String> table : DATE_COLUMN.entrySet()) {
            sql.append(separator).append("SELECT min(").append(table.getValue()).append(") AS d FROM export_")
                    .append(table.getKey()).append(" UNION ALL SELECT max(").append(table.getValue())
                    .append(") FROM export_").append(table.getKey());
            separator = " UNION ALL ";
        }
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql.append(") dates").toString())) {
            result.next();
            return new LocalDate[] {result.getObject(1, LocalDate.class), result.getObject(2, LocalDate.class)};
        }
    }

    /**
     * Arguments: JDBC URL, user, password, first posting date, last posting date, output directory. Prints the rows
     * per file, and says so when the dates hold no entries (and which dates the ledger holds).
     */
    public static void main(String[] args) throws Exception {
        ExportArguments arguments = ExportArguments.parseOrExit("LedgerExport", "export/", args);
        LocalDate from = arguments.from();
        LocalDate to = arguments.to();
        Path directory = arguments.directory();
        try (Connection connection = DriverManager.getConnection(arguments.jdbcUrl(), arguments.user(),
                arguments.password())) {
            Result result = exportWithRange(connection, from, to, directory);
            System.out.print(summary(result, from, to, directory));
        }
    }

    /** What the command prints: rows per file, and a clear word when there were none. */
    static String summary(Result result, LocalDate from, LocalDate to, Path directory) {
        StringBuilder text = new StringBuilder();
        result.rows().forEach((table, count) -> text.append(String.format("%8d rows -> %s%n", count,
                directory.resolve(table + ".csv"))));
        if (result.total() == 0) {
            text.append("no ledger entries with posting dates ").append(from).append(" to ").append(to)
                    .append(result.firstDate() == null ? "; the ledger is empty"
                            : "; the ledger holds posting dates " + result.firstDate() + " to "
                            + result.lastDate()).append(System.lineSeparator());
        } else {
            text.append(String.format("%8d rows with posting dates %s to %s (the ledger holds %s to %s)%n",
                    result.total(), from, to, result.firstDate(), result.lastDate()));
        }
        return text.toString();
    }
}
