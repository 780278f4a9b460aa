package io.shopfloor.ledger;

import org.postgresql.PGConnection;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exports the journal lines the ledger posted between two posting dates (inclusive) in the fields of Business
 * Central's Item Journal Line, for import into BC's output, consumption and capacity journals: per journal,
 * {@code <journal>.csv} (header: BC's field captions) and {@code <journal>.json} (an array of objects with the same
 * keys), lines numbered 10000, 20000, ... in ledger order. External Document No. is the line's idempotency key.
 * Also writes the two comparison views as CSV. Reads the {@code bc_*} views of V13 only, so a cost controller's
 * reporting login can run it; one read-only, repeatable-read transaction, so the files agree with each other.
 */
public final class BusinessCentralExport {
    /** File name to the view it is written from; journals first, then the comparison views (CSV only). */
    static final Map<String, String> JOURNALS = new LinkedHashMap<>();
    static final Map<String, String> COMPARISONS = new LinkedHashMap<>();
    /** BC's Item Journal Line."External Document No." is Code[35]: a longer key does not fit. */
    static final int EXTERNAL_DOCUMENT_NO_MAX_LENGTH = 35;
    private static final String ORDER_COLUMN = "Entry No.";
    private static final String LINE_NO_COLUMN = "Line No.";
    private static final int LINE_NO_STEP = 10000;

    static {
        JOURNALS.put("output_journal", "bc_output_journal_line");
        JOURNALS.put("consumption_journal", "bc_consumption_journal_line");
        JOURNALS.put("capacity_journal", "bc_capacity_journal_line");
        COMPARISONS.put("capacity_ledger_entry_comparison", "bc_capacity_ledger_entry_comparison");
        COMPARISONS.put("value_entry_comparison", "bc_value_entry_comparison");
    }

    /**
     * Lines per journal and rows per comparison file, and how many journal lines carry an External Document No.
     * longer than BC's field.
     */
    public record Result(Map<String, Long> rows, long externalDocumentNosTooLong) {
    }

    private BusinessCentralExport() {
    }

    /** Writes the files into {@code directory}. */
    public static Result export(Connection connection, LocalDate from, LocalDate to, Path directory)
            throws SQLException, IOException {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the last posting date " + to + " is before the first " + from);
        }
        Files.createDirectories(directory);
        Map<String, Long> rows = new LinkedHashMap<>();
        long tooLong = 0;
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            for (Map.Entry<String, String> journal : JOURNALS.entrySet()) {
                String select = journalSelect(connection, journal.getValue(), from, to);
                rows.put(journal.getKey(), copyCsv(connection, select, directory.resolve(journal.getKey() + ".csv")));
                writeJson(connection, select, directory.resolve(journal.getKey() + ".json"));
                tooLong += countTooLong(connection, journal.getValue(), from, to);
            }
            for (Map.Entry<String, String> comparison : COMPARISONS.entrySet()) {
                // The dates are LocalDate values, so their text is safe to put into the statement.
                String select = "SELECT * FROM " + comparison.getValue() + " WHERE \"Posting Date\" BETWEEN '" + from
                        + "' AND '" + to + "' ORDER BY " + comparisonOrder(comparison.getValue());
                rows.put(comparison.getKey(),
                        copyCsv(connection, select, directory.resolve(comparison.getKey() + ".csv")));
            }
            connection.commit();
            return new Result(rows, tooLong);
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static String comparisonOrder(String view) {
        return view.equals("bc_capacity_ledger_entry_comparison") ? "\"Entry No.\""
                : "\"Order No.\", \"Posting Date\", \"Adjustment\", \"Item Ledger Entry Type\", \"Entry Type\", "
                + "\"Variance Type\", \"Type\", \"No.\", \"Item No.\"";
    }

    /**
     * The view's columns but its ordering column, with the line numbers filled in, in ledger order. The columns come
     * from the catalogue, so a field added to a view later is exported without a change here.
     */
    static String journalSelect(Connection connection, String view, LocalDate from, LocalDate to)
            throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT column_name FROM "
                + "information_schema.columns WHERE table_schema = current_schema() AND table_name = ? "
                + "ORDER BY ordinal_position")) {
            query.setString(1, view);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    columns.add(result.getString(1));
                }
            }
        }
        if (!columns.contains(ORDER_COLUMN) || !columns.contains(LINE_NO_COLUMN)) {
            throw new SQLException("view " + view + " lacks \"" + ORDER_COLUMN + "\" or \"" + LINE_NO_COLUMN
                    + "\" (columns " + columns + "): is the ledger migrated to V13?");
        }
        StringBuilder select = new StringBuilder("SELECT ");
        String separator = "";
        for (String column : columns) {
            if (column.equals(ORDER_COLUMN)) {
                continue;
            }
            select.append(separator);
            separator = ", ";
            if (column.equals(LINE_NO_COLUMN)) {
                select.append("row_number() OVER (ORDER BY \"").append(ORDER_COLUMN).append("\") * ")
                        .append(LINE_NO_STEP).append(" AS \"").append(LINE_NO_COLUMN).append('"');
            } else {
                select.append('"').append(column.replace("\"", "\"\"")).append('"');
            }
        }
        return select.append(" FROM ").append(view).append(" WHERE \"Posting Date\" BETWEEN '").append(from)
                .append("' AND '").append(to).append("' ORDER BY \"").append(ORDER_COLUMN).append('"').toString();
    }

    private static long copyCsv(Connection connection, String select, Path file) throws SQLException, IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            return connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyOut("COPY (" + select + ") TO STDOUT (FORMAT csv, HEADER)", out);
        }
    }

    /** An array of the lines as objects, one a line, keys in the columns' order (json, not jsonb, keeps it). */
    private static void writeJson(Connection connection, String select, Path file) throws SQLException, IOException {
        try (Writer out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
             Statement statement = connection.createStatement()) {
            statement.setFetchSize(1000);
            out.write("[");
            String separator = "\n";
            try (ResultSet result = statement.executeQuery("SELECT row_to_json(line) FROM (" + select + ") line")) {
                while (result.next()) {
                    out.write(separator);
                    out.write(result.getString(1));
                    separator = ",\n";
                }
            }
            out.write(separator.equals("\n") ? "]\n" : "\n]\n");
        }
    }

    private static long countTooLong(Connection connection, String view, LocalDate from, LocalDate to)
            throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM " + view + " WHERE \"Posting Date\" "
                     + "BETWEEN '" + from + "' AND '" + to + "' AND length(\"External Document No.\") > "
                     + EXTERNAL_DOCUMENT_NO_MAX_LENGTH)) {
            result.next();
            return result.getLong(1);
        }
    }

    /** Arguments: JDBC URL, user, password, first posting date, last posting date, output directory. */
    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: BusinessCentralExport <jdbc url> <user> <password> <from yyyy-mm-dd> "
                    + "<to yyyy-mm-dd> <dir>");
            System.err.println("  e.g. jdbc:postgresql://localhost:5432/ledger ledger_reporting <password> "
                    + "2026-03-01 2026-03-31 bc-export/");
            System.exit(2);
        }
        LocalDate from;
        LocalDate to;
        try {
            from = LocalDate.parse(args[3]);
            to = LocalDate.parse(args[4]);
        } catch (DateTimeParseException e) {
            System.err.println("posting dates are yyyy-mm-dd: " + e.getParsedString());
            System.exit(2);
            return;
        }
        if (to.isBefore(from)) {
            System.err.println("the last posting date " + to + " is before the first " + from);
            System.exit(2);
        }
        Path directory = Path.of(args[5]);
        try (Connection connection = DriverManager.getConnection(args[0], args[1], args[2])) {
            System.out.print(summary(export(connection, from, to, directory), directory));
        }
    }

    /** What the command prints: lines per file, and a warning when keys do not fit BC's field. */
    static String summary(Result result, Path directory) {
        StringBuilder text = new StringBuilder();
        result.rows().forEach((file, count) -> text.append(String.format("%8d rows -> %s%s%n", count,
                directory.resolve(file + ".csv"), JOURNALS.containsKey(file) ? " (and .json)" : "")));
        if (result.externalDocumentNosTooLong() > 0) {
            text.append(String.format("warning: %d journal lines have an External Document No. longer than BC's %d "
                            + "characters; BC refuses them on import%n", result.externalDocumentNosTooLong(),
                    EXTERNAL_DOCUMENT_NO_MAX_LENGTH));
        }
        return text.toString();
    }
}
