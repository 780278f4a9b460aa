package io.shopfloor.ledger;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Appends batches of rows to the ledger tables, each batch in one transaction, idempotently: a row whose
 * idempotency key is stored already is skipped when its content hash matches (a replay) and recorded in
 * {@code posting_conflict} when it does not (never applied). A batch is copied into temporary staging tables
 * (PostgreSQL COPY), then appended table by table in dependency order, the references between entries mapped from
 * the job's numbering to the store's sequences. Plain JDBC, no Flink: the sink wraps it.
 */
public final class LedgerWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerWriter.class);

    /** What one batch did. */
    public record BatchResult(int appended, int replayed, List<String> conflicts) {
    }

    private final Connection connection;
    private final CopyManager copy;

    public LedgerWriter(String jdbcUrl, String user, String password) throws SQLException {
        connection = DriverManager.getConnection(jdbcUrl, user, password);
        connection.setAutoCommit(false);
        copy = connection.unwrap(PGConnection.class).getCopyAPI();
        try (Statement statement = connection.createStatement()) {
            for (LedgerTable table : LedgerTable.values()) {
                // Same columns as the table, without its constraints; an order column keeps the batch's order.
                statement.execute("CREATE TEMPORARY TABLE " + table.stagingName() + " ON COMMIT DELETE ROWS AS SELECT "
                        + String.join(", ", table.columns()) + ", ''::text AS content, 0::bigint AS seq FROM "
                        + table.tableName() + " WITH NO DATA");
            }
        }
        connection.commit();
    }

    /** Appends the rows in one transaction (rows of one source key must come in posting order). */
    public BatchResult write(List<StoreRow> rows) throws SQLException {
        Map<LedgerTable, List<StoreRow>> byTable = new EnumMap<>(LedgerTable.class);
        for (StoreRow row : rows) {
            byTable.computeIfAbsent(row.table(), t -> new ArrayList<>()).add(row);
        }
        int appended = 0;
        int staged = 0;
        List<String> conflicts = new ArrayList<>();
        try {
            // Enum order is dependency order: item and capacity entries before the value entries naming them.
            for (Map.Entry<LedgerTable, List<StoreRow>> tableRows : byTable.entrySet()) {
                LedgerTable table = tableRows.getKey();
                stage(table, tableRows.getValue());
                staged += tableRows.getValue().size();
                conflicts.addAll(recordConflicts(table));
                if (table.refersToItself()) {
                    // An applies-to may name an entry of the same batch: append the others first.
                    appended += append(table, "s.applies_to_entry IS NULL");
                    appended += append(table, "s.applies_to_entry IS NOT NULL");
                } else {
                    appended += append(table, "TRUE");
                }
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
        if (!conflicts.isEmpty()) {
            LOG.warn("{} replayed entries differ from the stored ones and were recorded in posting_conflict: {}",
                    conflicts.size(), conflicts);
        }
        return new BatchResult(appended, staged - appended - conflicts.size(), conflicts);
    }

    private void stage(LedgerTable table, List<StoreRow> rows) throws SQLException {
        StringBuilder csv = new StringBuilder(rows.size() * 256);
        long seq = 0;
        for (StoreRow row : rows) {
            for (String value : row.values()) {
                csv(csv, value).append(',');
            }
            csv(csv, row.content()).append(',').append(seq++).append('\n');
        }
        try {
            copy.copyIn("COPY " + table.stagingName() + " (" + String.join(", ", table.columns())
                    + ", content, seq) FROM STDIN (FORMAT csv)", new StringReader(csv.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY into " + table.stagingName(), e);
        }
    }

    /** Staged rows whose key is stored with other content: recorded (once per distinct content), never applied. */
    private List<String> recordConflicts(LedgerTable table) throws SQLException {
        String differing = " FROM " + table.stagingName() + " s JOIN " + table.tableName()
                + " t USING (idempotency_key) WHERE t.content_hash <> s.content_hash";
        List<String> keys = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet conflicts = statement.executeQuery("SELECT s.idempotency_key" + differing)) {
                while (conflicts.next()) {
                    keys.add(conflicts.getString(1));
                }
            }
            if (!keys.isEmpty()) {
                statement.executeUpdate("INSERT INTO posting_conflict (ledger_table, idempotency_key, stored_hash, "
                        + "replayed_hash, replayed_content) SELECT '" + table.tableName() + "', s.idempotency_key, "
                        + "t.content_hash, s.content_hash, s.content" + differing + " ON CONFLICT DO NOTHING");
            }
        }
        return keys;
    }

    private int append(LedgerTable table, String condition) throws SQLException {
        for (LedgerTable.Reference reference : table.references()) {
            if (!reference.table().equals(table.tableName()) || !condition.startsWith("s.applies_to_entry IS NULL")) {
                checkResolvable(table, reference);
            }
        }
        String columns = String.join(", ", table.columns());
        String values = table.columns().stream().map(column -> table.references().stream()
                        .filter(r -> r.column().equals(column)).findFirst()
                        .map(r -> "(SELECT m.entry_no FROM " + r.table() + " m WHERE m.source_key = s.source_key"
                                + " AND m.source_entry_no = s." + column + ")")
                        .orElse("s." + column))
                .collect(Collectors.joining(", "));
        try (Statement statement = connection.createStatement()) {
            return statement.executeUpdate("INSERT INTO " + table.tableName() + " (" + columns + ") SELECT " + values
                    + " FROM (SELECT DISTINCT ON (idempotency_key) * FROM " + table.stagingName()
                    + " ORDER BY idempotency_key, seq) s WHERE " + condition + " AND NOT EXISTS (SELECT 1 FROM "
                    + table.tableName() + " t WHERE t.idempotency_key = s.idempotency_key) ORDER BY s.seq"
                    + " ON CONFLICT (idempotency_key) DO NOTHING");
        }
    }

    /** A reference to an entry the store does not have would be stored as nothing: refuse the batch instead. */
    private void checkResolvable(LedgerTable table, LedgerTable.Reference reference) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet missing = statement.executeQuery("SELECT s.idempotency_key, s." + reference.column() + " FROM "
                     + table.stagingName() + " s WHERE s." + reference.column() + " IS NOT NULL AND NOT EXISTS "
                     + "(SELECT 1 FROM " + reference.table() + " m WHERE m.source_key = s.source_key AND "
                     + "m.source_entry_no = s." + reference.column() + ") LIMIT 1")) {
            if (missing.next()) {
                throw new IllegalStateException(table.tableName() + " " + missing.getString(1) + " names "
                        + reference.table() + " " + missing.getLong(2) + " of its order, which the store does not have");
            }
        }
    }

    private static StringBuilder csv(StringBuilder csv, String value) {
        if (value == null) {
            return csv; // an unquoted empty field is NULL
        }
        csv.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                csv.append('"');
            }
            csv.append(c);
        }
        return csv.append('"');
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
