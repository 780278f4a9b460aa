package io.shopfloor.simulator;

/**
 * One message a machine's gateway sends, as the plant model decided it: counter readings (both counters of the
 * machine at one instant), a state change, or an operation event from the machine's terminal. Times are epoch
 * milliseconds of simulated time; {@code publishAtMillis} is later than {@code timeMillis} for a message delivered
 * out of order, and {@code copies} is 2 for a message delivered twice (QoS 1 redelivery).
 */
public record MachineMessage(long timeMillis, long publishAtMillis, String machineId, Kind kind, long goodCounter,
                             long scrapCounter, int bootEpoch, String state, String stopCode, String eventType,
                             String orderNo, String operationNo, String operatorId, int copies) {

    public enum Kind { COUNTERS, STATE, OPERATION }

    static MachineMessage counters(long time, String machineId, long good, long scrap, int bootEpoch) {
        return new MachineMessage(time, time, machineId, Kind.COUNTERS, good, scrap, bootEpoch, null, null, null,
                null, null, null, 1);
    }

    static MachineMessage state(long time, String machineId, String state, String stopCode, int bootEpoch) {
        return new MachineMessage(time, time, machineId, Kind.STATE, 0, 0, bootEpoch, state, stopCode, null, null,
                null, null, 1);
    }

    static MachineMessage operation(long time, String machineId, String eventType, String orderNo,
                                    String operationNo, String operatorId) {
        return new MachineMessage(time, time, machineId, Kind.OPERATION, 0, 0, 0, null, null, eventType, orderNo,
                operationNo, operatorId, 1);
    }

    MachineMessage delayedTo(long publishAt) {
        return new MachineMessage(timeMillis, publishAt, machineId, kind, goodCounter, scrapCounter, bootEpoch, state,
                stopCode, eventType, orderNo, operationNo, operatorId, copies);
    }

    MachineMessage twice() {
        return new MachineMessage(timeMillis, publishAtMillis, machineId, kind, goodCounter, scrapCounter, bootEpoch,
                state, stopCode, eventType, orderNo, operationNo, operatorId, 2);
    }
}
