package io.shopfloor.simulator;

/**
 * One machine of the plant.
 *
 * @param lineName          the MQTT topic level and Sparkplug edge node of its line ({@code L1})
 * @param counterWidthBits  width of its cumulative counters (16 wraps within the run on one machine)
 * @param goodCounterStart  the good counter's value when the simulation starts (controllers do not start at 0)
 * @param readingPhaseMillis offset of its counter readings within each reading interval (never on the 3 s grid
 *                           of state and operation events, so that a reading is never simultaneous with one)
 */
public record SimulatedMachine(String machineId, int lineNo, String lineName, MachineRole role, Protocol protocol,
                               Product product, int counterWidthBits, long goodCounterStart,
                               long scrapCounterStart, long readingPhaseMillis) {

    public String operationNo() {
        return role.operationNo();
    }
}
