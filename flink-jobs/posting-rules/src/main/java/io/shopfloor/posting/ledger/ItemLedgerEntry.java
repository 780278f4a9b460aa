package io.shopfloor.posting.ledger;

import java.io.Serializable;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Item Ledger Entry (table 32) for consumption and output. Quantities are in base units, negative for
 * consumption. Output is posted at expected cost, so its invoiced quantity is 0. {@code appliesToEntry} links a
 * negative output to the output entry it reverses. Costs are carried by the value entries that reference it.
 * {@code postedBy} is the person who posted the input (null when a machine or the ERP did).
 */
public record ItemLedgerEntry(long entryNo, String idempotencyKey, String itemNo, String variantCode,
                              LocalDate postingDate, ItemLedgerEntryType entryType, String sourceNo,
                              String documentNo, String description, String locationCode, BigDecimal quantity,
                              BigDecimal remainingQuantity, BigDecimal invoicedQuantity, boolean open,
                              boolean positive, Long appliesToEntry, OrderType orderType, String orderNo,
                              int orderLineNo, int prodOrderCompLineNo, String unitOfMeasureCode,
                              BigDecimal qtyPerUnitOfMeasure, boolean completelyInvoiced, String sourceCode,
                              String postedBy)
        implements Serializable, LedgerEntry {

    /** An entry not (yet) stamped with a person. */
    public ItemLedgerEntry(long entryNo, String idempotencyKey, String itemNo, String variantCode,
                           LocalDate postingDate, ItemLedgerEntryType entryType, String sourceNo, String documentNo,
                           String description, String locationCode, BigDecimal quantity,
                           BigDecimal remainingQuantity, BigDecimal invoicedQuantity, boolean open, boolean positive,
                           Long appliesToEntry, OrderType orderType, String orderNo, int orderLineNo,
                           int prodOrderCompLineNo, String unitOfMeasureCode, BigDecimal qtyPerUnitOfMeasure,
                           boolean completelyInvoiced, String sourceCode) {
        this(entryNo, idempotencyKey, itemNo, variantCode, postingDate, entryType, sourceNo, documentNo, description,
                locationCode, quantity, remainingQuantity, invoicedQuantity, open, positive, appliesToEntry,
                orderType, orderNo, orderLineNo, prodOrderCompLineNo, unitOfMeasureCode, qtyPerUnitOfMeasure,
                completelyInvoiced, sourceCode, null);
    }

    /** This entry with the person who posted it. */
    public ItemLedgerEntry withPostedBy(String person) {
        return new ItemLedgerEntry(entryNo, idempotencyKey, itemNo, variantCode, postingDate, entryType, sourceNo,
                documentNo, description, locationCode, quantity, remainingQuantity, invoicedQuantity, open, positive,
                appliesToEntry, orderType, orderNo, orderLineNo, prodOrderCompLineNo, unitOfMeasureCode,
                qtyPerUnitOfMeasure, completelyInvoiced, sourceCode, person);
    }
}
