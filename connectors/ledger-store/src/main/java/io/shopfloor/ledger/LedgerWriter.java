package io.shopfloor.ledger;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Appends batches of rows to the ledger tables, each batch in one transaction, idempotently: a row whose
 * idempotency key is stored already is skipped when its content hash matches (a replay) and recorded in
 * {@code posting_conflict} when it does not (never applied). A batch is first written as if all its keys were new:
 * per table, in dependency order, rows that name no other entry by binary COPY straight into the table, the others
 * by binary COPY into a temporary staging table of the session (emptied at every commit) and one
 * {@code INSERT ... SELECT ... ORDER BY row_order} mapping the references between entries from the job's numbering
 * to the store's (a reference that does not resolve fails the batch). A stored key fails that attempt (unique
 * violation); the batch is then written again the careful way, every table through the staging table with
 * {@code ON CONFLICT (idempotency_key) DO NOTHING}, and only when fewer rows were appended than staged does a query
 * look for conflicts. Plain JDBC, no Flink: the sink wraps it.
 */
public final class LedgerWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerWriter.class);
    private static final String UNIQUE_VIOLATION = "23505";
    private static final byte[] COPY_HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
            0, 0, 0, 0, 0, 0, 0, 0};

    /** What one batch did. */
    public record BatchResult(int appended, int replayed, List<String> conflicts) {
    }

    private final Connection connection;
    private final CopyManager copyManager;
    private final Map<LedgerTable, TableStatements> statements = new EnumMap<>(LedgerTable.class);
    private final CopyBuffer copyBuffer = new CopyBuffer(1 << 20);
    /** After a batch met stored keys, until a batch holds only new ones: replays are expected (a restore). */
    private boolean replaying;

    public LedgerWriter(String jdbcUrl, String user, String password) throws SQLException {
        connection = DriverManager.getConnection(jdbcUrl, user, password);
        try {
            connection.setAutoCommit(false);
            copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
            for (LedgerTable table : LedgerTable.values()) {
                checkColumns(table);
                try (Statement statement = connection.createStatement()) {
                    statement.execute(createStaging(table));
                }
                statements.put(table, new TableStatements(table));
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Appends the rows in one transaction (rows of one source key must come in posting order). */
    public BatchResult write(List<StoreRow> rows) throws SQLException {
        Map<LedgerTable, List<StoreRow>> byTable = new EnumMap<>(LedgerTable.class);
        for (StoreRow row : rows) {
            byTable.computeIfAbsent(row.table(), t -> new ArrayList<>()).add(row);
        }
        if (!replaying) {
            try {
                return write(byTable, false);
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                // A key stored already: a replay (after a restore) or a conflict. The batch is rolled back and
                // written again the careful way, as are the batches after it until one holds only new keys.
                LOG.info("a batch holds keys stored already ({}): writing it again with replays skipped",
                        e.getMessage());
                replaying = true;
            }
        }
        BatchResult result = write(byTable, true);
        replaying = result.appended() < rows.size();
        return result;
    }

    /**
     * One attempt in one transaction. Without {@code skipStoredKeys} every row must be new: a stored key fails the
     * statement with a unique violation (SQLSTATE 23505), which spares each row the speculative insertion of
     * {@code ON CONFLICT} (a probe of the key's index before the insert, a lock and a second WAL record).
     */
    private BatchResult write(Map<LedgerTable, List<StoreRow>> byTable, boolean skipStoredKeys)
            throws SQLException {
        int appended = 0;
        int replayed = 0;
        List<String> conflicts = new ArrayList<>();
        try {
            // Enum order is dependency order: item and capacity entries before the value entries naming them.
            for (Map.Entry<LedgerTable, List<StoreRow>> tableRows : byTable.entrySet()) {
                List<StoreRow> staged = tableRows.getValue();
                TableStatements table = statements.get(tableRows.getKey());
                if (!skipStoredKeys && !table.namesEntries(staged)) {
                    // Nothing to map or skip: straight into the table, by COPY's multi-row inserts.
                    appended += copy(table.directCopy, staged, false);
                    continue;
                }
                copy(table.stagingCopy, staged, true);
                int inserted = table.append(staged, skipStoredKeys);
                List<String> tableConflicts = inserted == staged.size() ? List.of() : table.recordConflicts(staged);
                appended += inserted;
                conflicts.addAll(tableConflicts);
                replayed += staged.size() - inserted - tableConflicts.size();
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
        return new BatchResult(appended, replayed, conflicts);
    }

    /**
     * Streams the rows by binary COPY, in batch order: into the table's staging table, numbered, or straight into
     * the table; returns how many rows were copied.
     */
    private int copy(String copyStatement, List<StoreRow> rows, boolean numbered) throws SQLException {
        short fieldCount = (short) (rows.get(0).table().columns().size() + (numbered ? 2 : 1));
        copyBuffer.clear();
        copyBuffer.putBytes(COPY_HEADER);
        for (int i = 0; i < rows.size(); i++) {
            copyBuffer.putShort(fieldCount);
            if (numbered) {
                copyBuffer.putInt(4);
                copyBuffer.putInt(i);
            }
            rows.get(i).appendTo(copyBuffer);
        }
        copyBuffer.putShort(-1);
        CopyIn copy = copyManager.copyIn(copyStatement);
        try {
            copy.writeToCopy(copyBuffer.array(), 0, copyBuffer.size());
            return Math.toIntExact(copy.endCopy());
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static String staging(LedgerTable table) {
        return "ledger_staging_" + table.tableName();
    }

    private static String createStaging(LedgerTable table) {
        StringJoiner columns = new StringJoiner(", ");
        columns.add("row_order int4");
        table.columns().forEach(c -> columns.add(c.name() + " " + c.type().udtName()));
        columns.add(LedgerTable.CONTENT_HASH + " bytea");
        // Temporary: no WAL, private to the session; emptied at every commit or rollback.
        return "CREATE TEMPORARY TABLE IF NOT EXISTS " + staging(table) + " (" + columns + ") ON COMMIT DELETE ROWS";
    }

    /** Refuses to start against a database whose tables lack a column or give one another type. */
    private void checkColumns(LedgerTable table) throws SQLException {
        Map<String, String> types = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT column_name, udt_name FROM "
                + "information_schema.columns WHERE table_name = ? AND table_schema = current_schema()")) {
            query.setString(1, table.tableName());
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    types.put(result.getString(1), result.getString(2));
                }
            }
        }
        List<LedgerTable.Column> columns = new ArrayList<>(table.columns());
        columns.add(new LedgerTable.Column(LedgerTable.CONTENT_HASH, ColumnType.BYTEA, true));
        for (LedgerTable.Column column : columns) {
            if (!column.type().udtName().equals(types.get(column.name()))) {
                throw new IllegalStateException(table.tableName() + "." + column.name() + " is "
                        + (types.containsKey(column.name()) ? types.get(column.name()) : "not in the database")
                        + ", the writer expects " + column.type().udtName()
                        + ": is the ledger store's schema migrated?");
            }
        }
    }

    /** A table's statements, prepared once per connection. */
    private final class TableStatements {
        final LedgerTable table;
        final String stagingCopy;
        final String directCopy;
        final int[] referenceColumns;
        final int selfReference;
        /** Indexed by skipping stored keys (1) or not (0). */
        final PreparedStatement[] insertAll = new PreparedStatement[2];
        final PreparedStatement[] insertWithoutSelfReference = new PreparedStatement[2];
        final PreparedStatement[] insertWithSelfReference = new PreparedStatement[2];
        final PreparedStatement conflicting;
        final PreparedStatement recordConflict;

        TableStatements(LedgerTable table) throws SQLException {
            this.table = table;
            this.stagingCopy = "COPY " + staging(table) + " FROM STDIN (FORMAT binary)";
            StringJoiner columns = new StringJoiner(", ");
            table.columns().forEach(c -> columns.add(c.name()));
            columns.add(LedgerTable.CONTENT_HASH);
            this.directCopy = "COPY " + table.tableName() + " (" + columns + ") FROM STDIN (FORMAT binary)";
            this.referenceColumns = table.references().stream().mapToInt(r -> table.indexOf(r.column())).toArray();
            LedgerTable.Reference self = table.selfReference();
            this.selfReference = self == null ? -1 : table.indexOf(self.column());
            for (int skip = 0; skip < 2; skip++) {
                insertAll[skip] = connection.prepareStatement(insert(table, "", skip == 1));
                if (self != null) {
                    insertWithoutSelfReference[skip] = connection.prepareStatement(
                            insert(table, " WHERE s." + self.column() + " IS NULL", skip == 1));
                    insertWithSelfReference[skip] = connection.prepareStatement(
                            insert(table, " WHERE s." + self.column() + " IS NOT NULL", skip == 1));
                }
            }
            this.conflicting = connection.prepareStatement("SELECT s.row_order, t." + LedgerTable.CONTENT_HASH
                    + " FROM " + staging(table) + " s JOIN " + table.tableName()
                    + " t ON t.idempotency_key = s.idempotency_key WHERE t." + LedgerTable.CONTENT_HASH + " <> s."
                    + LedgerTable.CONTENT_HASH + " ORDER BY s.row_order");
            this.recordConflict = connection.prepareStatement("INSERT INTO posting_conflict (ledger_table, "
                    + "idempotency_key, stored_hash, replayed_hash, replayed_content) VALUES (?, ?, ?, ?, ?) "
                    + "ON CONFLICT DO NOTHING");
        }

        /** Whether a row names another entry by the job's numbering (which the staging path maps). */
        boolean namesEntries(List<StoreRow> rows) {
            for (StoreRow row : rows) {
                for (int column : referenceColumns) {
                    if (row.value(column) != null) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** Appends the staged rows (skipping those whose keys are stored, or failing on them); returns how many. */
        int append(List<StoreRow> rows, boolean skipStoredKeys) throws SQLException {
            int skip = skipStoredKeys ? 1 : 0;
            boolean anySelfReference = false;
            if (selfReference >= 0) {
                for (StoreRow row : rows) {
                    anySelfReference |= row.value(selfReference) != null;
                }
            }
            if (!anySelfReference) {
                return insertAll[skip].executeUpdate();
            }
            // An applies-to may name an entry of the same batch, which one statement does not see: others first.
            return insertWithoutSelfReference[skip].executeUpdate() + insertWithSelfReference[skip].executeUpdate();
        }

        /** Staged rows whose key is stored with other content: recorded (once per distinct content), never applied. */
        List<String> recordConflicts(List<StoreRow> rows) throws SQLException {
            List<String> conflicts = new ArrayList<>();
            Set<String> recorded = new HashSet<>();
            try (ResultSet result = conflicting.executeQuery()) {
                while (result.next()) {
                    StoreRow replayed = rows.get(result.getInt(1));
                    conflicts.add(replayed.idempotencyKey());
                    if (recorded.add(replayed.idempotencyKey() + " " + replayed.contentHashHex())) {
                        recordConflict.setString(1, table.tableName());
                        recordConflict.setString(2, replayed.idempotencyKey());
                        recordConflict.setBytes(3, result.getBytes(2));
                        recordConflict.setBytes(4, replayed.contentHash());
                        recordConflict.setString(5, replayed.content());
                        recordConflict.addBatch();
                    }
                }
            }
            if (!recorded.isEmpty()) {
                recordConflict.executeBatch();
            }
            return conflicts;
        }
    }

    /** The statement appending the staged rows in batch order, references mapped to the store's entry numbers. */
    private static String insert(LedgerTable table, String filter, boolean skipStoredKeys) {
        StringJoiner names = new StringJoiner(", ");
        StringJoiner values = new StringJoiner(", ");
        for (LedgerTable.Column column : table.columns()) {
            names.add(column.name());
            String staged = "s." + column.name();
            values.add(table.references().stream().filter(r -> r.column().equals(column.name())).findFirst()
                    .map(r -> "CASE WHEN " + staged + " IS NULL THEN NULL ELSE coalesce((SELECT m.entry_no FROM "
                            + r.table() + " m WHERE m.source_key = s.source_key AND m.source_entry_no = " + staged
                            + "), ledger_reference_missing('" + table.tableName() + "', s.idempotency_key, '"
                            + r.table() + "', " + staged + ")) END")
                    .orElse(staged));
        }
        names.add(LedgerTable.CONTENT_HASH);
        values.add("s." + LedgerTable.CONTENT_HASH);
        return "INSERT INTO " + table.tableName() + " (" + names + ") SELECT " + values + " FROM " + staging(table)
                + " s" + filter + " ORDER BY s.row_order"
                + (skipStoredKeys ? " ON CONFLICT (idempotency_key) DO NOTHING" : "");
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
