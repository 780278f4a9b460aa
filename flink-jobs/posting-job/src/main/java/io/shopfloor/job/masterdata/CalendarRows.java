package io.shopfloor.job.masterdata;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;

/**
 * The ERP's shop calendar rows as the posting job keeps them in its master data (Business Central's Shop Calendar
 * Working Days, Shop Calendar Holiday, Calendar Absence Entry and the work center's Shop Calendar Code). Times are
 * the plant's local time; an ending time of 00:00 is midnight at the end of the day. {@link ErpCalendars} turns them into a {@link io.shopfloor.job.machine.ShopCalendar}.
 */
public final class CalendarRows {

    private CalendarRows() {
    }

    /** One worked time range of a weekday; the gaps between the ranges within a shift are its breaks. */
    public record WorkingTime(String calendarCode, DayOfWeek day, LocalTime start, LocalTime end, String shiftCode) {
    }

    /** No work on {@code date} from {@code start} to {@code end} (00:00 to 00:00: the whole day). */
    public record Holiday(String calendarCode, LocalDate date, LocalTime start, LocalTime end, String description) {
        public boolean wholeDay() {
            return start.equals(LocalTime.MIDNIGHT) && end.equals(LocalTime.MIDNIGHT);
        }
    }

    /** A calendar absence entry of a work or machine center (its no.). */
    public record Absence(String centerNo, LocalDate date, LocalTime start, LocalTime end, String description) {
    }

    /** The shop calendar a work center (and its machine centers) works; blank: none. */
    public record CenterCalendar(String workCenterNo, String calendarCode) {
    }
}
