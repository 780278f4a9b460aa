package io.shopfloor.job.machine;

import io.shopfloor.job.avro.AvroFixtures;
import io.shopfloor.job.avro.OrderInputMapping;
import io.shopfloor.job.masterdata.MasterDataChange;
import io.shopfloor.job.operator.OrderPostingFunction;
import io.shopfloor.job.operator.StateLimits;
import io.shopfloor.job.order.OrderInput;
import io.shopfloor.job.order.OrderLedger;
import io.shopfloor.job.order.PostedEntry;
import io.shopfloor.posting.PostingSettings;
import io.shopfloor.schema.common.CapacityType;
import io.shopfloor.schema.masterdata.CalendarAbsenceEntry;
import io.shopfloor.schema.masterdata.ShopCalendarWorkingDay;
import io.shopfloor.schema.masterdata.Weekday;
import io.shopfloor.schema.masterdata.WorkCenter;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import static io.shopfloor.job.machine.OeeShiftTest.MINUTE;
import static io.shopfloor.job.machine.OeeShiftTest.minute;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * OeeShiftTest's early shift (a 30-minute break, a 45-minute planned maintenance) with its calendar from the ERP:
 * the CDC records of the work center's shop calendar and absence entries, and of the stop codes (PM planned), mapped
 * as the job maps them, broadcast to the order stage, which splits each KPI window by the calendar as of the window's
 * time and classifies its stop time by the ERP's stop codes (the job declares no planned stop codes of its own). Also a calendar the ERP
 * changes in the middle of the day: the change applies from its time on, not to the windows before it.
 */
class ErpCalendarOeeTest {
    static final String MACHINE = "MC-ASSY";
    static final Instant SNAPSHOT = Instant.parse("2026-03-01T00:00:00Z");

    private KeyedBroadcastOperatorTestHarness<String, OrderInput, MasterDataChange, PostedEntry> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new OrderPostingFunction(PostingSettings.DEFAULTS, OrderLedger.Settings.DEFAULTS, Duration.ofDays(7),
                        Duration.ofMinutes(5), StateLimits.DEFAULTS),
                OrderInput::key, Types.STRING, OrderPostingFunction.MASTER_DATA);
        broadcast(OrderInputMapping.machineCenter(AvroFixtures.machineCenter(MACHINE, "WC-ASSY", "0.50")), SNAPSHOT);
        for (MasterDataChange change : OrderInputMapping.workCenterWithCalendar(WorkCenter.newBuilder(
                AvroFixtures.workCenter("WC-ASSY", "0.50", "0", "0", "0.50")).setShopCalendarCode("EARLY-BREAKS")
                .build())) {
            broadcast(change, SNAPSHOT);
        }
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void broadcast(MasterDataChange change, Instant time) throws Exception {
        harness.processBroadcastElement(change, time.toEpochMilli());
    }

    /** A CDC record of a working-day row: a snapshot row (no log position) or one the ERP changed at {@code at}. */
    static ShopCalendarWorkingDay workingDay(Weekday day, String from, String to, Instant at, boolean deleted) {
        return new ShopCalendarWorkingDay("EARLY-BREAKS", day, LocalTime.parse(from), LocalTime.parse(to), "EARLY",
                deleted, at == null ? null : 4711L, at == null ? SNAPSHOT : at);
    }

    /** The weekday rows of the early shift with its break at 10:00 (OeeShiftTest's calendar), as of the snapshot. */
    private void snapshotOfTheEarlyShift() throws Exception {
        for (Weekday day : List.of(Weekday.MONDAY, Weekday.TUESDAY, Weekday.WEDNESDAY, Weekday.THURSDAY,
                Weekday.FRIDAY)) {
            broadcast(OrderInputMapping.workingDay(workingDay(day, "06:00", "10:00", null, false)), SNAPSHOT);
            broadcast(OrderInputMapping.workingDay(workingDay(day, "10:30", "14:00", null, false)), SNAPSHOT);
        }
    }

    /** The ERP's stop code as its CDC snapshot row. */
    private void stopCode(String code, boolean planned) throws Exception {
        broadcast(OrderInputMapping.stopCode(new io.shopfloor.schema.masterdata.StopCode(code, code, planned, false,
                null, SNAPSHOT)), SNAPSHOT);
    }

    private OeeTimeElements earlyShift() throws Exception {
        return earlyShiftThroughTheOrderStage(harness, MACHINE, OeeShiftTest.shift());
    }

    /**
     * A shift's signals through the machine timeline, its windows' totals through the order stage (the harness): the
     * sums of the early shift's KPI windows on 2 March 2026, one per minute.
     */
    static OeeTimeElements earlyShiftThroughTheOrderStage(
            KeyedBroadcastOperatorTestHarness<String, OrderInput, MasterDataChange, PostedEntry> harness,
            String machine, List<MachineSignal> signals) throws Exception {
        MachineTimeline timeline = new MachineTimeline(machine, OeeShiftTest.SETTINGS);
        signals.forEach(timeline::accept);
        for (WindowTotals t : timeline.advanceTo(minute(490)).totals()) {
            harness.processElement(new OrderInput.Totals(t), t.to().toEpochMilli());
        }
        harness.watermark(minute(600).toEpochMilli());
        OeeTimeElements sum = OeeTimeElements.ZERO;
        int windows = 0;
        for (StreamRecord<MachineKpi> kpi : harness.getSideOutput(OrderPostingFunction.KPIS)) {
            MachineKpi k = kpi.getValue();
            if (k.shiftCode().equals("EARLY") && k.shiftDate().equals(LocalDate.of(2026, 3, 2))) {
                sum = sum.plus(k.time());
                windows++;
            }
        }
        assertEquals(480, windows, "one KPI window per minute of the shift");
        return sum;
    }

    @Test
    void theShiftsFiguresWithItsCalendarFromTheErp() throws Exception {
        snapshotOfTheEarlyShift();
        stopCode("PM", true);
        stopCode("JAM", false);

        OeeTimeElements time = earlyShift();

        assertEquals(30 * MINUTE, time.breakMillis(), "the ERP calendar's break, 10:00-10:30");
        assertEquals(45 * MINUTE, time.plannedStopMillis(), "APMT: the maintenance under PM, planned in the ERP");
        assertEquals(0, time.notScheduledMillis() + time.absenceMillis());
        assertEquals(405 * MINUTE, time.plannedBusyMillis(), "PBT = 480 - 30 - 45");
        assertEquals(345 * MINUTE, time.productionMillis(), "APT");
        assertEquals(30 * MINUTE, time.setupMillis(), "AUST");
        assertEquals(20 * MINUTE, time.downMillis(), "ADOT: the jam");
        assertEquals(10 * MINUTE, time.delayMillis(), "ADET: idle");
        assertEquals(675, time.goodParts());
        assertEquals(15, time.scrapParts());
        OeeFigures oee = OeeFigures.of(time);
        assertEquals(345.0 / 405, oee.availability(), 1e-12);
        assertEquals(675.0 / 690, oee.quality(), 1e-12);
        assertNull(oee.performance(), "no released order here: no ideal cycle time (OeeShiftTest has the 0.8)");
    }

    @Test
    void theMaintenanceAsTheErpsAbsenceEntryOfTheWorkCenter() throws Exception {
        snapshotOfTheEarlyShift();
        broadcast(OrderInputMapping.absence(new CalendarAbsenceEntry(CapacityType.WORK_CENTER, "WC-ASSY",
                LocalDate.of(2026, 3, 2), LocalTime.of(12, 0), LocalTime.of(12, 45), "Planned maintenance", false,
                null, SNAPSHOT)), SNAPSHOT);

        // PM is not planned in the ERP: the absence entry makes the maintenance planned downtime.
        stopCode("PM", false);
        OeeTimeElements time = earlyShift();

        assertEquals(30 * MINUTE, time.breakMillis());
        assertEquals(45 * MINUTE, time.absenceMillis(), "the work center's absence entry 12:00-12:45");
        assertEquals(0, time.plannedStopMillis());
        assertEquals(405 * MINUTE, time.plannedBusyMillis());
        assertEquals(345 * MINUTE, time.productionMillis());
        assertEquals(20 * MINUTE, time.downMillis());
    }

    /**
     * At 11:00 the planner moves the break from 10:00 to 12:00 (the ERP deletes the two rows and inserts two new
     * ones; new times are new keys). The windows before 11:00 keep the 10:00 break, those after take the 12:00 one,
     * which falls into the maintenance: a stop in a break is the break.
     */
    @Test
    void aCalendarChangeInTheMiddleOfTheDayAppliesFromItsTime() throws Exception {
        snapshotOfTheEarlyShift();
        Instant change = minute(300); // 11:00
        broadcast(OrderInputMapping.workingDay(workingDay(Weekday.MONDAY, "06:00", "10:00", change, true)), change);
        broadcast(OrderInputMapping.workingDay(workingDay(Weekday.MONDAY, "10:30", "14:00", change, true)), change);
        broadcast(OrderInputMapping.workingDay(workingDay(Weekday.MONDAY, "06:00", "12:00", change, false)), change);
        broadcast(OrderInputMapping.workingDay(workingDay(Weekday.MONDAY, "12:30", "14:00", change, false)), change);
        stopCode("PM", true);

        OeeTimeElements time = earlyShift();

        assertEquals(60 * MINUTE, time.breakMillis(), "10:00-10:30 before the change, 12:00-12:30 after it");
        assertEquals(15 * MINUTE, time.plannedStopMillis(), "the maintenance 12:30-12:45 beyond the new break");
        assertEquals(405 * MINUTE, time.plannedBusyMillis());
        assertEquals(345 * MINUTE, time.productionMillis());
        assertEquals(30 * MINUTE, time.setupMillis());
        assertEquals(20 * MINUTE, time.downMillis());
        assertEquals(10 * MINUTE, time.delayMillis());
    }

    /**
     * A window is read with the calendar as of its start, not as of the time its totals reach the order stage (its
     * end or later): the planner drops the break at 10:15, so 10:00-10:15 stays a break, the minute before 10:15
     * included, and 10:15-10:30 is worked.
     */
    @Test
    void aWindowTakesTheCalendarAsOfItsStart() throws Exception {
        snapshotOfTheEarlyShift();
        Instant change = minute(255); // 10:15
        broadcast(OrderInputMapping.workingDay(workingDay(Weekday.MONDAY, "06:00", "10:00", change, true)), change);
        broadcast(OrderInputMapping.workingDay(workingDay(Weekday.MONDAY, "10:30", "14:00", change, true)), change);
        broadcast(OrderInputMapping.workingDay(workingDay(Weekday.MONDAY, "06:00", "14:00", change, false)), change);
        stopCode("PM", true);

        assertEquals(15 * MINUTE, earlyShift().breakMillis(), "10:00-10:15, before the change");
    }
}
