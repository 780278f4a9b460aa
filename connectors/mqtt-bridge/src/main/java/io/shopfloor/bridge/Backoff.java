package io.shopfloor.bridge;

/** Exponential backoff: {@code initial}, doubling per attempt, capped at {@code max}. */
public record Backoff(long initialMillis, long maxMillis) {

    public Backoff {
        if (initialMillis <= 0 || maxMillis < initialMillis) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initialMillis + ", "
                    + maxMillis);
        }
    }

    /** The wait before attempt {@code attempt} (1 = the first retry). */
    public long delayMillis(int attempt) {
        long delay = initialMillis;
        for (int i = 1; i < attempt && delay < maxMillis; i++) {
            delay *= 2;
        }
        return Math.min(delay, maxMillis);
    }
}
