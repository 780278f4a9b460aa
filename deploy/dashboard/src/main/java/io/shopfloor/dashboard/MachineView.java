package io.shopfloor.dashboard;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One machine tile: its live state, what it runs, its parts over the kept windows, the OEE of the latest KPI window
 * (one window: indicative only), of its shift to date and of the last hour ({@link OeeSummary}), and the windows
 * before it for the charts. Percentages have one decimal; null when the KPI is undefined (no run time, no parts).
 */
public record MachineView(String machineId, String line, String state, String stopCode, Instant stateSince,
                          String orderNo, String operationNo, long goodParts, long scrapParts, BigDecimal oeePct,
                          BigDecimal availabilityPct, BigDecimal performancePct, BigDecimal qualityPct,
                          Instant kpiWindowEnd, OeeSummary shiftToDate, OeeSummary lastHour, List<KpiPoint> history) {

    /**
     * One KPI window: its end, its parts, its OEE, and in {@code oeeMillis} the sums a line's trend adds up over its
     * machines, in milliseconds: planned busy time, production time, ideal production time, production time with
     * an ideal cycle time (an array, not four named fields: at 500 machines x 96 windows the names were half of
     * {@code /api/state}).
     */
    public record KpiPoint(Instant windowEnd, long goodParts, long scrapParts, BigDecimal oeePct,
                           List<Long> oeeMillis) {
    }
}
