package io.shopfloor.job.order;

import io.shopfloor.posting.LedgerText;
import io.shopfloor.posting.PostingRules;
import io.shopfloor.posting.PostingSettings;
import io.shopfloor.posting.SetA;
import io.shopfloor.posting.journal.FinishOrder;
import io.shopfloor.posting.journal.OutputJournalLine;
import io.shopfloor.posting.journal.ReleaseOrder;
import io.shopfloor.posting.order.OrderDefinition;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A half-posted order read back from its state format posts on exactly as the original. */
class OrderLedgerSerializerTest {
    private final SetA setA = new SetA();
    private final PostingRules rules = new PostingRules(PostingSettings.DEFAULTS);

    private static byte[] bytes(OrderLedger ledger) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        OrderLedgerSerializer.INSTANCE.serialize(ledger, out);
        return out.getCopyOfBuffer();
    }

    private static OrderLedger read(byte[] bytes) throws IOException {
        return OrderLedgerSerializer.INSTANCE.deserialize(new DataInputDeserializer(bytes));
    }

    private static OutputJournalLine output(String sourceId, String operationNo, String run, String quantity,
                                            boolean finished) {
        return OutputJournalLine.builder(sourceId, SetA.ORDER, SetA.LINE, operationNo).postingDate(SetA.D1)
                .capUnitOfMeasure("MINUTES").runTime(run).output(quantity).finished(finished).build();
    }

    private OrderLedger halfPosted() {
        OrderDefinition definition = setA.definition();
        OrderLedger ledger = new OrderLedger(SetA.ORDER);
        definition.lines().forEach(line -> ledger.assembly().put(line, false));
        definition.routingLines().forEach(line -> ledger.assembly().put(line, false));
        definition.components().forEach(component -> ledger.assembly().put(component, false));
        ledger.header(new OrderAssembly.Header(SetA.ORDER, "FG-100 x 100", "FG-100", "MAIN", false), false);
        assertEquals(List.of(), ledger.release(new ReleaseOrder("release", SetA.D0), rules, setA.masterData)
                .rejections());
        OrderLedger.Result e1 = ledger.post(output("E1", "10", "150", "60", false), rules, setA.masterData,
                OrderLedger.Settings.DEFAULTS);
        ledger.journalLinePosted("E1", e1);
        return ledger;
    }

    @Test
    void aHalfPostedOrderReadsBackToTheSameBytes() throws IOException {
        byte[] written = bytes(halfPosted());
        assertEquals(4, written[0], "format version first");
        assertArrayEquals(written, bytes(read(written)));
    }

    @Test
    void format2KeepsTheLinesCapacityEntryThePendingFinishsAnswerAndTheHeldRelease() throws IOException {
        OrderLedger original = halfPosted();
        original.pendingFinish = FinishOrder.on("finish", SetA.D1).withOutputRequired();
        original.pendingRelease = new ReleaseOrder("held-release", SetA.D0);
        OrderLedger restored = read(bytes(original));
        assertEquals(new ReleaseOrder("held-release", SetA.D0), restored.pendingRelease);
        assertEquals(original.pendingFinish, restored.pendingFinish);
        assertFalse(restored.pendingFinish.finishWithoutOutput());
        assertTrue(original.order.lines().get(0).hasCapacityEntries(), "E1 posted a capacity entry");
        assertTrue(restored.order.lines().get(0).hasCapacityEntries());
    }

    /** Format 3: the stops a person may re-code, and which were re-coded, read back and re-code as before. */
    @Test
    void format3KeepsTheStopsAndWhetherEachWasRecoded() throws IOException {
        OrderLedger original = halfPosted();
        OrderLedger.Result stop = original.post(OutputJournalLine.builder("S1", SetA.ORDER, SetA.LINE, "10")
                .postingDate(SetA.D1).capUnitOfMeasure("MINUTES").stopTime(new java.math.BigDecimal("12"), null)
                .build(), rules, setA.masterData, OrderLedger.Settings.DEFAULTS);
        original.noteStops(stop.entries());
        long stopEntryNo = ((io.shopfloor.posting.ledger.CapacityLedgerEntry) stop.entries().get(0)).entryNo();
        OrderLedger.Result recoded = original.recodeStop(recoding("R1", stopEntryNo), rules, setA.masterData);
        assertEquals(List.of(), recoded.rejections());
        original.noteStops(recoded.entries());
        byte[] written = bytes(original);
        assertArrayEquals(written, bytes(read(written)));
        OrderLedger restored = read(written);
        assertEquals(original.stops.stops(), restored.stops.stops());
        assertEquals(List.of("STOP_ALREADY_RECODED"), restored.recodeStop(recoding("R2", stopEntryNo), rules,
                setA.masterData).rejections().stream().map(Rejection::reasonCode).toList());
        long codedEntryNo = stopEntryNo + 2;
        assertEquals(original.recodeStop(recoding("R3", codedEntryNo), rules, setA.masterData).entries(),
                restored.recodeStop(recoding("R3", codedEntryNo), rules, setA.masterData).entries());
    }

    /** Format 4: the WIP balances the write-off at a finish without output needs read back to the same. */
    @Test
    void format4KeepsTheWipBalances() throws IOException {
        OrderLedger original = halfPosted();
        assertEquals(null, read(bytes(original)).wipIfAny(), "none kept: none read");
        io.shopfloor.posting.gl.WipBalances.Group group = new io.shopfloor.posting.gl.WipBalances.Group(SetA.LINE,
                "2140", "MAIN", "RAW MAT", "", "RAW MAT", "CUT", "");
        original.wip = new io.shopfloor.posting.gl.WipBalances(List.of(new io.shopfloor.posting.gl.WipBalances
                .Balance(group, new java.math.BigDecimal("40.00"), "CONS/VE1", 1, "C-1")),
                java.util.Map.of(SetA.LINE, new java.math.BigDecimal("0.00000")), true);
        byte[] written = bytes(original);
        assertArrayEquals(written, bytes(read(written)));
        OrderLedger restored = read(written);
        assertEquals(original.wip.balances(), restored.wip.balances());
        assertEquals(original.wip.netOutput(), restored.wip.netOutput());
        assertTrue(restored.wip.incomplete());
    }

    private static io.shopfloor.posting.journal.StopRecoding recoding(String id, long entryNo) {
        return new io.shopfloor.posting.journal.StopRecoding(id, SetA.D1, "STOP-" + id, entryNo, List.of(
                new io.shopfloor.posting.journal.StopRecoding.Reason("JAM", new java.math.BigDecimal("12"))), "olga");
    }

    @Test
    void theOrderReadBackPostsTheSameEntriesAndKnowsItsPostedLines() throws IOException {
        OrderLedger original = halfPosted();
        OrderLedger restored = read(bytes(original));
        List<String> fromOriginal = postTheRest(original);
        assertEquals(fromOriginal, postTheRest(restored));
        assertTrue(fromOriginal.contains("STATUS RPO-1001 RELEASED -> FINISHED 2026-03-02"), fromOriginal::toString);
        assertTrue(restored.journalLinePosted("E1"));
        assertTrue(restored.isFinished());
    }

    private List<String> postTheRest(OrderLedger ledger) {
        OrderLedger.Result e2 = ledger.post(output("E2", "10", "50", "40", true), rules, setA.masterData,
                OrderLedger.Settings.DEFAULTS);
        OrderLedger.Result e3 = ledger.post(output("E3", "20", "100", "100", true), rules, setA.masterData,
                OrderLedger.Settings.DEFAULTS);
        OrderLedger.Result finish = ledger.finishIfComplete(rules, setA.masterData, OrderLedger.Settings.DEFAULTS);
        return LedgerText.of(Stream.of(e2, e3, finish).flatMap(r -> r.entries().stream()).toList());
    }
}
