package io.shopfloor.job.machine;

import java.util.List;

/**
 * OEE of a period after ISO 22400-2: availability = APT / PBT, performance (effectiveness) = PRI x PQ / APT,
 * quality = GQ / PQ, OEE = their product; null where undefined. A factor above 1 cannot be true (the ideal cycle
 * time is wrong, or parts were counted without run time): it is a finding, listed in {@link #flags}, and the OEE
 * is then null, never shown as a normal figure.
 */
public record OeeFigures(Double availability, Double performance, Double quality, Double oee, List<String> flags) {

    /** Performance above 100 %: the ideal cycle time is shorter than the machine's real one. */
    public static final String IDEAL_CYCLE_TIME_SUSPECT = "IDEAL_CYCLE_TIME_SUSPECT";
    /** Parts with a known ideal cycle time counted in a period without production time. */
    public static final String PARTS_WITHOUT_PRODUCTION_TIME = "PARTS_WITHOUT_PRODUCTION_TIME";

    public OeeFigures {
        flags = List.copyOf(flags);
    }

    public static OeeFigures of(OeeTimeElements e) {
        long pbt = e.plannedBusyMillis();
        Double availability = pbt == 0 ? null : (double) e.productionMillis() / pbt;
        Double performance = e.productionMillisWithIdeal() == 0 ? null
                : (double) e.idealMillis() / e.productionMillisWithIdeal();
        Double quality = e.producedParts() == 0 ? null : (double) e.goodParts() / e.producedParts();
        List<String> flags = new java.util.ArrayList<>(2);
        if (performance != null && performance > 1) {
            flags.add(IDEAL_CYCLE_TIME_SUSPECT);
        }
        if (e.productionMillisWithIdeal() == 0 && e.idealMillis() > 0) {
            flags.add(PARTS_WITHOUT_PRODUCTION_TIME);
        }
        Double oee = availability == null || performance == null || quality == null || !flags.isEmpty() ? null
                : availability * performance * quality;
        return new OeeFigures(availability, performance, quality, oee, flags);
    }
}
