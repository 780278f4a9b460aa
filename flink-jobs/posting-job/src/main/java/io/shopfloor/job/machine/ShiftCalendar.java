package io.shopfloor.job.machine;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Shifts as start times of day in the plant's time zone (e.g. EARLY 06:00, LATE 14:00, NIGHT 22:00); a shift
 * lasts until the next one starts. Postings never straddle a shift start.
 */
public final class ShiftCalendar implements Serializable {
    private static final long serialVersionUID = 1L;

    private final ZoneId zone;
    private final TreeMap<LocalTime, String> shiftStarts;

    public ShiftCalendar(ZoneId zone, Map<LocalTime, String> shiftStarts) {
        if (shiftStarts.isEmpty()) {
            throw new IllegalArgumentException("at least one shift");
        }
        this.zone = zone;
        this.shiftStarts = new TreeMap<>(shiftStarts);
    }

    /** Three eight-hour shifts starting at 06:00 in UTC. */
    public static ShiftCalendar threeShifts() {
        return new ShiftCalendar(ZoneId.of("UTC"), Map.of(LocalTime.of(6, 0), "EARLY", LocalTime.of(14, 0), "LATE",
                LocalTime.of(22, 0), "NIGHT"));
    }

    /** The last shift start at or before {@code time}. */
    public Instant shiftStartAtOrBefore(Instant time) {
        LocalDate day = time.atZone(zone).toLocalDate();
        for (int days = 0; days <= 1; days++) {
            for (LocalTime start : shiftStarts.descendingKeySet()) {
                Instant candidate = day.minusDays(days).atTime(start).atZone(zone).toInstant();
                if (!candidate.isAfter(time)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("no shift start before " + time);
    }

    /** The first shift start strictly after {@code time}. */
    public Instant nextShiftStart(Instant time) {
        ZonedDateTime local = time.atZone(zone);
        LocalDate day = local.toLocalDate();
        for (int days = 0; days <= 1; days++) {
            for (LocalTime start : shiftStarts.keySet()) {
                Instant candidate = day.plusDays(days).atTime(start).atZone(zone).toInstant();
                if (candidate.isAfter(time)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("no shift start after " + time);
    }

    public String shiftCode(Instant time) {
        LocalTime localTime = time.atZone(zone).toLocalTime();
        Map.Entry<LocalTime, String> entry = shiftStarts.floorEntry(localTime);
        return entry != null ? entry.getValue() : shiftStarts.lastEntry().getValue();
    }

    public LocalDate date(Instant time) {
        return time.atZone(zone).toLocalDate();
    }

    /** The starting time of a shift code. */
    public LocalTime startTimeOf(String shiftCode) {
        for (Map.Entry<LocalTime, String> entry : shiftStarts.entrySet()) {
            if (entry.getValue().equals(shiftCode)) {
                return entry.getKey();
            }
        }
        throw new IllegalArgumentException("no shift " + shiftCode);
    }

    /** A local date and time of day in the plant's zone. */
    public Instant at(LocalDate date, LocalTime time) {
        return date.atTime(time).atZone(zone).toInstant();
    }

    public List<LocalTime> startTimes() {
        return List.copyOf(shiftStarts.keySet());
    }

    public ZoneId zone() {
        return zone;
    }

    /** The shift codes by start time of day. */
    public Map<LocalTime, String> shiftStarts() {
        return java.util.Collections.unmodifiableMap(shiftStarts);
    }
}
