package io.shopfloor.posting;

import io.shopfloor.posting.model.Bins;
import io.shopfloor.posting.model.ProdOutputWhseHandling;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.shopfloor.posting.Assertions.refused;
import static io.shopfloor.posting.SetA.D0;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** docs/warehouse.md#completing-an-inventory-put-away: the put-away posts the output, partially, once per line. */
class PutAwayTest {

    private static Scenario released(SetA setA) {
        Scenario s = new Scenario(setA);
        s.release(D0);
        return s;
    }

    @Test
    void partialPutAwaysPostTheOutputIntoThePlaceBinUntilNothingIsOutstanding() {
        Scenario s = released(WarehouseTest.atLocation(ProdOutputWhseHandling.INVENTORY_PUT_AWAY, Bins.NONE, true));
        // As the output journal posts last-operation output: capacity entry without time, the BOLT linked to the
        // operation flushed (Backward), the output at expected cost; the warehouse entry in the Place bin.
        assertEquals(List.of(
                "CLE 501 MC-ASSY op 20 qty 0 inv 0 setup 0 run 0 stop 0 out 60 scrap 0 last true item FG-100 order RPO-1001/10000 2026-03-02",
                "ILE 1001 CONSUMPTION BOLT qty -400 rem 0 inv -400 open false comp 20000 source FG-100 order RPO-1001/10000 doc RPO-1001 FLUSHING 2026-03-02",
                "VE 2001 DIRECT_COST ILE 1001 valued -400 inv -400 actual -40.00 expected 0.00",
                "WE 1 NEGATIVE_ADJMT WH/ASSY-OSF BOLT qty -400 base -400 source RPO-1001/10000/20000",
                "ILE 1002 OUTPUT FG-100 qty 60 rem 60 inv 0 open true comp 0 source FG-100 order RPO-1001/10000 doc PA-1 INVTPUTAWY 2026-03-02",
                "VE 2002 DIRECT_COST ILE 1002 valued 60 inv 0 actual 0.00 expected 468.60",
                "WE 2 POSITIVE_ADJMT WH/PA-01 FG-100 qty 60 base 60 source RPO-1001/10000/0"),
                s.post(s.putAway("PA-1", "60", "PA-01")));
        // No bin given: the request's bin, the last operation's from-production bin.
        assertEquals(List.of(
                "CLE 502 MC-ASSY op 20 qty 0 inv 0 setup 0 run 0 stop 0 out 40 scrap 0 last true item FG-100 order RPO-1001/10000 2026-03-02",
                "ILE 1003 OUTPUT FG-100 qty 40 rem 40 inv 0 open true comp 0 source FG-100 order RPO-1001/10000 doc PA-2 INVTPUTAWY 2026-03-02",
                "VE 2003 DIRECT_COST ILE 1003 valued 40 inv 0 actual 0.00 expected 312.40",
                "WE 3 POSITIVE_ADJMT WH/ASSY-FROM FG-100 qty 40 base 40 source RPO-1001/10000/0"),
                s.post(s.putAway("PA-2", "40", null)));
        assertEquals("100.00000", s.line().finishedQuantity().toPlainString());
        refused(s.putAway("PA-3", "1", "PA-01"), RefusalReason.PUT_AWAY_REQUEST_NOT_FOUND);
    }

    @Test
    void aPutAwayOfMoreThanIsOutstandingOrOfNothingIsRefusedAndPostsNothing() {
        Scenario s = released(WarehouseTest.atLocation(ProdOutputWhseHandling.INVENTORY_PUT_AWAY, Bins.NONE, true));
        s.post(s.putAway("PA-1", "60", "PA-01"));
        refused(s.putAway("PA-2", "40.5", "PA-01"), RefusalReason.PUT_AWAY_QUANTITY_EXCEEDS_OUTSTANDING);
        refused(s.putAway("PA-3", "0", "PA-01"), RefusalReason.PUT_AWAY_QUANTITY_INVALID);
        refused(s.putAway("PA-4", "-5", "PA-01"), RefusalReason.PUT_AWAY_QUANTITY_INVALID);
        assertEquals("60.00000", s.line().finishedQuantity().toPlainString());
        assertEquals(1003L, s.setA.numbers.peekItemLedgerEntryNo());
    }

    @Test
    void aBinMandatoryLocationWithoutAnyDefaultBinNeedsTheBinOnThePutAway() {
        Scenario s = released(WarehouseTest.atLocation(ProdOutputWhseHandling.INVENTORY_PUT_AWAY, Bins.NONE, false));
        assertEquals(null, s.line().binCode());
        refused(s.putAway("PA-1", "10", null), RefusalReason.BIN_CODE_MISSING);
        refused(s.putAway("PA-2", "10", " "), RefusalReason.BIN_CODE_MISSING);
        List<String> posted = s.post(s.putAway("PA-3", "10", "PA-07"));
        assertEquals("WE 2 POSITIVE_ADJMT WH/PA-07 FG-100 qty 10 base 10 source RPO-1001/10000/0",
                posted.get(posted.size() - 1));
    }

    @Test
    void withoutAnInventoryPutAwayLocationThereIsNoRequestToComplete() {
        Scenario s = released(WarehouseTest.atLocation(ProdOutputWhseHandling.NO_WAREHOUSE_HANDLING, Bins.NONE, true));
        refused(s.putAway("PA-1", "10", "PA-01"), RefusalReason.PUT_AWAY_REQUEST_NOT_FOUND);
        Scenario warehouse = released(WarehouseTest.atLocation(ProdOutputWhseHandling.WAREHOUSE_PUT_AWAY, Bins.NONE, true));
        refused(warehouse.putAway("PA-1", "10", "PA-01"), RefusalReason.PUT_AWAY_REQUEST_NOT_FOUND);
    }

    @Test
    void anOrderNotReleasedHasNoPutAway() {
        Scenario s = new Scenario(WarehouseTest.atLocation(ProdOutputWhseHandling.INVENTORY_PUT_AWAY, Bins.NONE, true));
        refused(s.putAway("PA-1", "10", "PA-01"), RefusalReason.ORDER_NOT_RELEASED);
    }
}
