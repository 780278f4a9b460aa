package io.shopfloor.posting;

import io.shopfloor.posting.ledger.ItemLedgerEntryType;
import io.shopfloor.posting.ledger.LedgerEntry;
import io.shopfloor.posting.ledger.ValueEntry;
import io.shopfloor.posting.ledger.ValueEntryType;

import java.math.BigDecimal;
import java.util.List;

/** Sums over a ledger that the tests use to check the spec's totals independently of the order state. */
public final class Ledger {

    private Ledger() {
    }

    /**
     * WIP of an order: consumption and capacity cost posted in, minus actual Direct Cost transferred to output.
     * Expected cost, manufacturing overhead (Indirect Cost on output) and variances do not touch WIP.
     */
    public static BigDecimal wip(List<LedgerEntry> ledger, String orderNo) {
        BigDecimal wip = BigDecimal.ZERO;
        for (ValueEntry ve : valueEntries(ledger)) {
            if (!orderNo.equals(ve.orderNo())) {
                continue;
            }
            if (ve.itemLedgerEntryType() == ItemLedgerEntryType.CONSUMPTION) {
                wip = wip.subtract(ve.costAmountActual());
            } else if (ve.itemLedgerEntryType() == null) {
                wip = wip.add(ve.costAmountActual());
            } else if (ve.entryType() == ValueEntryType.DIRECT_COST) {
                wip = wip.subtract(ve.costAmountActual());
            }
        }
        return wip;
    }

    /** Σ actual cost of an item ledger entry's value entries. */
    public static BigDecimal netActualCost(List<LedgerEntry> ledger, long itemLedgerEntryNo) {
        return valueEntries(ledger).stream().filter(ve -> ve.itemLedgerEntryNo() != null
                        && ve.itemLedgerEntryNo() == itemLedgerEntryNo)
                .map(ValueEntry::costAmountActual).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    static List<ValueEntry> valueEntries(List<LedgerEntry> ledger) {
        return ledger.stream().filter(ValueEntry.class::isInstance).map(ValueEntry.class::cast).toList();
    }
}
