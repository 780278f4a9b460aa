package io.shopfloor.ledger;

import org.postgresql.PGConnection;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exports the ledger between two posting dates (inclusive) as CSV files with a header, one per ledger table, by
 * PostgreSQL COPY: {@code item_ledger_entry.csv}, {@code capacity_ledger_entry.csv}, {@code value_entry.csv},
 * {@code warehouse_entry.csv}, in entry-number order. Runs in one read-only, repeatable-read transaction, so the
 * files agree with each other while the job keeps posting.
 */
public final class LedgerExport {
    private static final Map<String, String> DATE_COLUMN = new LinkedHashMap<>();

    static {
        DATE_COLUMN.put("item_ledger_entry", "posting_date");
        DATE_COLUMN.put("capacity_ledger_entry", "posting_date");
        DATE_COLUMN.put("value_entry", "posting_date");
        DATE_COLUMN.put("warehouse_entry", "registering_date");
    }

    private LedgerExport() {
    }

    /** Writes the files into {@code directory} and returns the rows written per table. */
    public static Map<String, Long> export(Connection connection, LocalDate from, LocalDate to, Path directory)
            throws SQLException, IOException {
        Files.createDirectories(directory);
        Map<String, Long> rows = new LinkedHashMap<>();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            connection.createStatement().execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            for (Map.Entry<String, String> table : DATE_COLUMN.entrySet()) {
                try (OutputStream out = new BufferedOutputStream(
                        Files.newOutputStream(directory.resolve(table.getKey() + ".csv")))) {
                    // The dates are LocalDate values, so their text is safe to put into the statement.
                    rows.put(table.getKey(), connection.unwrap(PGConnection.class).getCopyAPI().copyOut(
                            "COPY (SELECT * FROM " + table.getKey() + " WHERE " + table.getValue() + " BETWEEN '"
                                    + from + "' AND '" + to + "' ORDER BY entry_no) TO STDOUT (FORMAT csv, HEADER)",
                            out));
                }
            }
            connection.commit();
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return rows;
    }

    /** Arguments: JDBC URL, user, password, first posting date, last posting date, output directory. */
    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: LedgerExport <jdbc url> <user> <password> <from yyyy-mm-dd> <to yyyy-mm-dd> "
                    + "<dir>");
            System.exit(2);
        }
        try (Connection connection = DriverManager.getConnection(args[0], args[1], args[2])) {
            Map<String, Long> rows = export(connection, LocalDate.parse(args[3]), LocalDate.parse(args[4]),
                    Path.of(args[5]));
            rows.forEach((table, count) -> System.out.println(count + " rows -> " + Path.of(args[5], table + ".csv")));
        }
    }
}
