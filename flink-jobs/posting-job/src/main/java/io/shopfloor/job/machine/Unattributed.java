package io.shopfloor.job.machine;

import java.io.Serializable;

import java.time.Instant;

/**
 * Parts or productive time with no operation and no declared activity on the machine: never dropped, sent to the
 * dead letters with this description so a person can attribute them and replay.
 */
public record Unattributed(String sourceId, String machineId, Instant from, Instant to, MachineState state,
                          long milliseconds, long goodParts, long scrapParts) implements Serializable {
}
