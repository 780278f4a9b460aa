package io.shopfloor.posting;

import java.io.Serializable;

/**
 * A situation in which Business Central would ask a person, decided by a {@link PostingSettings} policy and
 * recorded with the posting so a person can review it.
 */
public record Notice(NoticeCode code, String detail) implements Serializable {

    public enum NoticeCode {
        OUTPUT_ON_FINISHED_OPERATION,
        SOME_OUTPUT_STILL_MISSING,
        SOME_CONSUMPTION_STILL_MISSING,
        FINISHED_WITHOUT_OUTPUT
    }
}
