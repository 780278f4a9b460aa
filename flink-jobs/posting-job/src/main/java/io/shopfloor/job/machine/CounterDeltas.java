package io.shopfloor.job.machine;

/**
 * Deltas from cumulative counters (design.md "Machine signals"): a lower value is a restart only with a new boot
 * epoch, or a wrap when the forward distance modulo the width is less than half the range; otherwise it is a
 * stale reading and never moves the baseline.
 * <p>
 * A new epoch makes only a lower value a reset (the schema's contract): Sparkplug's bdSeq, the bridge's boot epoch,
 * also changes when the edge node merely reconnects, and its counters then go on from where they were. bdSeq is
 * 8 bits and wraps after 255, so epochs that are both within 0..255 compare as 8-bit serial numbers (RFC 1982).
 */
public final class CounterDeltas {

    private CounterDeltas() {
    }

    public static CounterDelta apply(CounterBaseline baseline, CounterReading reading) {
        int width = reading.widthBits();
        if (width != 16 && width != 32 && width != 64) {
            return invalid(baseline, "counter width " + width + " is not 16, 32 or 64");
        }
        if (width < 64 && (reading.value() < 0 || reading.value() >>> width != 0)) {
            return invalid(baseline, "value " + reading.value() + " exceeds a " + width + "-bit counter");
        }
        CounterBaseline next = new CounterBaseline(reading.value(), reading.bootEpoch(), reading.eventTime());
        if (baseline == null) {
            return new CounterDelta(CounterDelta.Kind.FIRST, 0, next, null);
        }
        int epochOrder = compareEpochs(reading.bootEpoch(), baseline.bootEpoch());
        if (epochOrder < 0) {
            return new CounterDelta(CounterDelta.Kind.STALE, 0, baseline, "from earlier boot epoch " + reading.bootEpoch());
        }
        if (epochOrder > 0) {
            String epochs = "boot epoch " + baseline.bootEpoch() + " -> " + reading.bootEpoch();
            return Long.compareUnsigned(reading.value(), baseline.value()) < 0
                    ? new CounterDelta(CounterDelta.Kind.RESTARTED, reading.value(), next, epochs)
                    : new CounterDelta(CounterDelta.Kind.COUNTED, reading.value() - baseline.value(), next,
                            epochs + " without a lower value: a reconnect, counting on");
        }
        long forward = forwardDistance(baseline.value(), reading.value(), width);
        if (forward == 0) {
            return new CounterDelta(CounterDelta.Kind.DUPLICATE, 0, baseline, null);
        }
        if (Long.compareUnsigned(forward, halfRange(width)) >= 0) {
            return new CounterDelta(CounterDelta.Kind.STALE, 0, baseline,
                    "value " + Long.toUnsignedString(reading.value()) + " is behind " + Long.toUnsignedString(baseline.value()));
        }
        return new CounterDelta(CounterDelta.Kind.COUNTED, forward, next, null);
    }

    /** Negative if {@code epoch} is older than {@code other}, 0 if the same, positive if newer. */
    static int compareEpochs(long epoch, long other) {
        if (epoch >= 0 && epoch <= 255 && other >= 0 && other <= 255) {
            int ahead = (int) ((epoch - other) & 0xFF);
            return ahead == 0 ? 0 : ahead < 128 ? 1 : -1;
        }
        return Long.compare(epoch, other);
    }

    /** (to − from) modulo 2^width, as an unsigned number. */
    static long forwardDistance(long from, long to, int width) {
        long difference = to - from;
        return width == 64 ? difference : difference & ((1L << width) - 1);
    }

    private static long halfRange(int width) {
        return 1L << (width - 1);
    }

    private static CounterDelta invalid(CounterBaseline baseline, String detail) {
        return new CounterDelta(CounterDelta.Kind.INVALID, 0, baseline, detail);
    }
}
