package io.shopfloor.bridge.testing;

import java.util.Date;
import java.util.List;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.SparkplugBPayload;

/** Sparkplug B payloads as an edge node builds them with Eclipse Tahu. */
public final class Sparkplug {

    private Sparkplug() {
    }

    /**
     * A metric with name, alias and type (as in a birth), without a timestamp of its own (Tahu's builder stamps
     * the current time): the payload's timestamp applies.
     */
    public static Metric metric(String name, Long alias, MetricDataType type, Object value) {
        try {
            Metric metric = new Metric.MetricBuilder(name, type, value).alias(alias).createMetric();
            metric.setTimestamp(null);
            return metric;
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A metric by alias only, without name or timestamp (as DATA messages may send them). */
    public static Metric aliased(long alias, MetricDataType type, Object value) {
        try {
            Metric metric = new Metric.MetricBuilder((String) null, type, value).alias(alias).createMetric();
            metric.setTimestamp(null);
            return metric;
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static Metric historical(Metric metric, long timestamp) {
        metric.setHistorical(true);
        metric.setTimestamp(new Date(timestamp));
        return metric;
    }

    public static Metric bdSeq(long bdSeq) {
        return metric("bdSeq", null, MetricDataType.Int64, bdSeq);
    }

    public static byte[] payload(long timestamp, Long seq, List<Metric> metrics) {
        SparkplugBPayload payload = new SparkplugBPayload.SparkplugBPayloadBuilder()
                .setTimestamp(new Date(timestamp))
                .setSeq(seq)
                .addMetrics(metrics)
                .createPayload();
        try {
            return new SparkplugBPayloadEncoder().getBytes(payload, false);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * The payload with every metric's datatype field left out: Tahu's encoder always writes it, but DATA messages
     * may omit it and leave it to the birth.
     */
    public static byte[] withoutDatatypes(byte[] payload) {
        try {
            var decoded = org.eclipse.tahu.protobuf.SparkplugBProto.Payload.parseFrom(payload).toBuilder();
            for (int i = 0; i < decoded.getMetricsCount(); i++) {
                decoded.getMetricsBuilder(i).clearDatatype();
            }
            return decoded.build().toByteArray();
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
