package io.shopfloor.posting;

import io.shopfloor.posting.order.OrderStatus;
import io.shopfloor.posting.journal.ReleaseOrder;
import io.shopfloor.posting.model.Bins;
import io.shopfloor.posting.model.CapacityCost;
import io.shopfloor.posting.model.FlushingMethod;
import io.shopfloor.posting.model.Location;
import io.shopfloor.posting.model.MachineCenter;
import io.shopfloor.posting.model.ProdOutputWhseHandling;
import io.shopfloor.posting.model.UnitCostCalculation;
import io.shopfloor.posting.model.WorkCenter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.shopfloor.posting.Assertions.refused;
import static io.shopfloor.posting.SetA.D0;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/warehouse.md: default bins, warehouse entries at Bin Mandatory locations, and put-away of output. */
class WarehouseTest {

    private static SetA atLocation(ProdOutputWhseHandling handling, boolean centersAtLocation) {
        return atLocation(handling, new Bins("L-OSF", "L-TOP", "L-FROM"), centersAtLocation);
    }

    /** Set A at the Bin Mandatory location WH with these bins; its centers' bins there, or none. */
    static SetA atLocation(ProdOutputWhseHandling handling, Bins locationBins, boolean centersAtLocation) {
        SetA setA = new SetA();
        setA.location = "WH";
        setA.masterData.put(new Location("WH", true, handling, locationBins));
        if (centersAtLocation) {
            setA.masterData
                    .put(WorkCenter.of("WC-CUT", "MINUTES", CapacityCost.of("1.00", "10", "0.10"), UnitCostCalculation.TIME)
                            .withLocation("WH", new Bins("CUT-OSF", "CUT-TOP", "CUT-FROM")))
                    .put(MachineCenter.of("MC-ASSY", "WC-ASSY", CapacityCost.of("0.50", "0", "0"))
                            .withLocation("WH", new Bins("ASSY-OSF", "ASSY-TOP", "ASSY-FROM")));
        }
        return setA;
    }

    @Test
    void defaultBinsComeFromTheLinkedOperationsCenterByFlushingMethod() {
        SetA setA = atLocation(ProdOutputWhseHandling.NO_WAREHOUSE_HANDLING, true);
        setA.boltFlushing = FlushingMethod.PICK_FORWARD;
        Scenario s = new Scenario(setA);
        assertEquals("CUT-OSF", s.component(10000).binCode()); // Backward, link CUT: open shop floor bin of WC-CUT
        assertEquals("ASSY-TOP", s.component(20000).binCode()); // Pick + Forward, link ASSY: to-production bin
        assertEquals("CUT-OSF", s.component(30000).binCode()); // no link: the first operation's center
        assertEquals("ASSY-FROM", s.line().binCode()); // output: the last operation's from-production bin
    }

    @Test
    void centersAtAnotherLocationFallBackToTheLocationBins() {
        Scenario s = new Scenario(atLocation(ProdOutputWhseHandling.NO_WAREHOUSE_HANDLING, false));
        assertEquals("L-OSF", s.component(10000).binCode());
        assertEquals("L-FROM", s.line().binCode());
    }

    @Test
    void consumptionAndOutputRegisterWarehouseEntriesAtBinMandatoryLocations() {
        Scenario s = new Scenario(atLocation(ProdOutputWhseHandling.NO_WAREHOUSE_HANDLING, true));
        s.release(D0);
        assertEquals(List.of(
                "CLE 501 WC-CUT op 10 qty 150 inv 150 setup 30 run 120 stop 0 out 60 scrap 0 last false item FG-100 order RPO-1001/10000 2026-03-02",
                "ILE 1001 CONSUMPTION STEEL qty -126 rem 0 inv -126 open false comp 10000 source FG-100 order RPO-1001/10000 doc RPO-1001 FLUSHING 2026-03-02",
                "VE 2001 DIRECT_COST ILE 1001 valued -126 inv -126 actual -189.00 expected 0.00",
                "WE 1 NEGATIVE_ADJMT WH/CUT-OSF STEEL qty -126 base -126 source RPO-1001/10000/10000",
                "VE 2002 DIRECT_COST CLE 501 valued 150 inv 150 actual 150.00 expected 0.00",
                "VE 2003 INDIRECT_COST CLE 501 valued 150 inv 0 actual 30.00 expected 0.00"),
                s.post(s.output("E1", "10").setupTime("30").runTime("120").output("60")));
        List<String> e2 = s.post(s.output("E2", "20").runTime("60").output("60"));
        assertEquals("WE 2 NEGATIVE_ADJMT WH/ASSY-OSF BOLT qty -400 base -400 source RPO-1001/10000/20000", e2.get(3));
        assertEquals("WE 3 POSITIVE_ADJMT WH/ASSY-FROM FG-100 qty 60 base 60 source RPO-1001/10000/0", e2.get(7));
    }

    @Test
    void inventoryPutAwayLocationsGetAnInboundRequestAtReleaseAndRefuseJournalOutputOnTheLastOperation() {
        Scenario s = new Scenario(atLocation(ProdOutputWhseHandling.INVENTORY_PUT_AWAY, true));
        assertEquals(List.of("STATUS RPO-1001 FIRM_PLANNED -> RELEASED 2026-03-01",
                "WR INBOUND_INVENTORY_PUT_AWAY WH/ASSY-FROM FG-100 qty 100 order RPO-1001/10000"), s.release(D0));
        refused(s.postRaw(s.output("E2", "20").runTime("60").output("60")), RefusalReason.OUTPUT_POSTED_BY_INVENTORY_PUT_AWAY);
        // Time on the last operation with output 0 is still posted by the pipeline.
        assertEquals("CLE 501 MC-ASSY op 20 qty 60 inv 60 setup 0 run 60 stop 0 out 0 scrap 0 last true item FG-100 order RPO-1001/10000 2026-03-02",
                s.post(s.output("E2-time", "20").runTime("60")).get(0));
        // The inventory put-away itself posts the output.
        List<String> putAway = s.post(s.output("PUTAWAY-1", "20").output("60").postedByInventoryPutAway(true));
        assertEquals("ILE 1002 OUTPUT FG-100 qty 60 rem 60 inv 0 open true comp 0 source FG-100 order RPO-1001/10000 doc RPO-1001 OUTPUTJNL 2026-03-02",
                putAway.get(putAway.size() - 3));
    }

    @Test
    void warehousePutAwayLocationsGetAPutAwayAfterEachOutput() {
        Scenario s = new Scenario(atLocation(ProdOutputWhseHandling.WAREHOUSE_PUT_AWAY, true));
        s.release(D0);
        List<String> e2 = s.post(s.output("E2", "20").runTime("60").output("60"));
        assertEquals("WR WAREHOUSE_PUT_AWAY WH/ASSY-FROM FG-100 qty 60 order RPO-1001/10000", e2.get(e2.size() - 1));
    }

    @Test
    void releaseAtABinMandatoryLocationRefusesAForwardComponentWithoutBin() {
        SetA setA = new SetA();
        setA.location = "WH";
        setA.paintFlushing = FlushingMethod.FORWARD;
        setA.masterData.put(new Location("WH", true, ProdOutputWhseHandling.NO_WAREHOUSE_HANDLING, Bins.NONE));
        Scenario s = new Scenario(setA);
        refused(setA.rules.release(s.order, new ReleaseOrder("REL", D0), setA.masterData,
                setA.numbers), RefusalReason.BIN_CODE_MISSING);
        assertEquals(OrderStatus.FIRM_PLANNED, s.order.status());
    }

    @Test
    void theOutputJournalLinesBinTakesTheOutputAndItsCorrectionInsteadOfTheOrderLinesBin() {
        Scenario s = new Scenario(atLocation(ProdOutputWhseHandling.NO_WAREHOUSE_HANDLING, true));
        s.release(D0);
        s.post(s.output("E1", "10").setupTime("30").runTime("120").output("60"));
        assertEquals(List.of(
                "CLE 502 MC-ASSY op 20 qty 60 inv 60 setup 0 run 60 stop 0 out 60 scrap 0 last true item FG-100 order RPO-1001/10000 2026-03-02",
                "ILE 1002 CONSUMPTION BOLT qty -400 rem 0 inv -400 open false comp 20000 source FG-100 order RPO-1001/10000 doc RPO-1001 FLUSHING 2026-03-02",
                "VE 2004 DIRECT_COST ILE 1002 valued -400 inv -400 actual -40.00 expected 0.00",
                "WE 2 NEGATIVE_ADJMT WH/ASSY-OSF BOLT qty -400 base -400 source RPO-1001/10000/20000",
                "VE 2005 DIRECT_COST CLE 502 valued 60 inv 60 actual 30.00 expected 0.00",
                "ILE 1003 OUTPUT FG-100 qty 60 rem 60 inv 0 open true comp 0 source FG-100 order RPO-1001/10000 doc RPO-1001 OUTPUTJNL 2026-03-02",
                "VE 2006 DIRECT_COST ILE 1003 valued 60 inv 0 actual 0.00 expected 468.60",
                "WE 3 POSITIVE_ADJMT WH/OUT-07 FG-100 qty 60 base 60 source RPO-1001/10000/0"),
                s.post(s.output("E2", "20").runTime("60").output("60").binCode("OUT-07")));
        // A correction takes the parts out of the bin it names.
        List<String> correction = s.post(s.output("C1", "20").output("-10").appliesToEntry(1003L).binCode("OUT-07"));
        assertEquals("WE 4 NEGATIVE_ADJMT WH/OUT-07 FG-100 qty -10 base -10 source RPO-1001/10000/0",
                correction.get(correction.size() - 1));
    }

    @Test
    void aBinMandatoryLocationWithoutAnOrderLineBinNeedsTheBinOnTheOutputLine() {
        Scenario s = new Scenario(atLocation(ProdOutputWhseHandling.NO_WAREHOUSE_HANDLING, Bins.NONE, false));
        s.release(D0);
        assertEquals(null, s.line().binCode());
        refused(s.postRaw(s.output("E2", "20").runTime("60").output("60")), RefusalReason.BIN_CODE_MISSING);
        refused(s.postRaw(s.output("E2-blank", "20").output("60").binCode(" ")), RefusalReason.BIN_CODE_MISSING);
        assertEquals(1001L, s.setA.numbers.peekItemLedgerEntryNo());
        // Without output on the last operation the output writes no warehouse entry, so it needs no bin (the
        // flushed component's entry has none: components at such a location keep their own rules).
        assertEquals(List.of(
                "CLE 501 MC-ASSY op 20 qty 60 inv 60 setup 0 run 60 stop 0 out 0 scrap 0 last true item FG-100 order RPO-1001/10000 2026-03-02",
                "ILE 1001 CONSUMPTION BOLT qty -400 rem 0 inv -400 open false comp 20000 source FG-100 order RPO-1001/10000 doc RPO-1001 FLUSHING 2026-03-02",
                "VE 2001 DIRECT_COST ILE 1001 valued -400 inv -400 actual -40.00 expected 0.00",
                "WE 1 NEGATIVE_ADJMT WH/null BOLT qty -400 base -400 source RPO-1001/10000/20000",
                "VE 2002 DIRECT_COST CLE 501 valued 60 inv 60 actual 30.00 expected 0.00"),
                s.post(s.output("E2-time", "20").runTime("60")));
        List<String> posted = s.post(s.output("E2-bin", "20").output("60").binCode("OUT-07"));
        assertEquals("WE 2 POSITIVE_ADJMT WH/OUT-07 FG-100 qty 60 base 60 source RPO-1001/10000/0",
                posted.get(posted.size() - 1));
    }

    @Test
    void aBinAtALocationThatDoesNotUseBinsIsRefusedOnEveryOperation() {
        Scenario s = new Scenario(new SetA());
        s.release(D0);
        refused(s.postRaw(s.output("E1", "10").runTime("120").output("60").binCode("OUT-07")),
                RefusalReason.BIN_CODE_NOT_ALLOWED);
        refused(s.postRaw(s.output("E2", "20").runTime("60").output("60").binCode("OUT-07")),
                RefusalReason.BIN_CODE_NOT_ALLOWED);
        assertEquals(1001L, s.setA.numbers.peekItemLedgerEntryNo());
    }

    @Test
    void aBinDoesNotLetTheOutputJournalPostWhatAnInventoryPutAwayPosts() {
        Scenario s = new Scenario(atLocation(ProdOutputWhseHandling.INVENTORY_PUT_AWAY, true));
        s.release(D0);
        refused(s.postRaw(s.output("E2", "20").output("60").binCode("OUT-07")),
                RefusalReason.OUTPUT_POSTED_BY_INVENTORY_PUT_AWAY);
    }

    @Test
    void aWarehousePutAwayTakesTheOutputFromTheBinItWentInto() {
        Scenario s = new Scenario(atLocation(ProdOutputWhseHandling.WAREHOUSE_PUT_AWAY, true));
        s.release(D0);
        List<String> e2 = s.post(s.output("E2", "20").runTime("60").output("60").binCode("OUT-07"));
        assertEquals("WR WAREHOUSE_PUT_AWAY WH/OUT-07 FG-100 qty 60 order RPO-1001/10000", e2.get(e2.size() - 1));
    }
}
