package io.shopfloor.ledger.model;

import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * {@link LedgerFields} as the ledger's Avro record: every field of the record's schema takes the model's value of
 * the same name (a schema field the model does not give is a bug and throws). Only representation changes, by the
 * schema's type: BC's blanks for the rules' nulls ("" for codes, 0 for numbers, NONE for enums) where the field has
 * no null, enums by name, decimals rescaled exactly to the field's scale (a value that does not fit is a bug and
 * throws {@link IllegalStateException}; a {@link LedgerFields.Quotient} is rounded half-up).
 */
public final class AvroLedger {

    private AvroLedger() {
    }

    /** The record of the fields' ledger; a warehouse request has none. */
    public static SpecificRecord record(LedgerFields fields) {
        Class<? extends SpecificRecord> type = fields.ledger().recordType();
        if (type == null) {
            throw new IllegalArgumentException(fields.ledger() + " has no Kafka record");
        }
        return record(fields, type);
    }

    public static <R extends SpecificRecord> R record(LedgerFields fields, Class<R> type) {
        if (type != fields.ledger().recordType()) {
            throw new IllegalArgumentException(fields.ledger() + " is not a " + type.getSimpleName());
        }
        R record;
        try {
            record = type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Avro record without a public no-argument constructor: " + type, e);
        }
        for (Schema.Field field : record.getSchema().getFields()) {
            record.put(field.pos(), value(field.name(), field.schema(), fields.get(field.name())));
        }
        return record;
    }

    private static Object value(String name, Schema schema, Object value) {
        if (schema.getType() == Schema.Type.UNION) {
            if (value == null) {
                return null;
            }
            Schema branch = schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst()
                    .orElseThrow();
            return value(name, branch, value);
        }
        LogicalType logical = schema.getLogicalType();
        if (logical instanceof LogicalTypes.Decimal decimal) {
            return decimal(name, value, decimal.getScale());
        }
        if (logical != null) {
            // date and timestamp-millis: the model's LocalDate and Instant, as the specific records hold them.
            return required(name, value);
        }
        return switch (schema.getType()) {
            case STRING -> value == null ? "" : value.toString();
            case ENUM -> SpecificData.get().createEnum(value == null ? none(name, schema) : value.toString(), schema);
            case INT -> value == null ? 0 : Math.toIntExact(((Number) value).longValue());
            case LONG -> value == null ? 0L : ((Number) value).longValue();
            case BOOLEAN -> required(name, value);
            default -> throw new IllegalStateException(name + ": Avro type " + schema.getType() + " not mapped");
        };
    }

    private static BigDecimal decimal(String name, Object value, int scale) {
        if (value instanceof LedgerFields.Quotient quotient) {
            return quotient.value() == null ? BigDecimal.ZERO.setScale(scale)
                    : quotient.value().setScale(scale, RoundingMode.HALF_UP);
        }
        if (value == null) {
            // A field the rules fill only in some cases (e.g. the capacity unit of a Units-costed entry).
            return BigDecimal.ZERO.setScale(scale);
        }
        BigDecimal decimal = (BigDecimal) value;
        try {
            return decimal.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            // The rules round quantities to 5 and amounts to 2 decimals: a value that is not is a bug.
            throw new IllegalStateException(name + " = " + decimal.toPlainString() + " has more than " + scale
                    + " decimals", e);
        }
    }

    private static String none(String name, Schema schema) {
        if (!schema.getEnumSymbols().contains("NONE")) {
            throw new IllegalStateException(name + " is null and " + schema.getName() + " has no NONE");
        }
        return "NONE";
    }

    private static Object required(String name, Object value) {
        if (value == null) {
            throw new IllegalStateException(name + " is null and its Avro field has no null");
        }
        return value;
    }
}
