package io.shopfloor.posting.ledger;

import java.io.Serializable;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Warehouse Entry: the bin movement registered for a consumption or output at a Bin Mandatory location.
 * Source line/subline: order line and component line (0 for output).
 */
public record WarehouseEntry(long entryNo, String idempotencyKey, String locationCode, String binCode,
                             String itemNo, String variantCode, BigDecimal quantity, BigDecimal qtyBase,
                             String unitOfMeasureCode, WarehouseEntryType entryType, String sourceNo,
                             int sourceLineNo, int sourceSublineNo, String referenceNo, LocalDate registeringDate)
        implements Serializable, LedgerEntry {

    public enum WarehouseEntryType { NEGATIVE_ADJMT, POSITIVE_ADJMT }
}
