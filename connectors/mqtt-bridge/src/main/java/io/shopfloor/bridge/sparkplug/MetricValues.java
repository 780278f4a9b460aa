package io.shopfloor.bridge.sparkplug;

import io.shopfloor.bridge.translate.BadInputException;
import io.shopfloor.bridge.translate.ReasonCodes;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload.Metric;

/**
 * Typed values of Sparkplug metrics, read from the protobuf as the Sparkplug B encoding rules put them: 8- to
 * 32-bit integers in {@code int_value} (signed ones as two's complement), 64-bit ones in {@code long_value}.
 */
final class MetricValues {

    private MetricValues() {
    }

    static boolean isInteger(MetricDataType type) {
        return isSigned(type) || type.equals(MetricDataType.UInt8) || type.equals(MetricDataType.UInt16)
                || type.equals(MetricDataType.UInt32) || type.equals(MetricDataType.UInt64);
    }

    private static boolean isSigned(MetricDataType type) {
        return type.equals(MetricDataType.Int8) || type.equals(MetricDataType.Int16)
                || type.equals(MetricDataType.Int32) || type.equals(MetricDataType.Int64);
    }

    /** A counter value: an unsigned integer that fits {@code widthBits}, as the signed long of the same bits. */
    static long counter(Metric metric, MetricDataType type, int widthBits) throws BadInputException {
        if (!isInteger(type)) {
            throw new BadInputException(ReasonCodes.WRONG_TYPE, "metric " + describe(metric) + " is " + type
                    + ", a counter must be an integer type");
        }
        long value;
        boolean negative;
        if (metric.hasIntValue()) {
            int raw = metric.getIntValue();
            if (type.equals(MetricDataType.Int8)) {
                value = (byte) raw;
            } else if (type.equals(MetricDataType.Int16)) {
                value = (short) raw;
            } else if (type.equals(MetricDataType.Int32) || type.equals(MetricDataType.Int64)) {
                value = raw;
            } else {
                value = Integer.toUnsignedLong(raw);
            }
            negative = value < 0;
        } else if (metric.hasLongValue()) {
            value = metric.getLongValue();
            negative = isSigned(type) && value < 0; // UInt64 uses all 64 bits
        } else {
            throw new BadInputException(ReasonCodes.WRONG_TYPE, "metric " + describe(metric) + " of type " + type
                    + " carries " + metric.getValueCase() + ", not an integer value");
        }
        if (negative) {
            throw new BadInputException(ReasonCodes.NEGATIVE_COUNTER, "metric " + describe(metric) + " value "
                    + value + " is negative");
        }
        if (widthBits < 64 && value >>> widthBits != 0) {
            throw new BadInputException(ReasonCodes.VALUE_OUT_OF_RANGE, "metric " + describe(metric) + " value "
                    + Long.toUnsignedString(value) + " does not fit a " + widthBits + "-bit counter");
        }
        return value;
    }

    /** A String or Text metric's value. */
    static String text(Metric metric, MetricDataType type) throws BadInputException {
        if ((type.equals(MetricDataType.String) || type.equals(MetricDataType.Text)) && metric.hasStringValue()) {
            return metric.getStringValue();
        }
        throw new BadInputException(ReasonCodes.WRONG_TYPE, "metric " + describe(metric) + " is " + type
                + " carrying " + metric.getValueCase() + ", expected a String");
    }

    /** A stop code: text, or an integer code as its decimal digits. */
    static String code(Metric metric, MetricDataType type) throws BadInputException {
        if (isInteger(type) && (metric.hasIntValue() || metric.hasLongValue())) {
            return Long.toString(metric.hasIntValue() ? metric.getIntValue() : metric.getLongValue());
        }
        return text(metric, type);
    }

    /** An integer metric as a long (bdSeq). */
    static long integer(Metric metric, MetricDataType type) throws BadInputException {
        if (isInteger(type) && metric.hasLongValue()) {
            return metric.getLongValue();
        }
        if (isInteger(type) && metric.hasIntValue()) {
            return Integer.toUnsignedLong(metric.getIntValue());
        }
        throw new BadInputException(ReasonCodes.WRONG_TYPE, "metric " + describe(metric) + " is " + type
                + " carrying " + metric.getValueCase() + ", expected an integer");
    }

    static String describe(Metric metric) {
        return metric.hasName() ? "'" + metric.getName() + "'" : "alias " + metric.getAlias();
    }
}
