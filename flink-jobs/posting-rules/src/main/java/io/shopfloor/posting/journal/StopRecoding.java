package io.shopfloor.posting.journal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A person gives a posted stop its reason, or splits it into several (docs/capacity-costs.md#re-coding-a-stop): the
 * stop entry {@code appliesToCapacityEntryNo} (numbered under the order, or the center for a stop without order) is
 * reversed and one coded stop entry per reason is posted. Reason times are in the unit of the stop entry's times (the
 * work center's capacity unit) and must sum to its stop time.
 *
 * @param postedBy the person who re-codes (the terminal's login); null when not entered by a person
 */
public record StopRecoding(String sourceId, LocalDate postingDate, String documentNo, long appliesToCapacityEntryNo,
                           List<Reason> reasons, String postedBy) {

    /** At most this many reasons per stop: a split is a handful of reasons, not a list without end. */
    public static final int MAX_REASONS = 20;

    public StopRecoding {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** One reason of the stop: its stop code and the part of the stop time it explains. */
    public record Reason(String stopCode, BigDecimal stopTime) {
    }
}
