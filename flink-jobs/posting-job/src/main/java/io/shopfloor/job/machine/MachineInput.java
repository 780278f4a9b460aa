package io.shopfloor.job.machine;

import java.io.Serializable;
import java.time.Instant;
import java.util.Comparator;

/**
 * One input of the per-machine stage: a counter reading, a state change or an operation event (exactly one is
 * set). A record of records, so Flink serializes it with its own record serializers on the hot path.
 */
public record MachineInput(String machineId, CounterReading reading, MachineSignal.StateChanged state,
                           MachineSignal.OperationChanged operation) implements Serializable {

    public static MachineInput of(CounterReading reading) {
        return new MachineInput(reading.machineId(), reading, null, null);
    }

    public static MachineInput of(String machineId, MachineSignal.StateChanged state) {
        return new MachineInput(machineId, null, state, null);
    }

    public static MachineInput of(String machineId, MachineSignal.OperationChanged operation) {
        return new MachineInput(machineId, null, null, operation);
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
     * A total order of inputs by event time, rank, then content, that does not depend on arrival. Compares
     * fields, not text: it runs for every input.
     */
    public static final Comparator<MachineInput> EVENT_ORDER = Comparator.comparing(MachineInput::eventTime)
            .thenComparingInt(MachineInput::rank)
            .thenComparing(MachineInput::machineId)
            .thenComparing(input -> input.reading, Comparator.nullsFirst(Comparator
                    .comparing(CounterReading::counterName).thenComparingLong(CounterReading::bootEpoch)
                    .thenComparingLong(CounterReading::value).thenComparingLong(CounterReading::sequenceNumber)
                    .thenComparing(CounterReading::kind).thenComparingInt(CounterReading::widthBits)))
            .thenComparing(input -> input.state, Comparator.nullsFirst(Comparator
                    .comparing(MachineSignal.StateChanged::state)
                    .thenComparing(MachineSignal.StateChanged::stopCode, Comparator.nullsFirst(Comparator.naturalOrder()))))
            .thenComparing(input -> input.operation, Comparator.nullsFirst(Comparator
                    .comparing(MachineSignal.OperationChanged::type)
                    .thenComparing(o -> String.valueOf(o.orderNo()))
                    .thenComparingInt(MachineSignal.OperationChanged::orderLineNo)
                    .thenComparing(o -> String.valueOf(o.operationNo()))
                    .thenComparing(o -> String.valueOf(o.activityCode()))
                    .thenComparing(o -> String.valueOf(o.operatorId()))));
}
