package io.shopfloor.posting.journal;

import java.time.LocalDate;

/** Change Status → Released. */
public record ReleaseOrder(String sourceId, LocalDate postingDate) {
}
