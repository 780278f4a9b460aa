package io.shopfloor.posting.journal;

import java.io.Serializable;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Consumption journal line entered by a person: {@code quantity} in the component's unit, negative to return
 * material. {@code appliesFromEntry} names the consumption entry a return reverses, at that entry's cost.
 */
public record ConsumptionJournalLine(String sourceId, LocalDate postingDate, String documentNo, String orderNo,
                                     int orderLineNo, int componentLineNo, BigDecimal quantity,
                                     Long appliesFromEntry) implements Serializable {
}
