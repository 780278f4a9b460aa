package io.shopfloor.job.machine;

import io.shopfloor.job.types.VersionedSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;

import static io.shopfloor.job.types.StateIO.readCount;
import static io.shopfloor.job.types.StateIO.readEnum;
import static io.shopfloor.job.types.StateIO.readInstant;
import static io.shopfloor.job.types.StateIO.readString;
import static io.shopfloor.job.types.StateIO.writeEnum;
import static io.shopfloor.job.types.StateIO.writeInstant;
import static io.shopfloor.job.types.StateIO.writeString;

/**
 * Keyed-state serializer of {@link MachineTimeline} (the timeline state of the machine signals).
 *
 * <p>Format 4: format 3, then the window's stop millis by code (count, then code and millis of each; at most
 * {@link MachineTimeline#MAX_STOP_CODES_PER_WINDOW}), so that the order stage can classify them by the ERP's stop
 * codes.
 *
 * <p>Format 3: format 2, then when the last silence ended, and the window's planned stop millis and unclocked parts
 * (the OEE time model's totals). The planned stop codes are settings, not state. Its values read no stop time by
 * code: the window running at the restore has its stops without a code (a loss, unless its planned stop millis,
 * kept as read, declared them planned).
 *
 * <p>Format 2: machine id; finalized-until, window start and end, last signal; state, stop code, state since,
 * state before the stop; context and suspended context; pending signals; accumulations; unattributed; totals;
 * the wake-up asked for. Its values read no silence end (parts counted after a silence that ended before the
 * restore count in performance) and 0 planned stop millis and unclocked parts for the window running then (its
 * stops count as unplanned).
 *
 * <p>Format 1 (release 1) had the settings after the machine id (posting interval, micro-stop threshold, no-signal
 * timeout in millis, time zone, shift starts) and no wake-up: its settings are read and dropped (the operator's
 * apply, {@link MachineTimeline#useSettings}), its wake-up is none (the next one is registered again, which is
 * merely redundant). A value read here has no settings until the operator gives them.
 */
public final class MachineTimelineSerializer extends VersionedSerializer<MachineTimeline> {
    private static final long serialVersionUID = 1L;

    public static final MachineTimelineSerializer INSTANCE = new MachineTimelineSerializer();

    private static final byte STATE_CHANGED = 1;
    private static final byte PARTS_COUNTED = 2;
    private static final byte HEARTBEAT = 3;
    private static final byte OPERATION_CHANGED = 4;

    @Override
    public int version() {
        return 4;
    }

    @Override
    public MachineTimeline createInstance() {
        return new MachineTimeline("", null);
    }

    @Override
    public MachineTimeline copy(MachineTimeline from) {
        return from == null ? null : super.copy(from).useSettings(from.settings);
    }

    @Override
    protected void write(MachineTimeline t, DataOutputView out) throws IOException {
        writeString(t.machineId, out);
        writeInstant(t.finalizedUntil, out);
        writeInstant(t.windowStart, out);
        writeInstant(t.windowEnd, out);
        writeInstant(t.lastSignal, out);
        writeEnum(t.state, out);
        writeString(t.stopCode, out);
        writeInstant(t.stateSince, out);
        writeEnum(t.stateBeforeStop, out);
        writeContext(t.context, out);
        out.writeBoolean(t.suspended != null);
        if (t.suspended != null) {
            writeContext(t.suspended, out);
        }
        out.writeInt(t.pending.size());
        for (MachineSignal signal : t.pending) {
            writeSignal(signal, out);
        }
        out.writeInt(t.accumulations.size());
        for (MachineTimeline.Accumulation accumulation : t.accumulations.values()) {
            writeContext(accumulation.context, out);
            writeAmounts(accumulation, out);
        }
        writeAmounts(t.unattributed, out);
        MachineTimeline.Totals totals = t.totals;
        out.writeLong(totals.good);
        out.writeLong(totals.scrap);
        out.writeLong(totals.setupMillis);
        out.writeLong(totals.runMillis);
        out.writeLong(totals.stopMillis);
        out.writeLong(totals.noSignalMillis);
        out.writeLong(totals.idleMillis);
        out.writeLong(t.wakeUpAskedMillis);
        writeInstant(t.silenceEndedAt, out);
        out.writeLong(totals.plannedStopMillis);
        out.writeLong(totals.unclockedParts);
        out.writeInt(totals.stopMillisByCode.size());
        for (Map.Entry<String, Long> stop : totals.stopMillisByCode.entrySet()) {
            writeString(stop.getKey(), out);
            out.writeLong(stop.getValue());
        }
    }

    @Override
    protected MachineTimeline read(int version, DataInputView in) throws IOException {
        MachineTimeline t = new MachineTimeline(readString(in), null);
        if (version == 1) {
            skipSettings(in);
        }
        t.finalizedUntil = readInstant(in);
        t.windowStart = readInstant(in);
        t.windowEnd = readInstant(in);
        t.lastSignal = readInstant(in);
        t.state = readEnum(MachineState.class, in);
        t.stopCode = readString(in);
        t.stateSince = readInstant(in);
        t.stateBeforeStop = readEnum(MachineState.class, in);
        t.context = readContext(in);
        t.suspended = in.readBoolean() ? readContext(in) : null;
        for (int i = readCount(in); i > 0; i--) {
            t.pending.add(readSignal(in));
        }
        for (int i = readCount(in); i > 0; i--) {
            MachineTimeline.Accumulation accumulation = new MachineTimeline.Accumulation(readContext(in));
            readAmounts(accumulation, in);
            t.accumulations.put(accumulation.context.key(), accumulation);
        }
        readAmounts(t.unattributed, in);
        MachineTimeline.Totals totals = t.totals;
        totals.good = in.readLong();
        totals.scrap = in.readLong();
        totals.setupMillis = in.readLong();
        totals.runMillis = in.readLong();
        totals.stopMillis = in.readLong();
        totals.noSignalMillis = in.readLong();
        totals.idleMillis = in.readLong();
        if (version >= 2) {
            t.wakeUpAskedMillis = in.readLong();
        }
        if (version >= 3) {
            t.silenceEndedAt = readInstant(in);
            totals.plannedStopMillis = in.readLong();
            totals.unclockedParts = in.readLong();
        }
        if (version >= 4) {
            for (int i = readCount(in); i > 0; i--) {
                totals.stopMillisByCode.put(readString(in), in.readLong());
            }
        }
        return t;
    }

    /** Format 1's settings: posting interval, micro-stop threshold, no-signal timeout, zone, shift starts. */
    private static void skipSettings(DataInputView in) throws IOException {
        in.readLong();
        in.readLong();
        in.readLong();
        readString(in);
        for (int i = readCount(in); i > 0; i--) {
            in.readLong();
            readString(in);
        }
    }

    private static void writeContext(MachineTimeline.Context c, DataOutputView out) throws IOException {
        writeEnum(c.kind(), out);
        writeString(c.orderNo(), out);
        out.writeInt(c.orderLineNo());
        writeString(c.operationNo(), out);
        out.writeBoolean(c.inSetup());
        writeString(c.activityCode(), out);
        writeString(c.operatorId(), out);
    }

    private static MachineTimeline.Context readContext(DataInputView in) throws IOException {
        return new MachineTimeline.Context(readEnum(MachineTimeline.Context.Kind.class, in), readString(in),
                in.readInt(), readString(in), in.readBoolean(), readString(in), readString(in));
    }

    private static void writeAmounts(MachineTimeline.Accumulation a, DataOutputView out) throws IOException {
        out.writeLong(a.setupMillis);
        out.writeLong(a.runMillis);
        out.writeLong(a.good);
        out.writeLong(a.scrap);
        out.writeInt(a.stopMillis.size());
        for (Map.Entry<String, Long> stop : a.stopMillis.entrySet()) {
            writeString(stop.getKey(), out);
            out.writeLong(stop.getValue());
        }
    }

    private static void readAmounts(MachineTimeline.Accumulation a, DataInputView in) throws IOException {
        a.setupMillis = in.readLong();
        a.runMillis = in.readLong();
        a.good = in.readLong();
        a.scrap = in.readLong();
        for (int i = readCount(in); i > 0; i--) {
            a.stopMillis.put(readString(in), in.readLong());
        }
    }

    private static void writeSignal(MachineSignal signal, DataOutputView out) throws IOException {
        if (signal instanceof MachineSignal.StateChanged s) {
            out.writeByte(STATE_CHANGED);
            writeInstant(s.eventTime(), out);
            writeEnum(s.state(), out);
            writeString(s.stopCode(), out);
        } else if (signal instanceof MachineSignal.PartsCounted p) {
            out.writeByte(PARTS_COUNTED);
            writeInstant(p.eventTime(), out);
            writeEnum(p.kind(), out);
            out.writeLong(p.count());
        } else if (signal instanceof MachineSignal.Heartbeat h) {
            out.writeByte(HEARTBEAT);
            writeInstant(h.eventTime(), out);
        } else {
            MachineSignal.OperationChanged o = (MachineSignal.OperationChanged) signal;
            out.writeByte(OPERATION_CHANGED);
            writeInstant(o.eventTime(), out);
            writeEnum(o.type(), out);
            writeString(o.orderNo(), out);
            out.writeInt(o.orderLineNo());
            writeString(o.operationNo(), out);
            writeString(o.activityCode(), out);
            writeString(o.operatorId(), out);
        }
    }

    private static MachineSignal readSignal(DataInputView in) throws IOException {
        byte kind = in.readByte();
        Instant eventTime = readInstant(in);
        return switch (kind) {
            case STATE_CHANGED -> new MachineSignal.StateChanged(eventTime, readEnum(MachineState.class, in),
                    readString(in));
            case PARTS_COUNTED -> new MachineSignal.PartsCounted(eventTime,
                    readEnum(CounterReading.CounterKind.class, in), in.readLong());
            case HEARTBEAT -> new MachineSignal.Heartbeat(eventTime);
            case OPERATION_CHANGED -> new MachineSignal.OperationChanged(eventTime,
                    readEnum(MachineSignal.OperationChanged.Type.class, in), readString(in), in.readInt(),
                    readString(in), readString(in), readString(in));
            default -> throw new IOException("not a machine signal: kind " + kind);
        };
    }
}
