package io.shopfloor.job.machine;

import java.io.Serializable;
import java.time.Instant;

/** A machine's KPIs for one posting window (see {@link MachineKpis}); ratios are null where undefined. */
public record MachineKpi(String machineId, Instant windowStart, Instant windowEnd, String orderNo, Integer orderLineNo,
                         String operationNo, long goodParts, long scrapParts, long setupMillis, long runMillis,
                         long stopMillis, long idleMillis, long noSignalMillis, Long idealCycleTimeMillis,
                         Double availability, Double performance, Double quality, Double oee) implements Serializable {
}
