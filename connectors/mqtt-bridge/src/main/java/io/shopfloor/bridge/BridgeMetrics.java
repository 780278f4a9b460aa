package io.shopfloor.bridge;

import java.util.concurrent.atomic.LongAdder;

/** Running totals an operator watches (logged periodically); thread-safe. */
public final class BridgeMetrics {
    public final LongAdder received = new LongAdder();
    public final LongAdder signals = new LongAdder();
    public final LongAdder deadLetters = new LongAdder();
    public final LongAdder seqGaps = new LongAdder();
    public final LongAdder acknowledged = new LongAdder();
    /** Messages the JSON root received that another subscription owns: acknowledged without output. */
    public final LongAdder ignored = new LongAdder();
    public final LongAdder kafkaRetries = new LongAdder();

    @Override
    public String toString() {
        return "received " + received.sum() + ", signals " + signals.sum() + ", dead letters " + deadLetters.sum()
                + " (seq gaps " + seqGaps.sum() + "), acknowledged " + acknowledged.sum() + ", left to others "
                + ignored.sum() + ", Kafka retries " + kafkaRetries.sum();
    }
}
