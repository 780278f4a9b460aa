package io.shopfloor.job.avro;

import io.shopfloor.job.DeadLetters;
import io.shopfloor.job.order.OrderInput;
import io.shopfloor.posting.journal.CapacityJournalLine;
import io.shopfloor.posting.journal.ConsumptionJournalLine;
import io.shopfloor.posting.journal.FinishOrder;
import io.shopfloor.posting.journal.OutputJournalLine;
import io.shopfloor.posting.journal.PutAwayLine;
import io.shopfloor.posting.journal.ReleaseOrder;
import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.common.CapacityType;
import io.shopfloor.schema.common.ProductionOrderStatus;
import io.shopfloor.schema.journal.JournalEntryType;
import io.shopfloor.schema.journal.JournalLine;
import io.shopfloor.schema.journal.StopReason;
import io.shopfloor.posting.journal.StopRecoding;
import io.shopfloor.schema.journal.OrderStatusChange;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.shopfloor.job.avro.AvroFixtures.assertNoNullComponent;
import static io.shopfloor.job.avro.AvroFixtures.assertNoNullField;
import static io.shopfloor.job.avro.AvroFixtures.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JournalMappingTest {
    private static final LocalDate DATE = LocalDate.of(2026, 3, 2);
    private static final Instant START = Instant.parse("2026-03-02T06:00:00Z");
    private static final Instant END = Instant.parse("2026-03-02T08:30:00Z");

    /** Every field set, with distinct values; each test blanks what its entry type does not use. */
    private static JournalLine.Builder full(JournalEntryType type) {
        return JournalLine.newBuilder().setEntryType(type).setSourceId("E7").setPostingDate(DATE)
                .setDocumentNo("DOC-7").setOrderNo("RPO-1001").setOrderLineNo(10000).setOperationNo("10")
                .setType(CapacityType.WORK_CENTER).setNo("WC-CUT").setSetupTime(q("30")).setRunTime(q("120"))
                .setStopTime(q("5")).setCapUnitOfMeasureCode("HOURS").setQtyPerCapUnitOfMeasure(q("60"))
                .setOutputQuantity(q("60")).setScrapQuantity(q("3")).setScrapCode("BURR").setStopCode("JAM")
                .setFinished(true).setAppliesToEntry(1003L).setAppliesFromEntry(1001L).setItemNo("FG-100")
                .setProdOrderCompLineNo(20000)
                .setQuantity(q("7.5")).setStartingTime(START).setEndingTime(END).setWorkShiftCode("DAY")
                .setConcurrentCapacity(q("2")).setOperatorId("op-1").setPostedBy("olga").setBinCode("PA-01")
                .setInventoryPutAway(false)
                // a CAPACITY line naming a stop entry is a re-coding: only recoding() sets these on one
                .setAppliesToCapacityEntry(type == JournalEntryType.CAPACITY ? null : 502L)
                .setStopReasons(type == JournalEntryType.CAPACITY ? null : reasons());
    }

    private static List<StopReason> reasons() {
        return List.of(new StopReason("JAM", q("3.5")), new StopReason("CLEAN", q("1.5")));
    }

    /** A stop re-coding on an order's stop entry 502: its reasons, nothing of its own. */
    private static JournalLine.Builder recoding() {
        return JournalLine.newBuilder(full(JournalEntryType.OUTPUT).build()).setEntryType(JournalEntryType.CAPACITY)
                .setSourceId("R7").setSetupTime(q("0")).setRunTime(q("0")).setStopTime(q("0"))
                .setOutputQuantity(q("0")).setScrapQuantity(q("0"));
    }

    @Test
    void stopRecodingMapsToTheRecodingOnTheStopsKey() {
        StopRecoding expected = new StopRecoding("R7", DATE, "DOC-7", 502, List.of(
                new StopRecoding.Reason("JAM", q("3.5")), new StopRecoding.Reason("CLEAN", q("1.5"))), "olga");
        assertEquals(new OrderInput.StopRecode("RPO-1001", null, null, expected),
                mappedInput(OrderInputMapping.journalLine(recoding().build())));
        OrderInput onCenter = mappedInput(OrderInputMapping.journalLine(recoding().setOrderNo("")
                .setType(CapacityType.MACHINE_CENTER).setNo("CUT-3").build()));
        assertEquals(new OrderInput.StopRecode(null, io.shopfloor.posting.model.CapacityType.MACHINE_CENTER,
                "CUT-3", expected), onCenter);
        assertEquals("capacity/CUT-3", onCenter.key());
        assertFailed(recoding().setOrderNo("").setNo(""), "needs the stop's order no., or type and no.");
        assertFailed(recoding().setStopTime(q("5")), "carries time, output or scrap of its own");
        StopRecoding noReasons = (StopRecoding) mapped(JournalMapping.journalLine(recoding().setStopReasons(null)
                .build()));
        assertEquals(List.of(), noReasons.reasons(), "the rules refuse it: STOP_REASON_INVALID");
    }

    @Test
    void outputLineMapsEveryField() {
        JournalLine avro = full(JournalEntryType.OUTPUT).build();
        assertNoNullField(avro);

        OutputJournalLine mapped = (OutputJournalLine) mapped(JournalMapping.journalLine(avro));

        assertEquals(new OutputJournalLine("E7", DATE, "DOC-7", "RPO-1001", 10000, "10", q("30"), q("120"), q("5"),
                "HOURS", q("60"), q("3"), "BURR", "JAM", true, 1003L, START, END, q("2"), "DAY", "OUTPUTJNL",
                false, "PA-01"), mapped);
        assertNoNullComponent(mapped);
    }

    @Test
    void outputLineBlankCodesAreNone() {
        JournalLine avro = full(JournalEntryType.OUTPUT).setOperationNo("").setCapUnitOfMeasureCode("")
                .setScrapCode("").setStopCode(" ").setWorkShiftCode("").setAppliesToEntry(null).setBinCode(" ")
                .build();

        OutputJournalLine mapped = (OutputJournalLine) mapped(JournalMapping.journalLine(avro));

        assertNull(mapped.operationNo());
        assertNull(mapped.capUnitOfMeasureCode(), "blank: the work center's unit");
        assertNull(mapped.scrapCode());
        assertNull(mapped.stopCode());
        assertNull(mapped.workShiftCode());
        assertNull(mapped.appliesToEntry());
        assertNull(mapped.binCode(), "blank: the order line's bin");
    }

    /** An inventory put-away line: output quantity and Place bin only. */
    private static JournalLine.Builder putAway() {
        return full(JournalEntryType.OUTPUT).setInventoryPutAway(true).setOperationNo("").setSetupTime(q("0"))
                .setRunTime(q("0")).setStopTime(q("0")).setScrapQuantity(q("0")).setFinished(false)
                .setAppliesToEntry(null);
    }

    @Test
    void putAwayLineMapsQuantityAndBin() {
        assertEquals(new PutAwayLine("E7", DATE, "DOC-7", "RPO-1001", 10000, q("60"), "PA-01"),
                mapped(JournalMapping.journalLine(putAway().build())));
        assertEquals(new PutAwayLine("E7", DATE, "DOC-7", "RPO-1001", 10000, q("60"), null),
                mapped(JournalMapping.journalLine(putAway().setBinCode(" ").build())), "blank: the request's bin");
    }

    @Test
    void putAwayLineWithMoreThanOutputIsAFailure() {
        assertFailed(putAway().setOperationNo("20"), "is an inventory put-away");
        assertFailed(putAway().setRunTime(q("5")), "is an inventory put-away");
        assertFailed(putAway().setScrapQuantity(q("1")), "is an inventory put-away");
        assertFailed(putAway().setFinished(true), "is an inventory put-away");
        assertFailed(putAway().setAppliesToEntry(1003L), "is an inventory put-away");
        assertFailed(putAway().setOrderNo(""), "no orderNo");
    }

    @Test
    void consumptionLineMapsEveryField() {
        JournalLine avro = full(JournalEntryType.CONSUMPTION).setType(null).build();

        ConsumptionJournalLine mapped = (ConsumptionJournalLine) mapped(JournalMapping.journalLine(avro));

        assertEquals(new ConsumptionJournalLine("E7", DATE, "DOC-7", "RPO-1001", 10000, 20000, q("7.5"), 1001L),
                mapped);
        assertNoNullComponent(mapped);
    }

    @Test
    void capacityLineMapsEveryField() {
        JournalLine avro = full(JournalEntryType.CAPACITY).setOrderNo("").setOrderLineNo(0)
                .setOutputQuantity(q("0")).setScrapQuantity(q("0")).setType(CapacityType.MACHINE_CENTER)
                .setNo("MC-ASSY").build();

        CapacityJournalLine mapped = (CapacityJournalLine) mapped(JournalMapping.journalLine(avro));

        assertEquals(new CapacityJournalLine("E7", DATE, "DOC-7",
                io.shopfloor.posting.model.CapacityType.MACHINE_CENTER, "MC-ASSY", "DAY", START, END, q("2"),
                q("30"), q("120"), q("5"), "HOURS", "JAM"), mapped);
        assertNoNullComponent(mapped);
    }

    @Test
    void linesMissingWhatTheRulesNeedAreFailures() {
        assertFailed(full(JournalEntryType.OUTPUT).setOrderNo(" "), "no orderNo");
        assertFailed(full(JournalEntryType.OUTPUT).setOrderLineNo(0), "no orderLineNo");
        assertFailed(full(JournalEntryType.CONSUMPTION).setOrderNo(""), "no orderNo");
        assertFailed(full(JournalEntryType.CONSUMPTION).setProdOrderCompLineNo(null), "no prodOrderCompLineNo");
        assertFailed(full(JournalEntryType.CAPACITY).setOrderNo("").setType(null), "needs type and no");
        assertFailed(full(JournalEntryType.CAPACITY).setOrderNo("").setNo(""), "needs type and no");
        assertFailed(full(JournalEntryType.CAPACITY), "names order RPO-1001");
        assertFailed(full(JournalEntryType.CAPACITY).setOrderNo(""), "reports output or scrap");
        assertFailed(full(JournalEntryType.OUTPUT).setSourceId(""), "sourceId ''");
        assertFailed(full(JournalEntryType.OUTPUT).setSourceId("E7/1"), "without '/'");
    }

    @Test
    void lineWithoutEntryTypeOrPostingDateIsAFailure() {
        JournalLine noType = full(JournalEntryType.OUTPUT).build();
        noType.setEntryType(null); // a builder refuses null, a hand-made record can still carry it
        assertFailedWith(JournalMapping.journalLine(noType), "no entryType");
        JournalLine noDate = full(JournalEntryType.OUTPUT).build();
        noDate.setPostingDate(null);
        assertFailedWith(JournalMapping.journalLine(noDate), "no postingDate");
    }

    private static OrderStatusChange statusChange(ProductionOrderStatus from, ProductionOrderStatus to) {
        return OrderStatusChange.newBuilder().setOrderNo("RPO-1001").setFromStatus(from).setToStatus(to)
                .setPostingDate(DATE).setSourceId("ST-1").setEventTime(START).build();
    }

    @Test
    void releaseAndFinishMapToTheirCommands() {
        assertEquals(new ReleaseOrder("ST-1", DATE), mapped(JournalMapping.orderStatusChange(
                statusChange(ProductionOrderStatus.FIRM_PLANNED, ProductionOrderStatus.RELEASED))));
        assertEquals(new FinishOrder("ST-1", DATE, false, false), mapped(JournalMapping.orderStatusChange(
                statusChange(ProductionOrderStatus.RELEASED, ProductionOrderStatus.FINISHED))));
    }

    @Test
    void otherStatusChangesAreFailures() {
        assertFailedWith(JournalMapping.orderStatusChange(
                statusChange(ProductionOrderStatus.PLANNED, ProductionOrderStatus.FIRM_PLANNED)), "only release");
        assertFailedWith(JournalMapping.orderStatusChange(
                statusChange(ProductionOrderStatus.FINISHED, ProductionOrderStatus.RELEASED)), "only release");
        OrderStatusChange noId = statusChange(ProductionOrderStatus.FIRM_PLANNED, ProductionOrderStatus.RELEASED);
        noId.setSourceId(" ");
        assertFailedWith(JournalMapping.orderStatusChange(noId), "non-blank");
    }

    private static Record mapped(MappingResult<Record> result) {
        if (result instanceof MappingResult.Mapped<Record> mapped) {
            return mapped.value();
        }
        throw new AssertionError("not mapped: " + result);
    }

    private static void assertFailed(JournalLine.Builder line, String reasonPart) {
        assertFailedWith(JournalMapping.journalLine(line.build()), reasonPart);
    }

    private static void assertFailedWith(MappingResult<Record> result, String reasonPart) {
        MappingResult.Failed<?> failed = assertInstanceOf(MappingResult.Failed.class, result, () -> result.toString());
        assertTrue(failed.reason().contains(reasonPart), failed.reason());
    }

    /**
     * A refused line is dead-lettered as the record {@link OrderInputMapping#sourceRecord} rebuilds: mapped again it is
     * the same input, and it survives the single-object encoding the dead letter stores.
     */
    @Test
    void refusedLinesAndStatusChangesAreRebuiltAsRecordsThatMapToTheSameInput() {
        JournalLine output = full(JournalEntryType.OUTPUT).build();
        JournalLine blankOutput = full(JournalEntryType.OUTPUT).setOperationNo("").setScrapCode("").setStopCode("")
                .setAppliesToEntry(null).setStartingTime(null).setEndingTime(null).setFinished(false).build();
        JournalLine outputWithoutBin = full(JournalEntryType.OUTPUT).setBinCode(null).build();
        JournalLine consumption = full(JournalEntryType.CONSUMPTION).setType(null).build();
        JournalLine capacity = full(JournalEntryType.CAPACITY).setOrderNo("").setOutputQuantity(q("0"))
                .setScrapQuantity(q("0")).build();
        JournalLine putAway = putAway().build();
        JournalLine putAwayDefaultBin = putAway().setBinCode(null).build();
        JournalLine recoding = recoding().build();
        JournalLine recodingOnCenter = recoding().setOrderNo("").setType(CapacityType.MACHINE_CENTER).setNo("CUT-3")
                .setPostedBy(null).build();
        for (JournalLine line : List.of(output, blankOutput, outputWithoutBin, consumption, capacity, putAway,
                putAwayDefaultBin, recoding, recodingOnCenter)) {
            OrderInput input = mappedInput(OrderInputMapping.journalLine(line));
            SpecificRecord rebuilt = OrderInputMapping.sourceRecord(input, START);
            assertEquals("journal-lines", OrderInputMapping.sourceTopic(input));
            assertEquals(input, mappedInput(OrderInputMapping.journalLine(decode(rebuilt, JournalLine.class))),
                    line.getEntryType() + " line");
        }
        for (ProductionOrderStatus to : List.of(ProductionOrderStatus.RELEASED,
                ProductionOrderStatus.FINISHED)) {
            OrderStatusChange change = OrderStatusChange.newBuilder().setOrderNo("RPO-1001")
                    .setFromStatus(ProductionOrderStatus.FIRM_PLANNED).setToStatus(to).setPostingDate(DATE)
                    .setSourceId("S1").setEventTime(END).build();
            OrderInput input = mappedInput(OrderInputMapping.statusChange(change));
            OrderStatusChange rebuilt = decode(OrderInputMapping.sourceRecord(input, END), OrderStatusChange.class);
            assertEquals("order-status-changes", OrderInputMapping.sourceTopic(input));
            assertEquals(input, mappedInput(OrderInputMapping.statusChange(rebuilt)));
            assertEquals(END, rebuilt.getEventTime(), "a status change keeps its event time");
        }
    }

    private static <T extends SpecificRecord> T decode(
            SpecificRecord record, Class<T> type) {
        try {
            return ShopfloorSchemas.decoder(type)
                    .decode(DeadLetters.singleObject(record));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OrderInput mappedInput(
            MappingResult<OrderInput> result) {
        return ((MappingResult.Mapped<OrderInput>) result).value();
    }
}
