package io.shopfloor.bridge.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.shopfloor.bridge.config.BridgeConfig;
import io.shopfloor.bridge.config.MachineRegistry;
import io.shopfloor.bridge.config.TopicSettings;
import io.shopfloor.bridge.testing.TestBridgeConfig;
import io.shopfloor.bridge.translate.OutboundRecord;
import io.shopfloor.bridge.translate.ReasonCodes;
import io.shopfloor.bridge.translate.SourceTimes;
import io.shopfloor.bridge.translate.Translation;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.common.DeadLetter;
import io.shopfloor.schema.signal.CounterKind;
import io.shopfloor.schema.signal.MachineCounterReading;
import io.shopfloor.schema.signal.MachineState;
import io.shopfloor.schema.signal.MachineStateChange;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonSignalTranslatorTest {
    private static final long RECEIVED = Instant.parse("2024-06-03T10:00:00Z").toEpochMilli();
    private static final BridgeConfig CONFIG = TestBridgeConfig.of("tcp://localhost:1883", 5, "unit", "kafka:9092")
            .build();
    private final JsonSignalTranslator translator = new JsonSignalTranslator(new JsonTopicScheme(CONFIG.topics()),
            MachineRegistry.of(CONFIG), new SourceTimes(CONFIG.limits().maxAheadMillis()));

    @Test
    void aCounterReadingCarriesTheRegistrysKindAndWidth() throws Exception {
        Translation translation = translate(TestBridgeConfig.counterTopic("M-4", "scrap"),
                "{\"timestamp\":\"2024-06-03T09:59:59.5Z\",\"value\":65535,\"bootEpoch\":3,\"seq\":17,\"extra\":1}");
        assertEquals(1, translation.signals());
        OutboundRecord record = translation.records().get(0);
        assertEquals(KafkaTopics.MACHINE_COUNTERS, record.topic());
        assertEquals("M-4", record.key());
        assertEquals(new MachineCounterReading("M-4", "scrap", CounterKind.SCRAP, 65535L, 16, 3L, 17L,
                Instant.parse("2024-06-03T09:59:59.5Z"), Instant.ofEpochMilli(RECEIVED),
                TestBridgeConfig.counterTopic("M-4", "scrap")),
                ShopfloorSchemas.decoder(MachineCounterReading.class).decode(record.value()));
    }

    @Test
    void aSixtyFourBitCounterUsesAllBitsAndSeqIsOptional() throws Exception {
        Translation translation = translate(TestBridgeConfig.counterTopic("M-1", "total"),
                "{\"timestamp\":1,\"value\":18446744073709551615,\"bootEpoch\":1}");
        MachineCounterReading reading = ShopfloorSchemas.decoder(MachineCounterReading.class)
                .decode(translation.records().get(0).value());
        assertEquals(-1L, reading.getValue(), "2^64 - 1 as the signed long of the same bits");
        assertEquals(null, reading.getSequenceNumber());
    }

    @Test
    void aNoSignalWillNeedsNothingButTheState() throws Exception {
        Translation translation = translate(TestBridgeConfig.stateTopic("M-2"), "{\"state\":\"NO_SIGNAL\"}");
        assertEquals(new MachineStateChange("M-2", MachineState.NO_SIGNAL, null, 0L, 0L,
                Instant.ofEpochMilli(RECEIVED), Instant.ofEpochMilli(RECEIVED)),
                ShopfloorSchemas.decoder(MachineStateChange.class).decode(translation.records().get(0).value()));
    }

    @Test
    void everyKindOfBadInputIsADeadLetterWithItsReason() throws Exception {
        String counter = TestBridgeConfig.counterTopic("M-1", "good");
        assertDeadLetter(counter, "not json", ReasonCodes.MALFORMED_JSON, "M-1");
        assertDeadLetter(counter, "[1,2]", ReasonCodes.MALFORMED_JSON, "M-1");
        assertDeadLetter(counter, "{\"timestamp\":1,\"value\":1.5,\"bootEpoch\":1}", ReasonCodes.WRONG_TYPE, "M-1");
        assertDeadLetter(counter, "{\"timestamp\":true,\"value\":1,\"bootEpoch\":1}", ReasonCodes.WRONG_TYPE, "M-1");
        assertDeadLetter(counter, "{\"timestamp\":\"yesterday\",\"value\":1,\"bootEpoch\":1}", ReasonCodes.WRONG_TYPE,
                "M-1");
        assertDeadLetter(counter, "{\"timestamp\":1,\"value\":1}", ReasonCodes.MISSING_FIELD, "M-1");
        assertDeadLetter(counter, "{\"timestamp\":1,\"value\":-1,\"bootEpoch\":1}", ReasonCodes.NEGATIVE_COUNTER,
                "M-1");
        assertDeadLetter(counter, "{\"timestamp\":1,\"value\":4294967296,\"bootEpoch\":1}",
                ReasonCodes.VALUE_OUT_OF_RANGE, "M-1");
        assertDeadLetter(counter, "{\"machineId\":\"M-9\",\"timestamp\":1,\"value\":1,\"bootEpoch\":1}",
                ReasonCodes.MACHINE_ID_MISMATCH, "M-1");
        assertDeadLetter(TestBridgeConfig.counterTopic("X-1", "good"), "{}", ReasonCodes.UNKNOWN_MACHINE, "X-1");
        assertDeadLetter(TestBridgeConfig.counterTopic("M-1", "rejects"), "{}", ReasonCodes.UNKNOWN_COUNTER, "M-1");
        assertDeadLetter("plant/S1/A1/L1/M-1/temperature", "{}", ReasonCodes.UNKNOWN_TOPIC, null);
        assertDeadLetter(TestBridgeConfig.stateTopic("M-1"), "{\"timestamp\":1,\"state\":\"RUNNING\",\"seq\":1}",
                ReasonCodes.MISSING_FIELD, "M-1");
        assertDeadLetter(TestBridgeConfig.stateTopic("M-1"), "{\"timestamp\":1,\"state\":\"DANCING\"}",
                ReasonCodes.INVALID_VALUE, "M-1");
        assertDeadLetter(counter, "", ReasonCodes.EMPTY_PAYLOAD, "M-1");
        assertDeadLetter(counter, "{\"timestamp\":" + (RECEIVED + 300_001) + ",\"value\":1,\"bootEpoch\":1}",
                ReasonCodes.FUTURE_TIMESTAMP, "M-1");
        assertDeadLetter(TestBridgeConfig.stateTopic("M-1"), "{\"timestamp\":\"+999999999-12-31T23:59:59Z\","
                + "\"state\":\"RUNNING\",\"bootEpoch\":1,\"seq\":1}", ReasonCodes.FUTURE_TIMESTAMP, "M-1");
        assertDeadLetter(TestBridgeConfig.operationTopic("M-1"), "{\"timestamp\":\"2024-06-03T10:05:00.001Z\","
                + "\"eventType\":\"OPERATION_STARTED\",\"orderNo\":\"PO-1\",\"orderLineNo\":1,\"operationNo\":\"10\"}",
                ReasonCodes.FUTURE_TIMESTAMP, "M-1");
        assertDeadLetter(TestBridgeConfig.operationTopic("M-1"), "{\"timestamp\":1,\"eventType\":"
                + "\"OPERATION_STARTED\",\"orderNo\":\"PO-1\",\"orderLineNo\":\"ten\",\"operationNo\":\"10\"}",
                ReasonCodes.WRONG_TYPE, "M-1");
    }

    /** Exactly maxAheadMillis (5 min) ahead of the arrival is still a reading. */
    @Test
    void aTimestampJustWithinTheBoundIsAReading() throws Exception {
        Translation translation = translate(TestBridgeConfig.counterTopic("M-1", "good"),
                "{\"timestamp\":" + (RECEIVED + 300_000) + ",\"value\":1,\"bootEpoch\":1}");
        assertEquals(List.of(), translation.deadLetterReasons());
        assertEquals(1, translation.signals());
    }

    @Test
    void aRedeliveredDuplicateGivesTheSameDeadLetterId() throws Exception {
        String topic = TestBridgeConfig.counterTopic("M-1", "good");
        DeadLetter first = deadLetter(translate(topic, "{broken"));
        DeadLetter again = deadLetter(translate(topic, "{broken"));
        DeadLetter other = deadLetter(translate(topic, "{broken too"));
        assertEquals(first.getId(), again.getId());
        assertEquals(false, first.getId().equals(other.getId()));
    }

    @Test
    void templatesMatchWholeLevelsAndComposeMachineIds() {
        JsonTopicScheme scheme = new JsonTopicScheme(new TopicSettings("f/{site}/{machine}/c/{name}",
                "f/{site}/{machine}/s", "", "{site}-{machine}"));
        assertEquals(List.of("f/+/+/c/+", "f/+/+/s"), scheme.filters());
        assertEquals(new JsonTopicScheme.Match(JsonTopicScheme.Kind.COUNTER, "S1-M7", "good"),
                scheme.match("f/S1/M7/c/good"));
        assertEquals(new JsonTopicScheme.Match(JsonTopicScheme.Kind.STATE, "S1-M7", null), scheme.match("f/S1/M7/s"));
        assertEquals(null, scheme.match("f/S1/M7/s/extra"));
        assertEquals(null, scheme.match("f//M7/s"));
        assertThrows(IllegalArgumentException.class, () -> new JsonTopicScheme(
                new TopicSettings("f/{machine}/counter", null, null, null)), "a counter topic needs {name}");
        assertThrows(IllegalArgumentException.class, () -> new JsonTopicScheme(
                new TopicSettings("f/{machine}/c/{name}", null, null, "{line}/{machine}")));
    }

    private Translation translate(String topic, String payload) {
        return translator.translate(topic, payload.getBytes(StandardCharsets.UTF_8), RECEIVED);
    }

    private void assertDeadLetter(String topic, String payload, String reason, String machineId) throws Exception {
        Translation translation = translate(topic, payload);
        assertEquals(List.of(reason), translation.deadLetterReasons(), payload);
        assertEquals(0, translation.signals());
        DeadLetter letter = deadLetter(translation);
        assertEquals(reason, letter.getReasonCode());
        assertEquals(topic, letter.getSourceTopic());
        assertEquals(payload, StandardCharsets.UTF_8.decode(letter.getPayload()).toString());
        assertEquals(machineId, letter.getKey() == null ? null
                : StandardCharsets.UTF_8.decode(letter.getKey()).toString());
        assertEquals(Instant.ofEpochMilli(RECEIVED), letter.getFailedAt());
        assertEquals(letter.getId(), translation.records().get(0).key());
    }

    private static DeadLetter deadLetter(Translation translation) throws Exception {
        OutboundRecord record = translation.records().get(0);
        assertEquals(KafkaTopics.DEAD_LETTERS, record.topic());
        return ShopfloorSchemas.decoder(DeadLetter.class).decode(record.value());
    }
}
