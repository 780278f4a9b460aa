package io.shopfloor.job.masterdata;

import io.shopfloor.job.machine.ShiftCalendar;
import io.shopfloor.job.machine.ShopCalendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Shop calendars from the ERP's rows ({@link CalendarRows}) as of an event time, so that a calendar change applies
 * from its time on. A machine works its work center's calendar (Business Central: the work center's Shop Calendar
 * Code; machine centers have none of their own) with the absences of the machine and its work center. A center
 * without a calendar code, or whose calendar has no working days, works {@code fallback} (the job's setting, by
 * default every shift every day), still with its absences.
 *
 * <p>Working-day rows become shift plans by time, not by their work shift code: each row's time is split at the
 * plant's shift starts ({@link ShiftCalendar}, which cuts the posting windows). A shift is worked on a weekday when
 * rows cover part of it; the time of a worked shift no row covers is its breaks (planned downtime either way).
 * Whole-day holidays are dates whose shifts are not worked (a night shift belongs to the day it starts); a holiday
 * of part of a day is an absence of every machine of the calendar.
 *
 * <p>The rows of a calendar or center are found through an index of master-data keys ({@link #index}), which the
 * operator rebuilds from its broadcast state after a restore: it is derived data, not state.
 */
public final class ErpCalendars {
    private static final long DAY_MILLIS = 86_400_000L;
    private static final long WEEK_MILLIS = 7 * DAY_MILLIS;

    /** Group (key up to its first '|': kind and calendar code or center no.) to the keys of its rows. */
    private final Map<String, TreeSet<String>> keysByGroup = new HashMap<>();
    private boolean built;

    /** Indexes a master-data key if it is a calendar row (other keys are ignored). */
    public void index(String key) {
        int bar = key.indexOf('|');
        if (bar > 0 && (key.startsWith(MasterDataChange.WORKING_DAY) || key.startsWith(MasterDataChange.HOLIDAY)
                || key.startsWith(MasterDataChange.ABSENCE))) {
            keysByGroup.computeIfAbsent(key.substring(0, bar), group -> new TreeSet<>()).add(key);
        }
    }

    /** Forgets a key the broadcast state removed (the index stays as large as the state). */
    public void forget(String key) {
        int bar = key.indexOf('|');
        TreeSet<String> keys = bar > 0 ? keysByGroup.get(key.substring(0, bar)) : null;
        if (keys != null && keys.remove(key) && keys.isEmpty()) {
            keysByGroup.remove(key.substring(0, bar));
        }
    }

    /** Whether the index has seen every key of the state (after a restore it is rebuilt once). */
    public boolean isBuilt() {
        return built;
    }

    public void markBuilt() {
        built = true;
    }

    /**
     * The calendar of a machine for the window {@code [from, to)}, as the ERP rows are at {@code time}: only the
     * holidays and absences that touch the window are taken, so a long history of absences costs no memory here.
     */
    public ShopCalendar calendarOf(Function<String, MasterDataVersions> versions, long time, String machineId,
                                   String workCenterNo, Instant from, Instant to, ShopCalendar fallback) {
        ShiftCalendar shifts = fallback.shifts();
        String code = workCenterNo == null ? null
                : value(versions, MasterDataChange.CENTER_CALENDAR + workCenterNo, time,
                        CalendarRows.CenterCalendar.class)
                .map(CalendarRows.CenterCalendar::calendarCode).filter(c -> !c.isBlank()).orElse(null);
        List<CalendarRows.WorkingTime> days = new ArrayList<>();
        Set<LocalDate> holidays = new TreeSet<>();
        List<ShopCalendar.Absence> absences = new ArrayList<>();
        LocalDate firstDate = shifts.date(from).minusDays(1);
        LocalDate lastDate = shifts.date(to).plusDays(1);
        if (code != null) {
            days.addAll(rows(versions, MasterDataChange.WORKING_DAY + code, time, CalendarRows.WorkingTime.class));
            for (CalendarRows.Holiday h : rows(versions, MasterDataChange.HOLIDAY + code, time,
                    CalendarRows.Holiday.class)) {
                if (h.date().isBefore(firstDate) || h.date().isAfter(lastDate)) {
                    continue;
                }
                if (h.wholeDay()) {
                    holidays.add(h.date());
                } else {
                    absence(shifts, null, h.date(), h.start(), h.end(), h.description(), from, to, absences);
                }
            }
        }
        for (String center : new String[] {machineId, workCenterNo}) {
            if (center != null) {
                for (CalendarRows.Absence a : rows(versions, MasterDataChange.ABSENCE + center, time,
                        CalendarRows.Absence.class)) {
                    absence(shifts, a.centerNo(), a.date(), a.start(), a.end(), a.description(), from, to, absences);
                }
            }
        }
        if (days.isEmpty() && holidays.isEmpty() && absences.isEmpty()) {
            return fallback;
        }
        return days.isEmpty() ? fallback.withAbsences(absences)
                : new ShopCalendar(shifts, plans(shifts, days), holidays, absences);
    }

    /** The working-day rows as shift plans: worked weekdays of each shift and, per weekday, its breaks. */
    public static Map<String, ShopCalendar.ShiftPlan> plans(ShiftCalendar shifts, List<CalendarRows.WorkingTime> rows) {
        List<long[]> worked = new ArrayList<>();
        for (CalendarRows.WorkingTime row : rows) {
            long dayStart = (row.day().getValue() - 1) * DAY_MILLIS;
            long start = millisOfDay(row.start());
            long end = row.end().equals(LocalTime.MIDNIGHT) ? DAY_MILLIS : millisOfDay(row.end());
            if (end > start) {
                worked.add(new long[] {dayStart + start, dayStart + end});
                // Sunday night's row is Monday morning's shift of the next week, and the other way round.
                worked.add(new long[] {dayStart + start + WEEK_MILLIS, dayStart + end + WEEK_MILLIS});
            }
        }
        worked.sort(Comparator.comparingLong(r -> r[0]));
        Map<String, ShopCalendar.ShiftPlan> plans = new TreeMap<>();
        List<LocalTime> starts = shifts.startTimes();
        for (int i = 0; i < starts.size(); i++) {
            long shiftStart = millisOfDay(starts.get(i));
            long shiftEnd = i + 1 < starts.size() ? millisOfDay(starts.get(i + 1))
                    : millisOfDay(starts.get(0)) + DAY_MILLIS;
            Set<DayOfWeek> workingDays = EnumSet.noneOf(DayOfWeek.class);
            Map<DayOfWeek, List<ShopCalendar.Break>> breaksByDay = new EnumMap<>(DayOfWeek.class);
            for (DayOfWeek day : DayOfWeek.values()) {
                long spanStart = (day.getValue() - 1) * DAY_MILLIS + shiftStart;
                long spanEnd = (day.getValue() - 1) * DAY_MILLIS + shiftEnd;
                List<ShopCalendar.Break> breaks = new ArrayList<>();
                long reached = spanStart;
                boolean anyWorked = false;
                for (long[] range : worked) {
                    long s = Math.max(range[0], spanStart);
                    long e = Math.min(range[1], spanEnd);
                    if (s >= e || e <= reached) {
                        continue;
                    }
                    anyWorked = true;
                    if (s > reached) {
                        breaks.add(breakOf(reached, s));
                    }
                    reached = e;
                }
                if (anyWorked) {
                    if (reached < spanEnd) {
                        breaks.add(breakOf(reached, spanEnd));
                    }
                    workingDays.add(day);
                    breaksByDay.put(day, breaks);
                }
            }
            plans.put(shifts.shiftStarts().get(starts.get(i)), new ShopCalendar.ShiftPlan(workingDays, List.of(),
                    breaksByDay));
        }
        return plans;
    }

    private static ShopCalendar.Break breakOf(long from, long to) {
        return new ShopCalendar.Break(LocalTime.ofNanoOfDay(Math.floorMod(from, DAY_MILLIS) * 1_000_000L),
                Duration.ofMillis(to - from));
    }

    private static long millisOfDay(LocalTime time) {
        return time.toNanoOfDay() / 1_000_000L;
    }

    /** An absence from its date and local times (ending 00:00: midnight at the end), if it touches the window. */
    private static void absence(ShiftCalendar shifts, String centerNo, LocalDate date, LocalTime start, LocalTime end,
                                String description, Instant from, Instant to, List<ShopCalendar.Absence> absences) {
        Instant absentFrom = shifts.at(date, start);
        Instant absentTo = end.equals(LocalTime.MIDNIGHT) ? shifts.at(date.plusDays(1), LocalTime.MIDNIGHT)
                : shifts.at(date, end);
        if (absentFrom.isBefore(absentTo) && absentFrom.isBefore(to) && absentTo.isAfter(from)) {
            absences.add(new ShopCalendar.Absence(centerNo, absentFrom, absentTo, description));
        }
    }

    private <T> List<T> rows(Function<String, MasterDataVersions> versions, String group, long time, Class<T> type) {
        List<T> rows = new ArrayList<>();
        for (String key : keysByGroup.getOrDefault(group, EMPTY)) {
            value(versions, key, time, type).ifPresent(rows::add);
        }
        return rows;
    }

    private static final TreeSet<String> EMPTY = new TreeSet<>();

    private static <T> java.util.Optional<T> value(Function<String, MasterDataVersions> versions, String key,
                                                   long time, Class<T> type) {
        MasterDataVersions v = versions.apply(key);
        Object value = v == null ? null : v.asOf(time);
        return type.isInstance(value) ? java.util.Optional.of(type.cast(value)) : java.util.Optional.empty();
    }
}
