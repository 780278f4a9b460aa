package io.shopfloor.posting.gl;

import io.shopfloor.posting.Refusal;
import io.shopfloor.posting.RefusalReason;
import io.shopfloor.posting.ledger.ItemLedgerEntry;
import io.shopfloor.posting.ledger.ItemLedgerEntryType;
import io.shopfloor.posting.ledger.ValueEntry;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an order's G/L entries put on WIP, per order line and G/L account and dimension set, and each line's net
 * output quantity: all the WIP write-off of an order finished without output needs (docs/general-ledger.md#wip),
 * instead of the order's value entries. At the finish, each line without net output has its WIP moved to Inventory
 * Adjmt. ({@link #writeOff}); the write-off of a group names the group's latest value entry (BC's G/L - Item Ledger
 * Relation needs one), keyed {@code <that value entry's key>/WO1} and {@code /WO2}. A value entry belongs to one
 * group only (its WIP account, location, posting groups and dimensions), so keys never collide.
 *
 * <p>Bounded: at most {@link #MAX_GROUPS} groups; the WIP of a value entry in a further group is not kept and the
 * write-off reports it ({@link WriteOff#incomplete()}). Plain Java; the posting job keeps it in the order's state.
 */
public final class WipBalances {
    /** Groups kept per order: lines x WIP accounts x posting groups x dimension values (a handful in practice). */
    public static final int MAX_GROUPS = 1_000;

    /** Everything a write-off entry carries besides its amount. */
    public record Group(int orderLineNo, String wipAccountNo, String locationCode, String inventoryPostingGroup,
                        String genBusPostingGroup, String genProdPostingGroup, String globalDimension1Code,
                        String globalDimension2Code) {
    }

    /**
     * A group's WIP and the latest value entry that changed it.
     *
     * @param documentNo the latest value entry's document no.
     */
    public record Balance(Group group, BigDecimal amount, String valueEntryKey, long valueEntryNo,
                          String documentNo) {
    }

    /** A group whose write-off could not be posted, named by the value entry its entries would have named. */
    public record Refused(String valueEntryKey, Refusal refusal) {
    }

    /**
     * The write-off's G/L entries, the groups the setup could not post, and whether WIP beyond {@link #MAX_GROUPS}
     * was not kept (then the entries write off less than the order's WIP).
     */
    public record WriteOff(List<GlEntry> entries, List<Refused> refused, boolean incomplete) {
    }

    private final Map<Group, Balance> balances;
    private final Map<Integer, BigDecimal> netOutput;
    private boolean incomplete;

    public WipBalances() {
        this(List.of(), Map.of(), false);
    }

    /** For the posting job's state serializer. */
    public WipBalances(List<Balance> balances, Map<Integer, BigDecimal> netOutput, boolean incomplete) {
        this.balances = new LinkedHashMap<>();
        balances.forEach(b -> this.balances.put(b.group(), b));
        this.netOutput = new TreeMap<>(netOutput);
        this.incomplete = incomplete;
    }

    public List<Balance> balances() {
        return List.copyOf(balances.values());
    }

    public Map<Integer, BigDecimal> netOutput() {
        return Map.copyOf(netOutput);
    }

    public boolean incomplete() {
        return incomplete;
    }

    /** Whether nothing is kept. */
    public boolean isEmpty() {
        return balances.isEmpty() && netOutput.isEmpty() && !incomplete;
    }

    /** An output item ledger entry of the order counts towards its line's net output. */
    public void add(ItemLedgerEntry entry) {
        if (entry.entryType() == ItemLedgerEntryType.OUTPUT) {
            netOutput.merge(entry.orderLineNo(), entry.quantity(), BigDecimal::add);
        }
    }

    /** The G/L entries a value entry of the order was posted with: what they put on WIP. */
    public void add(ValueEntry valueEntry, List<GlEntry> glEntries) {
        for (GlEntry entry : glEntries) {
            if (entry.accountType() != GlAccountType.WIP) {
                continue;
            }
            Group group = new Group(valueEntry.orderLineNo(), entry.accountNo(), entry.locationCode(),
                    entry.inventoryPostingGroup(), entry.genBusPostingGroup(), entry.genProdPostingGroup(),
                    entry.globalDimension1Code(), entry.globalDimension2Code());
            Balance before = balances.get(group);
            if (before == null && balances.size() >= MAX_GROUPS) {
                incomplete = true;
                continue;
            }
            BigDecimal amount = before == null ? entry.amount() : before.amount().add(entry.amount());
            balances.put(group, new Balance(group, amount, valueEntry.idempotencyKey(), valueEntry.entryNo(),
                    valueEntry.documentNo()));
        }
    }

    /**
     * BC's write-off at the finish: the WIP of every line whose net output is zero goes to Inventory Adjmt. of the
     * group's general posting setup (as of the finish), debit Inventory Adjmt., credit WIP, on the finish's
     * posting date. Lines with output are left alone (their output took their WIP at the cost adjustment).
     */
    public WriteOff writeOff(String orderNo, LocalDate postingDate, PostingSetup setup) {
        List<GlEntry> entries = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        List<Balance> due = balances.values().stream()
                .filter(b -> b.amount().signum() != 0)
                .filter(b -> netOutput.getOrDefault(b.group().orderLineNo(), BigDecimal.ZERO).signum() == 0)
                .sorted(Comparator.comparing(Balance::valueEntryKey)).toList();
        for (Balance balance : due) {
            Group g = balance.group();
            Optional<String> adjustment = setup.generalPostingSetup(g.genBusPostingGroup(), g.genProdPostingGroup())
                    .map(row -> row.accounts().get(GlAccountType.INVENTORY_ADJMT));
            if (adjustment.isEmpty() || adjustment.get().isBlank()) {
                refused.add(new Refused(balance.valueEntryKey(), setup.generalPostingSetup(g.genBusPostingGroup(),
                        g.genProdPostingGroup()).isEmpty()
                        ? new Refusal(RefusalReason.GENERAL_POSTING_SETUP_MISSING, "'" + g.genBusPostingGroup()
                                + "' x " + g.genProdPostingGroup() + ": WIP write-off of " + balance.amount())
                        : new Refusal(RefusalReason.GL_ACCOUNT_MISSING, GlAccountType.INVENTORY_ADJMT
                                + ": WIP write-off of " + balance.amount())));
                continue;
            }
            entries.add(entry(orderNo, postingDate, balance, "/WO1", adjustment.get(), GlAccountType.INVENTORY_ADJMT,
                    balance.amount()));
            entries.add(entry(orderNo, postingDate, balance, "/WO2", g.wipAccountNo(), GlAccountType.WIP,
                    balance.amount().negate()));
        }
        return new WriteOff(entries, refused, incomplete);
    }

    private static GlEntry entry(String orderNo, LocalDate postingDate, Balance balance, String suffix,
                                 String accountNo, GlAccountType type, BigDecimal amount) {
        Group g = balance.group();
        return new GlEntry(balance.valueEntryKey() + suffix, balance.valueEntryKey(), balance.valueEntryNo(),
                postingDate, balance.documentNo(), accountNo, type, amount, false, orderNo, g.locationCode(),
                g.inventoryPostingGroup(), g.genBusPostingGroup(), g.genProdPostingGroup(), g.globalDimension1Code(),
                g.globalDimension2Code());
    }
}
