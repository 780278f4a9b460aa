package io.shopfloor.posting.gl;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A G/L entry derived from one value entry (docs/general-ledger.md#entries). {@code amount} is positive for a
 * debit and negative for a credit. {@code valueEntryKey} and {@code valueEntryNo} are BC's G/L – Item Ledger
 * Relation: every G/L entry names the value entry it posts, and the idempotency key
 * ({@code <valueEntryKey>/GL<n>}) makes a replay of the same value entry give the same G/L entries.
 *
 * @param expectedCost the entry posts expected cost (Inventory (Interim) and its WIP balance)
 * @param globalDimension1Code the value entry's global dimension values, as BC's G/L entries carry them
 */
public record GlEntry(String idempotencyKey, String valueEntryKey, long valueEntryNo, LocalDate postingDate,
                      String documentNo, String accountNo, GlAccountType accountType, BigDecimal amount,
                      boolean expectedCost, String orderNo, String locationCode, String inventoryPostingGroup,
                      String genBusPostingGroup, String genProdPostingGroup, String globalDimension1Code,
                      String globalDimension2Code) implements Serializable {

    public BigDecimal debitAmount() {
        return amount.signum() > 0 ? amount : BigDecimal.ZERO.setScale(amount.scale());
    }

    public BigDecimal creditAmount() {
        return amount.signum() < 0 ? amount.negate() : BigDecimal.ZERO.setScale(amount.scale());
    }
}
