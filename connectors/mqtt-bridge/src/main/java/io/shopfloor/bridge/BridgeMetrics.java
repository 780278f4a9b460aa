package io.shopfloor.bridge;

import java.util.concurrent.atomic.LongAdder;

/** Running totals an operator watches (logged periodically); thread-safe. */
public final class BridgeMetrics {
    public final LongAdder received = new LongAdder();
    public final LongAdder signals = new LongAdder();
    public final LongAdder deadLetters = new LongAdder();
    public final LongAdder seqGaps = new LongAdder();
    public final LongAdder acknowledged = new LongAdder();
    public final LongAdder kafkaRetries = new LongAdder();

    @Override
    public String toString() {
        return "received " + received.sum() + ", signals " + signals.sum() + ", dead letters " + deadLetters.sum()
                + " (seq gaps " + seqGaps.sum() + "), acknowledged " + acknowledged.sum() + ", Kafka retries "
                + kafkaRetries.sum();
    }
}
