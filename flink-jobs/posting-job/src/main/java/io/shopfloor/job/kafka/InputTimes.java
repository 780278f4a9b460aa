package io.shopfloor.job.kafka;

import org.apache.avro.specific.SpecificRecord;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;

/**
 * When a topic's input happened (its event time) and when the pipeline received it, whether it claims a time too
 * far ahead of its receipt to be true ({@link #isFuture}), and whether the bridge received it so long after it
 * happened that it would be late even for a job running live ({@link #isStale}: a gateway's store-and-forward
 * backlog). Both times
 * come from the record, so a replay of the same topics decides the same: the wall clock is never read.
 *
 * @param <A> the topic's Avro record
 */
public final class InputTimes<A extends SpecificRecord> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How to read a time from a record; a null result means the Kafka record timestamp. */
    public interface TimeOf<A> extends Function<A, Instant>, Serializable {
    }

    private final TimeOf<A> eventTime;
    private final TimeOf<A> receivedTime;
    private final long maxAheadMillis;
    private final long maxBehindMillis;

    /**
     * @param eventTime    the record's event time; null, or a null result, means the Kafka record timestamp
     * @param receivedTime when the pipeline received it (the bridge's clock); null, or a null result, means the
     *                     Kafka record timestamp
     * @param maxAhead     how far an event time may be ahead of its receiving time
     * @param maxBehind    how far an event time may be behind its receiving time and still count as live input;
     *                     null: any distance (topics without store-and-forward, where old inputs are normal)
     */
    public InputTimes(TimeOf<A> eventTime, TimeOf<A> receivedTime, Duration maxAhead, Duration maxBehind) {
        this.eventTime = eventTime;
        this.receivedTime = receivedTime;
        this.maxAheadMillis = Objects.requireNonNull(maxAhead, "maxAhead").toMillis();
        this.maxBehindMillis = maxBehind == null ? Long.MAX_VALUE : maxBehind.toMillis();
        if (maxAheadMillis < 0 || maxBehindMillis < 0) {
            throw new IllegalArgumentException("maxAhead and maxBehind must not be negative: " + maxAhead + ", "
                    + maxBehind);
        }
    }

    /** The input's event time in epoch millis: the record's own, else the Kafka record timestamp. */
    public long eventTimeMillis(Decoded<A> decoded) {
        return millisOr(decoded, eventTime);
    }

    /** When the input was received in epoch millis: the record's own receiving time, else the Kafka timestamp. */
    public long receivedTimeMillis(Decoded<A> decoded) {
        return millisOr(decoded, receivedTime);
    }

    /** A decoded record whose event time is more than the bound ahead of its receiving time. */
    public boolean isFuture(Decoded<A> decoded) {
        if (!decoded.isRecord()) {
            return false;
        }
        long received = receivedTimeMillis(decoded);
        // Saturating: a receiving time near Long.MAX_VALUE must not wrap around and make everything future.
        long latestAllowed = received > Long.MAX_VALUE - maxAheadMillis ? Long.MAX_VALUE : received + maxAheadMillis;
        return eventTimeMillis(decoded) > latestAllowed;
    }

    /**
     * A decoded record whose event time is more than {@code maxBehind} behind the receiving time the record itself
     * carries. The Kafka timestamp does not count here: a test or a tool replaying old signals writes them with a
     * current Kafka timestamp, and they must still hold their partition's watermark.
     */
    public boolean isStale(Decoded<A> decoded) {
        if (!decoded.isRecord() || maxBehindMillis == Long.MAX_VALUE || receivedTime == null) {
            return false;
        }
        Instant received = receivedTime.apply(decoded.record());
        if (received == null) {
            return false;
        }
        long receivedMillis = received.toEpochMilli();
        long earliestLive = receivedMillis < Long.MIN_VALUE + maxBehindMillis ? Long.MIN_VALUE
                : receivedMillis - maxBehindMillis;
        return eventTimeMillis(decoded) < earliestLive;
    }

    /**
     * Whether the input counts for its partition's watermark and activity: decoded, neither {@link #isFuture
     * future} nor {@link #isStale stale}. A stale input could not raise the watermark anyway; not counting it as
     * activity lets a partition that carries only a gateway's backlog stay idle instead of holding the others.
     */
    public boolean movesWatermark(Decoded<A> decoded) {
        return decoded.isRecord() && !isFuture(decoded) && !isStale(decoded);
    }

    public long maxAheadMillis() {
        return maxAheadMillis;
    }

    private static <A extends SpecificRecord> long millisOr(Decoded<A> decoded, TimeOf<A> time) {
        Instant value = decoded.isRecord() && time != null ? time.apply(decoded.record()) : null;
        return value != null ? value.toEpochMilli() : decoded.timestamp();
    }
}
