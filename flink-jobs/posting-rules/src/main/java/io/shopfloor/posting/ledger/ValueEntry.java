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
 * {@code postedBy} is the person who posted the input (null when a machine, the ERP or a cost adjustment did).
 */
public record ValueEntry(long entryNo, String idempotencyKey, Long itemLedgerEntryNo, Long capacityLedgerEntryNo,
                         ValueEntryType entryType, CostBucket varianceType, ItemLedgerEntryType itemLedgerEntryType,
                         CapacityType type, String no, String itemNo, OrderType orderType, String orderNo,
                         int orderLineNo, String sourceNo, String locationCode, BigDecimal valuedQuantity,
                         BigDecimal invoicedQuantity, BigDecimal itemLedgerEntryQuantity,
                         BigDecimal costAmountActual, BigDecimal costAmountExpected, BigDecimal costPerUnit,
                         boolean expectedCost, boolean inventoriable, LocalDate postingDate, LocalDate valuationDate,
                         String documentNo, String sourceCode, boolean adjustment, String postedBy)
        implements Serializable, LedgerEntry {

    /** An entry not (yet) stamped with a person. */
    public ValueEntry(long entryNo, String idempotencyKey, Long itemLedgerEntryNo, Long capacityLedgerEntryNo,
                      ValueEntryType entryType, CostBucket varianceType, ItemLedgerEntryType itemLedgerEntryType,
                      CapacityType type, String no, String itemNo, OrderType orderType, String orderNo,
                      int orderLineNo, String sourceNo, String locationCode, BigDecimal valuedQuantity,
                      BigDecimal invoicedQuantity, BigDecimal itemLedgerEntryQuantity, BigDecimal costAmountActual,
                      BigDecimal costAmountExpected, BigDecimal costPerUnit, boolean expectedCost,
                      boolean inventoriable, LocalDate postingDate, LocalDate valuationDate, String documentNo,
                      String sourceCode, boolean adjustment) {
        this(entryNo, idempotencyKey, itemLedgerEntryNo, capacityLedgerEntryNo, entryType, varianceType,
                itemLedgerEntryType, type, no, itemNo, orderType, orderNo, orderLineNo, sourceNo, locationCode,
                valuedQuantity, invoicedQuantity, itemLedgerEntryQuantity, costAmountActual, costAmountExpected,
                costPerUnit, expectedCost, inventoriable, postingDate, valuationDate, documentNo, sourceCode,
                adjustment, null);
    }

    /** This entry with the person who posted it. */
    public ValueEntry withPostedBy(String person) {
        return new ValueEntry(entryNo, idempotencyKey, itemLedgerEntryNo, capacityLedgerEntryNo, entryType,
                varianceType, itemLedgerEntryType, type, no, itemNo, orderType, orderNo, orderLineNo, sourceNo,
                locationCode, valuedQuantity, invoicedQuantity, itemLedgerEntryQuantity, costAmountActual,
                costAmountExpected, costPerUnit, expectedCost, inventoriable, postingDate, valuationDate, documentNo,
                sourceCode, adjustment, person);
    }
}
