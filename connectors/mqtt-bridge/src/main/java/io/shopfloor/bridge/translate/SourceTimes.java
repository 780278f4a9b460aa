package io.shopfloor.bridge.translate;

import java.time.Duration;
import java.time.Instant;

/** The bound on source timestamps ahead of the bridge's clock ({@code limits.maxAheadMillis}). */
public record SourceTimes(long maxAheadMillis) {

    /** Throws FUTURE_TIMESTAMP when {@code source} is more than the bound ahead of {@code receivedAtMillis}. */
    public void requireNotAhead(Instant source, long receivedAtMillis) throws BadInputException {
        Instant received = Instant.ofEpochMilli(receivedAtMillis);
        // Duration, not epoch millis: an ISO year 999999999 has no epoch millis, but it is ahead all the same.
        Duration ahead = Duration.between(received, source);
        if (ahead.compareTo(Duration.ofMillis(maxAheadMillis)) > 0) {
            throw new BadInputException(ReasonCodes.FUTURE_TIMESTAMP, "timestamp " + source + " is "
                    + ahead.getSeconds() + "." + String.format("%03d", ahead.toMillisPart())
                    + " s ahead of the bridge's clock (received " + received
                    + "); limits.maxAheadMillis is " + maxAheadMillis);
        }
    }
}
