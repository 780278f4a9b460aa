package io.shopfloor.dashboard;

import io.shopfloor.schema.signal.MachineKpi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * OEE of a machine over a period (a shift to date, the last hour) after ISO 22400-2, from the sums of its KPI
 * windows' time elements (MachineKpi v2; a v1 window counts all its time as planned, stops as down time, idle as
 * delay): times in minutes (0.1), ratios in percent (0.1). Availability = production / planned busy time,
 * performance = ideal cycle time x parts / production time, quality = good / parts. A performance above 100 % is a
 * finding ({@code flag} IDEAL_CYCLE_TIME_SUSPECT): the OEE is then null, never shown as a normal figure.
 */
public record OeeSummary(LocalDate shiftDate, String shiftCode, long goodParts, long scrapParts,
                         BigDecimal plannedBusyMinutes, BigDecimal productionMinutes, BigDecimal setupMinutes,
                         BigDecimal downMinutes, BigDecimal delayMinutes, BigDecimal noSignalMinutes,
                         BigDecimal plannedDowntimeMinutes, BigDecimal availabilityPct, BigDecimal performancePct,
                         BigDecimal qualityPct, BigDecimal oeePct, String flag) {

    public static final String IDEAL_CYCLE_TIME_SUSPECT = "IDEAL_CYCLE_TIME_SUSPECT";

    /** Running sums of windows' time elements, in milliseconds; a window can be taken out again (a replay). */
    static final class Sums {
        long good;
        long scrap;
        long plannedBusy;
        long production;
        long setup;
        long down;
        long delay;
        long noSignal;
        long plannedDowntime;
        long ideal;
        long runWithIdeal;

        void add(MachineKpi k, int sign) {
            boolean v1 = k.getShiftCode() == null;
            good += sign * k.getGoodParts();
            scrap += sign * k.getScrapParts();
            production += sign * k.getRunMillis();
            setup += sign * k.getSetupMillis();
            down += sign * (v1 ? k.getStopMillis() : k.getDownMillis());
            delay += sign * (v1 ? k.getIdleMillis() : k.getDelayMillis());
            noSignal += sign * (v1 ? k.getNoSignalMillis() : k.getPlannedBusyNoSignalMillis());
            plannedBusy += sign * (v1 ? k.getRunMillis() + k.getSetupMillis() + k.getStopMillis() + k.getIdleMillis()
                    + k.getNoSignalMillis() : k.getPlannedBusyMillis());
            plannedDowntime += sign * (k.getNotScheduledMillis() + k.getBreakMillis() + k.getAbsenceMillis()
                    + k.getPlannedStopMillis());
            Long cycle = k.getIdealCycleTimeMillis();
            ideal += sign * (v1 ? (cycle == null ? 0 : cycle * (k.getGoodParts() + k.getScrapParts()))
                    : k.getIdealProductionMillis());
            runWithIdeal += sign * (v1 ? (cycle == null ? 0 : k.getRunMillis()) : k.getRunMillisWithIdealCycleTime());
        }

        OeeSummary summary(LocalDate shiftDate, String shiftCode) {
            Double availability = plannedBusy == 0 ? null : (double) production / plannedBusy;
            Double performance = runWithIdeal == 0 ? null : (double) ideal / runWithIdeal;
            Double quality = good + scrap == 0 ? null : (double) good / (good + scrap);
            boolean suspect = performance != null && performance > 1;
            Double oee = availability == null || performance == null || quality == null || suspect ? null
                    : availability * performance * quality;
            return new OeeSummary(shiftDate, shiftCode, good, scrap, minutes(plannedBusy), minutes(production),
                    minutes(setup), minutes(down), minutes(delay), minutes(noSignal), minutes(plannedDowntime),
                    MachineBoard.percent(availability), MachineBoard.percent(performance),
                    MachineBoard.percent(quality), MachineBoard.percent(oee),
                    suspect ? IDEAL_CYCLE_TIME_SUSPECT : null);
        }
    }

    static BigDecimal minutes(long millis) {
        return BigDecimal.valueOf(millis).divide(BigDecimal.valueOf(60_000), 1, RoundingMode.HALF_UP);
    }
}
