package io.shopfloor.job.machine;

import java.io.Serializable;

/**
 * A machine's time over a period after ISO 22400-2, in milliseconds, with its parts: the sum of its windows
 * ({@link #plus}), so a shift, shift-to-date or rolling hour is the sum of the windows that lie in it.
 *
 * <ul>
 *   <li>planned downtime: time the plan does not expect work and the machine did not work: outside worked shifts
 *       ({@code notScheduledMillis}, holidays too), breaks, calendar absences, and stops declared planned
 *       (maintenance, cleaning: APMT, {@code plannedStopMillis}). A break worked through is busy time.</li>
 *   <li>PBT planned busy time = APT + AUST + ADOT + ADET + no signal: the rest.</li>
 *   <li>APT actual production time (running; micro-stops stay in it and cost performance), AUST setup, ADOT down
 *       time (unplanned stops), ADET delay (idle: waiting for material, an order, an operator), no signal (the
 *       machine's time is unknown: counted as a loss, not assumed productive).</li>
 *   <li>idealMillis = ideal cycle time x produced quantity (PRI x PQ) over the windows whose ideal cycle time is
 *       known, {@code productionMillisWithIdeal} the APT of those windows: performance compares like with like.
 *       Parts counted when a silence ended were made in it, at unknown times: they count for quality, not here.</li>
 * </ul>
 */
public record OeeTimeElements(long notScheduledMillis, long breakMillis, long absenceMillis, long plannedStopMillis,
                              long productionMillis, long setupMillis, long downMillis, long delayMillis,
                              long noSignalMillis, long goodParts, long scrapParts, long idealMillis,
                              long productionMillisWithIdeal) implements Serializable {

    public static final OeeTimeElements ZERO = new OeeTimeElements(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** Planned downtime: not scheduled, breaks, absences and declared planned stops, as far as not worked. */
    public long plannedDowntimeMillis() {
        return notScheduledMillis + breakMillis + absenceMillis + plannedStopMillis;
    }

    /** PBT: the time the plan expected the machine to be busy, and any planned downtime it worked through. */
    public long plannedBusyMillis() {
        return productionMillis + setupMillis + downMillis + delayMillis + noSignalMillis;
    }

    public long producedParts() {
        return goodParts + scrapParts;
    }

    public OeeTimeElements plus(OeeTimeElements o) {
        return new OeeTimeElements(notScheduledMillis + o.notScheduledMillis, breakMillis + o.breakMillis,
                absenceMillis + o.absenceMillis, plannedStopMillis + o.plannedStopMillis,
                productionMillis + o.productionMillis, setupMillis + o.setupMillis, downMillis + o.downMillis,
                delayMillis + o.delayMillis, noSignalMillis + o.noSignalMillis, goodParts + o.goodParts,
                scrapParts + o.scrapParts, idealMillis + o.idealMillis,
                productionMillisWithIdeal + o.productionMillisWithIdeal);
    }

    /**
     * One window's elements from the machine's totals and the calendar's split of the window. Time the calendar
     * does not plan goes to planned downtime as far as the machine did not work it: first its declared planned
     * stops, then idle time, no-signal time, unplanned stops (a machine stopped during a break lost nothing);
     * setup and run time in a break stay busy time. So APT never exceeds PBT.
     *
     * @param plannedStopMillis the part of the window's stop time that is planned downtime (its codes declared
     *                          planned, {@link MachineKpis#plannedStopMillis}); at most its stop time
     */
    public static OeeTimeElements of(WindowTotals t, ShopCalendar.CalendarTime calendar, Long idealCycleTimeMillis,
                                     long plannedStopMillis) {
        long windowMillis = t.to().toEpochMilli() - t.from().toEpochMilli();
        long notPlanned = Math.max(0, windowMillis - calendar.plannedMillis());
        long plannedStop = Math.min(plannedStopMillis, t.stopMillis());
        long unplannedStop = Math.max(0, t.stopMillis() - plannedStop);
        long idle = t.idleMillis();
        long noSignal = t.noSignalMillis();
        long calendarDown = Math.min(notPlanned, plannedStop + idle + noSignal + unplannedStop);
        long rest = calendarDown - Math.min(plannedStop, calendarDown); // planned stops in a break are the break
        long fromPlannedStop = Math.min(plannedStop, calendarDown);
        long fromIdle = Math.min(idle, rest);
        rest -= fromIdle;
        long fromNoSignal = Math.min(noSignal, rest);
        rest -= fromNoSignal;
        long fromStop = Math.min(unplannedStop, rest);
        // Which calendar downtime it was: not scheduled first, then breaks, then absences.
        long notScheduled = Math.min(calendarDown, windowMillis - calendar.shiftMillis());
        long breaks = Math.min(calendarDown - notScheduled, calendar.breakMillis());
        long absences = calendarDown - notScheduled - breaks;
        long parts = t.goodParts() + t.scrapParts() - t.unclockedParts(); // parts whose time lies in the window
        long ideal = idealCycleTimeMillis == null ? 0 : idealCycleTimeMillis * parts;
        long runWithIdeal = idealCycleTimeMillis == null ? 0 : t.runMillis();
        return new OeeTimeElements(notScheduled, breaks, absences, plannedStop - fromPlannedStop, t.runMillis(),
                t.setupMillis(), unplannedStop - fromStop, idle - fromIdle, noSignal - fromNoSignal, t.goodParts(),
                t.scrapParts(), ideal, runWithIdeal);
    }
}
