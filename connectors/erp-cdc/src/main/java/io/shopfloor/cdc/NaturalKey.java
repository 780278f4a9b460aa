package io.shopfloor.cdc;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * The Kafka key of a master-data record: its natural key fields, in the order the record's doc gives them,
 * joined by '|'. Options are their Avro symbol, numbers in decimal, codes as they are, blank as empty text, so
 * {@code RELEASED|RPO-1001|10000} is line 10000 of released order RPO-1001 and the manufacturing setup's key is
 * empty. A '|' or '\' inside a value is escaped with a backslash, so every key splits back into its fields.
 */
public final class NaturalKey {
    public static final char SEPARATOR = '|';
    private static final char ESCAPE = '\\';

    private NaturalKey() {
    }

    public static String of(MasterDataTable table, SpecificRecord record) {
        StringBuilder key = new StringBuilder();
        List<String> fields = table.keyFields();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                key.append(SEPARATOR);
            }
            appendEscaped(key, String.valueOf(record.get(record.getSchema().getField(fields.get(i)).pos())));
        }
        return key.toString();
    }

    /** The production order number of an order-table record, which its partition follows; null otherwise. */
    public static String orderNo(MasterDataTable table, SpecificRecord record) {
        return table.isOrderTable()
                ? String.valueOf(record.get(record.getSchema().getField(table.orderNoField()).pos()))
                : null;
    }

    /** The fields of a key, unescaped. */
    public static List<String> split(String key) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == ESCAPE && i + 1 < key.length()) {
                field.append(key.charAt(++i));
            } else if (c == SEPARATOR) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static void appendEscaped(StringBuilder key, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == SEPARATOR || c == ESCAPE) {
                key.append(ESCAPE);
            }
            key.append(c);
        }
    }
}
