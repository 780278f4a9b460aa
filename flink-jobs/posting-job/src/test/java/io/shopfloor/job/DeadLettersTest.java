package io.shopfloor.job;

import io.shopfloor.job.avro.SignalMapping;
import io.shopfloor.job.machine.MachineInput;
import io.shopfloor.job.machine.Rejected;
import io.shopfloor.job.order.Rejection;
import io.shopfloor.schema.journal.JournalLine;
import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.common.DeadLetter;
import io.shopfloor.schema.signal.CounterKind;
import io.shopfloor.schema.signal.MachineCounterReading;
import io.shopfloor.schema.signal.MachineState;
import io.shopfloor.schema.signal.MachineStateChange;
import io.shopfloor.schema.signal.OperationEvent;
import io.shopfloor.schema.signal.OperationEventType;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Dead-letter ids are unique per input and stable under replay; payloads re-drive the input. */
class DeadLettersTest {
    static final Instant T = Instant.parse("2026-03-02T08:00:00Z");

    static MachineCounterReading reading(String counter, CounterKind kind, long value) {
        return MachineCounterReading.newBuilder().setMachineId("CUT-1").setCounterName(counter).setCounterKind(kind)
                .setValue(value).setWidthBits(32).setBootEpoch(1).setSequenceNumber(9L).setSourceTimestamp(T)
                .setReceivedTimestamp(T.plusMillis(20)).build();
    }

    static DeadLetter late(MachineInput input) {
        return DeadLetters.of(Rejected.input(input, Rejected.Reason.LATE, "behind the watermark"));
    }

    @Test
    void goodAndScrapOfOneMachineAtOneInstantHaveTheirOwnIds() {
        DeadLetter good = late(SignalMapping.counterReading(reading("good", CounterKind.GOOD, 60)));
        DeadLetter scrap = late(SignalMapping.counterReading(reading("scrap", CounterKind.SCRAP, 60)));
        DeadLetter state = late(SignalMapping.stateChange(MachineStateChange.newBuilder().setMachineId("CUT-1")
                .setState(MachineState.STOPPED).setStopCode("JAM").setBootEpoch(1).setSequenceNumber(10)
                .setSourceTimestamp(T).setReceivedTimestamp(T).build()));
        DeadLetter otherStopCode = late(SignalMapping.stateChange(MachineStateChange.newBuilder().setMachineId("CUT-1")
                .setState(MachineState.STOPPED).setStopCode("MAT").setBootEpoch(1).setSequenceNumber(10)
                .setSourceTimestamp(T).setReceivedTimestamp(T).build()));
        DeadLetter operation = late(SignalMapping.operationEvent(OperationEvent.newBuilder().setMachineId("CUT-1")
                .setEventType(OperationEventType.OPERATION_STARTED).setOrderNo("RPO-1001").setOrderLineNo(10000)
                .setOperationNo("10").setSourceTimestamp(T).setEventId("evt-1").build()));
        List<String> ids = List.of(good.getId(), scrap.getId(), state.getId(), otherStopCode.getId(),
                operation.getId());
        assertEquals(5, Set.copyOf(ids).size(), ids.toString());
        for (String id : ids) {
            assertEquals(true, id.matches("machine/CUT-1/LATE/" + T.toEpochMilli() + "/[0-9a-f]{16}"), id);
        }
        // Another value of the same counter at the same instant is another input too.
        assertNotEquals(good.getId(), late(SignalMapping.counterReading(reading("good", CounterKind.GOOD, 61)))
                .getId());
    }

    @Test
    void theSameInputReplayedKeepsItsIdAndContent() {
        DeadLetter first = late(SignalMapping.counterReading(reading("good", CounterKind.GOOD, 60)));
        DeadLetter replayed = late(SignalMapping.counterReading(reading("good", CounterKind.GOOD, 60)));
        assertEquals(first, replayed);
        DeadLetter invalid = DeadLetters.of(Rejected.input(SignalMapping.counterReading(
                reading("good", CounterKind.GOOD, 60)), Rejected.Reason.INVALID_COUNTER_VALUE, "too wide"));
        assertNotEquals(first.getId(), invalid.getId());
    }

    @Test
    void aMachineDeadLetterCarriesTheBridgesRecordToReDriveIt() throws Exception {
        MachineCounterReading record = reading("scrap", CounterKind.SCRAP, 3);
        DeadLetter letter = late(SignalMapping.counterReading(record));
        assertEquals("machine-counters", letter.getSourceTopic());
        assertEquals(ByteBuffer.wrap("CUT-1".getBytes(StandardCharsets.UTF_8)), letter.getKey());
        assertEquals(record, ShopfloorSchemas.decoder(MachineCounterReading.class).decode(letter.getPayload()));
        assertEquals(SchemaNormalization.parsingFingerprint64(MachineCounterReading.getClassSchema()),
                letter.getPayloadSchemaFingerprint());
        assertEquals("LATE", letter.getReasonCode());
        assertEquals(DeadLetters.MACHINE_STAGE, letter.getStage());
    }

    @Test
    void aFutureReadingKeepsItsKafkaCoordinatesKeyAndRecord() throws Exception {
        MachineCounterReading record = reading("good", CounterKind.GOOD, 7);
        byte[] key = "CUT-1".getBytes(StandardCharsets.UTF_8);
        DeadLetter letter = DeadLetters.futureTimestamp("machine-counters", record, key, T.plus(Duration.ofDays(365)),
                T, Duration.ofMinutes(5), T.plusMillis(40), 1, 42);
        assertEquals("event-time/machine-counters/1/42", letter.getId());
        assertEquals(DeadLetters.FUTURE_TIMESTAMP, letter.getReasonCode());
        assertEquals(1, letter.getSourcePartition());
        assertEquals(42L, letter.getSourceOffset());
        assertEquals(ByteBuffer.wrap(key), letter.getKey());
        assertEquals(T.plusMillis(40), letter.getFailedAt());
        assertEquals("event time 2027-03-02T08:00:00Z is more than PT5M ahead of its receiving time "
                + "2026-03-02T08:00:00Z", letter.getReasonDetail());
        assertEquals(record, ShopfloorSchemas.decoder(MachineCounterReading.class).decode(letter.getPayload()));
    }

    @Test
    void orderRejectionsOfOneInputDifferByReason() {
        Set<String> ids = List.of("ORDER_NOT_RELEASED", "OUTPUT_ON_FINISHED_OPERATION").stream()
                .map(reason -> DeadLetters.of(new Rejection("machine/CUT-1/10/1000", "RPO-1001", reason, "", "line"),
                        T).getId())
                .collect(Collectors.toSet());
        assertEquals(Set.of("order/RPO-1001/machine/CUT-1/10/1000/ORDER_NOT_RELEASED",
                "order/RPO-1001/machine/CUT-1/10/1000/OUTPUT_ON_FINISHED_OPERATION"), ids);
    }

    @Test
    void aRefusedJournalLineIsALetterOnItsTopicWithItsRecord() throws Exception {
        JournalLine line = (JournalLine) io.shopfloor.job.avro.OrderInputMapping.sourceRecord(
                new io.shopfloor.job.order.OrderInput.Output(io.shopfloor.posting.journal.OutputJournalLine
                        .builder("E7", "RPO-1001", 10000, "10").postingDate(java.time.LocalDate.of(2026, 3, 2))
                        .output(java.math.BigDecimal.TEN).build()), T);
        byte[] payload = DeadLetters.singleObject(line);
        DeadLetter letter = DeadLetters.of(new Rejection("E7", "RPO-1001", "ORDER_NOT_RELEASED", "not released",
                "text").withSource("journal-lines", payload), T);
        assertEquals("order/RPO-1001/E7/ORDER_NOT_RELEASED", letter.getId());
        assertEquals("journal-lines", letter.getSourceTopic());
        assertEquals(ByteBuffer.wrap("RPO-1001".getBytes(java.nio.charset.StandardCharsets.UTF_8)), letter.getKey());
        assertEquals(org.apache.avro.SchemaNormalization.parsingFingerprint64(JournalLine.getClassSchema()),
                letter.getPayloadSchemaFingerprint());
        assertEquals(line, ShopfloorSchemas.decoder(JournalLine.class).decode(letter.getPayload()));
    }
}
