package io.shopfloor.job.machine;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A machine's KPIs for one posting window (see {@link MachineKpis}); ratios are null where undefined. The window's
 * ISO 22400 time elements ({@code time}) add up over a shift or an hour; the window's own ratios are for one
 * minute and only indicative (parts are counted at readings, a few seconds apart). {@code flags}: the findings
 * of {@link OeeFigures#flags}, joined by commas, null when none (a text: the record crosses Flink's network stack).
 */
public record MachineKpi(String machineId, Instant windowStart, Instant windowEnd, String orderNo, Integer orderLineNo,
                         String operationNo, long goodParts, long scrapParts, long setupMillis, long runMillis,
                         long stopMillis, long idleMillis, long noSignalMillis, Long idealCycleTimeMillis,
                         Double availability, Double performance, Double quality, Double oee,
                         LocalDate shiftDate, String shiftCode, OeeTimeElements time, String flags)
        implements Serializable {
}
