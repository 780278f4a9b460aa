package io.shopfloor.job.machine;

/**
 * KPIs of one machine's posting window after ISO 22400-2 ({@link OeeTimeElements}, {@link OeeFigures}): the
 * window's time split by the shop calendar into planned downtime and planned busy time, availability = APT / PBT,
 * performance = ideal cycle time x produced parts / APT (null without an ideal cycle time: the routing line's run
 * time per unit), quality = good / produced, OEE null while any factor is above 100 % (flagged).
 */
public final class MachineKpis {

    private MachineKpis() {
    }

    /** With every moment planned (no calendar known): three shifts, every day, no breaks. */
    public static MachineKpi of(WindowTotals t, Long idealCycleTimeMillis) {
        return of(t, idealCycleTimeMillis, ShopCalendar.allPlanned(ShiftCalendar.threeShifts()), null);
    }

    public static MachineKpi of(WindowTotals t, Long idealCycleTimeMillis, ShopCalendar calendar,
                                String workCenterNo) {
        ShopCalendar.CalendarTime calendarTime = calendar.calendarTime(t.machineId(), workCenterNo, t.from(), t.to());
        OeeTimeElements time = OeeTimeElements.of(t, calendarTime, idealCycleTimeMillis);
        OeeFigures figures = OeeFigures.of(time);
        return new MachineKpi(t.machineId(), t.from(), t.to(), t.orderNo(), t.orderNo() == null ? null : t.orderLineNo(),
                t.operationNo(), t.goodParts(), t.scrapParts(), t.setupMillis(), t.runMillis(), t.stopMillis(),
                t.idleMillis(), t.noSignalMillis(), idealCycleTimeMillis, figures.availability(),
                figures.performance(), figures.quality(), figures.oee(), calendar.shiftDate(t.from()),
                calendar.shiftCode(t.from()), time,
                figures.flags().isEmpty() ? null : String.join(",", figures.flags()));
    }
}
