package io.shopfloor.job.machine;

import io.shopfloor.job.machine.CounterReading.CounterKind;
import io.shopfloor.job.machine.MachineSignal.OperationChanged;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One early shift (06:00-14:00, 480 min) with a 30-minute break and a 45-minute planned maintenance, through the
 * real timeline, the calendar and the KPI windows, summed as a shift report sums them: ISO 22400 figures exactly.
 */
class OeeShiftTest {
    static final Instant SHIFT_START = Instant.parse("2026-03-02T06:00:00Z"); // a Monday
    static final long MINUTE = 60_000;
    static final ShopCalendar CALENDAR = new ShopCalendar(ShiftCalendar.threeShifts(),
            Map.of("EARLY", ShopCalendar.ShiftPlan.everyDay(
                    new ShopCalendar.Break(LocalTime.of(10, 0), Duration.ofMinutes(30)))), Set.of(), List.of());
    static final MachineTimeline.Settings SETTINGS = new MachineTimeline.Settings(Duration.ofSeconds(60),
            Duration.ofSeconds(30), Duration.ofSeconds(120), ShiftCalendar.threeShifts());
    /** The maintenance's code PM is planned downtime (the order stage takes this from the ERP's stop codes). */
    static final Predicate<String> PM_PLANNED = "PM"::equals;
    /** 24 s per part: 2.5 parts per minute at the ideal rate. */
    static final long IDEAL_CYCLE_TIME_MILLIS = 24_000;

    static Instant minute(int m) {
        return SHIFT_START.plus(Duration.ofMinutes(m));
    }

    /**
     * Setup 06:00-06:30; run to 10:00; stopped in the break to 10:30; run to 11:30; jam to 11:50; idle to 12:00;
     * planned maintenance (code PM) to 12:45; run to 14:00. Two parts per running minute, counted at its end; one
     * of them scrap in the first 15 running minutes.
     */
    static List<MachineSignal> shift() {
        List<MachineSignal> signals = new ArrayList<>();
        signals.add(new MachineSignal.StateChanged(minute(0), MachineState.SETUP, null));
        signals.add(new OperationChanged(minute(0), OperationChanged.Type.SETUP_STARTED, "RPO-1001", 10000, "10",
                null, "OP-7"));
        signals.add(new OperationChanged(minute(30), OperationChanged.Type.OPERATION_STARTED, "RPO-1001", 10000,
                "10", null, "OP-7"));
        signals.add(new MachineSignal.StateChanged(minute(30), MachineState.RUNNING, null));
        signals.add(new MachineSignal.StateChanged(minute(240), MachineState.STOPPED, "BREAK"));
        signals.add(new MachineSignal.StateChanged(minute(270), MachineState.RUNNING, null));
        signals.add(new MachineSignal.StateChanged(minute(330), MachineState.STOPPED, "JAM"));
        signals.add(new MachineSignal.StateChanged(minute(350), MachineState.IDLE, null));
        signals.add(new MachineSignal.StateChanged(minute(360), MachineState.MAINTENANCE, "PM"));
        signals.add(new MachineSignal.StateChanged(minute(405), MachineState.RUNNING, null));
        int runningMinutes = 0;
        for (int m = 0; m < 480; m++) {
            boolean running = m >= 30 && m < 240 || m >= 270 && m < 330 || m >= 405;
            if (running) {
                runningMinutes++;
                boolean scrap = runningMinutes <= 15;
                signals.add(new MachineSignal.PartsCounted(minute(m + 1), CounterKind.GOOD, scrap ? 1 : 2));
                if (scrap) {
                    signals.add(new MachineSignal.PartsCounted(minute(m + 1), CounterKind.SCRAP, 1));
                }
            } else {
                signals.add(new MachineSignal.Heartbeat(minute(m + 1)));
            }
        }
        signals.add(new MachineSignal.Heartbeat(minute(481)));
        return signals;
    }

    static OeeTimeElements earlyShift(List<MachineSignal> signals, ShopCalendar calendar, Long idealCycleTimeMillis,
                                      Predicate<String> plannedStopCode) {
        MachineTimeline timeline = new MachineTimeline("M1", SETTINGS);
        signals.forEach(signal -> assertTrue(timeline.accept(signal)));
        List<WindowTotals> totals = timeline.advanceTo(minute(490)).totals();
        OeeTimeElements sum = OeeTimeElements.ZERO;
        for (WindowTotals t : totals) {
            MachineKpi kpi = MachineKpis.of(t, idealCycleTimeMillis, calendar, "WC-ASSY", plannedStopCode);
            if (kpi.shiftCode().equals("EARLY") && kpi.shiftDate().equals(LocalDate.of(2026, 3, 2))) {
                sum = sum.plus(kpi.time());
            }
        }
        return sum;
    }

    @Test
    void aShiftWithABreakAndAPlannedMaintenance() {
        OeeTimeElements time = earlyShift(shift(), CALENDAR, IDEAL_CYCLE_TIME_MILLIS, PM_PLANNED);

        assertEquals(30 * MINUTE, time.breakMillis(), "the break, stopped");
        assertEquals(45 * MINUTE, time.plannedStopMillis(), "APMT: the maintenance declared planned");
        assertEquals(75 * MINUTE, time.plannedDowntimeMillis());
        assertEquals(405 * MINUTE, time.plannedBusyMillis(), "PBT = 480 - 30 - 45");
        assertEquals(345 * MINUTE, time.productionMillis(), "APT");
        assertEquals(30 * MINUTE, time.setupMillis(), "AUST");
        assertEquals(20 * MINUTE, time.downMillis(), "ADOT: the jam");
        assertEquals(10 * MINUTE, time.delayMillis(), "ADET: idle");
        assertEquals(0, time.noSignalMillis());
        assertEquals(0, time.notScheduledMillis() + time.absenceMillis());
        assertEquals(675, time.goodParts());
        assertEquals(15, time.scrapParts());
        assertEquals(690 * IDEAL_CYCLE_TIME_MILLIS, time.idealMillis(), "PRI x PQ = 276 min");

        OeeFigures oee = OeeFigures.of(time);
        assertEquals(345.0 / 405, oee.availability(), 1e-12);
        assertEquals(276.0 / 345, oee.performance(), 1e-12); // 0.8
        assertEquals(675.0 / 690, oee.quality(), 1e-12);
        assertEquals(2.0 / 3, oee.oee(), 1e-12); // 276/405 x 675/690
        assertEquals(List.of(), oee.flags());
    }

    @Test
    void withoutCalendarOrDeclarationTheBreakAndMaintenanceAreLosses() {
        OeeTimeElements time = earlyShift(shift(), ShopCalendar.allPlanned(ShiftCalendar.threeShifts()),
                IDEAL_CYCLE_TIME_MILLIS, MachineKpis.NO_PLANNED_STOP_CODES);
        assertEquals(0, time.plannedDowntimeMillis());
        assertEquals(480 * MINUTE, time.plannedBusyMillis());
        assertEquals((30 + 20 + 45) * MINUTE, time.downMillis(), "break, jam and maintenance are unplanned stops");
        assertEquals(345.0 / 480, OeeFigures.of(time).availability(), 1e-12);
    }

    @Test
    void aBreakWorkedThroughIsBusyTimeSoAvailabilityStaysAtMostOne() {
        List<MachineSignal> signals = new ArrayList<>(shift());
        signals.removeIf(s -> s instanceof MachineSignal.StateChanged c && "BREAK".equals(c.stopCode()));
        OeeTimeElements time = earlyShift(signals, CALENDAR, IDEAL_CYCLE_TIME_MILLIS, PM_PLANNED);
        assertEquals(0, time.breakMillis());
        assertEquals(435 * MINUTE, time.plannedBusyMillis(), "480 - 45 maintenance");
        assertEquals(375 * MINUTE, time.productionMillis());
        assertEquals(375.0 / 435, OeeFigures.of(time).availability(), 1e-12);
    }

    @Test
    void partsCountedAfterASilenceDoNotInflatePerformance() {
        // The gateway is silent from 07:40 to 07:49 while the machine runs on; the reading at 07:49 counts the
        // 18 parts made meanwhile. The 9 minutes are no signal, not production: the 18 parts stay out of
        // performance (else 690 x 24 s in 336 min: 82.1 %; a longer silence would pass 100 %).
        List<MachineSignal> signals = new ArrayList<>(shift());
        signals.removeIf(s -> (s instanceof MachineSignal.PartsCounted || s instanceof MachineSignal.Heartbeat)
                && s.eventTime().isAfter(minute(100)) && s.eventTime().isBefore(minute(109)));
        signals.add(new MachineSignal.PartsCounted(minute(109), CounterKind.GOOD, 16));
        OeeTimeElements time = earlyShift(signals, CALENDAR, IDEAL_CYCLE_TIME_MILLIS, PM_PLANNED);
        assertEquals(9 * MINUTE, time.noSignalMillis());
        assertEquals(336 * MINUTE, time.productionMillis());
        assertEquals(405 * MINUTE, time.plannedBusyMillis());
        assertEquals(675, time.goodParts());
        assertEquals((690 - 18) * IDEAL_CYCLE_TIME_MILLIS, time.idealMillis());
        assertEquals(0.8, OeeFigures.of(time).performance(), 1e-12);
    }

    @Test
    void aTooLongIdealCycleTimeIsAFindingNotAnOee() {
        // 36 s ideal: 690 parts would take 414 min at the ideal rate, in 345 min of production.
        OeeTimeElements time = earlyShift(shift(), CALENDAR, 36_000L, PM_PLANNED);
        OeeFigures oee = OeeFigures.of(time);
        assertEquals(414.0 / 345, oee.performance(), 1e-12);
        assertEquals(List.of(OeeFigures.IDEAL_CYCLE_TIME_SUSPECT), oee.flags());
        assertNull(oee.oee());
    }

    @Test
    void aCalendarAbsenceOfTheWorkCenterIsPlannedDowntime() {
        // The work center is absent 12:00-12:45 in the calendar; the machine's maintenance code is not declared.
        ShopCalendar withAbsence = new ShopCalendar(ShiftCalendar.threeShifts(), Map.of("EARLY",
                ShopCalendar.ShiftPlan.everyDay(new ShopCalendar.Break(LocalTime.of(10, 0), Duration.ofMinutes(30)))),
                Set.of(), List.of(new ShopCalendar.Absence("WC-ASSY", minute(360), minute(405), "MAINTENANCE")));
        OeeTimeElements time = earlyShift(shift(), withAbsence, IDEAL_CYCLE_TIME_MILLIS,
                MachineKpis.NO_PLANNED_STOP_CODES);
        assertEquals(45 * MINUTE, time.absenceMillis());
        assertEquals(0, time.plannedStopMillis());
        assertEquals(405 * MINUTE, time.plannedBusyMillis());
        assertEquals(2.0 / 3, OeeFigures.of(time).oee(), 1e-12);
    }
}
