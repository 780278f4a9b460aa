package io.shopfloor.job.machine;

import java.util.Map;
import java.util.function.Predicate;

/**
 * KPIs of one machine's posting window after ISO 22400-2 ({@link OeeTimeElements}, {@link OeeFigures}): the
 * window's time split by the shop calendar into planned downtime and planned busy time, availability = APT / PBT,
 * performance = ideal cycle time x produced parts / APT (null without an ideal cycle time: the routing line's run
 * time per unit), quality = good / produced, OEE null while any factor is above 100 % (flagged).
 */
public final class MachineKpis {

    private MachineKpis() {
    }

    /** No stop code is planned downtime. */
    public static final Predicate<String> NO_PLANNED_STOP_CODES = code -> false;

    /** With every moment planned (no calendar known): three shifts, every day, no breaks; no planned stop codes. */
    public static MachineKpi of(WindowTotals t, Long idealCycleTimeMillis) {
        return of(t, idealCycleTimeMillis, ShopCalendar.allPlanned(ShiftCalendar.threeShifts()), null,
                NO_PLANNED_STOP_CODES);
    }

    /**
     * @param plannedStopCode whether time under a stop, maintenance or activity code is planned downtime (the
     *                        order stage: the ERP's stop codes as of the window's time)
     */
    public static MachineKpi of(WindowTotals t, Long idealCycleTimeMillis, ShopCalendar calendar,
                                String workCenterNo, Predicate<String> plannedStopCode) {
        ShopCalendar.CalendarTime calendarTime = calendar.calendarTime(t.machineId(), workCenterNo, t.from(), t.to());
        OeeTimeElements time = OeeTimeElements.of(t, calendarTime, idealCycleTimeMillis,
                plannedStopMillis(t, plannedStopCode));
        OeeFigures figures = OeeFigures.of(time);
        return new MachineKpi(t.machineId(), t.from(), t.to(), t.orderNo(), t.orderNo() == null ? null : t.orderLineNo(),
                t.operationNo(), t.goodParts(), t.scrapParts(), t.setupMillis(), t.runMillis(), t.stopMillis(),
                t.idleMillis(), t.noSignalMillis(), idealCycleTimeMillis, figures.availability(),
                figures.performance(), figures.quality(), figures.oee(), calendar.shiftDate(t.from()),
                calendar.shiftCode(t.from()), time,
                figures.flags().isEmpty() ? null : String.join(",", figures.flags()));
    }

    /**
     * The window's planned stop time: its time under codes declared planned, plus what the machine stage had already
     * declared planned (a window running across the upgrade, restored with it). Time without a code is a loss.
     */
    public static long plannedStopMillis(WindowTotals t, Predicate<String> plannedStopCode) {
        long planned = t.plannedStopMillis();
        for (Map.Entry<String, Long> stop : t.stopMillisByCode().entrySet()) {
            if (plannedStopCode.test(stop.getKey())) {
                planned += stop.getValue();
            }
        }
        return Math.min(planned, t.stopMillis());
    }
}
