package io.shopfloor.posting.journal;

import java.io.Serializable;

import io.shopfloor.posting.model.CapacityType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Capacity journal line without an order (docs/capacity-costs.md#capacity-journal): maintenance or other non-order
 * capacity use. Run time is taken
 * from {@code runTime}, or derived from starting/ending time × concurrent capacity when both times are set.
 */
public record CapacityJournalLine(String sourceId, LocalDate postingDate, String documentNo, CapacityType type,
                                  String no, String workShiftCode, Instant startingTime, Instant endingTime,
                                  BigDecimal concurrentCapacity, BigDecimal setupTime, BigDecimal runTime,
                                  BigDecimal stopTime, String capUnitOfMeasureCode, String stopCode) implements Serializable {
}
