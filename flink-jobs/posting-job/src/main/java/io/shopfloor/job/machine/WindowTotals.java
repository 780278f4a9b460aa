package io.shopfloor.job.machine;

import java.io.Serializable;

import java.time.Instant;

/**
 * A machine's time and parts in one posting window, for live KPIs (availability, quality, OEE). {@code stopMillis}
 * holds every stop, maintenance and activity; {@code plannedStopMillis} the part of it whose code is declared
 * planned ({@link MachineTimeline.Settings#plannedStopCodes}); {@code unclockedParts} the parts counted when a
 * silence ended (made while the machine was not heard, so without known production time: left out of performance).
 */
public record WindowTotals(String machineId, Instant from, Instant to, String orderNo, int orderLineNo,
                           String operationNo, long goodParts, long scrapParts, long setupMillis, long runMillis,
                           long stopMillis, long noSignalMillis, long idleMillis, long plannedStopMillis,
                           long unclockedParts) implements Serializable {

    /** Totals without planned stops or unclocked parts. */
    public WindowTotals(String machineId, Instant from, Instant to, String orderNo, int orderLineNo,
                        String operationNo, long goodParts, long scrapParts, long setupMillis, long runMillis,
                        long stopMillis, long noSignalMillis, long idleMillis) {
        this(machineId, from, to, orderNo, orderLineNo, operationNo, goodParts, scrapParts, setupMillis, runMillis,
                stopMillis, noSignalMillis, idleMillis, 0, 0);
    }
}
