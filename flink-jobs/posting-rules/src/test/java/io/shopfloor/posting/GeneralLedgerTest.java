package io.shopfloor.posting;

import io.shopfloor.posting.gl.GeneralPostingSetup;
import io.shopfloor.posting.gl.GlAccountType;
import io.shopfloor.posting.gl.GlEntry;
import io.shopfloor.posting.gl.GlSetup;
import io.shopfloor.posting.gl.InventoryCostToGl;
import io.shopfloor.posting.gl.InventoryPostingSetup;
import io.shopfloor.posting.gl.TrialBalance;
import io.shopfloor.posting.ledger.LedgerEntry;
import io.shopfloor.posting.ledger.ValueEntry;
import io.shopfloor.posting.model.CapacityType;
import io.shopfloor.posting.model.CostingMethod;
import io.shopfloor.posting.model.Item;
import io.shopfloor.posting.model.SingleLevelCost;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static io.shopfloor.posting.Assertions.assertDec;
import static io.shopfloor.posting.SetA.D0;
import static io.shopfloor.posting.SetA.D2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/general-ledger.md#example-1: the G/L entries of example 1 and of its FIFO variant, per account to the cent.
 * Raw materials and the finished item have their own inventory accounts and share the WIP account.
 */
class GeneralLedgerTest {
    static final String INVENTORY_FINISHED = "2120";
    static final String INTERIM_FINISHED = "2121";
    static final String INVENTORY_RAW = "2130";
    static final String INTERIM_RAW = "2131";
    static final String WIP = "2140";
    static final String DIRECT_COST_APPLIED = "7791";
    static final String OVERHEAD_APPLIED = "7792";
    static final String INVENTORY_ADJMT = "7270";
    static final String MATERIAL_VARIANCE = "7890";
    static final String CAPACITY_VARIANCE = "7891";
    static final String SUBCONTRACTED_VARIANCE = "7892";
    static final String CAPACITY_OVERHEAD_VARIANCE = "7893";
    static final String MFG_OVERHEAD_VARIANCE = "7894";

    /** Set A's posting groups: FG-100 FINISHED/RETAIL, the components RAW MAT, both centers MANUFACT. */
    static GlSetup glSetup(boolean expectedCostPostingToGl) {
        return new GlSetup(expectedCostPostingToGl, "")
                .item("FG-100", "FINISHED", "RETAIL")
                .item("STEEL", "RAW MAT", "RAW MAT").item("BOLT", "RAW MAT", "RAW MAT")
                .item("PAINT", "RAW MAT", "RAW MAT")
                .capacity(CapacityType.WORK_CENTER, "WC-CUT", "MANUFACT")
                .capacity(CapacityType.MACHINE_CENTER, "MC-ASSY", "MANUFACT")
                .put(inventorySetup("MAIN", "FINISHED", INVENTORY_FINISHED, INTERIM_FINISHED))
                .put(inventorySetup("MAIN", "RAW MAT", INVENTORY_RAW, INTERIM_RAW))
                .put(generalSetup("MANUFACT"))
                .put(generalSetup("RETAIL"));
    }

    static InventoryPostingSetup inventorySetup(String location, String group, String inventory, String interim) {
        return new InventoryPostingSetup(location, group, Map.of(GlAccountType.INVENTORY, inventory,
                GlAccountType.INVENTORY_INTERIM, interim, GlAccountType.WIP, WIP,
                GlAccountType.MATERIAL_VARIANCE, MATERIAL_VARIANCE, GlAccountType.CAPACITY_VARIANCE, CAPACITY_VARIANCE,
                GlAccountType.SUBCONTRACTED_VARIANCE, SUBCONTRACTED_VARIANCE,
                GlAccountType.CAPACITY_OVERHEAD_VARIANCE, CAPACITY_OVERHEAD_VARIANCE,
                GlAccountType.MFG_OVERHEAD_VARIANCE, MFG_OVERHEAD_VARIANCE));
    }

    static GeneralPostingSetup generalSetup(String genProdGroup) {
        return new GeneralPostingSetup("", genProdGroup, Map.of(GlAccountType.DIRECT_COST_APPLIED, DIRECT_COST_APPLIED,
                GlAccountType.OVERHEAD_APPLIED, OVERHEAD_APPLIED, GlAccountType.INVENTORY_ADJMT, INVENTORY_ADJMT));
    }

    private static Scenario example1(SetA setA) {
        Scenario s = new Scenario(setA);
        s.release(D0);
        s.post(s.output("E1", "10").setupTime("30").runTime("120").output("60"));
        s.post(s.output("E2", "20").runTime("60").output("60"));
        s.post(s.output("E3", "10").runTime("86").output("40").scrap(new BigDecimal("3"), "BURR").finished(true));
        s.post(s.output("E4", "20").runTime("40").output("40").finished(true));
        return s;
    }

    private static List<GlEntry> gl(List<LedgerEntry> ledger, GlSetup setup) {
        List<ValueEntry> valueEntries = Ledger.valueEntries(ledger);
        for (ValueEntry ve : valueEntries) {
            InventoryCostToGl.Result result = InventoryCostToGl.post(ve, setup);
            assertTrue(!result.refused(), () -> "refused " + ve + ": " + result.refusal());
        }
        return InventoryCostToGl.postAll(valueEntries, setup);
    }

    private static void assertAccounts(TrialBalance balance, Map<String, String> expected) {
        for (Map.Entry<String, String> account : expected.entrySet()) {
            assertDec(account.getValue(), balance.netChange(account.getKey()));
        }
        assertEquals(expected.keySet().stream().filter(a -> new BigDecimal(expected.get(a)).signum() != 0)
                        .sorted().toList(),
                balance.netChangeByAccount().entrySet().stream().filter(e -> e.getValue().signum() != 0)
                        .map(Map.Entry::getKey).sorted().toList(), "accounts with a balance");
        assertTrue(balance.balances(), () -> "debits " + balance.debits() + " credits " + balance.credits());
    }

    @Test
    void example1PerAccountWithExpectedCostPostingToGl() {
        Scenario s = example1(new SetA());
        s.finish(D2);
        // Before the adjustment WIP holds actual cost minus output at standard: 464.45 + 286 + 47.20 − 781.
        assertDec("16.65", TrialBalance.of(gl(s.ledger, glSetup(true))).netChange(WIP));
        s.adjust(D2);
        TrialBalance balance = TrialBalance.of(gl(s.ledger, glSetup(true)));
        assertAccounts(balance, Map.of(
                INVENTORY_RAW, "-464.45",
                INVENTORY_FINISHED, "781.00",
                INTERIM_FINISHED, "0",
                WIP, "0",
                DIRECT_COST_APPLIED, "-286.00",
                OVERHEAD_APPLIED, "-47.20",
                MATERIAL_VARIANCE, "9.45",
                CAPACITY_VARIANCE, "6.00",
                CAPACITY_OVERHEAD_VARIANCE, "1.20"));
        // Consumption 464.45 + capacity 333.20 + expected 781 posted and reversed + actual 797.65 + variances 16.65.
        assertDec("3173.95", balance.debits());
    }

    @Test
    void example1WithoutExpectedCostPostingLeavesInterimUntouched() {
        Scenario s = example1(new SetA());
        s.finish(D2);
        assertDec("797.65", TrialBalance.of(gl(s.ledger, glSetup(false))).netChange(WIP));
        s.adjust(D2);
        List<GlEntry> entries = gl(s.ledger, glSetup(false));
        assertTrue(entries.stream().noneMatch(GlEntry::expectedCost));
        assertAccounts(TrialBalance.of(entries), Map.of(
                INVENTORY_RAW, "-464.45",
                INVENTORY_FINISHED, "781.00",
                WIP, "0",
                DIRECT_COST_APPLIED, "-286.00",
                OVERHEAD_APPLIED, "-47.20",
                MATERIAL_VARIANCE, "9.45",
                CAPACITY_VARIANCE, "6.00",
                CAPACITY_OVERHEAD_VARIANCE, "1.20"));
    }

    @Test
    void fifoVariantPostsActualCostAndManufacturingOverheadWithoutVariances() {
        SetA setA = new SetA();
        setA.masterData.put(Item.of("FG-100", "PCS", CostingMethod.FIFO, "7.81", "1")
                .withSingleLevelCost(new SingleLevelCost(new BigDecimal("4.55"), new BigDecimal("2.80"),
                        BigDecimal.ZERO, new BigDecimal("0.46"), BigDecimal.ZERO))
                .withOverhead(new BigDecimal("10"), new BigDecimal("0.05")));
        Scenario s = example1(setA);
        s.finish(D2);
        s.adjust(D2);
        // Output 797.65 direct + 84.77 manufacturing overhead (10 % of 797.65 + 0.05 × 100) = 882.42.
        assertAccounts(TrialBalance.of(gl(s.ledger, glSetup(true))), Map.of(
                INVENTORY_RAW, "-464.45",
                INVENTORY_FINISHED, "882.42",
                INTERIM_FINISHED, "0",
                WIP, "0",
                DIRECT_COST_APPLIED, "-286.00",
                OVERHEAD_APPLIED, "-131.97"));
    }

    /** G/L – Item Ledger Relation: the adjustment entry of ILE 1003 reverses expected cost and posts actual. */
    @Test
    void eachGlEntryNamesItsValueEntry() {
        Scenario s = example1(new SetA());
        s.finish(D2);
        s.adjust(D2);
        ValueEntry adjustment = Ledger.valueEntries(s.ledger).stream().filter(ve -> ve.entryNo() == 2014)
                .findFirst().orElseThrow();
        assertEquals(List.of(
                        "E6?/GL1 VE 2014 2121 INVENTORY_INTERIM -468.60 expected",
                        "E6?/GL2 VE 2014 2140 WIP 468.60 expected",
                        "E6?/GL3 VE 2014 2120 INVENTORY 478.59",
                        "E6?/GL4 VE 2014 2140 WIP -478.59").stream()
                        .map(line -> line.replace("E6?", adjustment.idempotencyKey())).toList(),
                InventoryCostToGl.post(adjustment, glSetup(true)).entries().stream()
                        .map(e -> e.idempotencyKey() + " VE " + e.valueEntryNo() + " " + e.accountNo() + " "
                                + e.accountType() + " " + e.amount().toPlainString()
                                + (e.expectedCost() ? " expected" : ""))
                        .toList());
    }

    @Test
    void missingSetupRefusesTheValueEntryAndPostsNeitherSide() {
        Scenario s = example1(new SetA());
        GlSetup withoutGeneralSetup = new GlSetup(true, "")
                .item("FG-100", "FINISHED", "RETAIL").item("STEEL", "RAW MAT", "RAW MAT")
                .capacity(CapacityType.WORK_CENTER, "WC-CUT", "MANUFACT")
                .put(inventorySetup("MAIN", "FINISHED", INVENTORY_FINISHED, INTERIM_FINISHED))
                .put(inventorySetup("MAIN", "RAW MAT", INVENTORY_RAW, INTERIM_RAW));
        List<ValueEntry> valueEntries = Ledger.valueEntries(s.ledger);
        // VE 2001 STEEL consumption posts; VE 2002 capacity needs Direct Cost Applied of MANUFACT.
        assertEquals(2, InventoryCostToGl.post(valueEntries.get(0), withoutGeneralSetup).entries().size());
        InventoryCostToGl.Result capacity = InventoryCostToGl.post(valueEntries.get(1), withoutGeneralSetup);
        assertEquals(new Refusal(RefusalReason.GENERAL_POSTING_SETUP_MISSING, "'' x MANUFACT"), capacity.refusal());
        assertEquals(List.of(), capacity.entries());
        // VE 2004 BOLT has no posting groups.
        assertEquals(new Refusal(RefusalReason.POSTING_GROUP_MISSING, "item BOLT has no posting groups"),
                InventoryCostToGl.post(valueEntries.get(3), withoutGeneralSetup).refusal());
    }
}
