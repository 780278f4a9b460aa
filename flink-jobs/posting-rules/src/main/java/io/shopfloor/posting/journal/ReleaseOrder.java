package io.shopfloor.posting.journal;

import java.io.Serializable;

import java.time.LocalDate;

/** Change Status → Released. */
public record ReleaseOrder(String sourceId, LocalDate postingDate) implements Serializable {
}
