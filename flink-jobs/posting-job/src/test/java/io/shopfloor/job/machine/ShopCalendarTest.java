package io.shopfloor.job.machine;

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

    @Test
    void theSameCalendarFromConfiguration() {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("shift.EARLY.days", "MONDAY-FRIDAY");
        properties.setProperty("shift.EARLY.breaks", "09:00+15, 12:00+30");
        properties.setProperty("shift.LATE.days", "MONDAY-FRIDAY");
        properties.setProperty("shift.NIGHT.days", "MONDAY-THURSDAY");
        properties.setProperty("shift.NIGHT.breaks", "02:00+30");
        properties.setProperty("holidays", "2026-05-01");
        properties.setProperty("absence.1", "M1 2026-03-02T12:15:00Z 2026-03-02T13:00:00Z PM");
        properties.setProperty("plannedStopCodes", "PM, CLEANING");
        ShopCalendar parsed = ShopCalendar.parse(ShiftCalendar.threeShifts(), properties);
        for (Instant[] range : List.of(new Instant[] {t("2026-03-02T06:00:00Z"), t("2026-03-02T14:00:00Z")},
                new Instant[] {t("2026-03-02T22:00:00Z"), t("2026-03-03T06:00:00Z")},
                new Instant[] {t("2026-03-06T14:00:00Z"), t("2026-03-09T06:00:00Z")},
                new Instant[] {t("2026-05-01T00:00:00Z"), t("2026-05-02T00:00:00Z")})) {
            assertEquals(CALENDAR.calendarTime("M1", "WC", range[0], range[1]),
                    parsed.calendarTime("M1", "WC", range[0], range[1]), range[0] + " to " + range[1]);
        }
        assertEquals(Set.of("PM", "CLEANING"), ShopCalendar.plannedStopCodes(properties));
        properties.setProperty("shift.SPAET.days", "MONDAY");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ShopCalendar.parse(ShiftCalendar.threeShifts(), properties), "an unknown shift code");
    }

    @Test
    void aRangeAcrossShiftsIsSplitAtTheirStarts() {
        ShopCalendar.CalendarTime time = CALENDAR.calendarTime("M9", "WC", t("2026-03-02T13:30:00Z"),
                t("2026-03-02T14:30:00Z"));
        assertEquals(60 * MINUTE, time.plannedMillis());
    }
}
