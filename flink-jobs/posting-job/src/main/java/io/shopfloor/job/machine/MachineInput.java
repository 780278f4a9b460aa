package io.shopfloor.job.machine;

import java.io.Serializable;
import java.time.Instant;
import java.util.Comparator;

/**
 * One input of the per-machine stage: a counter reading, a state change or an operation event (exactly one is
 * set). A record of records, so Flink serializes it with its own record serializers on the hot path.
 * {@code source} keeps the fields of the bridge's record that the stage does not use, so that a rejected input
 * can be written back as the record it came from (null: not known, e.g. built by a test or restored from a
 * checkpoint of an older version).
 */
public record MachineInput(String machineId, CounterReading reading, MachineSignal.StateChanged state,
                           MachineSignal.OperationChanged operation, Source source) implements Serializable {

    /**
     * What the bridge's record carried besides the signal: when the bridge received it ({@code receivedTime}),
     * the controller's boot epoch (state changes), the sequence number (state changes; for readings whether it was
     * set) and the event id (operation events). Null where the record had none or its type lacks the field. Not
     * kept: a reading's MQTT topic (diagnostic only, and as many bytes again as the rest of the reading).
     */
    public record Source(Instant receivedTime, Long bootEpoch, Long sequenceNumber, String eventId)
            implements Serializable {
    }

    public static MachineInput of(CounterReading reading) {
        return new MachineInput(reading.machineId(), reading, null, null, null);
    }

    public static MachineInput of(String machineId, MachineSignal.StateChanged state) {
        return new MachineInput(machineId, null, state, null, null);
    }

    public static MachineInput of(String machineId, MachineSignal.OperationChanged operation) {
        return new MachineInput(machineId, null, null, operation, null);
    }

    /** This input with what its source record carried besides the signal. */
    public MachineInput withSource(Source newSource) {
        return new MachineInput(machineId, reading, state, operation, newSource);
    }

    /** The state change or operation event; null for a counter reading. */
    public MachineSignal signal() {
        return state != null ? state : operation;
    }

    public Instant eventTime() {
        return reading != null ? reading.eventTime() : signal().eventTime();
    }

    /**
     * Rank among inputs of the same instant: counter readings first (they report what happened up to that
     * instant, so the last count before an operation finishes is still the operation's), then states, then
     * operation events.
     */
    public int rank() {
        return reading != null ? 0 : state != null ? 1 : 2;
    }

    /**
     * A total order of inputs by event time, rank, then content, that does not depend on arrival: event time, rank,
     * machine id; then readings by counter name, boot epoch, value, sequence number, kind and width; states by
     * state and stop code (null first); operation events by type, order no., line no., operation no., activity
     * code and operator (null as "null"); last by the source fields (received time, boot epoch, sequence
     * number, event id). Written out rather than chained, since it runs for every input.
     */
    public static final Comparator<MachineInput> EVENT_ORDER = MachineInput::compareEventOrder;

    private static int compareEventOrder(MachineInput a, MachineInput b) {
        int c = a.eventTime().compareTo(b.eventTime());
        if (c != 0) {
            return c;
        }
        c = Integer.compare(a.rank(), b.rank());
        if (c != 0) {
            return c;
        }
        c = a.machineId.compareTo(b.machineId);
        if (c != 0) {
            return c;
        }
        c = compareReadings(a.reading, b.reading);
        if (c != 0) {
            return c;
        }
        c = compareStates(a.state, b.state);
        if (c != 0) {
            return c;
        }
        c = compareOperations(a.operation, b.operation);
        return c != 0 ? c : compareSources(a.source, b.source);
    }

    private static final Comparator<Instant> NULL_FIRST_INSTANTS =
            Comparator.nullsFirst(Comparator.naturalOrder());
    private static final Comparator<Long> NULL_FIRST_LONGS = Comparator.nullsFirst(Comparator.naturalOrder());

    /** Only inputs equal in all else get here (a message the bridge received twice): by source fields. */
    private static int compareSources(Source a, Source b) {
        if (a == null || b == null) {
            return a == b ? 0 : a == null ? -1 : 1;
        }
        int c = NULL_FIRST_INSTANTS.compare(a.receivedTime(), b.receivedTime());
        if (c == 0) {
            c = NULL_FIRST_LONGS.compare(a.bootEpoch(), b.bootEpoch());
        }
        if (c == 0) {
            c = NULL_FIRST_LONGS.compare(a.sequenceNumber(), b.sequenceNumber());
        }
        return c != 0 ? c : String.valueOf(a.eventId()).compareTo(String.valueOf(b.eventId()));
    }

    private static int compareReadings(CounterReading a, CounterReading b) {
        if (a == null || b == null) {
            return a == b ? 0 : a == null ? -1 : 1;
        }
        int c = a.counterName().compareTo(b.counterName());
        if (c == 0) {
            c = Long.compare(a.bootEpoch(), b.bootEpoch());
        }
        if (c == 0) {
            c = Long.compare(a.value(), b.value());
        }
        if (c == 0) {
            c = Long.compare(a.sequenceNumber(), b.sequenceNumber());
        }
        if (c == 0) {
            c = a.kind().compareTo(b.kind());
        }
        return c != 0 ? c : Integer.compare(a.widthBits(), b.widthBits());
    }

    private static int compareStates(MachineSignal.StateChanged a, MachineSignal.StateChanged b) {
        if (a == null || b == null) {
            return a == b ? 0 : a == null ? -1 : 1;
        }
        int c = a.state().compareTo(b.state());
        if (c != 0) {
            return c;
        }
        return a.stopCode() == null || b.stopCode() == null
                ? (a.stopCode() == b.stopCode() ? 0 : a.stopCode() == null ? -1 : 1)
                : a.stopCode().compareTo(b.stopCode());
    }

    private static int compareOperations(MachineSignal.OperationChanged a, MachineSignal.OperationChanged b) {
        if (a == null || b == null) {
            return a == b ? 0 : a == null ? -1 : 1;
        }
        int c = a.type().compareTo(b.type());
        if (c == 0) {
            c = String.valueOf(a.orderNo()).compareTo(String.valueOf(b.orderNo()));
        }
        if (c == 0) {
            c = Integer.compare(a.orderLineNo(), b.orderLineNo());
        }
        if (c == 0) {
            c = String.valueOf(a.operationNo()).compareTo(String.valueOf(b.operationNo()));
        }
        if (c == 0) {
            c = String.valueOf(a.activityCode()).compareTo(String.valueOf(b.activityCode()));
        }
        return c != 0 ? c : String.valueOf(a.operatorId()).compareTo(String.valueOf(b.operatorId()));
    }
}
