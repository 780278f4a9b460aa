package io.shopfloor.job.machine;

import java.io.Serializable;

import java.time.Instant;

/** An input the job could not post, with why: it goes to the dead-letter topic and can be replayed. */
public record Rejected(String sourceId, String machineId, Reason reason, String detail, Instant eventTime,
                       String input) implements Serializable {

    public enum Reason { LATE, INVALID_COUNTER_VALUE, UNATTRIBUTED }
}
