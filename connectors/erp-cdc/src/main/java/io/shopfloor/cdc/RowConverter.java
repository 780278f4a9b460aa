package io.shopfloor.cdc;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * An ERP row (column name to value, as {@link DebeziumChanges} normalizes them) to its Avro master-data record.
 * Each Avro field reads the column of the same name in snake_case ({@code qtyPerUnitOfMeasure} from
 * {@code qty_per_unit_of_measure}); the CDC fields ({@code deleted}, {@code sourceLsn}, {@code sourceTimestamp})
 * are the caller's.
 *
 * <p>Values convert exactly or not at all: a decimal keeps its value at the contract's scale (more decimals, a
 * floating-point value or too many digits are refused, never rounded), an option's text must name an enum symbol
 * (the Avro symbol, or BC's caption: "Firm Planned" is FIRM_PLANNED; blank is the BLANK or NONE symbol), and a
 * column without a value fails a field that needs one. Date-times keep milliseconds, the contract's precision.
 */
final class RowConverter {
    /** Filled by the CDC mapping, not read from a column. */
    static final Set<String> CDC_FIELDS = Set.of("deleted", "sourceLsn", "sourceTimestamp");

    private static final Pattern CAMEL_HUMP = Pattern.compile("(?<=[a-z0-9])([A-Z])");
    private static final Pattern NOT_A_SYMBOL_CHARACTER = Pattern.compile("[^A-Z0-9]+");
    /** Field name to column name: the same few hundred names for every row. */
    private static final Map<String, String> COLUMNS = new ConcurrentHashMap<>();

    private RowConverter() {
    }

    /** The column an Avro field reads: {@code qtyPerUnitOfMeasure} is {@code qty_per_unit_of_measure}. */
    static String column(String fieldName) {
        return COLUMNS.computeIfAbsent(fieldName,
                name -> CAMEL_HUMP.matcher(name).replaceAll("_$1").toLowerCase(Locale.ROOT));
    }

    /** Every field from its column; any value that does not fit fails the row. */
    static SpecificRecord toRecord(MasterDataTable table, Map<String, Object> row) throws UnmappableRowException {
        SpecificData model = SpecificData.getForClass(table.recordType());
        Schema schema = model.getSchema(table.recordType());
        SpecificRecord record = (SpecificRecord) model.newRecord(null, schema);
        for (Schema.Field field : schema.getFields()) {
            if (!CDC_FIELDS.contains(field.name())) {
                record.put(field.pos(), convert(model, field.schema(), read(row, field), column(field.name())));
            }
        }
        return record;
    }

    /**
     * The last state of a deleted row: the key fields must convert, the others carry their last value where it
     * fits and their type's blank (empty text, zero, false, first symbol) where it does not or is missing (a
     * table without REPLICA IDENTITY FULL sends only the key of a deleted row). A delete is never refused for a
     * field nobody reads.
     */
    static SpecificRecord toDeletedRecord(MasterDataTable table, Map<String, Object> row)
            throws UnmappableRowException {
        SpecificData model = SpecificData.getForClass(table.recordType());
        Schema schema = model.getSchema(table.recordType());
        SpecificRecord record = (SpecificRecord) model.newRecord(null, schema);
        for (Schema.Field field : schema.getFields()) {
            if (CDC_FIELDS.contains(field.name())) {
                continue;
            }
            String column = column(field.name());
            if (table.keyFields().contains(field.name())) {
                record.put(field.pos(), convert(model, field.schema(), read(row, field), column));
                continue;
            }
            Object value;
            try {
                value = convert(model, field.schema(), row.get(column), column);
            } catch (UnmappableRowException e) {
                value = blank(model, field.schema());
            }
            record.put(field.pos(), value);
        }
        return record;
    }

    private static Object read(Map<String, Object> row, Schema.Field field) throws UnmappableRowException {
        String column = column(field.name());
        if (!row.containsKey(column)) {
            throw new UnmappableRowException("no column " + column + " (field " + field.name() + ")");
        }
        return row.get(column);
    }

    private static Object convert(SpecificData model, Schema schema, Object value, String column)
            throws UnmappableRowException {
        if (schema.getType() == Schema.Type.UNION) {
            Schema valueSchema = null;
            for (Schema branch : schema.getTypes()) {
                if (branch.getType() != Schema.Type.NULL) {
                    valueSchema = branch;
                }
            }
            if (value == null && schema.isNullable()) {
                return null;
            }
            return convert(model, valueSchema, value, column);
        }
        if (value == null) {
            throw new UnmappableRowException(column + " is null; the contract needs a value ("
                    + describe(schema) + ")");
        }
        LogicalType logicalType = schema.getLogicalType();
        if (logicalType instanceof LogicalTypes.Decimal decimal) {
            return decimal(value, decimal, column);
        }
        if (logicalType != null && logicalType.getName().equals(LogicalTypes.date().getName())) {
            return cast(value, LocalDate.class, column, schema);
        }
        if (logicalType != null && logicalType.getName().equals(LogicalTypes.timeMillis().getName())) {
            return cast(value, java.time.LocalTime.class, column, schema).truncatedTo(ChronoUnit.MILLIS);
        }
        if (logicalType != null && logicalType.getName().equals(LogicalTypes.timestampMillis().getName())) {
            return cast(value, Instant.class, column, schema).truncatedTo(ChronoUnit.MILLIS);
        }
        return switch (schema.getType()) {
            case STRING -> cast(value, String.class, column, schema);
            case BOOLEAN -> cast(value, Boolean.class, column, schema);
            case INT -> integer(value, column);
            case LONG -> longValue(value, column);
            case ENUM -> model.createEnum(symbol(schema, cast(value, String.class, column, schema), column), schema);
            default -> throw new UnmappableRowException(column + ": unsupported contract type " + schema);
        };
    }

    private static BigDecimal decimal(Object value, LogicalTypes.Decimal type, String column)
            throws UnmappableRowException {
        BigDecimal number;
        if (value instanceof BigDecimal exact) {
            number = exact;
        } else if (value instanceof String text) {
            try {
                number = new BigDecimal(text.trim());
            } catch (NumberFormatException e) {
                throw new UnmappableRowException(column + " = '" + text + "' is not a decimal number");
            }
        } else {
            // Double and Float included: binary floating point is not an exact decimal.
            throw new UnmappableRowException(column + " = " + value + " (" + value.getClass().getSimpleName()
                    + ") is not an exact decimal");
        }
        BigDecimal scaled;
        try {
            scaled = number.setScale(type.getScale());
        } catch (ArithmeticException e) {
            throw new UnmappableRowException(column + " = " + number.toPlainString() + " has more than "
                    + type.getScale() + " decimals");
        }
        if (scaled.precision() > type.getPrecision()) {
            throw new UnmappableRowException(column + " = " + number.toPlainString() + " has more than "
                    + type.getPrecision() + " digits");
        }
        return scaled;
    }

    private static Integer integer(Object value, String column) throws UnmappableRowException {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        if (value instanceof Long l && l == l.intValue()) {
            return l.intValue();
        }
        throw new UnmappableRowException(column + " = " + value + " is not a 32-bit integer");
    }

    private static Long longValue(Object value, String column) throws UnmappableRowException {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        throw new UnmappableRowException(column + " = " + value + " is not a 64-bit integer");
    }

    /** An option's text as a symbol of the enum: the symbol itself, BC's caption, or blank for BLANK / NONE. */
    static String symbol(Schema enumSchema, String text, String column) throws UnmappableRowException {
        if (enumSchema.hasEnumSymbol(text)) {
            return text; // the reference ERP stores the symbols themselves
        }
        String normalized = NOT_A_SYMBOL_CHARACTER.matcher(text.trim().toUpperCase(Locale.ROOT)).replaceAll("_")
                .replaceAll("^_+|_+$", "");
        if (normalized.isEmpty()) {
            for (String blank : new String[] {"BLANK", "NONE"}) {
                if (enumSchema.hasEnumSymbol(blank)) {
                    return blank;
                }
            }
        }
        if (!enumSchema.hasEnumSymbol(normalized)) {
            throw new UnmappableRowException(column + " = '" + text + "' is not a " + enumSchema.getName() + " "
                    + enumSchema.getEnumSymbols());
        }
        return normalized;
    }

    private static <T> T cast(Object value, Class<T> type, String column, Schema schema)
            throws UnmappableRowException {
        if (!type.isInstance(value)) {
            throw new UnmappableRowException(column + " = " + value + " (" + value.getClass().getSimpleName()
                    + ") is not a " + describe(schema));
        }
        return type.cast(value);
    }

    /** The blank of a field's type, for the non-key fields of a deleted row. */
    private static Object blank(SpecificData model, Schema schema) {
        if (schema.isNullable()) {
            return null;
        }
        LogicalType logicalType = schema.getLogicalType();
        if (logicalType instanceof LogicalTypes.Decimal decimal) {
            return BigDecimal.ZERO.setScale(decimal.getScale());
        }
        if (logicalType != null && logicalType.getName().equals(LogicalTypes.date().getName())) {
            return LocalDate.EPOCH;
        }
        if (logicalType != null && logicalType.getName().equals(LogicalTypes.timeMillis().getName())) {
            return java.time.LocalTime.MIDNIGHT;
        }
        if (logicalType != null && logicalType.getName().equals(LogicalTypes.timestampMillis().getName())) {
            return Instant.EPOCH;
        }
        return switch (schema.getType()) {
            case STRING -> "";
            case BOOLEAN -> false;
            case INT -> 0;
            case LONG -> 0L;
            case ENUM -> model.createEnum(schema.getEnumSymbols().get(0), schema);
            default -> throw new IllegalStateException("no blank for " + schema);
        };
    }

    private static String describe(Schema schema) {
        LogicalType logicalType = schema.getLogicalType();
        if (logicalType instanceof LogicalTypes.Decimal decimal) {
            return "decimal(" + decimal.getPrecision() + "," + decimal.getScale() + ")";
        }
        if (logicalType != null) {
            return logicalType.getName();
        }
        return schema.getType() == Schema.Type.ENUM ? schema.getName() : schema.getType().getName();
    }
}
