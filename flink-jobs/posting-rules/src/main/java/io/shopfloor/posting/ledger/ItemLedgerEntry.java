package io.shopfloor.posting.ledger;

import java.io.Serializable;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Item Ledger Entry (table 32) for consumption and output. Quantities are in base units, negative for
 * consumption. Output is posted at expected cost, so its invoiced quantity is 0. {@code appliesToEntry} links a
 * negative output to the output entry it reverses. Costs are carried by the value entries that reference it.
 */
public record ItemLedgerEntry(long entryNo, String idempotencyKey, String itemNo, String variantCode,
                              LocalDate postingDate, ItemLedgerEntryType entryType, String sourceNo,
                              String documentNo, String description, String locationCode, BigDecimal quantity,
                              BigDecimal remainingQuantity, BigDecimal invoicedQuantity, boolean open,
                              boolean positive, Long appliesToEntry, OrderType orderType, String orderNo,
                              int orderLineNo, int prodOrderCompLineNo, String unitOfMeasureCode,
                              BigDecimal qtyPerUnitOfMeasure, boolean completelyInvoiced, String sourceCode)
        implements Serializable, LedgerEntry {
}
