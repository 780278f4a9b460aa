package io.shopfloor.bridge.sparkplug;

import static io.shopfloor.bridge.testing.Sparkplug.aliased;
import static io.shopfloor.bridge.testing.Sparkplug.bdSeq;
import static io.shopfloor.bridge.testing.Sparkplug.historical;
import static io.shopfloor.bridge.testing.Sparkplug.metric;
import static io.shopfloor.bridge.testing.Sparkplug.payload;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.shopfloor.bridge.config.BridgeConfig;
import io.shopfloor.bridge.config.MachineRegistry;
import io.shopfloor.bridge.testing.TestBridgeConfig;
import io.shopfloor.bridge.translate.OutboundRecord;
import io.shopfloor.bridge.translate.ReasonCodes;
import io.shopfloor.bridge.translate.SourceTimes;
import io.shopfloor.bridge.translate.Translation;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.common.DeadLetter;
import io.shopfloor.schema.signal.MachineCounterReading;
import io.shopfloor.schema.signal.MachineState;
import io.shopfloor.schema.signal.MachineStateChange;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.tahu.message.model.MetricDataType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SparkplugTranslatorTest {
    private static final BridgeConfig CONFIG = TestBridgeConfig.of("tcp://localhost:1883", 5, "unit", "kafka:9092")
            .sparkplug("G1").build();
    private static final String NODE = "spBv1.0/G1/%s/E1";
    private static final String DEVICE = "spBv1.0/G1/%s/E1/D1";

    private final List<String> rebirths = new ArrayList<>();
    private final SparkplugTranslator translator = new SparkplugTranslator(MachineRegistry.of(CONFIG),
            (group, node) -> rebirths.add(group + "/" + node), 30_000,
            new SourceTimes(CONFIG.limits().maxAheadMillis()));
    private long now = 1_000_000;

    @BeforeEach
    void birth() throws Exception {
        Translation birth = translate(NODE.formatted("NBIRTH"), payload(now, 0L, List.of(bdSeq(3),
                metric("Counters/Good", 1L, MetricDataType.Int32, 10))));
        assertEquals(List.of(), birth.deadLetterReasons());
        assertEquals(3, counter(birth.records().get(0)).getBootEpoch());
        Translation deviceBirth = translate(DEVICE.formatted("DBIRTH"), payload(now, 1L, List.of(
                metric("Counters/Good", 10L, MetricDataType.UInt32, 5L),
                metric("Counters/Scrap", 11L, MetricDataType.UInt16, 0),
                metric("Counters/Total", 12L, MetricDataType.UInt64,
                        BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)),
                metric("State", 13L, MetricDataType.String, "SETUP"))));
        assertEquals(List.of(), deviceBirth.deadLetterReasons());
        assertEquals(4, deviceBirth.signals());
        assertEquals(-1L, counter(deviceBirth.records().get(2)).getValue(), "UInt64 2^64 - 1, unsigned bits");
    }

    @Test
    void negativeOutOfRangeAndUnknownAliasMetricsAreDeadLettersAndTheRestIsForwarded() throws Exception {
        Translation translation = translate(DEVICE.formatted("DDATA"), payload(now, 2L, List.of(
                aliased(10, MetricDataType.UInt32, 6L),
                metric("Counters/Good", null, MetricDataType.Int32, -4),
                aliased(11, MetricDataType.UInt32, 70_000L),
                aliased(99, MetricDataType.UInt32, 1L),
                aliased(13, MetricDataType.String, "COFFEE"))));
        // Names and aliases are resolved first, values read after.
        assertEquals(List.of(ReasonCodes.UNKNOWN_ALIAS, ReasonCodes.NEGATIVE_COUNTER, ReasonCodes.VALUE_OUT_OF_RANGE,
                ReasonCodes.INVALID_VALUE), translation.deadLetterReasons());
        assertEquals(1, translation.signals());
        assertEquals(6, counter(translation.records().get(1)).getValue(), "in metric order, after the first pass");
        assertEquals("mqtt/spBv1.0/G1/DDATA/E1/D1/UNKNOWN_ALIAS/alias-99#3/",
                deadLetter(translation.records().get(0)).getId().replaceAll("[0-9a-f]{16}$", ""));
    }

    /**
     * Several bad metrics in one DDATA, the same metric twice among them (historical values): one dead letter each,
     * every id different, and the same ids again when the broker redelivers the message.
     */
    @Test
    void severalBadMetricsOfOneMessageGiveDistinctIdsThatARedeliveryRepeats() throws Exception {
        byte[] data = payload(now, 2L, List.of(
                metric("Counters/Good", null, MetricDataType.Int32, -1),
                metric("Counters/Good", null, MetricDataType.Int32, -2),
                aliased(11, MetricDataType.UInt32, 70_000L),
                aliased(98, MetricDataType.UInt32, 1L),
                aliased(97, MetricDataType.UInt32, 1L)));
        List<String> ids = deadLetterIds(translate(DEVICE.formatted("DDATA"), data));
        String prefix = "mqtt/spBv1.0/G1/DDATA/E1/D1/";
        String hash = "/" + io.shopfloor.bridge.translate.SignalRecords.payloadHash(data);
        assertEquals(List.of(prefix + "UNKNOWN_ALIAS/alias-98#3" + hash, prefix + "UNKNOWN_ALIAS/alias-97#4" + hash,
                prefix + "NEGATIVE_COUNTER/Counters/Good#0" + hash, prefix + "NEGATIVE_COUNTER/Counters/Good#1" + hash,
                prefix + "VALUE_OUT_OF_RANGE/alias-11#2" + hash), ids);
        assertEquals(ids, deadLetterIds(translate(DEVICE.formatted("DDATA"), data)), "a QoS 1 redelivery");
    }

    /** A metric more than maxAheadMillis (5 min) ahead of the arrival is no reading; one just within is. */
    @Test
    void aMetricTooFarAheadOfTheArrivalIsAFutureTimestamp() throws Exception {
        long arrival = now + 1000; // translate() advances the clock by a second
        Translation translation = translate(DEVICE.formatted("DDATA"), payload(now, 2L, List.of(
                historical(aliased(10, MetricDataType.UInt32, 6L), arrival + 300_000),
                historical(aliased(10, MetricDataType.UInt32, 7L), arrival + 300_001))));
        assertEquals(List.of(ReasonCodes.FUTURE_TIMESTAMP), translation.deadLetterReasons());
        assertEquals(1, translation.signals());
        assertEquals(6, counter(translation.records().get(0)).getValue());
        DeadLetter letter = deadLetter(translation.records().get(1));
        assertEquals("timestamp " + java.time.Instant.ofEpochMilli(arrival + 300_001) + " is 300.001 s ahead of the "
                + "bridge's clock (received " + java.time.Instant.ofEpochMilli(arrival)
                + "); limits.maxAheadMillis is 300000", letter.getReasonDetail());
        assertEquals(List.of(ReasonCodes.FUTURE_TIMESTAMP), translate(DEVICE.formatted("DDEATH"),
                payload(now + 3_600_000, 3L, List.of())).deadLetterReasons(), "a device death an hour ahead");
    }

    private static List<String> deadLetterIds(Translation translation) throws Exception {
        List<String> ids = new ArrayList<>();
        for (OutboundRecord record : translation.records()) {
            if (record.topic().equals(KafkaTopics.DEAD_LETTERS)) {
                assertEquals(deadLetter(record).getId(), record.key());
                ids.add(record.key());
            }
        }
        return ids;
    }

    @Test
    void aDuplicateOrLateSeqIsNoGapButASkipIsReportedOnceAndAsksForARebirth() {
        byte[] data = payload(now, 2L, List.of(aliased(10, MetricDataType.UInt32, 6L)));
        assertEquals(List.of(), translate(DEVICE.formatted("DDATA"), data).deadLetterReasons());
        assertEquals(List.of(), translate(DEVICE.formatted("DDATA"), data).deadLetterReasons(), "duplicate");
        assertEquals(List.of(), translate(DEVICE.formatted("DDATA"),
                payload(now, 1L, List.of())).deadLetterReasons(), "late redelivery");
        assertEquals(List.of(ReasonCodes.SEQ_GAP), translate(DEVICE.formatted("DDATA"),
                payload(now, 5L, List.of())).deadLetterReasons());
        assertEquals(List.of(), translate(DEVICE.formatted("DDATA"), payload(now, 6L, List.of())).deadLetterReasons());
        assertEquals(List.of(ReasonCodes.SEQ_GAP), translate(NODE.formatted("NDATA"),
                payload(now, 100L, List.of())).deadLetterReasons());
        assertEquals(List.of(ReasonCodes.SEQ_GAP), translate(NODE.formatted("NDATA"),
                payload(now, 200L, List.of())).deadLetterReasons());
        assertEquals(List.of(ReasonCodes.SEQ_GAP), translate(NODE.formatted("NDATA"),
                payload(now, 255L, List.of())).deadLetterReasons());
        assertEquals(List.of(), translate(NODE.formatted("NDATA"), payload(now, 0L, List.of())).deadLetterReasons(),
                "seq wraps from 255 to 0");
        assertEquals(List.of("G1/E1"), rebirths, "one rebirth request per node and 30 s");
    }

    @Test
    void aStaleDeathOfAnOlderSessionChangesNothing() throws Exception {
        Translation stale = translate(NODE.formatted("NDEATH"), payload(now, null, List.of(bdSeq(2))));
        assertEquals(List.of(ReasonCodes.STALE_DEATH), stale.deadLetterReasons());
        assertEquals(0, stale.signals());
        // The session lives on: data still flows.
        assertEquals(1, translate(DEVICE.formatted("DDATA"), payload(now, 2L,
                List.of(aliased(10, MetricDataType.UInt32, 7L)))).signals());
        Translation death = translate(NODE.formatted("NDEATH"), payload(now - 500_000, null, List.of(bdSeq(3))));
        assertEquals(2, death.signals(), "LINE-1 and PRESS-1");
        for (OutboundRecord record : death.records()) {
            MachineStateChange change = ShopfloorSchemas.decoder(MachineStateChange.class).decode(record.value());
            assertEquals(MachineState.NO_SIGNAL, change.getState());
            assertEquals(now, change.getSourceTimestamp().toEpochMilli(), "the will arrived now");
        }
        assertEquals(List.of(ReasonCodes.DATA_BEFORE_BIRTH), translate(DEVICE.formatted("DDATA"),
                payload(now, 3L, List.of(aliased(10, MetricDataType.UInt32, 8L)))).deadLetterReasons());
    }

    @Test
    void aBirthWithoutBdSeqAndADeviceBirthBeforeTheNodesAreDeadLetters() {
        assertEquals(List.of(ReasonCodes.MISSING_FIELD), translate(NODE.formatted("NBIRTH"),
                payload(now, 0L, List.of(metric("Counters/Good", 1L, MetricDataType.Int32, 10)))).deadLetterReasons());
        assertEquals(List.of(ReasonCodes.DATA_BEFORE_BIRTH), translate(DEVICE.formatted("DBIRTH"),
                payload(now, 1L, List.of())).deadLetterReasons(), "the failed NBIRTH ended the old session");
    }

    @Test
    void hostStateAndCommandsAreNotMachineSignals() {
        assertEquals(0, translate("spBv1.0/STATE/scada-1", "{\"online\":true}".getBytes()).records().size());
        assertEquals(0, translate(NODE.formatted("NCMD"), payload(now, null, List.of())).records().size());
        assertEquals(List.of(ReasonCodes.UNKNOWN_TOPIC),
                translate("spBv1.0/G1/NBIRTH", payload(now, 0L, List.of())).deadLetterReasons());
    }

    private Translation translate(String topic, byte[] payload) {
        now += 1000;
        return translator.translate(topic, payload, now);
    }

    private static MachineCounterReading counter(OutboundRecord record) throws Exception {
        assertEquals(KafkaTopics.MACHINE_COUNTERS, record.topic());
        return ShopfloorSchemas.decoder(MachineCounterReading.class).decode(record.value());
    }

    private static DeadLetter deadLetter(OutboundRecord record) throws Exception {
        assertEquals(KafkaTopics.DEAD_LETTERS, record.topic());
        return ShopfloorSchemas.decoder(DeadLetter.class).decode(record.value());
    }
}
