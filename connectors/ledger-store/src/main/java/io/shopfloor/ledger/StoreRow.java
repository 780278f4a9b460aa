package io.shopfloor.ledger;

import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * One row for a ledger table: its values in the table's column order, already encoded as the fields of a binary
 * COPY tuple, and the SHA-256 of that encoding (with the table's name), which the store keeps as the content hash.
 * Two rows with the same idempotency key and the same hash are the same posting; with different hashes, a conflict.
 * Encoding once here, on the job's thread, leaves the writer nothing to convert but bytes to copy.
 */
public final class StoreRow implements Serializable {
    private static final long serialVersionUID = 2L;
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(StoreRow::sha256);
    private static final ThreadLocal<CopyBuffer> ENCODER = ThreadLocal.withInitial(() -> new CopyBuffer(1024));

    private final LedgerTable table;
    private final Object[] values;
    private final byte[] fields;
    private final byte[] contentHash;

    private StoreRow(LedgerTable table, Object[] values, byte[] fields, byte[] contentHash) {
        this.table = table;
        this.values = values;
        this.fields = fields;
        this.contentHash = contentHash;
    }

    /** A row from its values (every column but the content hash, which is computed). */
    public static StoreRow of(LedgerTable table, Object... values) {
        List<LedgerTable.Column> columns = table.columns();
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(table + " has " + columns.size() + " columns, got " + values.length
                    + " values");
        }
        CopyBuffer encoded = ENCODER.get();
        encoded.clear();
        MessageDigest digest = SHA_256.get();
        digest.update(table.tableName().getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < values.length; i++) {
            int start = encoded.size();
            try {
                columns.get(i).type().encode(values[i], encoded);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(table.tableName() + "." + columns.get(i).name() + " is "
                        + columns.get(i).type() + ": " + e.getMessage(), e);
            }
            // Each field carries its length (-1 for NULL): ("ab", "c") and ("a", "bc") differ, and NULL differs
            // from "".
            if (columns.get(i).content() && (values[i] != null || columns.get(i).hashedWhenNull())) {
                digest.update(encoded.array(), start, encoded.size() - start);
            }
        }
        return new StoreRow(table, values.clone(), encoded.toByteArray(), digest.digest());
    }

    public LedgerTable table() {
        return table;
    }

    public String idempotencyKey() {
        return (String) values[0];
    }

    /** The value of a column, as given. */
    public Object value(int column) {
        return values[column];
    }

    /** The values, as given, in column order. */
    public List<Object> values() {
        return Collections.unmodifiableList(Arrays.asList(values));
    }

    /** The SHA-256 of the content, as the store keeps it (bytea). */
    public byte[] contentHash() {
        return contentHash.clone();
    }

    /** The content hash as hexadecimal text. */
    public String contentHashHex() {
        return HexFormat.of().formatHex(contentHash);
    }

    /** Appends the row's fields (without a field count) and its content hash as the last field. */
    void appendTo(CopyBuffer out) {
        out.putBytes(fields);
        out.putInt(contentHash.length);
        out.putBytes(contentHash);
    }

    /** The content as {@code column=value} pairs, for the conflict record and for people. */
    public String content() {
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                content.append("; ");
            }
            String text = text(values[i]);
            content.append(table.columns().get(i).name()).append('=').append(text == null ? "NULL" : text);
        }
        return content.toString();
    }

    /** PostgreSQL's text input form of a value. */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Boolean flag) {
            return flag ? "t" : "f";
        }
        if (value instanceof byte[] bytes) {
            return "\\x" + HexFormat.of().formatHex(bytes);
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        return value.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoreRow row && row.table == table && Arrays.equals(row.fields, fields);
    }

    @Override
    public int hashCode() {
        return 31 * table.hashCode() + Arrays.hashCode(fields);
    }

    @Override
    public String toString() {
        return table.tableName() + "[" + content() + "]";
    }
}
