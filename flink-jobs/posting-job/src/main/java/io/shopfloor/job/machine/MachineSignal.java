package io.shopfloor.job.machine;

import java.io.Serializable;

import io.shopfloor.job.machine.CounterReading.CounterKind;

import java.time.Instant;

/** A machine's signals as the timeline consumes them, in event-time order. */
public sealed interface MachineSignal {
    Instant eventTime();

    /** The machine changed state; {@code stopCode} says why it stopped. */
    record StateChanged(Instant eventTime, MachineState state, String stopCode) implements Serializable, MachineSignal {
    }

    /** Parts counted since the previous reading of a counter (a {@link CounterDelta}). */
    record PartsCounted(Instant eventTime, CounterKind kind, long count) implements Serializable, MachineSignal {
    }

    /** A message that changes nothing (a duplicate or stale reading) but shows the gateway is alive. */
    record Heartbeat(Instant eventTime) implements Serializable, MachineSignal {
    }

    /** What the machine works on: setup/start/finish of an operation, or an activity without order. */
    record OperationChanged(Instant eventTime, Type type, String orderNo, int orderLineNo, String operationNo,
                            String activityCode, String operatorId) implements Serializable, MachineSignal {

        public enum Type { SETUP_STARTED, OPERATION_STARTED, OPERATION_FINISHED, ACTIVITY_STARTED, ACTIVITY_FINISHED }
    }
}
