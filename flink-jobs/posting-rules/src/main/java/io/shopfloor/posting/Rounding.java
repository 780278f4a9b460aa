package io.shopfloor.posting;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Business Central rounding: quantities and times to 0.00001, amounts half-up to 0.01, components up to precision. */
public final class Rounding {
    public static final int QTY_SCALE = 5;
    public static final int AMOUNT_SCALE = 2;
    /** Scale for intermediate divisions, far below both precisions. */
    static final int WORK_SCALE = 12;

    private Rounding() {
    }

    /** BC {@code Round(x, 0.00001)}. */
    public static BigDecimal qty(BigDecimal x) {
        return x.setScale(QTY_SCALE, RoundingMode.HALF_UP);
    }

    /** BC {@code Round(x)} on amounts: half-up to the 0.01 amount rounding precision. */
    public static BigDecimal amount(BigDecimal x) {
        return x.setScale(AMOUNT_SCALE, RoundingMode.HALF_UP);
    }

    /** {@code RoundToItemRndPrecision}: round to 0.00001 first, then upwards to a multiple of the precision. */
    public static BigDecimal roundUp(BigDecimal x, BigDecimal precision) {
        BigDecimal rounded = qty(x);
        if (precision == null || precision.signum() <= 0) {
            return rounded;
        }
        return qty(rounded.divide(precision, 0, RoundingMode.CEILING).multiply(precision));
    }

    /** BC {@code Round(x, precision)}: to the nearest multiple, half-up. */
    public static BigDecimal round(BigDecimal x, BigDecimal precision) {
        if (precision == null || precision.signum() <= 0) {
            return qty(x);
        }
        return qty(x.divide(precision, 0, RoundingMode.HALF_UP).multiply(precision));
    }

    static BigDecimal divide(BigDecimal x, BigDecimal y) {
        return x.divide(y, WORK_SCALE, RoundingMode.HALF_UP);
    }

    static BigDecimal percent(BigDecimal pct) {
        return pct.movePointLeft(2);
    }
}
