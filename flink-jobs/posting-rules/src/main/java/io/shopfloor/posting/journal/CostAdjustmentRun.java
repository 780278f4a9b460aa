package io.shopfloor.posting.journal;

import java.io.Serializable;

import java.time.LocalDate;

/** Adjust Cost – Item Entries for one finished order; a second run posts only differences. */
public record CostAdjustmentRun(String sourceId, LocalDate postingDate) implements Serializable {
}
