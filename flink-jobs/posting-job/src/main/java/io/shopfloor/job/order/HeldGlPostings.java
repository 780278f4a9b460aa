package io.shopfloor.job.order;

import io.shopfloor.posting.ledger.ValueEntry;

import java.util.ArrayList;
import java.util.List;

/**
 * The value entries of one key whose G/L posting the setup refused, each with the event time it was posted at, so
 * that a retry reads the setup as of its posting first (docs/general-ledger.md#re-posting-after-the-setup-is-fixed).
 * Kept in keyed state by {@link HeldGlPostingsSerializer}, at most {@link #DEFAULT_MAX_PER_KEY} per key, oldest first.
 */
public final class HeldGlPostings {
    /** Value entries held per key (order or capacity key); a further refused one is not held. */
    public static final int DEFAULT_MAX_PER_KEY = 1_000;

    /** A refused value entry and the event time of the input that posted it. */
    public record Held(ValueEntry valueEntry, long postedAtMillis) {
    }

    final List<Held> held;

    public HeldGlPostings() {
        this(new ArrayList<>());
    }

    HeldGlPostings(List<Held> held) {
        this.held = held;
    }

    public List<Held> held() {
        return List.copyOf(held);
    }

    public int size() {
        return held.size();
    }

    public boolean isEmpty() {
        return held.isEmpty();
    }

    /** Holds a refused value entry unless {@code maxPerKey} are held; whether it was held. */
    public boolean hold(ValueEntry valueEntry, long postedAtMillis, int maxPerKey) {
        if (held.size() >= maxPerKey) {
            return false;
        }
        held.add(new Held(valueEntry, postedAtMillis));
        return true;
    }

    /** Forgets the value entries that are now posted to G/L. */
    public void posted(List<Held> posted) {
        held.removeAll(posted);
    }
}
