package io.shopfloor.job.avro;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Conversions shared by the mappings: BC blank codes vs the rules' nulls, enums by name, decimal scales. */
final class AvroValues {
    /** Scale of every quantity, time and unit-cost field of the Avro contracts. */
    static final int QTY_SCALE = 5;
    /** Scale of every amount field of the Avro contracts. */
    static final int AMOUNT_SCALE = 2;

    private AvroValues() {
    }

    /** In BC a blank code means "none"; the rules say none with null. */
    static String blankToNull(String code) {
        return code == null || code.isBlank() ? null : code;
    }

    static String nullToBlank(String code) {
        return code == null ? "" : code;
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    /** Both sides spell their enum constants alike (PICK_FORWARD, MACHINE_CENTER, ...). */
    static <E extends Enum<E>> E byName(Enum<?> value, Class<E> target) {
        return value == null ? null : Enum.valueOf(target, value.name());
    }

    static BigDecimal qty(String field, BigDecimal value) {
        return rescale(field, value, QTY_SCALE);
    }

    static BigDecimal amount(String field, BigDecimal value) {
        return rescale(field, value, AMOUNT_SCALE);
    }

    /**
     * The rules already round quantities to 5 and amounts to 2 decimals, so rescaling must be exact; a value that
     * is not is a bug in the rules and must not be rounded away silently. A null (a field the rules fill only in
     * some cases, e.g. the capacity unit of measure of a Units-costed entry) becomes zero: the Avro field has no
     * null.
     */
    static BigDecimal rescale(String field, BigDecimal value, int scale) {
        if (value == null) {
            return BigDecimal.ZERO.setScale(scale);
        }
        try {
            return value.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new IllegalStateException(field + " = " + value.toPlainString() + " has more than " + scale
                    + " decimals", e);
        }
    }
}
