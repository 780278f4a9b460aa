package io.shopfloor.job.machine;

import java.io.Serializable;

import java.time.Instant;

/**
 * One reading of a cumulative machine counter: an unsigned integer of {@code widthBits} (16, 32 or 64) that
 * wraps, and starts again from 0 when the controller restarts with a new {@code bootEpoch}.
 */
public record CounterReading(String machineId, String counterName, CounterKind kind, long value, int widthBits,
                             long bootEpoch, long sequenceNumber, Instant eventTime) implements Serializable {

    public enum CounterKind { GOOD, SCRAP, OTHER }
}
