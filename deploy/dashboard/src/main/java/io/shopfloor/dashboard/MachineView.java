package io.shopfloor.dashboard;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One machine tile: its live state, what it runs, its parts over the kept windows, the OEE of the latest KPI window
 * (one window: indicative only), of its shift to date and of the last hour ({@link OeeSummary}), and the good pieces
 * of each kept window for its sparkline (oldest first). The line charts are computed on the server
 * ({@link LineTrend}): a tile no longer carries its windows. {@code idealCycleTimeMillis}: the routing's run time
 * per piece of the latest window (ms; the page's expected end of the order when the last hour has no parts).
 * {@code shiftStops}: the shift's stop time by code from the state changes (most first).
 * Percentages have one decimal; null when the KPI is
 * undefined (no run time, no parts).
 */
public record MachineView(String machineId, String line, String state, String stopCode, Instant stateSince,
                          String orderNo, String operationNo, long goodParts, long scrapParts, BigDecimal oeePct,
                          BigDecimal availabilityPct, BigDecimal performancePct, BigDecimal qualityPct,
                          Instant kpiWindowEnd, OeeSummary shiftToDate, OeeSummary lastHour,
                          List<Long> recentGoodParts, Long idealCycleTimeMillis, List<StopMinutes> shiftStops) {

    /** Stop time of the shift to date under one code (or "micro-stops", "no signal"), in minutes (0.1). */
    public record StopMinutes(String code, BigDecimal minutes) {
    }

    /**
     * One KPI window as the board keeps it for the line trends: its end, its parts, its OEE, and in
     * {@code oeeMillis} the sums a line's trend adds up over its machines, in milliseconds: planned busy time,
     * production time, ideal production time, production time with an ideal cycle time.
     */
    public record KpiPoint(Instant windowEnd, long goodParts, long scrapParts, BigDecimal oeePct,
                           List<Long> oeeMillis) {
    }
}
