package io.shopfloor.ledger;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * One row for a ledger table: its values as PostgreSQL text (null for SQL NULL), in the table's column order, the
 * last one being the SHA-256 of all the others. Two rows with the same idempotency key and the same hash are the same
 * posting; with different hashes, a conflict.
 */
public record StoreRow(LedgerTable table, List<String> values) implements java.io.Serializable {

    public StoreRow {
        if (values.size() != table.columns().size()) {
            throw new IllegalArgumentException(table + " has " + table.columns().size() + " columns, got "
                    + values.size() + " values");
        }
    }

    /** A row from its values (every column but the content hash, which is computed). */
    public static StoreRow of(LedgerTable table, Object... values) {
        List<String> text = new ArrayList<>(values.length + 1);
        for (Object value : values) {
            text.add(text(value));
        }
        text.add(hash(table, text));
        return new StoreRow(table, Collections.unmodifiableList(text));
    }

    public String idempotencyKey() {
        return values.get(0);
    }

    public String contentHash() {
        return values.get(values.size() - 1);
    }

    /** The content as {@code column=value} pairs, for the conflict record and for people. */
    public String content() {
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < values.size() - 1; i++) {
            if (i > 0) {
                content.append("; ");
            }
            content.append(table.columns().get(i)).append('=').append(values.get(i) == null ? "NULL" : values.get(i));
        }
        return content.toString();
    }

    /** PostgreSQL's text input form of a value. */
    static String text(Object value) {
        if (value == null) {
            return null;
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

    private static String hash(LedgerTable table, List<String> text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(table.tableName().getBytes(StandardCharsets.UTF_8));
            for (String value : text) {
                // A separator no value contains keeps ("ab", "c") apart from ("a", "bc"); null differs from "".
                digest.update((byte) 0);
                if (value != null) {
                    digest.update((byte) 1);
                    digest.update(value.getBytes(StandardCharsets.UTF_8));
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return table.tableName() + "[" + content() + "]";
    }
}
