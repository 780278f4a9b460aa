package io.shopfloor.job.types;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Field encodings shared by the state serializers: every value may be null (a flag or a negative length first),
 * enums travel by name (reordering constants keeps state readable), strings as UTF-8 after their length.
 */
public final class StateIO {
    private StateIO() {
    }

    public static void writeString(String value, DataOutputView out) throws IOException {
        MachineInputSerializer.writeString(value, out);
    }

    public static String readString(DataInputView in) throws IOException {
        return MachineInputSerializer.readString(in);
    }

    public static void writeDecimal(BigDecimal value, DataOutputView out) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] unscaled = value.unscaledValue().toByteArray();
        out.writeInt(unscaled.length);
        out.write(unscaled);
        out.writeInt(value.scale());
    }

    public static BigDecimal readDecimal(DataInputView in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        byte[] unscaled = new byte[length];
        in.readFully(unscaled);
        return new BigDecimal(new BigInteger(unscaled), in.readInt());
    }

    public static void writeDate(LocalDate value, DataOutputView out) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value.toEpochDay());
        }
    }

    public static LocalDate readDate(DataInputView in) throws IOException {
        return in.readBoolean() ? LocalDate.ofEpochDay(in.readLong()) : null;
    }

    public static void writeInstant(Instant value, DataOutputView out) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            MachineInputSerializer.writeInstant(value, out);
        }
    }

    public static Instant readInstant(DataInputView in) throws IOException {
        return in.readBoolean() ? MachineInputSerializer.readInstant(in) : null;
    }

    public static void writeEnum(Enum<?> value, DataOutputView out) throws IOException {
        writeString(value == null ? null : value.name(), out);
    }

    public static <E extends Enum<E>> E readEnum(Class<E> type, DataInputView in) throws IOException {
        String name = readString(in);
        return name == null ? null : Enum.valueOf(type, name);
    }

    public static void writeLong(Long value, DataOutputView out) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value);
        }
    }

    public static Long readLong(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readLong() : null;
    }

    /** A collection's size, checked on reading so that a corrupt or foreign stream fails instead of allocating. */
    public static int readCount(DataInputView in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > 10_000_000) {
            throw new IOException("implausible element count " + count + ": not this format");
        }
        return count;
    }
}
