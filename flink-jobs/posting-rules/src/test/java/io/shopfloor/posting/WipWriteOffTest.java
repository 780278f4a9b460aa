package io.shopfloor.posting;

import io.shopfloor.posting.gl.GlEntry;
import io.shopfloor.posting.gl.GlSetup;
import io.shopfloor.posting.gl.InventoryCostToGl;
import io.shopfloor.posting.gl.TrialBalance;
import io.shopfloor.posting.journal.ConsumptionJournalLine;
import io.shopfloor.posting.ledger.ValueEntry;
import io.shopfloor.posting.model.ManufacturingSetup;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.shopfloor.posting.SetA.D0;
import static io.shopfloor.posting.SetA.D1;
import static io.shopfloor.posting.SetA.D2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/general-ledger.md#wip: an order finished without output (Finish Order without Output) has its WIP written off
 * to Inventory Adjmt., as BC does (its test "VerifyUndoProductionOrderWithConsumption...", scenario 327365): per
 * value entry, G/L entries naming it that move what it put on WIP to the Inventory Adjmt. account of its general
 * posting setup, so that consumption ends as Inventory -X, WIP 0, Inventory Adjmt. +X and capacity as Direct Cost
 * Applied -Y, WIP 0, Inventory Adjmt. +Y.
 */
class WipWriteOffTest {

    @Test
    void anOrderFinishedWithoutOutputWritesItsWipOffToInventoryAdjustment() {
        Scenario s = new Scenario(new SetA());
        s.release(D0);
        // 2 L of PAINT at 20.00 by hand, 20 minutes on WC-CUT (1.00 direct, 0.20 overhead a minute), no output.
        s.post(s.setA.rules.postConsumption(s.order, new ConsumptionJournalLine("CONS", D1, "C-1", SetA.ORDER,
                SetA.LINE, 30000, new BigDecimal("2"), null), s.setA.masterData, s.setA.numbers));
        s.post(s.output("RUN", "10").runTime("20"));
        s.setA.masterData.put(new ManufacturingSetup(true, true, true, "FLUSHING"));
        s.finish(D2);

        // As in BC, the consumption's write-off reads Inventory Adjmt. from its own general posting setup: the
        // component's gen. product posting group (RAW MAT).
        GlSetup setup = GeneralLedgerTest.glSetup(false).put(GeneralLedgerTest.generalSetup("RAW MAT"));
        List<ValueEntry> valueEntries = Ledger.valueEntries(s.ledger);
        List<GlEntry> posted = InventoryCostToGl.postAll(valueEntries, setup);
        assertEquals(Map.of(GeneralLedgerTest.INVENTORY_RAW, "-40.00", GeneralLedgerTest.WIP, "64.00",
                GeneralLedgerTest.DIRECT_COST_APPLIED, "-20.00", GeneralLedgerTest.OVERHEAD_APPLIED, "-4.00"),
                nonZero(TrialBalance.of(posted)), "before the write-off: consumption and capacity sit on WIP");

        List<GlEntry> writeOff = new ArrayList<>();
        for (ValueEntry ve : valueEntries) {
            InventoryCostToGl.Result result = InventoryCostToGl.writeOffWip(ve, setup);
            assertTrue(!result.refused(), () -> String.valueOf(result.refusal()));
            writeOff.addAll(result.entries());
        }
        List<GlEntry> all = new ArrayList<>(posted);
        all.addAll(writeOff);
        TrialBalance balance = TrialBalance.of(all);
        assertEquals(Map.of(GeneralLedgerTest.INVENTORY_RAW, "-40.00", GeneralLedgerTest.DIRECT_COST_APPLIED, "-20.00",
                GeneralLedgerTest.OVERHEAD_APPLIED, "-4.00", GeneralLedgerTest.INVENTORY_ADJMT, "64.00"),
                nonZero(balance), "WIP is written off; the sources keep their credits");
        assertTrue(balance.balances());
        // Each write-off names the value entry whose WIP it moves, keyed apart from that entry's own G/L entries.
        assertEquals(List.of("CONS/VE1/WO1 7270 40.00", "CONS/VE1/WO2 2140 -40.00"), writeOff.stream()
                .filter(e -> e.valueEntryKey().startsWith("CONS/"))
                .map(e -> e.idempotencyKey() + " " + e.accountNo() + " " + e.amount()).toList());
        assertEquals(writeOff.size(), writeOff.stream().map(GlEntry::idempotencyKey).distinct().count());
    }

    private static Map<String, String> nonZero(TrialBalance balance) {
        Map<String, String> accounts = new TreeMap<>();
        balance.netChangeByAccount().forEach((account, net) -> {
            if (net.signum() != 0) {
                accounts.put(account, net.toPlainString());
            }
        });
        return accounts;
    }
}
