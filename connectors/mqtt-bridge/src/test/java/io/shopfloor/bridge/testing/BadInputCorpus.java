package io.shopfloor.bridge.testing;

import static io.shopfloor.bridge.testing.Sparkplug.aliased;
import static io.shopfloor.bridge.testing.Sparkplug.bdSeq;
import static io.shopfloor.bridge.testing.Sparkplug.metric;
import static io.shopfloor.bridge.testing.Sparkplug.payload;
import static io.shopfloor.bridge.testing.TestBridgeConfig.counterTopic;
import static io.shopfloor.bridge.testing.TestBridgeConfig.operationTopic;
import static io.shopfloor.bridge.testing.TestBridgeConfig.stateTopic;

import io.shopfloor.bridge.translate.ReasonCodes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.protobuf.SparkplugBProto;

/**
 * Bad MQTT input and the dead letters the bridge must make of it, for the registry of {@link #bridgeConfig}
 * (the {@link TestBridgeConfig} machines, Sparkplug group G1, {@code topics.root} {@code #} so that another root
 * arrives too). Publish {@link #entries} in order on one connection: the Sparkplug cases rely on the births
 * among them (setup entries, which must give neither a dead letter nor a signal) and on their {@code seq} order.
 * Timestamps are relative to {@code nowMillis}, the bridge's clock: "future" stays future as the calendar moves.
 * Shared with other modules through this module's test-jar.
 */
public final class BadInputCorpus {
    /** The bridge's default mqtt.maxPayloadBytes, which the oversized cases exceed. */
    public static final int OVERSIZED_BYTES = 70_000;

    /**
     * One message: {@code copies} times published; the reasons of its dead letters (each a distinct id; empty for
     * a setup message); how many signal records it still gives (a SEQ_GAP is a report: the message is forwarded).
     */
    public record Entry(String name, String topic, byte[] payload, int copies, List<String> expectedReasons,
                        int forwardedSignals) {

        public boolean isSetup() {
            return expectedReasons.isEmpty();
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    private BadInputCorpus() {
    }

    /** The bridge configuration the corpus is written for. */
    public static TestBridgeConfig bridgeConfig(String serverUri, int protocolVersion, String clientId,
                                                String bootstrapServers) {
        return TestBridgeConfig.of(serverUri, protocolVersion, clientId, bootstrapServers).sparkplug("G1")
                .topics("root", "#");
    }

    /** Every bad case (no setup entries). */
    public static List<Entry> cases(long nowMillis) {
        return entries(nowMillis).stream().filter(entry -> !entry.isSetup()).toList();
    }

    /** Cases and setup messages in publishing order. */
    public static List<Entry> entries(long nowMillis) {
        BadInputCorpus corpus = new BadInputCorpus();
        corpus.json(nowMillis);
        corpus.sparkplug(nowMillis);
        Set<String> distinct = new HashSet<>();
        for (Entry entry : corpus.entries) {
            if (!distinct.add(entry.topic() + " " + Arrays.toString(entry.payload()))) {
                throw new IllegalStateException("two corpus messages are the same: " + entry.name());
            }
        }
        return List.copyOf(corpus.entries);
    }

    private void json(long now) {
        long t = now - 60_000;
        long year = 365L * 24 * 3600 * 1000;
        String c = counterTopic("M-1", "good");
        add("malformed JSON", c, "{\"timestamp\": 1, \"value\": ", ReasonCodes.MALFORMED_JSON);
        add("JSON array instead of object", c, "[{\"timestamp\":" + t + ",\"value\":1,\"bootEpoch\":1}]",
                ReasonCodes.MALFORMED_JSON);
        add("JSON string instead of object", c, "\"value 12\"", ReasonCodes.MALFORMED_JSON);
        add("empty payload", c, "", ReasonCodes.EMPTY_PAYLOAD);
        byte[] invalidUtf8 = ("{\"timestamp\":" + t + ",\"value\":1,\"bootEpoch\":1,\"note\":\"x")
                .getBytes(StandardCharsets.UTF_8);
        invalidUtf8 = concat(invalidUtf8, new byte[] {(byte) 0xC3, 0x28}, "\"}".getBytes(StandardCharsets.UTF_8));
        add("invalid UTF-8", c, invalidUtf8, 1, List.of(ReasonCodes.MALFORMED_JSON), 0);
        add("value as a string", c, counter(t, "\"12\""), ReasonCodes.WRONG_TYPE);
        add("fractional value", c, counter(t, "1.5"), ReasonCodes.WRONG_TYPE);
        add("NaN value", c, counter(t, "NaN"), ReasonCodes.MALFORMED_JSON); // not JSON at all
        add("timestamp as a boolean", c, "{\"timestamp\":true,\"value\":1,\"bootEpoch\":1}", ReasonCodes.WRONG_TYPE);
        add("value beyond 2^64", counterTopic("M-1", "total"), counter(t, "18446744073709551616"),
                ReasonCodes.VALUE_OUT_OF_RANGE);
        add("value beyond a 16-bit width", counterTopic("M-1", "scrap"), counter(t, "65536"),
                ReasonCodes.VALUE_OUT_OF_RANGE);
        add("value beyond a 32-bit width", c, counter(t, "4294967296"), ReasonCodes.VALUE_OUT_OF_RANGE);
        add("bootEpoch beyond 64 bits", c, "{\"timestamp\":" + t + ",\"value\":1,\"bootEpoch\":99999999999999999999}",
                ReasonCodes.WRONG_TYPE);
        add("negative counter", c, counter(t, "-5"), ReasonCodes.NEGATIVE_COUNTER);
        add("unknown machine", counterTopic("M-404", "good"), counter(t, "1"), ReasonCodes.UNKNOWN_MACHINE);
        add("unknown counter", counterTopic("M-1", "rejects"), counter(t, "1"), ReasonCodes.UNKNOWN_COUNTER);
        add("unknown topic: extra level", c + "/extra", counter(t, "1"), ReasonCodes.UNKNOWN_TOPIC);
        add("unknown topic: unknown leaf", "plant/S1/A1/L1/M-1/temperature", "{\"timestamp\":" + t
                + ",\"celsius\":71.5}", ReasonCodes.UNKNOWN_TOPIC);
        add("unknown topic: other root", "factory/S1/A1/L1/M-1/state", state(t, "RUNNING"),
                ReasonCodes.UNKNOWN_TOPIC);
        add("unknown topic: too few levels", "plant/S1", "{}", ReasonCodes.UNKNOWN_TOPIC);
        add("unknown topic: another Sparkplug group", "spBv1.0/G2/DDATA/E1/D1",
                payload(t, 0L, List.of(metric("Counters/Good", null, MetricDataType.UInt32, 1L))), 1,
                List.of(ReasonCodes.UNKNOWN_TOPIC), 0);
        add("oversized JSON payload", c, oversized(t), 1, List.of(ReasonCodes.PAYLOAD_TOO_LARGE), 0);
        add("timestamp a year ahead", c, counter(now + year, "1"), ReasonCodes.FUTURE_TIMESTAMP);
        add("state 10 minutes ahead", stateTopic("M-1"), state(now + 600_000, "RUNNING"),
                ReasonCodes.FUTURE_TIMESTAMP);
        add("ISO timestamp a year ahead", operationTopic("M-1"), "{\"timestamp\":\""
                + java.time.Instant.ofEpochMilli(now + year) + "\",\"eventType\":\"OPERATION_STARTED\","
                + "\"orderNo\":\"PO-1\",\"orderLineNo\":10000,\"operationNo\":\"10\"}", ReasonCodes.FUTURE_TIMESTAMP);
        add("missing bootEpoch", c, "{\"timestamp\":" + t + ",\"value\":1}", ReasonCodes.MISSING_FIELD);
        add("missing timestamp", stateTopic("M-1"), "{\"state\":\"RUNNING\",\"bootEpoch\":1,\"seq\":1}",
                ReasonCodes.MISSING_FIELD);
        add("machine id mismatch", c, "{\"machineId\":\"M-2\",\"timestamp\":" + t + ",\"value\":5,\"bootEpoch\":1}",
                ReasonCodes.MACHINE_ID_MISMATCH);
        add("unknown state", stateTopic("M-1"), state(t, "DANCING"), ReasonCodes.INVALID_VALUE);
        add("orderLineNo as a string", operationTopic("M-1"), "{\"timestamp\":" + t + ",\"eventType\":"
                + "\"OPERATION_STARTED\",\"orderNo\":\"PO-1\",\"orderLineNo\":\"ten\",\"operationNo\":\"10\"}",
                ReasonCodes.WRONG_TYPE);
        add("duplicate storm: the same bad message 50 times", c, "{storm".getBytes(StandardCharsets.UTF_8), 50,
                List.of(ReasonCodes.MALFORMED_JSON), 0);
    }

    private void sparkplug(long now) {
        long t = now - 60_000;
        String node = "spBv1.0/G1/%s/E1";
        String device = "spBv1.0/G1/%s/E1/D1";
        String ddata = device.formatted("DDATA");
        add("NDATA before the NBIRTH", node.formatted("NDATA"), payload(t, 0L, List.of(
                metric("Counters/Good", null, MetricDataType.UInt32, 1L))), 1, List.of(ReasonCodes.DATA_BEFORE_BIRTH),
                0);
        add("DBIRTH before the NBIRTH", device.formatted("DBIRTH"), payload(t, 1L, List.of(
                metric("Counters/Good", 10L, MetricDataType.UInt32, 1L))), 1, List.of(ReasonCodes.DATA_BEFORE_BIRTH),
                0);
        // Births with null values declare the aliases and carry no reading.
        setup("NBIRTH (setup)", node.formatted("NBIRTH"), payload(t, 0L, List.of(bdSeq(5),
                metric("Counters/Good", 1L, MetricDataType.UInt32, null))));
        setup("DBIRTH (setup)", device.formatted("DBIRTH"), payload(t, 1L, List.of(
                metric("Counters/Good", 10L, MetricDataType.UInt32, null),
                metric("State", 11L, MetricDataType.String, null),
                metric("StopCode", 12L, MetricDataType.String, null),
                metric("Counters/Scrap", 13L, MetricDataType.UInt16, null),
                metric("Temperature", 15L, MetricDataType.Float, null))));
        // Rejected before the session looks at seq: they use none.
        add("malformed protobuf", ddata, "{\"not\": \"protobuf\"".getBytes(StandardCharsets.UTF_8), 1,
                List.of(ReasonCodes.MALFORMED_PROTOBUF), 0);
        add("empty Sparkplug payload", ddata, new byte[0], 1, List.of(ReasonCodes.EMPTY_PAYLOAD), 0);
        add("oversized Sparkplug payload", ddata, concat(payload(t, 2L, List.of()), new byte[OVERSIZED_BYTES]), 1,
                List.of(ReasonCodes.PAYLOAD_TOO_LARGE), 0);
        add("unknown device", "spBv1.0/G1/DDATA/E1/D99", payload(t, 2L, List.of()), 1,
                List.of(ReasonCodes.UNKNOWN_MACHINE), 0);
        add("unknown edge node", "spBv1.0/G1/NDATA/E9", payload(t, 2L, List.of()), 1,
                List.of(ReasonCodes.UNKNOWN_MACHINE), 0);
        add("unknown Sparkplug message type", "spBv1.0/G1/NFOO/E1", payload(t, 2L, List.of()), 1,
                List.of(ReasonCodes.UNKNOWN_TOPIC), 0);
        add("Sparkplug topic with an extra level", ddata + "/extra", payload(t, 2L, List.of()), 1,
                List.of(ReasonCodes.UNKNOWN_TOPIC), 0);
        // In seq order from 2.
        add("float counter", ddata, payload(t, 2L, List.of(aliased(10, MetricDataType.Float, 4.5f))), 1,
                List.of(ReasonCodes.WRONG_TYPE), 0);
        add("NaN counter", ddata, payload(t, 3L, List.of(aliased(10, MetricDataType.Double, Double.NaN))), 1,
                List.of(ReasonCodes.WRONG_TYPE), 0);
        add("negative Sparkplug counter", ddata, payload(t, 4L, List.of(
                metric("Counters/Good", null, MetricDataType.Int32, -4))), 1, List.of(ReasonCodes.NEGATIVE_COUNTER), 0);
        add("UInt32 beyond a 16-bit counter", ddata, payload(t, 5L, List.of(
                aliased(13, MetricDataType.UInt32, 70_000L))), 1, List.of(ReasonCodes.VALUE_OUT_OF_RANGE), 0);
        add("UInt64 beyond a 32-bit counter", ddata, payload(t, 6L, List.of(
                aliased(10, MetricDataType.UInt64, java.math.BigInteger.ONE.shiftLeft(40)))), 1,
                List.of(ReasonCodes.VALUE_OUT_OF_RANGE), 0);
        add("unknown alias", ddata, payload(t, 7L, List.of(aliased(99, MetricDataType.UInt32, 1L))), 1,
                List.of(ReasonCodes.UNKNOWN_ALIAS), 0);
        add("several bad metrics in one DDATA, one metric twice", ddata, payload(t, 8L, List.of(
                metric("Counters/Good", null, MetricDataType.Int32, -1),
                metric("Counters/Good", null, MetricDataType.Int32, -2),
                aliased(13, MetricDataType.UInt32, 70_000L),
                aliased(98, MetricDataType.UInt32, 1L))), 1, List.of(ReasonCodes.UNKNOWN_ALIAS,
                ReasonCodes.NEGATIVE_COUNTER, ReasonCodes.NEGATIVE_COUNTER, ReasonCodes.VALUE_OUT_OF_RANGE), 0);
        add("Sparkplug timestamp a year ahead", ddata, payload(now + 365L * 24 * 3600 * 1000, 9L, List.of(
                aliased(10, MetricDataType.UInt32, 5L))), 1, List.of(ReasonCodes.FUTURE_TIMESTAMP), 0);
        add("Sparkplug metric without any timestamp", ddata, SparkplugBProto.Payload.newBuilder().setSeq(10)
                .addMetrics(SparkplugBProto.Payload.Metric.newBuilder().setAlias(10).setIntValue(5)).build()
                .toByteArray(), 1, List.of(ReasonCodes.MISSING_FIELD), 0);
        add("unknown state name", ddata, payload(t, 11L, List.of(aliased(11, MetricDataType.String, "COFFEE"))), 1,
                List.of(ReasonCodes.INVALID_VALUE), 0);
        add("seq gap (12 skipped): reported, the reading forwarded", ddata, payload(t, 13L, List.of(
                aliased(10, MetricDataType.UInt32, 7L))), 1, List.of(ReasonCodes.SEQ_GAP), 1);
        add("NDEATH of an older session", node.formatted("NDEATH"), payload(t, null, List.of(bdSeq(4))), 1,
                List.of(ReasonCodes.STALE_DEATH), 0);
    }

    /** The next seq the corpus's device session expects after {@link #entries} (for a good message after it). */
    public static long nextSparkplugSeq() {
        return 14;
    }

    private void add(String name, String topic, String payload, String reason) {
        add(name, topic, payload.getBytes(StandardCharsets.UTF_8), 1, List.of(reason), 0);
    }

    private void add(String name, String topic, byte[] payload, int copies, List<String> reasons, int forwarded) {
        entries.add(new Entry(name, topic, payload, copies, List.copyOf(reasons), forwarded));
    }

    private void setup(String name, String topic, byte[] payload) {
        entries.add(new Entry(name, topic, payload, 1, List.of(), 0));
    }

    private static String counter(long timestamp, String value) {
        return "{\"timestamp\":" + timestamp + ",\"value\":" + value + ",\"bootEpoch\":1}";
    }

    private static String state(long timestamp, String state) {
        return "{\"timestamp\":" + timestamp + ",\"state\":\"" + state + "\",\"bootEpoch\":1,\"seq\":1}";
    }

    private static byte[] oversized(long timestamp) {
        String head = "{\"timestamp\":" + timestamp + ",\"value\":1,\"bootEpoch\":1,\"pad\":\"";
        return (head + "x".repeat(OVERSIZED_BYTES - head.length() - 2) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
