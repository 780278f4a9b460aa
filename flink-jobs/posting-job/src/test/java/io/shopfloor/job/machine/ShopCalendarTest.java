package io.shopfloor.job.machine;

import io.shopfloor.job.masterdata.CalendarRows;
import io.shopfloor.job.masterdata.ErpCalendars;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ShopCalendarTest {
    static final long MINUTE = 60_000;
    /** Early and late on weekdays; night Monday to Thursday with a break after midnight; 1 May a holiday. */
    static final ShopCalendar CALENDAR = new ShopCalendar(ShiftCalendar.threeShifts(), Map.of(
            "EARLY", new ShopCalendar.ShiftPlan(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                    List.of(new ShopCalendar.Break(LocalTime.of(9, 0), Duration.ofMinutes(15)),
                            new ShopCalendar.Break(LocalTime.of(12, 0), Duration.ofMinutes(30)))),
            "LATE", new ShopCalendar.ShiftPlan(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), List.of()),
            "NIGHT", new ShopCalendar.ShiftPlan(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.THURSDAY),
                    List.of(new ShopCalendar.Break(LocalTime.of(2, 0), Duration.ofMinutes(30))))),
            Set.of(LocalDate.of(2026, 5, 1)),
            List.of(new ShopCalendar.Absence("M1", Instant.parse("2026-03-02T12:15:00Z"),
                    Instant.parse("2026-03-02T13:00:00Z"), "PM")));

    static Instant t(String text) {
        return Instant.parse(text);
    }

    @Test
    void anEarlyShiftLessItsBreaksAndTheMachinesAbsence() {
        ShopCalendar.CalendarTime time = CALENDAR.calendarTime("M1", "WC", t("2026-03-02T06:00:00Z"),
                t("2026-03-02T14:00:00Z"));
        assertEquals(480 * MINUTE, time.shiftMillis());
        assertEquals(45 * MINUTE, time.breakMillis());
        assertEquals(30 * MINUTE, time.absenceMillis(), "12:15-13:00 less the break's 12:15-12:30");
        assertEquals(405 * MINUTE, time.plannedMillis());
        assertEquals(435 * MINUTE, CALENDAR.calendarTime("M2", "WC", t("2026-03-02T06:00:00Z"),
                t("2026-03-02T14:00:00Z")).plannedMillis(), "another machine is not absent");
    }

    @Test
    void aNightShiftsBreakAfterMidnightAndItsDate() {
        ShopCalendar.CalendarTime time = CALENDAR.calendarTime("M1", "WC", t("2026-03-02T22:00:00Z"),
                t("2026-03-03T06:00:00Z"));
        assertEquals(450 * MINUTE, time.plannedMillis());
        assertEquals(LocalDate.of(2026, 3, 2), CALENDAR.shiftDate(t("2026-03-03T02:10:00Z")));
        assertEquals("NIGHT", CALENDAR.shiftCode(t("2026-03-03T02:10:00Z")));
    }

    @Test
    void notScheduledOnAFridayNightTheWeekendAndAHoliday() {
        assertEquals(0, CALENDAR.calendarTime("M1", "WC", t("2026-03-06T22:00:00Z"), t("2026-03-07T06:00:00Z"))
                .shiftMillis(), "no night shift on Friday");
        assertEquals(0, CALENDAR.calendarTime("M1", "WC", t("2026-03-07T00:00:00Z"), t("2026-03-09T06:00:00Z"))
                .shiftMillis(), "the weekend");
        assertEquals(0, CALENDAR.calendarTime("M1", "WC", t("2026-05-01T06:00:00Z"), t("2026-05-01T22:00:00Z"))
                .shiftMillis(), "1 May");
        assertEquals(8 * 60 * MINUTE, CALENDAR.calendarTime("M1", "WC", t("2026-03-06T14:00:00Z"),
                t("2026-03-07T06:00:00Z")).shiftMillis(), "Friday: the late shift only");
    }

    /** The same calendar as the ERP's rows: weekday time ranges, the gaps within a shift its breaks. */
    @Test
    void theSameCalendarFromErpWorkingDays() {
        List<CalendarRows.WorkingTime> rows = new java.util.ArrayList<>();
        for (DayOfWeek day : EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)) {
            rows.add(row(day, "06:00", "09:00", "EARLY"));
            rows.add(row(day, "09:15", "12:00", "EARLY"));
            rows.add(row(day, "12:30", "14:00", "EARLY"));
            rows.add(row(day, "14:00", "22:00", "LATE"));
            if (day != DayOfWeek.FRIDAY) {
                rows.add(row(day, "22:00", "00:00", "NIGHT")); // 00:00: midnight at the end of the day
                rows.add(row(day.plus(1), "00:00", "02:00", "NIGHT"));
                rows.add(row(day.plus(1), "02:30", "06:00", "NIGHT"));
            }
        }
        ShopCalendar fromErp = new ShopCalendar(ShiftCalendar.threeShifts(),
                ErpCalendars.plans(ShiftCalendar.threeShifts(), rows), Set.of(LocalDate.of(2026, 5, 1)),
                List.of(new ShopCalendar.Absence("M1", Instant.parse("2026-03-02T12:15:00Z"),
                        Instant.parse("2026-03-02T13:00:00Z"), "PM")));
        for (Instant[] range : List.of(new Instant[] {t("2026-03-02T06:00:00Z"), t("2026-03-02T14:00:00Z")},
                new Instant[] {t("2026-03-02T22:00:00Z"), t("2026-03-03T06:00:00Z")},
                new Instant[] {t("2026-03-06T14:00:00Z"), t("2026-03-09T06:00:00Z")},
                new Instant[] {t("2026-03-08T22:00:00Z"), t("2026-03-09T06:00:00Z")},
                new Instant[] {t("2026-05-01T00:00:00Z"), t("2026-05-02T00:00:00Z")})) {
            assertEquals(CALENDAR.calendarTime("M1", "WC", range[0], range[1]),
                    fromErp.calendarTime("M1", "WC", range[0], range[1]), range[0] + " to " + range[1]);
        }
        assertEquals(List.of(new ShopCalendar.Break(LocalTime.of(9, 0), Duration.ofMinutes(15)),
                new ShopCalendar.Break(LocalTime.of(12, 0), Duration.ofMinutes(30))),
                fromErp.plan("EARLY").breaksOn(DayOfWeek.MONDAY));
        assertEquals(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.THURSDAY), fromErp.plan("NIGHT").workingDays());
    }

    /** A shift of which the rows cover only part: the rest of the shift is break time, a Friday may differ. */
    @Test
    void aShorterFridayFromErpWorkingDays() {
        List<CalendarRows.WorkingTime> rows = List.of(row(DayOfWeek.MONDAY, "06:00", "14:00", "EARLY"),
                row(DayOfWeek.FRIDAY, "06:00", "12:00", "EARLY"));
        ShopCalendar fromErp = new ShopCalendar(ShiftCalendar.threeShifts(),
                ErpCalendars.plans(ShiftCalendar.threeShifts(), rows), Set.of(), List.of());
        assertEquals(480 * MINUTE, fromErp.calendarTime("M1", "WC", t("2026-03-02T00:00:00Z"),
                t("2026-03-03T00:00:00Z")).plannedMillis(), "Monday: the early shift");
        ShopCalendar.CalendarTime friday = fromErp.calendarTime("M1", "WC", t("2026-03-06T00:00:00Z"),
                t("2026-03-07T00:00:00Z"));
        assertEquals(480 * MINUTE, friday.shiftMillis());
        assertEquals(120 * MINUTE, friday.breakMillis(), "12:00-14:00 not worked");
        assertEquals(0, fromErp.calendarTime("M1", "WC", t("2026-03-03T00:00:00Z"), t("2026-03-04T00:00:00Z"))
                .shiftMillis(), "no rows on Tuesday");
    }

    static CalendarRows.WorkingTime row(DayOfWeek day, String from, String to, String shift) {
        return new CalendarRows.WorkingTime("CAL", day, LocalTime.parse(from), LocalTime.parse(to), shift);
    }

    @Test
    void aRangeAcrossShiftsIsSplitAtTheirStarts() {
        ShopCalendar.CalendarTime time = CALENDAR.calendarTime("M9", "WC", t("2026-03-02T13:30:00Z"),
                t("2026-03-02T14:30:00Z"));
        assertEquals(60 * MINUTE, time.plannedMillis());
    }
}
