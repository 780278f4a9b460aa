package io.shopfloor.ledger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * {@code posting_conflict} when it does not (never applied). Each table's rows go in one statement, as one array
 * per column ({@code INSERT ... SELECT FROM unnest(...) ORDER BY ordinality ON CONFLICT DO NOTHING}), in dependency
 * order, the references between entries mapped from the job's numbering to the store's sequences. Plain JDBC, no
 * Flink: the sink wraps it.
 */
public final class LedgerWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerWriter.class);

    /** What one batch did. */
    public record BatchResult(int appended, int replayed, List<String> conflicts) {
    }

    private final Connection connection;
    private final Map<LedgerTable, String> inserts = new EnumMap<>(LedgerTable.class);

    public LedgerWriter(String jdbcUrl, String user, String password) throws SQLException {
        connection = DriverManager.getConnection(jdbcUrl, user, password);
        connection.setAutoCommit(false);
        for (LedgerTable table : LedgerTable.values()) {
            inserts.put(table, insert(table, columnTypes(table)));
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
        int replayed = 0;
        List<String> conflicts = new ArrayList<>();
        try {
            // Enum order is dependency order: item and capacity entries before the value entries naming them.
            for (Map.Entry<LedgerTable, List<StoreRow>> tableRows : byTable.entrySet()) {
                LedgerTable table = tableRows.getKey();
                List<StoreRow> unique = withoutRepeatedKeys(tableRows.getValue());
                Set<String> inserted = new HashSet<>();
                if (table.refersToItself()) {
                    // An applies-to may name an entry of the same batch: append the others first.
                    int appliesTo = table.columns().indexOf("applies_to_entry");
                    inserted.addAll(append(table, unique.stream().filter(r -> r.values().get(appliesTo) == null).toList()));
                    inserted.addAll(append(table, unique.stream().filter(r -> r.values().get(appliesTo) != null).toList()));
                } else {
                    inserted.addAll(append(table, unique));
                }
                appended += inserted.size();
                List<StoreRow> notInserted = unique.stream().filter(r -> !inserted.contains(r.idempotencyKey())).toList();
                List<String> tableConflicts = recordConflicts(table, notInserted);
                conflicts.addAll(tableConflicts);
                replayed += tableRows.getValue().size() - inserted.size() - tableConflicts.size();
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

    /** Appends the rows whose keys are new; returns their keys. Refuses the batch if a reference does not resolve. */
    private Set<String> append(LedgerTable table, List<StoreRow> rows) throws SQLException {
        Set<String> inserted = new HashSet<>();
        if (rows.isEmpty()) {
            return inserted;
        }
        List<LedgerTable.Reference> references = table.references();
        try (PreparedStatement insert = connection.prepareStatement(inserts.get(table))) {
            List<Array> arrays = new ArrayList<>();
            for (int column = 0; column < table.columns().size(); column++) {
                String[] values = new String[rows.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = rows.get(i).values().get(column);
                }
                Array array = connection.createArrayOf("text", values);
                arrays.add(array);
                insert.setArray(column + 1, array);
            }
            Map<String, StoreRow> byKey = new HashMap<>();
            rows.forEach(row -> byKey.put(row.idempotencyKey(), row));
            try (ResultSet result = insert.executeQuery()) {
                while (result.next()) {
                    String key = result.getString(1);
                    inserted.add(key);
                    for (int r = 0; r < references.size(); r++) {
                        String named = byKey.get(key).values().get(table.columns().indexOf(references.get(r).column()));
                        result.getLong(2 + r);
                        if (named != null && result.wasNull()) {
                            throw new IllegalStateException(table.tableName() + " " + key + " names "
                                    + references.get(r).table() + " " + named
                                    + " of its order, which the store does not have");
                        }
                    }
                }
            }
            for (Array array : arrays) {
                array.free();
            }
        }
        return inserted;
    }

    /** Rows whose key is stored with other content: recorded (once per distinct content), never applied. */
    private List<String> recordConflicts(LedgerTable table, List<StoreRow> notInserted) throws SQLException {
        List<String> conflicts = new ArrayList<>();
        if (notInserted.isEmpty()) {
            return conflicts;
        }
        Map<String, StoreRow> byKey = new HashMap<>();
        notInserted.forEach(row -> byKey.put(row.idempotencyKey(), row));
        try (PreparedStatement stored = connection.prepareStatement("SELECT idempotency_key, content_hash FROM "
                + table.tableName() + " WHERE idempotency_key = ANY (?)");
             PreparedStatement record = connection.prepareStatement("INSERT INTO posting_conflict (ledger_table, "
                     + "idempotency_key, stored_hash, replayed_hash, replayed_content) VALUES (?, ?, ?, ?, ?) "
                     + "ON CONFLICT DO NOTHING")) {
            stored.setArray(1, connection.createArrayOf("text", byKey.keySet().toArray(String[]::new)));
            try (ResultSet result = stored.executeQuery()) {
                while (result.next()) {
                    StoreRow replayed = byKey.get(result.getString(1));
                    if (!replayed.contentHash().equals(result.getString(2))) {
                        conflicts.add(replayed.idempotencyKey());
                        record.setString(1, table.tableName());
                        record.setString(2, replayed.idempotencyKey());
                        record.setString(3, result.getString(2));
                        record.setString(4, replayed.contentHash());
                        record.setString(5, replayed.content());
                        record.addBatch();
                    }
                }
            }
            if (!conflicts.isEmpty()) {
                record.executeBatch();
            }
        }
        return conflicts;
    }

    /** A key repeated within one batch is the same posting twice: the first one stands for both. */
    private static List<StoreRow> withoutRepeatedKeys(List<StoreRow> rows) {
        Set<String> keys = new HashSet<>();
        List<StoreRow> unique = new ArrayList<>(rows.size());
        for (StoreRow row : rows) {
            if (keys.add(row.idempotencyKey())) {
                unique.add(row);
            }
        }
        return unique;
    }

    /** The statement appending one array per column, references mapped, returning the keys and mapped references. */
    private static String insert(LedgerTable table, Map<String, String> types) {
        StringJoiner arrays = new StringJoiner(", ");
        StringJoiner names = new StringJoiner(", ");
        StringJoiner values = new StringJoiner(", ");
        for (String column : table.columns()) {
            arrays.add("?::text[]");
            names.add(column);
            String typed = "s." + column + "::" + types.get(column);
            values.add(table.references().stream().filter(r -> r.column().equals(column)).findFirst()
                    .map(r -> "(SELECT m.entry_no FROM " + r.table() + " m WHERE m.source_key = s.source_key"
                            + " AND m.source_entry_no = " + typed + ")")
                    .orElse(typed));
        }
        StringJoiner returning = new StringJoiner(", ");
        returning.add("idempotency_key");
        table.references().forEach(r -> returning.add(r.column()));
        return "INSERT INTO " + table.tableName() + " (" + names + ") SELECT " + values
                + " FROM unnest(" + arrays + ") WITH ORDINALITY AS s (" + names + ", row_order) ORDER BY row_order"
                + " ON CONFLICT (idempotency_key) DO NOTHING RETURNING " + returning;
    }

    private Map<String, String> columnTypes(LedgerTable table) throws SQLException {
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
        for (String column : table.columns()) {
            if (!types.containsKey(column)) {
                throw new IllegalStateException(table.tableName() + "." + column + " is not in the database: "
                        + "is the ledger store's schema migrated?");
            }
        }
        return types;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
