package io.shopfloor.dashboard;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One machine tile: its live state, what it runs, its parts and OEE of the latest KPI window, and the windows
 * before it for the charts. Percentages have one decimal; null when the KPI is undefined (no run time, no parts).
 */
public record MachineView(String machineId, String state, String stopCode, Instant stateSince, String orderNo,
                          String operationNo, long goodParts, long scrapParts, BigDecimal oeePct,
                          BigDecimal availabilityPct, BigDecimal performancePct, BigDecimal qualityPct,
                          Instant kpiWindowEnd, List<KpiPoint> history) {

    /** One KPI window: its end, its parts, its OEE. */
    public record KpiPoint(Instant windowEnd, long goodParts, long scrapParts, BigDecimal oeePct) {
    }
}
