package io.shopfloor.job.avro;

import io.shopfloor.job.machine.MachineKpi;
import io.shopfloor.job.machine.OeeTimeElements;

/** A machine's window KPIs as the Avro record of the KPI topic. */
public final class KpiMapping {

    private KpiMapping() {
    }

    public static io.shopfloor.schema.signal.MachineKpi machineKpi(MachineKpi k) {
        OeeTimeElements t = k.time();
        return io.shopfloor.schema.signal.MachineKpi.newBuilder()
                .setMachineId(k.machineId())
                .setWindowStart(k.windowStart())
                .setWindowEnd(k.windowEnd())
                .setOrderNo(k.orderNo())
                .setOrderLineNo(k.orderLineNo())
                .setOperationNo(k.operationNo())
                .setGoodParts(k.goodParts())
                .setScrapParts(k.scrapParts())
                .setSetupMillis(k.setupMillis())
                .setRunMillis(k.runMillis())
                .setStopMillis(k.stopMillis())
                .setIdleMillis(k.idleMillis())
                .setNoSignalMillis(k.noSignalMillis())
                .setIdealCycleTimeMillis(k.idealCycleTimeMillis())
                .setAvailability(k.availability())
                .setPerformance(k.performance())
                .setQuality(k.quality())
                .setOee(k.oee())
                .setShiftDate(k.shiftDate())
                .setShiftCode(k.shiftCode())
                .setNotScheduledMillis(t.notScheduledMillis())
                .setBreakMillis(t.breakMillis())
                .setAbsenceMillis(t.absenceMillis())
                .setPlannedStopMillis(t.plannedStopMillis())
                .setPlannedBusyMillis(t.plannedBusyMillis())
                .setDownMillis(t.downMillis())
                .setDelayMillis(t.delayMillis())
                .setPlannedBusyNoSignalMillis(t.noSignalMillis())
                .setIdealProductionMillis(t.idealMillis())
                .setRunMillisWithIdealCycleTime(t.productionMillisWithIdeal())
                .setFlags(k.flags())
                .build();
    }
}
