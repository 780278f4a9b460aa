package io.shopfloor.job.machine;

/**
 * OEE = availability × performance × quality, per machine and posting window. Availability counts setup, stops
 * and idle time as lost time; no-signal time is unknown and left out. Performance needs the ideal cycle time (the
 * routing line's run time per unit); without it, performance and OEE stay null.
 */
public final class MachineKpis {

    private MachineKpis() {
    }

    public static MachineKpi of(WindowTotals t, Long idealCycleTimeMillis) {
        long planned = t.runMillis() + t.setupMillis() + t.stopMillis() + t.idleMillis();
        long parts = t.goodParts() + t.scrapParts();
        Double availability = planned == 0 ? null : (double) t.runMillis() / planned;
        Double performance = idealCycleTimeMillis == null || t.runMillis() == 0 ? null
                : (double) idealCycleTimeMillis * parts / t.runMillis();
        Double quality = parts == 0 ? null : (double) t.goodParts() / parts;
        Double oee = availability == null || performance == null || quality == null ? null
                : availability * performance * quality;
        return new MachineKpi(t.machineId(), t.from(), t.to(), t.orderNo(), t.orderNo() == null ? null : t.orderLineNo(),
                t.operationNo(), t.goodParts(), t.scrapParts(), t.setupMillis(), t.runMillis(), t.stopMillis(),
                t.idleMillis(), t.noSignalMillis(), idealCycleTimeMillis, availability, performance, quality, oee);
    }
}
