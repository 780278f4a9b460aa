package io.shopfloor.bridge.config;

/**
 * Guards against input that would harm the pipeline behind the bridge. {@code maxAheadMillis}: a signal whose
 * source timestamp is more than this ahead of the bridge's clock is a {@code FUTURE_TIMESTAMP} dead letter, not a
 * signal (a reading a year ahead would move the posting job's watermark a year forward and stall every machine).
 * Allow for the machines' clock drift; the default is 5 minutes.
 */
public record LimitSettings(Long maxAheadMillis) {

    public static final long DEFAULT_MAX_AHEAD_MILLIS = 300_000L;
    public static final LimitSettings DEFAULT = new LimitSettings(null);

    public LimitSettings {
        maxAheadMillis = maxAheadMillis == null ? DEFAULT_MAX_AHEAD_MILLIS : maxAheadMillis;
        if (maxAheadMillis < 0) {
            throw new IllegalArgumentException("limits.maxAheadMillis must be >= 0, not " + maxAheadMillis);
        }
    }
}
