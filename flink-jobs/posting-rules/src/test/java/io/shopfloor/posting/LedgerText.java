package io.shopfloor.posting;

import io.shopfloor.posting.ledger.CapacityLedgerEntry;
import io.shopfloor.posting.ledger.ItemLedgerEntry;
import io.shopfloor.posting.ledger.LedgerEntry;
import io.shopfloor.posting.ledger.OrderStatusEntry;
import io.shopfloor.posting.ledger.ValueEntry;
import io.shopfloor.posting.ledger.WarehouseEntry;
import io.shopfloor.posting.ledger.WarehouseRequest;

import java.math.BigDecimal;
import java.util.List;

/**
 * One line of text per ledger entry with the fields the worked examples state, so a test compares a whole
 * posting, in entry order, against the spec at a glance. Quantities print without trailing zeros, amounts with
 * two decimals.
 */
public final class LedgerText {

    private LedgerText() {
    }

    public static List<String> of(List<? extends LedgerEntry> entries) {
        return entries.stream().map(LedgerText::of).toList();
    }

    public static String of(LedgerEntry entry) {
        if (entry instanceof CapacityLedgerEntry e) {
            return "CLE " + e.entryNo() + " " + e.no() + " op " + e.operationNo()
                    + " qty " + q(e.quantity()) + " inv " + q(e.invoicedQuantity())
                    + " setup " + q(e.setupTime()) + " run " + q(e.runTime()) + " stop " + q(e.stopTime())
                    + " out " + q(e.outputQuantity()) + " scrap " + q(e.scrapQuantity())
                    + (e.scrapCode() != null ? " scrapCode " + e.scrapCode() : "")
                    + (e.stopCode() != null ? " stopCode " + e.stopCode() : "")
                    + " last " + e.lastOutputLine() + " item " + e.itemNo()
                    + " order " + e.orderNo() + "/" + e.orderLineNo() + " " + e.postingDate();
        }
        if (entry instanceof ItemLedgerEntry e) {
            return "ILE " + e.entryNo() + " " + e.entryType() + " " + e.itemNo()
                    + " qty " + q(e.quantity()) + " rem " + q(e.remainingQuantity()) + " inv " + q(e.invoicedQuantity())
                    + " open " + e.open() + (e.appliesToEntry() != null ? " appliesTo " + e.appliesToEntry() : "")
                    + " comp " + e.prodOrderCompLineNo() + " source " + e.sourceNo()
                    + " order " + e.orderNo() + "/" + e.orderLineNo() + " doc " + e.documentNo()
                    + " " + e.sourceCode() + " " + e.postingDate();
        }
        if (entry instanceof ValueEntry e) {
            return "VE " + e.entryNo() + " " + e.entryType()
                    + (e.varianceType() != null ? " " + e.varianceType() : "")
                    + (e.itemLedgerEntryNo() != null ? " ILE " + e.itemLedgerEntryNo() : "")
                    + (e.capacityLedgerEntryNo() != null ? " CLE " + e.capacityLedgerEntryNo() : "")
                    + " valued " + q(e.valuedQuantity()) + " inv " + q(e.invoicedQuantity())
                    + " actual " + a(e.costAmountActual()) + " expected " + a(e.costAmountExpected())
                    + (e.adjustment() ? " adjustment" : "");
        }
        if (entry instanceof WarehouseEntry e) {
            return "WE " + e.entryNo() + " " + e.entryType() + " " + e.locationCode() + "/"
                    + e.binCode() + " " + e.itemNo() + " qty " + q(e.quantity()) + " base " + q(e.qtyBase())
                    + " source " + e.sourceNo() + "/" + e.sourceLineNo() + "/" + e.sourceSublineNo();
        }
        if (entry instanceof OrderStatusEntry e) {
            return "STATUS " + e.orderNo() + " " + e.fromStatus() + " -> " + e.toStatus() + " " + e.postingDate();
        }
        WarehouseRequest e = (WarehouseRequest) entry;
        return "WR " + e.requestType() + " " + e.locationCode() + "/" + e.binCode() + " "
                + e.itemNo() + " qty " + q(e.quantityBase()) + " order " + e.orderNo() + "/" + e.orderLineNo();
    }

    static String q(BigDecimal value) {
        return value == null ? "-" : value.stripTrailingZeros().toPlainString();
    }

    static String a(BigDecimal value) {
        return value.setScale(2).toPlainString();
    }
}
