package io.shopfloor.job.machine;

import java.io.Serializable;

import java.time.Instant;

/**
 * What the job could not post, with why: it goes to the dead-letter topic. A rejected input ({@code input} set)
 * can be re-driven from there; time the timeline could not attribute ({@code input} null) is described by
 * {@code description} only, since it is made of many inputs.
 */
public record Rejected(String sourceId, String machineId, Reason reason, String detail, Instant eventTime,
                       MachineInput input, String description) implements Serializable {

    /** {@code HELD_INPUT_LIMIT}: the machine already holds {@code StateLimits.maxHeldInputsPerMachine} inputs. */
    public enum Reason { LATE, INVALID_COUNTER_VALUE, UNATTRIBUTED, HELD_INPUT_LIMIT }

    /** A rejected input. */
    public static Rejected input(MachineInput input, Reason reason, String detail) {
        return new Rejected(null, input.machineId(), reason, detail, input.eventTime(), input, null);
    }
}
