package io.shopfloor.terminal;

import java.math.BigDecimal;
import java.util.List;

/**
 * What the ledger store holds of one production order, in the job's numbering ({@code source_entry_no} within the
 * order), as the terminal needs it to rebuild the order's posting state. References between entries (applies-to,
 * value entry to capacity entry) are given in the job's numbers too.
 */
public record OrderLedgerRows(String orderNo, String status, List<Item> itemEntries, List<Capacity> capacityEntries,
                              List<Value> valueEntries, long maxWarehouseEntryNo) {

    /** An item ledger entry: output (order line) or consumption (component line). */
    public record Item(long entryNo, String entryType, int orderLineNo, int componentLineNo, BigDecimal quantity,
                       BigDecimal remainingQuantity, Long appliesToEntryNo, BigDecimal costAmountExpected,
                       BigDecimal costAmountActual, String idempotencyKey) {
    }

    /** A capacity ledger entry of the order; times in the work center's unit, output and scrap in base units. */
    public record Capacity(long entryNo, int orderLineNo, int routingReferenceNo, String operationNo,
                           BigDecimal quantity, BigDecimal setupTime, BigDecimal runTime, BigDecimal stopTime,
                           BigDecimal outputQuantity, BigDecimal scrapQuantity, boolean subcontracting,
                           String idempotencyKey) {
    }

    /** A value entry; {@code capacityEntryNo} set for the value of a capacity entry. */
    public record Value(long entryNo, Long capacityEntryNo, String entryType, boolean adjustment,
                        BigDecimal costAmountActual) {
    }

    public boolean isFinished() {
        return "FINISHED".equals(status);
    }
}
