package io.shopfloor.ledger;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/**
 * The PostgreSQL types of the ledger columns, each with its binary COPY form: the writer streams rows in that form,
 * so PostgreSQL parses no text (numeric, date and timestamp input were a large part of its work per row).
 */
public enum ColumnType {
    TEXT("text"),
    INT4("int4"),
    INT8("int8"),
    NUMERIC("numeric"),
    BOOL("bool"),
    DATE("date"),
    TIMESTAMPTZ("timestamptz"),
    BYTEA("bytea"),
    JSONB("jsonb");

    /** 2000-01-01, PostgreSQL's epoch, in days and seconds since 1970-01-01. */
    private static final int POSTGRES_EPOCH_DAY = 10_957;
    private static final long POSTGRES_EPOCH_SECOND = 946_684_800L;
    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1000};

    private final String udtName;

    ColumnType(String udtName) {
        this.udtName = udtName;
    }

    /** The type's name as {@code information_schema.columns.udt_name} gives it. */
    public String udtName() {
        return udtName;
    }

    /** Appends the value as one field of a binary COPY tuple: its length (-1 for NULL), then its bytes. */
    void encode(Object value, CopyBuffer out) {
        if (value == null) {
            out.putInt(-1);
            return;
        }
        switch (this) {
            case TEXT -> out.putLengthAndUtf8(StoreRow.text(value));
            case INT4 -> {
                out.putInt(4);
                out.putInt(value instanceof Long l ? Math.toIntExact(l) : ((Number) integral(value)).intValue());
            }
            case INT8 -> {
                out.putInt(8);
                out.putLong(((Number) integral(value)).longValue());
            }
            case NUMERIC -> numeric(decimal(value), out);
            case BOOL -> {
                out.putInt(1);
                out.putByte((Boolean) value ? 1 : 0);
            }
            case DATE -> {
                out.putInt(4);
                out.putInt(Math.toIntExact(((LocalDate) value).toEpochDay() - POSTGRES_EPOCH_DAY));
            }
            case TIMESTAMPTZ -> {
                Instant instant = instant(value);
                out.putInt(8);
                // Microseconds, rounded as PostgreSQL rounds the text form.
                out.putLong(Math.addExact(Math.multiplyExact(instant.getEpochSecond() - POSTGRES_EPOCH_SECOND,
                        1_000_000L), (instant.getNano() + 500) / 1000));
            }
            case BYTEA -> {
                byte[] bytes = bytes(value);
                out.putInt(bytes.length);
                out.putBytes(bytes);
            }
            case JSONB -> out.putLengthVersionAndUtf8((byte) 1, value.toString());
            default -> throw new IllegalStateException(this.name());
        }
    }

    private static Object integral(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return value;
        }
        throw new IllegalArgumentException("not an integer: " + value + " (" + value.getClass().getName() + ")");
    }

    private static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            return BigDecimal.valueOf(((Number) value).doubleValue());
        }
        throw new IllegalArgumentException("not a number: " + value + " (" + value.getClass().getName() + ")");
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof ZonedDateTime time) {
            return time.toInstant();
        }
        throw new IllegalArgumentException("not an instant: " + value + " (" + value.getClass().getName() + ")");
    }

    private static byte[] bytes(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        ByteBuffer copy = ((ByteBuffer) value).duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    /**
     * PostgreSQL's binary numeric: digit count, weight of the first digit, sign, display scale, then base-10000
     * digits, most significant first, without leading or trailing zero digits.
     */
    static void numeric(BigDecimal value, CopyBuffer out) {
        BigDecimal decimal = value.scale() < 0 ? value.setScale(0) : value;
        int scale = decimal.scale();
        BigInteger unscaled = decimal.unscaledValue();
        int signum = unscaled.signum();
        if (signum == 0) {
            out.putInt(8);
            out.putShort(0);
            out.putShort(0);
            out.putShort(0);
            out.putShort(scale);
            return;
        }
        // Shift the digits left so that the decimal point falls between two base-10000 digits.
        int shift = (4 - scale % 4) % 4;
        int fractionDigits = (scale + shift) / 4;
        short[] digits;
        int count = 0;
        if (unscaled.bitLength() < 53) {
            long rest = Math.abs(unscaled.longValue()) * POWERS_OF_TEN[shift];
            digits = new short[5];
            while (rest != 0) {
                digits[count++] = (short) (rest % 10_000);
                rest /= 10_000;
            }
        } else {
            String text = unscaled.abs().multiply(BigInteger.TEN.pow(shift)).toString();
            digits = new short[(text.length() + 3) / 4];
            for (int end = text.length(); end > 0; end -= 4) {
                digits[count++] = Short.parseShort(text.substring(Math.max(0, end - 4), end));
            }
        }
        int lowest = 0;
        while (digits[lowest] == 0) {
            lowest++;
        }
        int written = count - lowest;
        out.putInt(8 + 2 * written);
        out.putShort(written);
        out.putShort(count - 1 - fractionDigits);
        out.putShort(signum < 0 ? 0x4000 : 0);
        out.putShort(scale);
        for (int i = count - 1; i >= lowest; i--) {
            out.putShort(digits[i]);
        }
    }
}
