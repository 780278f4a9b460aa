package io.shopfloor.posting;

import io.shopfloor.posting.gl.GeneralPostingSetup;
import io.shopfloor.posting.gl.GlAccountType;
import io.shopfloor.posting.gl.GlEntry;
import io.shopfloor.posting.gl.GlSetup;
import io.shopfloor.posting.gl.InventoryCostToGl;
import io.shopfloor.posting.gl.TrialBalance;
import io.shopfloor.posting.ledger.LedgerEntry;
import io.shopfloor.posting.ledger.ValueEntry;
import io.shopfloor.posting.model.CapacityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static io.shopfloor.posting.Assertions.assertDec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/general-ledger.md#invariants, over the random orders of {@link PostingInvariantsTest} (standard and FIFO
 * parents, every flushing method, units- and time-costed centers): debits equal credits, every value entry with
 * cost is posted exactly once and each one's G/L entries net to zero, WIP is zero after finish and adjustment, and a
 * replay of the same value entries into a store that keeps G/L entries by key changes nothing.
 */
class GeneralLedgerPropertyTest {

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 150);
    }

    private static GlSetup glSetup(boolean expectedCostPostingToGl) {
        GlSetup setup = new GlSetup(expectedCostPostingToGl, "")
                .item("FG-STD", "FINISHED", "RETAIL").item("FG-FIFO", "FINISHED", "RETAIL")
                .capacity(CapacityType.WORK_CENTER, "WC-CUT", "MANUFACT")
                .capacity(CapacityType.WORK_CENTER, "WC-PACK", "MANUFACT")
                .capacity(CapacityType.MACHINE_CENTER, "MC-ASSY", "MANUFACT")
                .put(GeneralLedgerTest.inventorySetup("MAIN", "FINISHED", GeneralLedgerTest.INVENTORY_FINISHED,
                        GeneralLedgerTest.INTERIM_FINISHED))
                .put(GeneralLedgerTest.inventorySetup("MAIN", "RAW MAT", GeneralLedgerTest.INVENTORY_RAW,
                        GeneralLedgerTest.INTERIM_RAW))
                .put(GeneralLedgerTest.generalSetup("MANUFACT"))
                .put(GeneralLedgerTest.generalSetup("RETAIL"));
        for (String item : List.of("STEEL", "BOLT", "PAINT", "RESIN")) {
            setup.item(item, "RAW MAT", "RAW MAT");
        }
        return setup;
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void glBalancesAndPostsEveryValueEntryOnce(long seed) {
        List<LedgerEntry> ledger = new PostingInvariantsTest.RandomOrderRun(seed).run();
        List<ValueEntry> valueEntries = Ledger.valueEntries(ledger);
        GlSetup setup = glSetup(seed % 2 == 0);

        Map<String, GlEntry> store = new LinkedHashMap<>();
        List<GlEntry> conflicts = new ArrayList<>();
        post(valueEntries, setup, store, conflicts);
        int stored = store.size();
        post(valueEntries, setup, store, conflicts); // a replay of every value entry
        assertEquals(stored, store.size(), "seed " + seed + ": a replay adds nothing");
        assertEquals(List.of(), conflicts, "seed " + seed + ": a replay gives the same G/L entries");

        TrialBalance balance = TrialBalance.of(store.values());
        assertTrue(balance.balances(),
                () -> "seed " + seed + ": debits " + balance.debits() + " credits " + balance.credits());
        assertDec("0", balance.netChange(GeneralLedgerTest.WIP));
        assertDec("0", balance.netChange(GeneralLedgerTest.INTERIM_FINISHED));

        Map<String, List<GlEntry>> byValueEntry = store.values().stream()
                .collect(Collectors.groupingBy(GlEntry::valueEntryKey, HashMap::new, Collectors.toList()));
        for (ValueEntry ve : valueEntries) {
            List<GlEntry> posted = byValueEntry.getOrDefault(ve.idempotencyKey(), List.of());
            BigDecimal postedActual = posted.stream().filter(e -> !e.expectedCost() && e.amount().signum() > 0)
                    .map(GlEntry::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertDec(ve.costAmountActual().abs().toPlainString(), postedActual);
            assertDec("0", posted.stream().map(GlEntry::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
            posted.forEach(e -> assertEquals(ve.entryNo(), e.valueEntryNo()));
        }
        assertTrue(valueEntries.stream().map(ValueEntry::idempotencyKey).collect(Collectors.toSet())
                .containsAll(byValueEntry.keySet()), "every G/L entry names a value entry of the ledger");
    }

    /** What the ledger store does with G/L entries: keep the first by key, record a different one as a conflict. */
    private static void post(List<ValueEntry> valueEntries, GlSetup setup, Map<String, GlEntry> store,
                             List<GlEntry> conflicts) {
        for (GlEntry entry : InventoryCostToGl.postAll(valueEntries, setup)) {
            GlEntry stored = store.putIfAbsent(entry.idempotencyKey(), entry);
            if (stored != null && !stored.equals(entry)) {
                conflicts.add(entry);
            }
        }
    }
}
