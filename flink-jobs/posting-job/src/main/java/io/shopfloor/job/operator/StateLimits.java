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
 */
public record StateLimits(int maxHeldInputsPerMachine, int maxHeldInputsPerOrder, int maxVersionsPerRecord)
        implements Serializable {
    /**
     * A day of one reading per second and counter is 172,800 inputs; an order gets a few lines per machine and
     * posting window. A watermark held that long is a stuck one.
     */
    public static final StateLimits DEFAULTS = new StateLimits(200_000, 100_000, 1_000);

    public StateLimits {
        if (maxHeldInputsPerMachine < 1 || maxHeldInputsPerOrder < 1 || maxVersionsPerRecord < 1) {
            throw new IllegalArgumentException("state limits must be at least 1: " + maxHeldInputsPerMachine + ", "
                    + maxHeldInputsPerOrder + ", " + maxVersionsPerRecord);
        }
    }
}
