package io.shopfloor.ledger;

import io.shopfloor.ledger.model.Ledger;
import io.shopfloor.ledger.model.LedgerModel;
import io.shopfloor.schema.EmbeddedKafka;
import io.shopfloor.schema.ShopfloorSchemas;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compares each ledger topic with its table, field by field: both are made from the ledger model's fields, so every
 * record has its row (by idempotency key; a status change by its source id) and every field they share holds the
 * same value. Only representation may differ: a blank code, a zero or NONE in Avro is NULL or the value itself in
 * the row; decimals compare by value (an unrounded quotient of the row rounded half-up to Avro's scale); a
 * reference (applies-to, item/capacity entry no.) is read back as the job's number of the entry it names.
 */
final class LedgerTopicsAndTables {
    /** Avro fields without a column: what BC derives or leaves blank, and the source event of the key. */
    static final Map<Ledger, Set<String>> AVRO_ONLY = Map.of(
            Ledger.ITEM_LEDGER_ENTRY, Set.of("sourceType", "serialNo", "lotNo", "globalDimension1Code",
                    "globalDimension2Code", "dimensionSetId", "sourceEventId"),
            Ledger.CAPACITY_LEDGER_ENTRY, Set.of("globalDimension1Code", "globalDimension2Code", "dimensionSetId",
                    "sourceEventId"),
            Ledger.VALUE_ENTRY, Set.of("variantCode", "sourceType", "costAmountActualAcy", "documentType",
                    "documentLineNo", "reasonCode", "journalBatchName", "dimensionSetId", "sourceEventId"),
            Ledger.WAREHOUSE_ENTRY, Set.of("qtyPerUnitOfMeasure", "sourceType", "sourceSubtype", "serialNo", "lotNo",
                    "sourceEventId"),
            Ledger.ORDER_STATUS_CHANGE, Set.of("sourceId"),
            Ledger.GENERAL_LEDGER_ENTRY, Set.of("valueEntryNo"),
            Ledger.ITEM_COST_UPDATE, Set.of("sourceEventId"));
    /** Columns without an Avro field: where the entry came from and when. */
    static final Map<Ledger, Set<String>> STORE_ONLY = Map.of(
            Ledger.ITEM_LEDGER_ENTRY, Set.of("source_key", "event_time"),
            Ledger.CAPACITY_LEDGER_ENTRY, Set.of("source_key", "event_time"),
            Ledger.VALUE_ENTRY, Set.of("source_key", "event_time"),
            Ledger.WAREHOUSE_ENTRY, Set.of("source_key", "event_time", "reference_no"),
            Ledger.ORDER_STATUS_CHANGE, Set.of("idempotency_key", "source_key"),
            Ledger.GENERAL_LEDGER_ENTRY, Set.of("event_time"),
            Ledger.ITEM_COST_UPDATE, Set.of("source_key", "event_time"));

    private LedgerTopicsAndTables() {
    }

    /**
     * Asserts that every ledger topic equals its table and returns the records compared per ledger, e.g.
     * {@code {ITEM_LEDGER_ENTRY=7, ...}}, for the caller to check against what the example posts.
     */
    static Map<Ledger, Integer> assertEqual(EmbeddedKafka kafka, LedgerDatabase.Ledger ledger) throws Exception {
        Map<Ledger, Integer> compared = new TreeMap<>();
        try (Connection connection = ledger.connect(LedgerDatabase.OWNER, "")) {
            for (Ledger kind : Ledger.values()) {
                if (kind.recordType() != null) {
                    compared.put(kind, assertEqual(kafka, connection, kind));
                }
            }
        }
        return compared;
    }

    private static int assertEqual(EmbeddedKafka kafka, Connection connection, Ledger kind) throws Exception {
        LedgerTable table = StoreRows.table(kind);
        var decoder = ShopfloorSchemas.decoder(kind.recordType());
        Map<String, SpecificRecord> records = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> message : kafka.readAll(kind.topic(), true, Duration.ofSeconds(30))) {
            SpecificRecord record = decoder.decode(message.value());
            String key = kind == Ledger.ORDER_STATUS_CHANGE ? record.get(field(record, "sourceId")).toString()
                    : record.get(field(record, "idempotencyKey")).toString();
            assertEquals(null, records.put(key, record), kind.topic() + " holds " + key + " twice");
        }
        Map<String, Map<String, Object>> rows = rows(connection, table);
        assertEquals(rows.keySet(), records.keySet(), kind + ": the topic's keys and the table's");

        Schema schema = records.isEmpty() ? null : records.values().iterator().next().getSchema();
        Set<String> avroOnly = new TreeSet<>();
        Set<String> storeOnly = new TreeSet<>();
        for (Map.Entry<String, SpecificRecord> entry : records.entrySet()) {
            SpecificRecord record = entry.getValue();
            Map<String, Object> row = rows.get(entry.getKey());
            avroOnly.clear();
            storeOnly.clear();
            Set<String> columnFields = new TreeSet<>();
            for (LedgerTable.Column column : table.columns()) {
                columnFields.add(column.field());
                Schema.Field field = schema.getField(column.field());
                if (field == null) {
                    storeOnly.add(column.name());
                } else {
                    assertSameValue(kind + " " + entry.getKey() + " " + field.name() + "/" + column.name(),
                            record.get(field.pos()), row.get(column.name()));
                }
            }
            schema.getFields().stream().map(Schema.Field::name).filter(n -> !columnFields.contains(n))
                    .forEach(avroOnly::add);
            if (kind == Ledger.ORDER_STATUS_CHANGE) {
                assertEquals(LedgerModel.sourceEventId((String) row.get("idempotency_key")),
                        record.get(field(record, "sourceId")).toString());
            }
        }
        if (!records.isEmpty()) {
            assertEquals(new TreeSet<>(AVRO_ONLY.get(kind)), avroOnly, kind + ": Avro fields without a column");
            assertEquals(new TreeSet<>(STORE_ONLY.get(kind)), storeOnly, kind + ": columns without an Avro field");
        }
        return records.size();
    }

    private static int field(SpecificRecord record, String name) {
        return record.getSchema().getField(name).pos();
    }

    /** The table's rows by key, each column by name; a reference as the job's number of the entry it names. */
    private static Map<String, Map<String, Object>> rows(Connection connection, LedgerTable table) throws Exception {
        StringBuilder sql = new StringBuilder("SELECT t.*");
        for (LedgerTable.Reference reference : table.references()) {
            sql.append(", (SELECT r.source_entry_no FROM ").append(reference.table()).append(" r WHERE r.entry_no = t.")
                    .append(reference.column()).append(") AS job_").append(reference.column());
        }
        sql.append(" FROM ").append(table.tableName()).append(" t");
        Map<String, Map<String, Object>> rows = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql.toString())) {
            while (result.next()) {
                Map<String, Object> row = new HashMap<>();
                for (LedgerTable.Column column : table.columns()) {
                    row.put(column.name(), result.getObject(column.name()));
                }
                for (LedgerTable.Reference reference : table.references()) {
                    row.put(reference.column(), result.getObject("job_" + reference.column()));
                }
                String key = (String) row.get("idempotency_key");
                rows.put(table == LedgerTable.PRODUCTION_ORDER_STATUS_HISTORY ? LedgerModel.sourceEventId(key) : key,
                        row);
            }
        }
        return rows;
    }

    private static void assertSameValue(String where, Object avro, Object stored) {
        if (avro == null) {
            assertEquals(null, stored, where);
        } else if (avro instanceof CharSequence || avro instanceof Enum<?>) {
            String text = avro.toString();
            if (stored == null) {
                assertTrue(text.isEmpty() || text.equals("NONE"), where + ": NULL in the row, '" + text + "' in Avro");
            } else {
                assertEquals(text, stored.toString(), where);
            }
        } else if (avro instanceof BigDecimal decimal) {
            BigDecimal value = stored == null ? BigDecimal.ZERO : (BigDecimal) stored;
            if (value.scale() > decimal.scale()) {
                // A quotient the rules leave unrounded (a unit cost): Avro has it rounded half-up to its scale.
                value = value.setScale(decimal.scale(), java.math.RoundingMode.HALF_UP);
            }
            assertEquals(0, decimal.compareTo(value), where + ": " + decimal + " in Avro, " + stored + " in the row");
        } else if (avro instanceof Integer || avro instanceof Long) {
            long value = stored == null ? 0 : ((Number) stored).longValue();
            assertEquals(((Number) avro).longValue(), value, where);
        } else if (avro instanceof LocalDate date) {
            assertEquals(date, ((java.sql.Date) stored).toLocalDate(), where);
        } else if (avro instanceof Instant instant) {
            assertEquals(instant, ((java.sql.Timestamp) stored).toInstant(), where);
        } else {
            assertEquals(avro, stored, where);
        }
    }

    /** For messages: the ledgers compared, as {@code kind=count}. */
    static List<String> counts(Map<Ledger, Integer> compared) {
        List<String> counts = new ArrayList<>();
        compared.forEach((kind, count) -> counts.add(kind + "=" + count));
        return counts;
    }
}
