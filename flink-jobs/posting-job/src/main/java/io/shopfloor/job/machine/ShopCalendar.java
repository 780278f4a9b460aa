package io.shopfloor.job.machine;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * When a machine is planned to work, after Business Central's shop calendar: the plant's {@link ShiftCalendar}
 * (work shifts by starting time) with, per shift code, the weekdays it is worked and its breaks; holidays (base
 * calendar changes, no shift worked); and calendar absence entries per machine or work center (planned
 * maintenance, a cleaning, a machine not planned). Machines inherit their work center's calendar (from the ERP,
 * {@code io.shopfloor.job.masterdata.ErpCalendars}); absences are looked up under the machine id and under its work
 * center. Plain Java: the posting job and the dashboard share it.
 */
public final class ShopCalendar implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A break within a shift, by time of day (a break before the shift's start time lies on the next day). */
    public record Break(LocalTime start, Duration length) implements Serializable {
    }

    /**
     * The weekdays a shift is worked (by the day it starts on) and its breaks; {@code breaksByDay} overrides the
     * breaks on the weekdays it names (an ERP calendar's Friday may differ from its Monday).
     */
    public record ShiftPlan(Set<DayOfWeek> workingDays, List<Break> breaks, Map<DayOfWeek, List<Break>> breaksByDay)
            implements Serializable {
        public ShiftPlan {
            workingDays = Set.copyOf(workingDays);
            breaks = List.copyOf(breaks);
            breaksByDay = Map.copyOf(breaksByDay);
        }

        public ShiftPlan(Set<DayOfWeek> workingDays, List<Break> breaks) {
            this(workingDays, breaks, Map.of());
        }

        public static ShiftPlan everyDay(Break... breaks) {
            return new ShiftPlan(EnumSet.allOf(DayOfWeek.class), List.of(breaks));
        }

        /** The breaks of the shift that starts on {@code day}. */
        public List<Break> breaksOn(DayOfWeek day) {
            return breaksByDay.getOrDefault(day, breaks);
        }
    }

    /**
     * A calendar absence entry of a machine or work center: planned downtime from {@code from} to {@code to}; a null
     * center is every machine of the calendar (a holiday of part of a day).
     */
    public record Absence(String centerNo, Instant from, Instant to, String reason) implements Serializable {
    }

    /** A time range split by the calendar: in a worked shift, in its breaks, in absences, on a holiday. */
    public record CalendarTime(long shiftMillis, long breakMillis, long absenceMillis) implements Serializable {
        /** Shift time less breaks and absences: what the plan expects the machine to be busy. */
        public long plannedMillis() {
            return shiftMillis - breakMillis - absenceMillis;
        }
    }

    private final ShiftCalendar shifts;
    private final Map<String, ShiftPlan> plans;
    private final TreeSet<LocalDate> holidays;
    private final List<Absence> absences;

    public ShopCalendar(ShiftCalendar shifts, Map<String, ShiftPlan> plans, Set<LocalDate> holidays,
                        List<Absence> absences) {
        this.shifts = shifts;
        this.plans = new TreeMap<>(plans);
        this.holidays = new TreeSet<>(holidays);
        if (absences.size() > MAX_ABSENCES) {
            throw new IllegalArgumentException(absences.size() + " absences, at most " + MAX_ABSENCES);
        }
        List<Absence> sorted = new ArrayList<>(absences);
        sorted.sort(Comparator.comparing(Absence::from));
        this.absences = List.copyOf(sorted);
    }

    /** Every shift worked every day, no breaks, holidays or absences: all time is planned (the old assumption). */
    public static ShopCalendar allPlanned(ShiftCalendar shifts) {
        return new ShopCalendar(shifts, Map.of(), Set.of(), List.of());
    }

    /** Absences a calendar holds at most: each KPI window looks at all of them. */
    public static final int MAX_ABSENCES = 10_000;

    /** This calendar with more absences (a center's absences on the job's calendar). */
    public ShopCalendar withAbsences(List<Absence> more) {
        List<Absence> all = new ArrayList<>(absences);
        all.addAll(more);
        return new ShopCalendar(shifts, plans, holidays, all);
    }

    public ShiftCalendar shifts() {
        return shifts;
    }

    /** The plan of a shift code; a code without a plan is worked every day without breaks. */
    public ShiftPlan plan(String shiftCode) {
        return plans.getOrDefault(shiftCode, ShiftPlan.everyDay());
    }

    /** The date a shift belongs to: the date it started (a night shift belongs to the day it began). */
    public LocalDate shiftDate(Instant time) {
        return shifts.date(shifts.shiftStartAtOrBefore(time));
    }

    public String shiftCode(Instant time) {
        return shifts.shiftCode(shifts.shiftStartAtOrBefore(time));
    }

    /** {@code [from, to)} split by the calendar of a machine (absences under its id or its work center's). */
    public CalendarTime calendarTime(String machineId, String workCenterNo, Instant from, Instant to) {
        long shift = 0;
        long breaks = 0;
        long absent = 0;
        Instant start = from;
        while (start.isBefore(to)) {
            Instant shiftStart = shifts.shiftStartAtOrBefore(start);
            Instant next = shifts.nextShiftStart(start);
            Instant end = next.isBefore(to) ? next : to;
            String code = shifts.shiftCode(shiftStart);
            LocalDate date = shifts.date(shiftStart);
            ShiftPlan plan = plan(code);
            if (!holidays.contains(date) && plan.workingDays().contains(date.getDayOfWeek())) {
                List<long[]> breakRanges = new ArrayList<>();
                for (Break b : plan.breaksOn(date.getDayOfWeek())) {
                    LocalDate day = b.start().isBefore(shifts.startTimeOf(code)) ? date.plusDays(1) : date;
                    Instant breakStart = shifts.at(day, b.start());
                    breakRanges.add(new long[] {breakStart.toEpochMilli(),
                        breakStart.plus(b.length()).toEpochMilli()});
                }
                List<long[]> absenceRanges = new ArrayList<>();
                for (Absence a : absences) {
                    if (a.centerNo() == null || a.centerNo().equals(machineId) || a.centerNo().equals(workCenterNo)) {
                        absenceRanges.add(new long[] {a.from().toEpochMilli(), a.to().toEpochMilli()});
                    }
                }
                long s = start.toEpochMilli();
                long e = end.toEpochMilli();
                long breakUnion = covered(breakRanges, s, e);
                long all = covered(concat(breakRanges, absenceRanges), s, e);
                shift += e - s;
                breaks += breakUnion;
                absent += all - breakUnion; // an absence during a break is counted once, as the break
            }
            start = end;
        }
        return new CalendarTime(shift, breaks, absent);
    }

    private static List<long[]> concat(List<long[]> a, List<long[]> b) {
        List<long[]> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Milliseconds of {@code [from, to)} covered by the union of the ranges. */
    private static long covered(List<long[]> ranges, long from, long to) {
        List<long[]> clipped = new ArrayList<>();
        for (long[] r : ranges) {
            long s = Math.max(r[0], from);
            long e = Math.min(r[1], to);
            if (s < e) {
                clipped.add(new long[] {s, e});
            }
        }
        clipped.sort(Comparator.comparingLong(r -> r[0]));
        long total = 0;
        long reached = from;
        for (long[] r : clipped) {
            long s = Math.max(r[0], reached);
            if (r[1] > s) {
                total += r[1] - s;
                reached = r[1];
            }
        }
        return total;
    }
}
