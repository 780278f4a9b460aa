package io.shopfloor.job.machine;

import java.io.Serializable;

import java.time.Instant;

/** A machine's time and parts in one posting window, for live KPIs (availability, quality, OEE). */
public record WindowTotals(String machineId, Instant from, Instant to, String orderNo, int orderLineNo,
                           String operationNo, long goodParts, long scrapParts, long setupMillis, long runMillis,
                           long stopMillis, long noSignalMillis, long idleMillis) implements Serializable {
}
