package io.shopfloor.job.machine;

import java.io.Serializable;

import java.time.Instant;

/** The last accepted value of one counter: deltas are measured from it. */
public record CounterBaseline(long value, long bootEpoch, Instant eventTime) implements Serializable {
}
