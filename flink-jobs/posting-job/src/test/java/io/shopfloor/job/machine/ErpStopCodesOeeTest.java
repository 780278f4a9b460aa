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
import io.shopfloor.schema.masterdata.StopCode;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.shopfloor.job.machine.ErpCalendarOeeTest.MACHINE;
import static io.shopfloor.job.machine.ErpCalendarOeeTest.SNAPSHOT;
import static io.shopfloor.job.machine.OeeShiftTest.MINUTE;
import static io.shopfloor.job.machine.OeeShiftTest.minute;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Which stop codes are planned downtime comes from the ERP's stop codes (CDC records of md-stop-codes, mapped as the
 * job maps them), as of each KPI window's time, in the order stage: the machine stage only reports stop time by code.
 * The early shift (06:00-14:00, every minute planned: no calendar) runs with a 60-minute stop under MAINT
 * (08:00-09:00) and a 30-minute jam (11:00-11:30).
 */
class ErpStopCodesOeeTest {
    private KeyedBroadcastOperatorTestHarness<String, OrderInput, MasterDataChange, PostedEntry> harness;

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    /** The order stage with the job's own planned stop codes (for codes the ERP does not know). */
    private void orderStage(Set<String> jobsPlannedStopCodes) throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new OrderPostingFunction(PostingSettings.DEFAULTS, OrderLedger.Settings.DEFAULTS, Duration.ofDays(7),
                        Duration.ofMinutes(5), StateLimits.DEFAULTS, ShopCalendar.allPlanned(
                        ShiftCalendar.threeShifts()), jobsPlannedStopCodes),
                OrderInput::key, Types.STRING, OrderPostingFunction.MASTER_DATA);
        harness.processBroadcastElement(OrderInputMapping.machineCenter(AvroFixtures.machineCenter(MACHINE, "WC-ASSY",
                "0.50")), SNAPSHOT.toEpochMilli());
    }

    /** A stop code's CDC record: a snapshot row (no log position), or a change the ERP committed at {@code at}. */
    private void erpStopCode(String code, boolean planned, Instant at) throws Exception {
        StopCode row = new StopCode(code, code + " stop", planned, false, at == null ? null : 4711L,
                at == null ? SNAPSHOT : at);
        harness.processBroadcastElement(OrderInputMapping.stopCode(row), (at == null ? SNAPSHOT : at).toEpochMilli());
    }

    /** Running RPO-1001 op 10 all shift but for MAINT 120-180 min and JAM 300-330; a heartbeat every minute. */
    private static List<MachineSignal> shift() {
        List<MachineSignal> signals = new ArrayList<>();
        signals.add(new MachineSignal.OperationChanged(minute(0), MachineSignal.OperationChanged.Type.OPERATION_STARTED,
                "RPO-1001", 10000, "10", null, "OP-7"));
        signals.add(new MachineSignal.StateChanged(minute(0), MachineState.RUNNING, null));
        signals.add(new MachineSignal.StateChanged(minute(120), MachineState.MAINTENANCE, "MAINT"));
        signals.add(new MachineSignal.StateChanged(minute(180), MachineState.RUNNING, null));
        signals.add(new MachineSignal.StateChanged(minute(300), MachineState.STOPPED, "JAM"));
        signals.add(new MachineSignal.StateChanged(minute(330), MachineState.RUNNING, null));
        for (int m = 1; m <= 481; m++) {
            signals.add(new MachineSignal.Heartbeat(minute(m)));
        }
        return signals;
    }

    private OeeTimeElements earlyShift() throws Exception {
        return ErpCalendarOeeTest.earlyShiftThroughTheOrderStage(harness, MACHINE, shift());
    }

    @Test
    void maintPlannedInTheErpIsPlannedDowntimeAndTheJamIsDownTime() throws Exception {
        orderStage(Set.of());
        erpStopCode("MAINT", true, null);
        erpStopCode("JAM", false, null);

        OeeTimeElements time = earlyShift();

        assertEquals(60 * MINUTE, time.plannedStopMillis(), "APMT: MAINT, planned in the ERP");
        assertEquals(60 * MINUTE, time.plannedDowntimeMillis());
        assertEquals(30 * MINUTE, time.downMillis(), "ADOT: the jam");
        assertEquals(420 * MINUTE, time.plannedBusyMillis(), "PBT = 480 - 60");
        assertEquals(390 * MINUTE, time.productionMillis(), "APT");
        assertEquals(0, time.setupMillis() + time.delayMillis() + time.noSignalMillis());
        assertEquals(13.0 / 14, OeeFigures.of(time).availability(), 1e-12); // 390 / 420
    }

    @Test
    void maintMadeUnplannedAt0830AppliesToTheWindowsFromThenOnOnly() throws Exception {
        orderStage(Set.of());
        erpStopCode("MAINT", true, null);
        erpStopCode("MAINT", false, minute(150)); // 08:30, in the middle of the maintenance

        OeeTimeElements time = earlyShift();

        assertEquals(30 * MINUTE, time.plannedStopMillis(), "08:00-08:30, while MAINT was planned");
        assertEquals(60 * MINUTE, time.downMillis(), "08:30-09:00 and the jam (a code the ERP does not know)");
        assertEquals(450 * MINUTE, time.plannedBusyMillis());
        assertEquals(390 * MINUTE, time.productionMillis());
        assertEquals(13.0 / 15, OeeFigures.of(time).availability(), 1e-12); // 390 / 450
    }

    @Test
    void aStopCodeTheErpInsertsAt0830IsUnknownBeforeItsTime() throws Exception {
        orderStage(Set.of());
        erpStopCode("MAINT", true, minute(150)); // inserted while the plant ran: it has a log position

        OeeTimeElements time = earlyShift();

        assertEquals(30 * MINUTE, time.plannedStopMillis(), "08:30-09:00 only: before, nobody declared MAINT");
        assertEquals(60 * MINUTE, time.downMillis());
    }

    /** The job's planned stop codes declare what the ERP does not know; for a code the ERP knows, the ERP decides. */
    @Test
    void theJobsPlannedStopCodesServeOnlyCodesTheErpDoesNotKnow() throws Exception {
        orderStage(Set.of("MAINT", "JAM"));
        erpStopCode("MAINT", false, null);

        OeeTimeElements time = earlyShift();

        assertEquals(30 * MINUTE, time.plannedStopMillis(), "the jam: unknown to the ERP, planned by the job");
        assertEquals(60 * MINUTE, time.downMillis(), "MAINT: not planned in the ERP, whatever the job says");
        assertEquals(450 * MINUTE, time.plannedBusyMillis());
    }
}
