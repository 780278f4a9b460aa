package io.shopfloor.job.avro;

import io.shopfloor.job.machine.CounterReading;
import io.shopfloor.job.machine.MachineInput;
import io.shopfloor.job.machine.MachineSignal;
import io.shopfloor.job.machine.MachineState;
import io.shopfloor.schema.signal.MachineCounterReading;
import io.shopfloor.schema.signal.MachineStateChange;
import io.shopfloor.schema.signal.OperationEvent;

import static io.shopfloor.job.avro.AvroValues.blankToNull;

/** Machine signals from the bridge (Avro) as inputs of the per-machine stage; event time is the source time. */
public final class SignalMapping {

    /** The job's counter kind of each Avro one, by ordinal (one per reading: no lookup by name). */
    private static final CounterReading.CounterKind[] COUNTER_KINDS =
            java.util.Arrays.stream(io.shopfloor.schema.signal.CounterKind.values())
                    .map(kind -> CounterReading.CounterKind.valueOf(kind.name()))
                    .toArray(CounterReading.CounterKind[]::new);

    private SignalMapping() {
    }

    public static MachineInput counterReading(MachineCounterReading r) {
        return MachineInput.of(new CounterReading(r.getMachineId(), r.getCounterName(),
                COUNTER_KINDS[r.getCounterKind().ordinal()], r.getValue(), r.getWidthBits(),
                r.getBootEpoch(), r.getSequenceNumber() == null ? 0 : r.getSequenceNumber(), r.getSourceTimestamp()));
    }

    public static MachineInput stateChange(MachineStateChange s) {
        return MachineInput.of(s.getMachineId(), new MachineSignal.StateChanged(s.getSourceTimestamp(),
                MachineState.valueOf(s.getState().name()), blankToNull(s.getStopCode())));
    }

    public static MachineInput operationEvent(OperationEvent e) {
        return MachineInput.of(e.getMachineId(), new MachineSignal.OperationChanged(e.getSourceTimestamp(),
                MachineSignal.OperationChanged.Type.valueOf(e.getEventType().name()), blankToNull(e.getOrderNo()),
                e.getOrderLineNo(), blankToNull(e.getOperationNo()), blankToNull(e.getActivityCode()),
                blankToNull(e.getOperatorId())));
    }
}
