package io.shopfloor.posting;

import io.shopfloor.posting.journal.ConsumptionJournalLine;
import io.shopfloor.posting.model.FlushingMethod;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.shopfloor.posting.Assertions.assertDec;
import static io.shopfloor.posting.Assertions.refused;
import static io.shopfloor.posting.SetA.D0;
import static io.shopfloor.posting.SetA.D1;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Manual consumption (docs/flushing.md#consumption-against-the-component) and returns
 * (docs/output-posting.md#corrections).
 */
class ConsumptionJournalTest {

    private static ConsumptionJournalLine consume(String id, int component, String quantity, Long appliesFrom) {
        return new ConsumptionJournalLine(id, D1, "CONS-1", SetA.ORDER, SetA.LINE, component, new BigDecimal(quantity),
                appliesFrom);
    }

    @Test
    void manualConsumptionBeyondTheExpectedQuantityIsASecondEntry() {
        SetA setA = new SetA();
        setA.paintFlushing = FlushingMethod.MANUAL;
        Scenario s = new Scenario(setA);
        s.release(D0);
        assertEquals(List.of(
                "ILE 1001 CONSUMPTION PAINT qty -4 rem 0 inv -4 open false comp 30000 source FG-100 order RPO-1001/10000 doc CONS-1 CONSUMPJNL 2026-03-02",
                "VE 2001 DIRECT_COST ILE 1001 valued -4 inv -4 actual -80.00 expected 0.00"),
                s.post(setA.rules.postConsumption(s.order, consume("C1", 30000, "4", null), setA.masterData, setA.numbers)));
        assertEquals(List.of(
                "ILE 1002 CONSUMPTION PAINT qty -1 rem 0 inv -1 open false comp 30000 source FG-100 order RPO-1001/10000 doc CONS-1 CONSUMPJNL 2026-03-02",
                "VE 2002 DIRECT_COST ILE 1002 valued -1 inv -1 actual -20.00 expected 0.00",
                "ILE 1003 CONSUMPTION PAINT qty -0.5 rem 0 inv -0.5 open false comp 30000 source FG-100 order RPO-1001/10000 doc CONS-1 CONSUMPJNL 2026-03-02",
                "VE 2003 DIRECT_COST ILE 1003 valued -0.5 inv -0.5 actual -10.00 expected 0.00"),
                s.post(setA.rules.postConsumption(s.order, consume("C2", 30000, "1.5", null), setA.masterData, setA.numbers)));
        assertDec("0", s.component(30000).remainingQuantity());
        assertDec("5.5", s.component(30000).actConsumptionQtyBase());
    }

    @Test
    void returnsMustApplyToAConsumptionOfTheSameComponentAndNotExceedIt() {
        SetA setA = new SetA();
        Scenario s = new Scenario(setA);
        s.release(D0);
        s.post(s.output("E1", "10").setupTime("30").runTime("120").output("60")); // STEEL ILE 1001 −126
        refused(setA.rules.postConsumption(s.order, consume("R1", 10000, "-127", 1001L), setA.masterData, setA.numbers),
                RefusalReason.APPLIES_FROM_ENTRY_INVALID);
        refused(setA.rules.postConsumption(s.order, consume("R2", 30000, "-1", 1001L), setA.masterData, setA.numbers),
                RefusalReason.APPLIES_FROM_ENTRY_INVALID);
        refused(setA.rules.postConsumption(s.order, consume("R3", 40000, "-1", null), setA.masterData, setA.numbers),
                RefusalReason.COMPONENT_NOT_FOUND);
        assertDec("84", s.component(10000).remainingQuantity());
    }
}
