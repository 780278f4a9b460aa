package io.shopfloor.posting.gl;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/** Net change per G/L account of a set of G/L entries, and their debit and credit totals. */
public record TrialBalance(Map<String, BigDecimal> netChangeByAccount, BigDecimal debits, BigDecimal credits) {

    public static TrialBalance of(Collection<GlEntry> entries) {
        Map<String, BigDecimal> net = new TreeMap<>();
        BigDecimal debits = BigDecimal.ZERO;
        BigDecimal credits = BigDecimal.ZERO;
        for (GlEntry entry : entries) {
            net.merge(entry.accountNo(), entry.amount(), BigDecimal::add);
            debits = debits.add(entry.debitAmount());
            credits = credits.add(entry.creditAmount());
        }
        return new TrialBalance(Map.copyOf(net), debits, credits);
    }

    /** Net change of an account; zero when it has no entries. */
    public BigDecimal netChange(String accountNo) {
        return netChangeByAccount.getOrDefault(accountNo, BigDecimal.ZERO);
    }

    public boolean balances() {
        return debits.compareTo(credits) == 0;
    }
}
