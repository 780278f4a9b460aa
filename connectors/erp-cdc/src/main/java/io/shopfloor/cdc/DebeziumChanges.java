package io.shopfloor.cdc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.ConverterConfig;
import org.apache.kafka.connect.storage.ConverterType;

/**
 * Debezium's change events (Kafka Connect records with the before/after/source/op envelope) as {@link RowChange}s.
 * Everything that is not a row change of one of our tables (heartbeats, a table we do not map) is empty.
 *
 * <p>Column values become plain Java by their Debezium semantic type: {@code io.debezium.time.Date} a LocalDate,
 * {@code ZonedTimestamp} (timestamptz) an Instant, {@code MicroTimestamp} / {@code Timestamp} (timestamp without
 * time zone) an Instant read as UTC, decimals stay the text {@code decimal.handling.mode=string} gives (or a
 * BigDecimal in precise mode) so no value ever passes through floating point.
 */
public final class DebeziumChanges {
    private final JsonConverter json = new JsonConverter();

    public DebeziumChanges() {
        json.configure(Map.of(JsonConverterConfig.SCHEMAS_ENABLE_CONFIG, "false",
                ConverterConfig.TYPE_CONFIG, ConverterType.VALUE.getName()));
    }

    public Optional<RowChange> of(SourceRecord record) {
        if (!(record.value() instanceof Struct envelope) || envelope.schema().field("op") == null
                || envelope.schema().field("source") == null) {
            return Optional.empty();
        }
        Struct source = envelope.getStruct("source");
        Optional<MasterDataTable> table = MasterDataTable.byName(source.getString("table"));
        if (table.isEmpty() || !MasterDataTable.SCHEMA.equals(source.getString("schema"))) {
            return Optional.empty();
        }
        RowChange.Operation operation = switch (envelope.getString("op")) {
            case "r" -> RowChange.Operation.SNAPSHOT;
            case "c" -> RowChange.Operation.INSERT;
            case "u" -> RowChange.Operation.UPDATE;
            case "d" -> RowChange.Operation.DELETE;
            default -> null; // truncate and logical-decoding messages are not row changes
        };
        if (operation == null) {
            return Optional.empty();
        }
        Long lsn = operation == RowChange.Operation.SNAPSHOT ? null : source.getInt64("lsn");
        Instant commitTime = Instant.ofEpochMilli(source.getInt64("ts_ms"));
        return Optional.of(new RowChange(table.get(), operation, row(envelope, "before"), row(envelope, "after"), lsn,
                commitTime, () -> json.fromConnectData(record.topic(), record.valueSchema(), record.value())));
    }

    private static Map<String, Object> row(Struct envelope, String name) {
        Struct row = envelope.getStruct(name);
        if (row == null) {
            return null;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field field : row.schema().fields()) {
            values.put(field.name(), value(field.schema(), row.get(field)));
        }
        return values;
    }

    /** A column value by its semantic type; a value of an unexpected Java type stays as it is. */
    static Object value(Schema schema, Object value) {
        if (value == null || schema.name() == null) {
            return value;
        }
        return switch (schema.name()) {
            case "io.debezium.time.Date" -> value instanceof Integer days ? LocalDate.ofEpochDay(days) : value;
            case "io.debezium.time.ZonedTimestamp" -> value instanceof String text ? zoned(text) : value;
            case "io.debezium.time.Timestamp" -> value instanceof Long millis ? Instant.ofEpochMilli(millis) : value;
            case "io.debezium.time.MicroTimestamp" -> value instanceof Long micros
                    ? Instant.EPOCH.plusSeconds(Math.floorDiv(micros, 1_000_000L))
                            .plusNanos(Math.floorMod(micros, 1_000_000L) * 1_000L)
                    : value;
            // time (of day): the shop calendars' starting and ending times
            case "io.debezium.time.MicroTime" -> value instanceof Long micros
                    ? java.time.LocalTime.ofNanoOfDay(Math.floorMod(micros, 86_400_000_000L) * 1_000L) : value;
            case "io.debezium.time.Time" -> value instanceof Integer millis
                    ? java.time.LocalTime.ofNanoOfDay(Math.floorMod(millis, 86_400_000) * 1_000_000L) : value;
            case "io.debezium.time.NanoTimestamp" -> value instanceof Long nanos
                    ? Instant.EPOCH.plusNanos(nanos) : value;
            case "org.apache.kafka.connect.data.Date" -> value instanceof Date date
                    ? LocalDate.ofInstant(date.toInstant(), ZoneOffset.UTC) : value;
            case "org.apache.kafka.connect.data.Timestamp" -> value instanceof Date date ? date.toInstant() : value;
            case "io.debezium.data.VariableScaleDecimal" -> value instanceof Struct decimal
                    ? new BigDecimal(new BigInteger(decimal.getBytes("value")), decimal.getInt32("scale")) : value;
            default -> value;
        };
    }

    private static Object zoned(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return text; // the contract check refuses it with the column's name
        }
    }
}
