package io.shopfloor.job.machine;

import java.io.Serializable;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A machine's time and parts in one posting window, for live KPIs (availability, quality, OEE). {@code stopMillis}
 * holds every stop, maintenance and activity; {@code stopMillisByCode} the same time by the code it ran under (the
 * activity code, else the stop code, else {@code STOP} or {@code MAINTENANCE}), at most
 * {@link MachineTimeline#MAX_STOP_CODES_PER_WINDOW} codes (time of further codes, and of windows restored from
 * before the codes were kept, is in {@code stopMillis} only: a loss); the order stage, which has the ERP's stop codes,
 * decides which codes are planned downtime. {@code plannedStopMillis} is stop time the machine stage had already
 * declared planned, before the order stage classified codes (only totals of a window running across that upgrade,
 * or held as order inputs of kinds 2 and 10); {@code unclockedParts} the parts counted when a
 * silence ended (made while the machine was not heard, so without known production time: left out of performance).
 */
public record WindowTotals(String machineId, Instant from, Instant to, String orderNo, int orderLineNo,
                           String operationNo, long goodParts, long scrapParts, long setupMillis, long runMillis,
                           long stopMillis, long noSignalMillis, long idleMillis, long plannedStopMillis,
                           long unclockedParts, SortedMap<String, Long> stopMillisByCode) implements Serializable {

    public WindowTotals {
        stopMillisByCode = stopMillisByCode == null || stopMillisByCode.isEmpty() ? Collections.emptySortedMap()
                : Collections.unmodifiableSortedMap(new TreeMap<>(stopMillisByCode));
    }

    /** Totals without stop time by code (kinds 2 and 10 of the order inputs). */
    public WindowTotals(String machineId, Instant from, Instant to, String orderNo, int orderLineNo,
                        String operationNo, long goodParts, long scrapParts, long setupMillis, long runMillis,
                        long stopMillis, long noSignalMillis, long idleMillis, long plannedStopMillis,
                        long unclockedParts) {
        this(machineId, from, to, orderNo, orderLineNo, operationNo, goodParts, scrapParts, setupMillis, runMillis,
                stopMillis, noSignalMillis, idleMillis, plannedStopMillis, unclockedParts, null);
    }

    /** Totals without planned stops or unclocked parts. */
    public WindowTotals(String machineId, Instant from, Instant to, String orderNo, int orderLineNo,
                        String operationNo, long goodParts, long scrapParts, long setupMillis, long runMillis,
                        long stopMillis, long noSignalMillis, long idleMillis) {
        this(machineId, from, to, orderNo, orderLineNo, operationNo, goodParts, scrapParts, setupMillis, runMillis,
                stopMillis, noSignalMillis, idleMillis, 0, 0);
    }

    /** These totals with the given stop time by code. */
    public WindowTotals withStopMillisByCode(Map<String, Long> byCode) {
        return new WindowTotals(machineId, from, to, orderNo, orderLineNo, operationNo, goodParts, scrapParts,
                setupMillis, runMillis, stopMillis, noSignalMillis, idleMillis, plannedStopMillis, unclockedParts,
                byCode == null ? null : new TreeMap<>(byCode));
    }
}
