package io.shopfloor.job.types;

import io.shopfloor.job.machine.WindowTotals;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

import static io.shopfloor.job.types.StateIO.readCount;
import static io.shopfloor.job.types.StateIO.readInstant;
import static io.shopfloor.job.types.StateIO.readString;
import static io.shopfloor.job.types.StateIO.writeInstant;
import static io.shopfloor.job.types.StateIO.writeString;

/**
 * A machine's {@link WindowTotals} with a format version of their own, inside the order inputs
 * ({@link OrderInputSerializer}'s kind {@code TOTALS_VERSIONED}), so that a further field of the totals is a format
 * bump here instead of one more order-input kind.
 *
 * <p>Format 1: machine id, from, to, order no., order line no., operation no., good and scrap parts, setup, run,
 * stop, no-signal and idle millis, planned stop millis, unclocked parts, then the stop millis by code (count, then
 * code and millis of each). (Order-input kinds 2 and 10 wrote the totals before, without a version and without the
 * stop millis by code; they stay readable there.)
 */
public final class WindowTotalsSerializer extends VersionedSerializer<WindowTotals> {
    private static final long serialVersionUID = 1L;

    public static final WindowTotalsSerializer INSTANCE = new WindowTotalsSerializer();

    @Override
    public int version() {
        return 1;
    }

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public WindowTotals createInstance() {
        return new WindowTotals("", java.time.Instant.EPOCH, java.time.Instant.EPOCH, null, 0, null, 0, 0, 0, 0, 0,
                0, 0);
    }

    @Override
    protected void write(WindowTotals t, DataOutputView out) throws IOException {
        writeString(t.machineId(), out);
        writeInstant(t.from(), out);
        writeInstant(t.to(), out);
        writeString(t.orderNo(), out);
        out.writeInt(t.orderLineNo());
        writeString(t.operationNo(), out);
        out.writeLong(t.goodParts());
        out.writeLong(t.scrapParts());
        out.writeLong(t.setupMillis());
        out.writeLong(t.runMillis());
        out.writeLong(t.stopMillis());
        out.writeLong(t.noSignalMillis());
        out.writeLong(t.idleMillis());
        out.writeLong(t.plannedStopMillis());
        out.writeLong(t.unclockedParts());
        out.writeInt(t.stopMillisByCode().size());
        for (Map.Entry<String, Long> stop : t.stopMillisByCode().entrySet()) {
            writeString(stop.getKey(), out);
            out.writeLong(stop.getValue());
        }
    }

    @Override
    protected WindowTotals read(int version, DataInputView in) throws IOException {
        String machineId = readString(in);
        java.time.Instant from = readInstant(in);
        java.time.Instant to = readInstant(in);
        String orderNo = readString(in);
        int orderLineNo = in.readInt();
        String operationNo = readString(in);
        long good = in.readLong();
        long scrap = in.readLong();
        long setup = in.readLong();
        long run = in.readLong();
        long stop = in.readLong();
        long noSignal = in.readLong();
        long idle = in.readLong();
        long plannedStop = in.readLong();
        long unclocked = in.readLong();
        TreeMap<String, Long> byCode = new TreeMap<>();
        for (int i = readCount(in); i > 0; i--) {
            byCode.put(readString(in), in.readLong());
        }
        return new WindowTotals(machineId, from, to, orderNo, orderLineNo, operationNo, good, scrap, setup, run,
                stop, noSignal, idle, plannedStop, unclocked, byCode);
    }
}
