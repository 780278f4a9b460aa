package io.shopfloor.job.machine;

import java.io.Serializable;

/**
 * What one reading means against the counter's baseline. {@code delta} counts parts (0 unless
 * {@link Kind#COUNTED} or {@link Kind#RESTARTED}); {@code baseline} is the baseline after the reading.
 */
public record CounterDelta(Kind kind, long delta, CounterBaseline baseline, String detail) implements Serializable {

    public enum Kind {
        /** The first reading of a counter: it sets the baseline; what came before is unknown. */
        FIRST,
        /** Counted forward from the baseline, across a wrap of the declared width if need be. */
        COUNTED,
        /** A new boot epoch: the controller restarted and counted from 0. */
        RESTARTED,
        /** The same value again (a repeated message): no delta. */
        DUPLICATE,
        /** An older reading (lower value, or an earlier boot epoch): the baseline already includes it. */
        STALE,
        /** Not a counter value of the declared width: bad input, for the dead letters. */
        INVALID
    }

    public boolean counts() {
        return delta != 0;
    }
}
