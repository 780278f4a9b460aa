package io.shopfloor.job.operator;

import java.io.Serializable;

/**
 * Bounds of what the keyed operators hold, so that a stuck watermark or a flood of changes cannot grow state without
 * limit. Beyond a bound nothing is dropped silently: the input (or version) that does not fit is a dead letter with
 * its reason (README "State and upgrades").
 *
 * @param maxHeldInputsPerMachine inputs one machine holds until the watermark passes them; one more is a
 *                                {@code HELD_INPUT_LIMIT} dead letter (re-drivable once the watermark moves)
 * @param maxHeldInputsPerOrder   inputs one order (or capacity key) holds until the watermark passes them; one more is
 *                                a {@code HELD_INPUT_LIMIT} rejection of the order stage
 * @param maxVersionsPerRecord    versions of one master-data record still readable (newer than the watermark minus the
 *                                allowed lateness); beyond, the oldest is forgotten with a
 *                                {@code MASTER_DATA_VERSION_LIMIT} letter
 * @param maxCachedKeysPerState    keys (machines, orders) whose values each keyed state of the machine and order
 *                                 stages keeps in memory per subtask between checkpoints ({@link WriteBackStates}: a
 *                                 machine's timeline or counters, an order's ledger); a map state (held inputs per
 *                                 instant) keeps {@link #CACHED_ENTRIES_PER_KEY} times as many entries. Beyond, further
 *                                 keys are read and written in the state backend at every access; nothing is refused
 */
public record StateLimits(int maxHeldInputsPerMachine, int maxHeldInputsPerOrder, int maxVersionsPerRecord,
                          int maxCachedKeysPerState) implements Serializable {
    /**
     * A day of one reading per second and counter is 172,800 inputs; an order gets a few lines per machine and
     * posting window. A watermark held that long is a stuck one.
     */
    /** Map entries in memory per key of the bound: a machine holds some seconds of instants behind the watermark. */
    public static final int CACHED_ENTRIES_PER_KEY = 16;

    public static final StateLimits DEFAULTS = new StateLimits(200_000, 100_000, 1_000, 16_384);

    public StateLimits {
        if (maxHeldInputsPerMachine < 1 || maxHeldInputsPerOrder < 1 || maxVersionsPerRecord < 1
                || maxCachedKeysPerState < 1) {
            throw new IllegalArgumentException("state limits must be at least 1 : "
                    + maxHeldInputsPerMachine + ", " + maxHeldInputsPerOrder + ", " + maxVersionsPerRecord + ", "
                    + maxCachedKeysPerState);
        }
    }

    /** Entries a map state keeps in memory per subtask. */
    public int maxCachedEntriesPerMapState() {
        return (int) Math.min(Integer.MAX_VALUE, (long) maxCachedKeysPerState * CACHED_ENTRIES_PER_KEY);
    }

    /** With the default number of cached keys. */
    public StateLimits(int maxHeldInputsPerMachine, int maxHeldInputsPerOrder, int maxVersionsPerRecord) {
        this(maxHeldInputsPerMachine, maxHeldInputsPerOrder, maxVersionsPerRecord,
                DEFAULTS.maxCachedKeysPerState());
    }
}
