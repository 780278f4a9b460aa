package io.shopfloor.job.machine;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class MachineKpisTest {
    static final Instant FROM = Instant.parse("2026-03-02T08:00:00Z");

    @Test
    void oeeIsAvailabilityTimesPerformanceTimesQuality() {
        // 60 s window: 45 s run, 15 s stopped; 40 good + 2 scrap at an ideal 1 s each.
        WindowTotals totals = new WindowTotals("M1", FROM, FROM.plusSeconds(60), "RPO-1001", 10000, "20", 40, 2, 0,
                45_000, 15_000, 0, 0);
        MachineKpi kpi = MachineKpis.of(totals, 1_000L);
        assertEquals(0.75, kpi.availability(), 1e-12);
        assertEquals(42.0 / 45, kpi.performance(), 1e-12);
        assertEquals(40.0 / 42, kpi.quality(), 1e-12);
        assertEquals(0.75 * 42.0 / 45 * 40.0 / 42, kpi.oee(), 1e-12);
    }

    @Test
    void withoutIdealCycleTimeOrPartsTheirRatiosAreNull() {
        WindowTotals silent = new WindowTotals("M1", FROM, FROM.plusSeconds(60), null, 0, null, 0, 0, 0, 0, 0,
                60_000, 0);
        MachineKpi kpi = MachineKpis.of(silent, null);
        // Planned time without a signal is a loss (not assumed productive, not left out).
        assertEquals(0.0, kpi.availability());
        assertEquals(60_000, kpi.time().plannedBusyMillis());
        assertEquals(60_000, kpi.time().noSignalMillis());
        assertNull(kpi.performance());
        assertNull(kpi.quality());
        assertNull(kpi.oee());
        assertEquals(60_000, kpi.noSignalMillis());
        assertNull(kpi.orderLineNo());
    }
}
