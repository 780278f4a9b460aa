package io.shopfloor.posting;

import io.shopfloor.posting.gl.GlEntry;
import io.shopfloor.posting.gl.GlSetup;
import io.shopfloor.posting.gl.InventoryCostToGl;
import io.shopfloor.posting.gl.TrialBalance;
import io.shopfloor.posting.gl.WipBalances;
import io.shopfloor.posting.journal.ConsumptionJournalLine;
import io.shopfloor.posting.ledger.ItemLedgerEntry;
import io.shopfloor.posting.ledger.LedgerEntry;
import io.shopfloor.posting.ledger.ValueEntry;
import io.shopfloor.posting.model.ManufacturingSetup;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.shopfloor.posting.SetA.D0;
import static io.shopfloor.posting.SetA.D1;
import static io.shopfloor.posting.SetA.D2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/general-ledger.md#wip: the write-off from an order's WIP balances (what the posting job keeps instead of its
 * value entries) moves exactly what {@link InventoryCostToGl#writeOffWip} moves per value entry, to the cent.
 */
class WipBalancesTest {

    /** WipWriteOffTest's order: 2 L of PAINT by hand (40.00), 20 minutes on WC-CUT (20.00 + 4.00), no output. */
    private static Scenario finishedWithoutOutput() {
        Scenario s = new Scenario(new SetA());
        s.release(D0);
        s.post(s.setA.rules.postConsumption(s.order, new ConsumptionJournalLine("CONS", D1, "C-1", SetA.ORDER,
                SetA.LINE, 30000, new BigDecimal("2"), null), s.setA.masterData, s.setA.numbers));
        s.post(s.output("RUN", "10").runTime("20"));
        s.setA.masterData.put(new ManufacturingSetup(true, true, true, "FLUSHING"));
        s.finish(D2);
        return s;
    }

    private static WipBalances balances(List<LedgerEntry> ledger, GlSetup setup, List<GlEntry> posted) {
        WipBalances balances = new WipBalances();
        for (LedgerEntry entry : ledger) {
            if (entry instanceof ItemLedgerEntry item) {
                balances.add(item);
            } else if (entry instanceof ValueEntry ve) {
                List<GlEntry> gl = InventoryCostToGl.post(ve, setup).entries();
                posted.addAll(gl);
                balances.add(ve, gl);
            }
        }
        return balances;
    }

    @Test
    void theWriteOffOfTheBalancesMovesWhatTheValueEntriesPutOnWip() {
        Scenario s = finishedWithoutOutput();
        GlSetup setup = GeneralLedgerTest.glSetup(false).put(GeneralLedgerTest.generalSetup("RAW MAT"));
        List<GlEntry> posted = new ArrayList<>();
        WipBalances balances = balances(s.ledger, setup, posted);

        WipBalances.WriteOff writeOff = balances.writeOff(SetA.ORDER, D2, setup);
        assertEquals(List.of(), writeOff.refused());
        assertFalse(writeOff.incomplete());
        // One pair per group (the consumption's RAW MAT group; the capacity's MANUFACT group), named by the group's
        // latest value entry, on the finish's posting date.
        assertEquals(List.of(
                "CONS/VE1/WO1 7270 40.00 2026-03-03 RAW MAT", "CONS/VE1/WO2 2140 -40.00 2026-03-03 RAW MAT",
                "RUN/VE2/WO1 7270 24.00 2026-03-03 MANUFACT", "RUN/VE2/WO2 2140 -24.00 2026-03-03 MANUFACT"),
                writeOff.entries().stream().map(e -> e.idempotencyKey() + " " + e.accountNo() + " " + e.amount() + " "
                        + e.postingDate() + " " + e.genProdPostingGroup()).toList());

        List<GlEntry> all = new ArrayList<>(posted);
        all.addAll(writeOff.entries());
        TrialBalance balance = TrialBalance.of(all);
        assertEquals(0, balance.netChangeByAccount().get(GeneralLedgerTest.WIP).signum());
        assertEquals(new BigDecimal("64.00"), balance.netChangeByAccount().get(GeneralLedgerTest.INVENTORY_ADJMT));
        assertTrue(balance.balances());

        // The same accounts as BC's write-off per value entry.
        List<GlEntry> perValueEntry = new ArrayList<>(posted);
        Ledger.valueEntries(s.ledger).forEach(ve -> perValueEntry.addAll(InventoryCostToGl.writeOffWip(ve, setup)
                .entries()));
        assertEquals(TrialBalance.of(perValueEntry).netChangeByAccount(), balance.netChangeByAccount());
    }

    @Test
    void aGroupWithoutGeneralPostingSetupIsRefusedAndTheOthersAreWrittenOff() {
        Scenario s = finishedWithoutOutput();
        GlSetup setup = GeneralLedgerTest.glSetup(false); // no general posting setup for RAW MAT
        WipBalances balances = new WipBalances();
        for (ValueEntry ve : Ledger.valueEntries(s.ledger)) {
            // The consumption posts with RAW MAT's setup row present, which is gone at the finish.
            balances.add(ve, InventoryCostToGl.post(ve, GeneralLedgerTest.glSetup(false)
                    .put(GeneralLedgerTest.generalSetup("RAW MAT"))).entries());
        }
        WipBalances.WriteOff writeOff = balances.writeOff(SetA.ORDER, D2, setup);
        assertEquals(List.of("CONS/VE1 GENERAL_POSTING_SETUP_MISSING '' x RAW MAT: WIP write-off of 40.00"),
                writeOff.refused().stream().map(r -> r.valueEntryKey() + " " + r.refusal().reason() + " "
                        + r.refusal().detail()).toList());
        assertEquals(List.of("RUN/VE2/WO1", "RUN/VE2/WO2"),
                writeOff.entries().stream().map(GlEntry::idempotencyKey).toList());
    }

    @Test
    void linesWithOutputAreNotWrittenOff() {
        Scenario s = new Scenario(new SetA());
        s.release(D0);
        s.post(s.output("E1", "10").setupTime("30").runTime("120").output("60"));
        s.post(s.output("E2", "20").runTime("60").output("60")); // the last operation posts the line's output
        GlSetup setup = GeneralLedgerTest.glSetup(false);
        WipBalances balances = balances(s.ledger, setup, new ArrayList<>());
        assertTrue(balances.balances().stream().anyMatch(b -> b.amount().signum() != 0), "WIP before adjustment");
        assertEquals(Map.of(SetA.LINE, new BigDecimal("60.00000")), balances.netOutput());
        assertEquals(List.of(), balances.writeOff(SetA.ORDER, D2, setup).entries());
    }

    @Test
    void beyondTheBoundTheWriteOffSaysItIsIncomplete() {
        WipBalances balances = new WipBalances();
        for (int i = 0; i <= WipBalances.MAX_GROUPS; i++) {
            GlEntry wip = new GlEntry("VE" + i + "/GL1", "VE" + i, i, D1, "D", "2140",
                    io.shopfloor.posting.gl.GlAccountType.WIP, new BigDecimal("1.00"), false, SetA.ORDER, "MAIN",
                    "RAW MAT", "", "MANUFACT", "DIM" + i, "");
            ValueEntry ve = new ValueEntry(i, "VE" + i, null, (long) i, io.shopfloor.posting.ledger.ValueEntryType
                    .DIRECT_COST, null, null, null, "WC-CUT", "FG-100", null, SetA.ORDER, SetA.LINE, null, "MAIN",
                    BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ONE,
                    false, false, D1, D1, "D", "", false);
            balances.add(ve, List.of(wip));
        }
        assertEquals(WipBalances.MAX_GROUPS, balances.balances().size());
        WipBalances.WriteOff writeOff = balances.writeOff(SetA.ORDER, D2, GeneralLedgerTest.glSetup(false));
        assertTrue(writeOff.incomplete());
        assertEquals(2 * WipBalances.MAX_GROUPS, writeOff.entries().size());
    }
}
