package io.shopfloor.posting.journal;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A completed inventory put-away line (BC's Inventory Put-away, Place line of a production order line): the
 * warehouse worker put {@code quantity} of the order line's item into {@code binCode}, which posts that output
 * (docs/warehouse.md#completing-an-inventory-put-away). {@code sourceId} seeds the idempotency keys.
 *
 * @param quantity in the order line's unit of measure, positive
 * @param binCode  the Place bin; null = the request's bin (the order line's bin)
 */
public record PutAwayLine(String sourceId, LocalDate postingDate, String documentNo, String orderNo, int orderLineNo,
                          BigDecimal quantity, String binCode) {
}
