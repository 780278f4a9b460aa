package io.shopfloor.posting.gl;

import io.shopfloor.posting.Refusal;
import io.shopfloor.posting.RefusalReason;
import io.shopfloor.posting.Rounding;
import io.shopfloor.posting.ledger.ItemLedgerEntryType;
import io.shopfloor.posting.ledger.ValueEntry;
import io.shopfloor.posting.ledger.ValueEntryType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Post Inventory Cost to G/L for manufacturing value entries, per entry (docs/general-ledger.md#accounts): each
 * value entry gives pairs of G/L entries, the cost on the account BC debits and its negative on the balancing
 * account; a negative cost swaps the sides by its sign. Expected cost is posted only with "Expected Cost Posting
 * to G/L". A value entry is never changed after posting, so the cost to post is its whole amount: the cost posted
 * to G/L is the cost amount once the G/L entries are stored, and their keys make a replay post nothing twice.
 * Plain Java, no state: the same value entry and setup always give the same G/L entries.
 */
public final class InventoryCostToGl {

    /** The G/L entries of one value entry (none for a zero amount), or why it cannot be posted. */
    public record Result(List<GlEntry> entries, Refusal refusal) {
        public boolean refused() {
            return refusal != null;
        }
    }

    private InventoryCostToGl() {
    }

    /** With the posting groups of the setup's cards (tests and tools; the job passes the value entry's own). */
    public static Result post(ValueEntry valueEntry, GlSetup setup) {
        try {
            return post(valueEntry, postingGroups(valueEntry, setup), setup);
        } catch (Missing missing) {
            return new Result(List.of(), missing.refusal);
        }
    }

    /**
     * The G/L entries of a value entry with the posting groups and dimensions it carries (as of its posting), the
     * accounts from the setup. A blank inventory or gen. product posting group is POSTING_GROUP_MISSING.
     */
    public static Result post(ValueEntry valueEntry, ValuePostingGroups groups, PostingSetup setup) {
        try {
            return new Result(List.copyOf(new Derivation(valueEntry, groups, setup).entries()), null);
        } catch (Missing missing) {
            return new Result(List.of(), missing.refusal);
        }
    }

    /**
     * BC's write-off of the WIP of an order finished without output (docs/general-ledger.md#wip): the cost a value
     * entry of that order put on the WIP account goes to Inventory Adjmt. of its general posting setup, in G/L entries
     * that name the same value entry (keys {@code <value entry key>/WO<n>}; BC adds no value entry). For a
     * consumption of X: Inventory -X, WIP +X then -X, Inventory Adjmt. +X; for capacity of Y: Direct Cost Applied -Y,
     * WIP +Y then -Y, Inventory Adjmt. +Y. None for a value entry that left WIP unchanged.
     */
    public static Result writeOffWip(ValueEntry valueEntry, ValuePostingGroups groups, PostingSetup setup) {
        try {
            return new Result(List.copyOf(new Derivation(valueEntry, groups, setup).wipWriteOff()), null);
        } catch (Missing missing) {
            return new Result(List.of(), missing.refusal);
        }
    }

    /** {@link #writeOffWip(ValueEntry, ValuePostingGroups, PostingSetup)} with the posting groups of the setup. */
    public static Result writeOffWip(ValueEntry valueEntry, GlSetup setup) {
        try {
            return writeOffWip(valueEntry, postingGroups(valueEntry, setup), setup);
        } catch (Missing missing) {
            return new Result(List.of(), missing.refusal);
        }
    }

    /** The posting groups {@link GlSetup} gives a value entry: the item's, and a capacity entry's center's. */
    private static ValuePostingGroups postingGroups(ValueEntry ve, GlSetup setup) {
        // Capacity value entries carry the parent item: its inventory posting group, the center's product group.
        GlSetup.ItemPostingGroups item = setup.item(ve.itemNo()).orElseThrow(() -> new Missing(
                RefusalReason.POSTING_GROUP_MISSING, "item " + ve.itemNo() + " has no posting groups"));
        String genProdPostingGroup = ve.itemLedgerEntryType() == null
                ? setup.capacityGenProdPostingGroup(ve.type(), ve.no()).orElseThrow(() -> new Missing(
                        RefusalReason.POSTING_GROUP_MISSING,
                        ve.type() + " " + ve.no() + " has no gen. product posting group"))
                : item.genProdPostingGroup();
        return new ValuePostingGroups(setup.genBusPostingGroup(), genProdPostingGroup, item.inventoryPostingGroup(),
                "", "");
    }

    /** All G/L entries of value entries that post; the refusals of the others are returned by {@link #post}. */
    public static List<GlEntry> postAll(List<ValueEntry> valueEntries, GlSetup setup) {
        List<GlEntry> entries = new ArrayList<>();
        for (ValueEntry valueEntry : valueEntries) {
            entries.addAll(post(valueEntry, setup).entries());
        }
        return entries;
    }

    /** The account BC debits with a positive cost and the one it balances against (a table row of the docs). */
    private record Accounts(GlAccountType account, GlAccountType balancing) {
    }

    private static final class Missing extends RuntimeException {
        private final transient Refusal refusal;

        Missing(RefusalReason reason, String detail) {
            super(detail, null, false, false);
            this.refusal = new Refusal(reason, detail);
        }
    }

    private static final class Derivation {
        private final ValueEntry ve;
        private final ValuePostingGroups groups;
        private final PostingSetup setup;
        private final List<GlEntry> entries = new ArrayList<>();
        private String keySuffix = "/GL";

        Derivation(ValueEntry ve, ValuePostingGroups groups, PostingSetup setup) {
            this.ve = ve;
            this.groups = groups;
            this.setup = setup;
            if (groups.inventoryPostingGroup().isBlank()) {
                throw new Missing(RefusalReason.POSTING_GROUP_MISSING, "item " + ve.itemNo()
                        + " has no inventory posting group (value entry " + ve.idempotencyKey() + ")");
            }
            if (groups.genProdPostingGroup().isBlank()) {
                throw new Missing(RefusalReason.POSTING_GROUP_MISSING, (ve.itemLedgerEntryType() == null
                        ? ve.type() + " " + ve.no() : "item " + ve.itemNo())
                        + " has no gen. product posting group (value entry " + ve.idempotencyKey() + ")");
            }
        }

        List<GlEntry> entries() {
            BigDecimal actual = Rounding.amount(ve.costAmountActual());
            BigDecimal expected = Rounding.amount(ve.costAmountExpected());
            if (ve.itemLedgerEntryType() == null) {
                pair(capacity(), actual, false);
            } else if (ve.itemLedgerEntryType() == ItemLedgerEntryType.CONSUMPTION) {
                pair(consumption(), actual, false);
            } else if (ve.itemLedgerEntryType() == ItemLedgerEntryType.OUTPUT) {
                if (setup.expectedCostPostingToGl() && ve.entryType() == ValueEntryType.DIRECT_COST) {
                    pair(new Accounts(GlAccountType.INVENTORY_INTERIM, GlAccountType.WIP), expected, true);
                }
                pair(output(), actual, false);
            } else {
                throw new Missing(RefusalReason.GL_ACCOUNT_MISSING, "no manufacturing accounts for "
                        + ve.itemLedgerEntryType() + " value entry " + ve.entryNo());
            }
            return entries;
        }

        /** What the value entry's G/L entries put on WIP, moved to Inventory Adjmt. */
        List<GlEntry> wipWriteOff() {
            BigDecimal onWip = entries().stream().filter(e -> e.accountType() == GlAccountType.WIP)
                    .map(GlEntry::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            entries.clear();
            keySuffix = "/WO";
            pair(new Accounts(GlAccountType.INVENTORY_ADJMT, GlAccountType.WIP), onWip, false);
            return entries;
        }

        private Accounts capacity() {
            return switch (ve.entryType()) {
                case DIRECT_COST -> new Accounts(GlAccountType.WIP, GlAccountType.DIRECT_COST_APPLIED);
                case INDIRECT_COST -> new Accounts(GlAccountType.WIP, GlAccountType.OVERHEAD_APPLIED);
                default -> throw invalid();
            };
        }

        private Accounts consumption() {
            return switch (ve.entryType()) {
                case DIRECT_COST -> new Accounts(GlAccountType.INVENTORY, GlAccountType.WIP);
                case REVALUATION, ROUNDING -> new Accounts(GlAccountType.INVENTORY, GlAccountType.INVENTORY_ADJMT);
                default -> throw invalid();
            };
        }

        private Accounts output() {
            return switch (ve.entryType()) {
                case DIRECT_COST -> new Accounts(GlAccountType.INVENTORY, GlAccountType.WIP);
                case INDIRECT_COST -> new Accounts(GlAccountType.INVENTORY, GlAccountType.OVERHEAD_APPLIED);
                case REVALUATION, ROUNDING -> new Accounts(GlAccountType.INVENTORY, GlAccountType.INVENTORY_ADJMT);
                case VARIANCE -> new Accounts(GlAccountType.INVENTORY, switch (ve.varianceType()) {
                    case MATERIAL -> GlAccountType.MATERIAL_VARIANCE;
                    case CAPACITY -> GlAccountType.CAPACITY_VARIANCE;
                    case SUBCONTRACTED -> GlAccountType.SUBCONTRACTED_VARIANCE;
                    case CAPACITY_OVERHEAD -> GlAccountType.CAPACITY_OVERHEAD_VARIANCE;
                    case MANUFACTURING_OVERHEAD -> GlAccountType.MFG_OVERHEAD_VARIANCE;
                });
            };
        }

        private Missing invalid() {
            return new Missing(RefusalReason.GL_ACCOUNT_MISSING, "no accounts for a " + ve.entryType() + " "
                    + (ve.itemLedgerEntryType() == null ? "capacity" : ve.itemLedgerEntryType()) + " value entry "
                    + ve.entryNo());
        }

        private void pair(Accounts accounts, BigDecimal amount, boolean expectedCost) {
            if (amount.signum() == 0) {
                return;
            }
            // Both accounts are looked up before either entry is added: a value entry posts both sides or nothing.
            String account = accountNo(accounts.account());
            String balancing = accountNo(accounts.balancing());
            entries.add(entry(account, accounts.account(), amount, expectedCost));
            entries.add(entry(balancing, accounts.balancing(), amount.negate(), expectedCost));
        }

        private GlEntry entry(String accountNo, GlAccountType type, BigDecimal amount, boolean expectedCost) {
            return new GlEntry(ve.idempotencyKey() + keySuffix + (entries.size() + 1), ve.idempotencyKey(),
                    ve.entryNo(),
                    ve.postingDate(), ve.documentNo(), accountNo, type, amount, expectedCost, ve.orderNo(),
                    ve.locationCode(), groups.inventoryPostingGroup(), groups.genBusPostingGroup(),
                    groups.genProdPostingGroup(), groups.globalDimension1Code(), groups.globalDimension2Code());
        }

        private String accountNo(GlAccountType type) {
            String accountNo;
            if (type.inInventoryPostingSetup()) {
                InventoryPostingSetup row = setup.inventoryPostingSetup(ve.locationCode(),
                        groups.inventoryPostingGroup()).orElseThrow(() -> new Missing(
                        RefusalReason.INVENTORY_POSTING_SETUP_MISSING, "location '" + ve.locationCode() + "' x "
                        + groups.inventoryPostingGroup()));
                accountNo = row.accounts().get(type);
            } else {
                GeneralPostingSetup row = setup.generalPostingSetup(groups.genBusPostingGroup(),
                        groups.genProdPostingGroup()).orElseThrow(() -> new Missing(
                        RefusalReason.GENERAL_POSTING_SETUP_MISSING, "'" + groups.genBusPostingGroup() + "' x "
                        + groups.genProdPostingGroup()));
                accountNo = row.accounts().get(type);
            }
            if (accountNo == null || accountNo.isBlank()) {
                throw new Missing(RefusalReason.GL_ACCOUNT_MISSING, type + " for value entry " + ve.entryNo());
            }
            return accountNo;
        }
    }
}
