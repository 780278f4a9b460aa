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
 * maintenance, a cleaning, a machine not planned). Machines inherit the plant's calendar; absences are looked up
 * under the machine id and under its work center. Plain Java: the posting job and the dashboard share it.
 */
public final class ShopCalendar implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A break within a shift, by time of day (a break before the shift's start time lies on the next day). */
    public record Break(LocalTime start, Duration length) implements Serializable {
    }

    /** The weekdays a shift is worked (by the day it starts on) and its breaks. */
    public record ShiftPlan(Set<DayOfWeek> workingDays, List<Break> breaks) implements Serializable {
        public ShiftPlan {
            workingDays = Set.copyOf(workingDays);
            breaks = List.copyOf(breaks);
        }

        public static ShiftPlan everyDay(Break... breaks) {
            return new ShiftPlan(EnumSet.allOf(DayOfWeek.class), List.of(breaks));
        }
    }

    /** A calendar absence entry of a machine or work center: planned downtime from {@code from} to {@code to}. */
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
        List<Absence> sorted = new ArrayList<>(absences);
        sorted.sort(Comparator.comparing(Absence::from));
        this.absences = List.copyOf(sorted);
    }

    /** Every shift worked every day, no breaks, holidays or absences: all time is planned (the old assumption). */
    public static ShopCalendar allPlanned(ShiftCalendar shifts) {
        return new ShopCalendar(shifts, Map.of(), Set.of(), List.of());
    }

    /**
     * A calendar from configuration (until calendars come from the ERP), as properties:
     * <pre>
     * shift.EARLY.days=MONDAY-FRIDAY          weekdays the shift is worked (by the day it starts), default every day
     * shift.EARLY.breaks=09:00+15,12:00+30    breaks: start time and minutes
     * holidays=2026-05-01,2026-12-25          no shift worked on these dates
     * absence.1=MC-ASSY 2026-03-02T12:00:00Z 2026-03-02T12:45:00Z PM   machine or work center, from, to, reason
     * </pre>
     * Shift codes must be those of {@code shifts}. At most {@link #MAX_ABSENCES} absences (a calendar, not a log).
     */
    public static ShopCalendar parse(ShiftCalendar shifts, java.util.Properties properties) {
        Map<String, ShiftPlan> plans = new TreeMap<>();
        Set<LocalDate> holidays = new TreeSet<>();
        List<Absence> absences = new ArrayList<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            String value = properties.getProperty(key).trim();
            if (key.startsWith("shift.")) {
                String[] parts = key.split("\\.");
                if (parts.length != 3) {
                    throw new IllegalArgumentException("not shift.<code>.days|breaks: " + key);
                }
                shifts.startTimeOf(parts[1]); // an unknown shift code fails here
                ShiftPlan plan = plans.getOrDefault(parts[1], ShiftPlan.everyDay());
                plans.put(parts[1], switch (parts[2]) {
                    case "days" -> new ShiftPlan(days(value), plan.breaks());
                    case "breaks" -> new ShiftPlan(plan.workingDays(), breaks(value));
                    default -> throw new IllegalArgumentException("not shift.<code>.days|breaks: " + key);
                });
            } else if (key.equals("holidays")) {
                for (String date : value.split(",")) {
                    if (!date.isBlank()) {
                        holidays.add(LocalDate.parse(date.trim()));
                    }
                }
            } else if (key.startsWith("absence.")) {
                String[] fields = value.split("\\s+");
                if (fields.length < 3) {
                    throw new IllegalArgumentException(key + ": <center> <from> <to> [reason]");
                }
                absences.add(new Absence(fields[0], Instant.parse(fields[1]), Instant.parse(fields[2]),
                        fields.length > 3 ? fields[3] : "ABSENCE"));
            } else if (!key.equals(PLANNED_STOP_CODES)) {
                throw new IllegalArgumentException("unknown calendar setting " + key);
            }
        }
        if (absences.size() > MAX_ABSENCES) {
            throw new IllegalArgumentException(absences.size() + " absences, at most " + MAX_ABSENCES);
        }
        return new ShopCalendar(shifts, plans, holidays, absences);
    }

    /** The setting of the stop codes declared planned: {@code plannedStopCodes=PM,CLEANING}. */
    public static final String PLANNED_STOP_CODES = "plannedStopCodes";

    /** The stop, maintenance and activity codes the configuration declares planned downtime. */
    public static Set<String> plannedStopCodes(java.util.Properties properties) {
        Set<String> codes = new TreeSet<>();
        for (String code : properties.getProperty(PLANNED_STOP_CODES, "").split(",")) {
            if (!code.isBlank()) {
                codes.add(code.trim());
            }
        }
        return codes;
    }

    /** Absences a calendar holds at most: each KPI window looks at all of them. */
    public static final int MAX_ABSENCES = 10_000;

    private static Set<DayOfWeek> days(String value) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : value.split(",")) {
            String[] range = part.trim().split("-");
            DayOfWeek from = DayOfWeek.valueOf(range[0].trim());
            DayOfWeek to = range.length > 1 ? DayOfWeek.valueOf(range[1].trim()) : from;
            for (DayOfWeek day = from; ; day = day.plus(1)) {
                days.add(day);
                if (day == to) {
                    break;
                }
            }
        }
        return days;
    }

    private static List<Break> breaks(String value) {
        List<Break> breaks = new ArrayList<>();
        for (String part : value.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] startAndMinutes = part.trim().split("\\+");
            breaks.add(new Break(LocalTime.parse(startAndMinutes[0]),
                    Duration.ofMinutes(Long.parseLong(startAndMinutes[1]))));
        }
        return breaks;
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
                for (Break b : plan.breaks()) {
                    LocalDate day = b.start().isBefore(shifts.startTimeOf(code)) ? date.plusDays(1) : date;
                    Instant breakStart = shifts.at(day, b.start());
                    breakRanges.add(new long[] {breakStart.toEpochMilli(),
                        breakStart.plus(b.length()).toEpochMilli()});
                }
                List<long[]> absenceRanges = new ArrayList<>();
                for (Absence a : absences) {
                    if (a.centerNo().equals(machineId) || a.centerNo().equals(workCenterNo)) {
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
