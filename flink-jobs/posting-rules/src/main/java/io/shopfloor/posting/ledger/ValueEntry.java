package io.shopfloor.posting.ledger;

import java.io.Serializable;

import io.shopfloor.posting.model.CapacityType;
import io.shopfloor.posting.model.CostBucket;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Value Entry (table 5802) of an item ledger entry (consumption, output) or of a capacity ledger entry
 * (Direct/Indirect Cost; {@code itemLedgerEntryType} null = BC's blank). {@code varianceType} is set only on
 * Variance entries. Expected cost lives in {@code costAmountExpected}; actual cost in {@code costAmountActual}.
 */
public record ValueEntry(long entryNo, String idempotencyKey, Long itemLedgerEntryNo, Long capacityLedgerEntryNo,
                         ValueEntryType entryType, CostBucket varianceType, ItemLedgerEntryType itemLedgerEntryType,
                         CapacityType type, String no, String itemNo, OrderType orderType, String orderNo,
                         int orderLineNo, String sourceNo, String locationCode, BigDecimal valuedQuantity,
                         BigDecimal invoicedQuantity, BigDecimal itemLedgerEntryQuantity,
                         BigDecimal costAmountActual, BigDecimal costAmountExpected, BigDecimal costPerUnit,
                         boolean expectedCost, boolean inventoriable, LocalDate postingDate, LocalDate valuationDate,
                         String documentNo, String sourceCode, boolean adjustment) implements Serializable, LedgerEntry {
}
