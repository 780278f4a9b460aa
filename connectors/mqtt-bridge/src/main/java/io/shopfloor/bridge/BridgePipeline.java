package io.shopfloor.bridge;

import io.shopfloor.bridge.json.JsonSignalTranslator;
import io.shopfloor.bridge.kafka.KafkaSink;
import io.shopfloor.bridge.mqtt.MessageHandler;
import io.shopfloor.bridge.sparkplug.SparkplugTranslator;
import io.shopfloor.bridge.translate.ReasonCodes;
import io.shopfloor.bridge.translate.SignalRecords;
import io.shopfloor.bridge.translate.Translation;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MQTT message in, Kafka records out, MQTT acknowledgement once Kafka has them all. Runs on the MQTT client's
 * callback thread and never waits there for Kafka. The JSON connections ({@link #json()}) and the Sparkplug
 * connection ({@link #sparkplug()}) each have their handler: a JSON root such as {@code #} also receives the
 * Sparkplug topics, which only the Sparkplug connection translates (once, in its order).
 */
public final class BridgePipeline {
    private static final Logger LOG = LoggerFactory.getLogger(BridgePipeline.class);

    private final JsonSignalTranslator json;
    private final SparkplugTranslator sparkplug;
    private final TopicRouting routing;
    private final KafkaSink sink;
    private final BridgeMetrics metrics;
    private final Clock clock;
    private final int maxPayloadBytes;

    /** {@code sparkplug} null: no Sparkplug subscription; Sparkplug topics the JSON root receives are unknown. */
    public BridgePipeline(JsonSignalTranslator json, SparkplugTranslator sparkplug, TopicRouting routing,
                          KafkaSink sink, BridgeMetrics metrics, Clock clock, int maxPayloadBytes) {
        this.json = json;
        this.sparkplug = sparkplug;
        this.routing = routing;
        this.sink = sink;
        this.metrics = metrics;
        this.clock = clock;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** The handler of the JSON connections. */
    public MessageHandler json() {
        return (topic, payload, ack) -> {
            if (routing.leftToOthers(topic)) {
                metrics.ignored.increment();
                ack.run();
                return;
            }
            handle(topic, payload, ack, false);
        };
    }

    /** The handler of the Sparkplug connection. */
    public MessageHandler sparkplug() {
        return (topic, payload, ack) -> handle(topic, payload, ack, true);
    }

    private void handle(String topic, byte[] payload, Runnable ack, boolean sparkplugConnection) {
        long receivedAt = clock.millis();
        metrics.received.increment();
        Translation translation = translate(topic, payload, receivedAt, sparkplugConnection);
        metrics.signals.add(translation.signals());
        for (String reason : translation.deadLetterReasons()) {
            metrics.deadLetters.increment();
            if (reason.equals(ReasonCodes.SEQ_GAP)) {
                metrics.seqGaps.increment();
            }
        }
        sink.sendAll(translation.records(), receivedAt, () -> {
            metrics.acknowledged.increment();
            ack.run();
        });
    }

    Translation translate(String topic, byte[] payload, long receivedAt, boolean sparkplugConnection) {
        try {
            if (payload.length > maxPayloadBytes) {
                LOG.warn("a payload of {} bytes on {} is larger than mqtt.maxPayloadBytes {}: dead-lettered",
                        payload.length, topic, maxPayloadBytes);
                return new Translation().deadLetter(SignalRecords.payloadTooLarge(topic, payload, maxPayloadBytes,
                        receivedAt), ReasonCodes.PAYLOAD_TOO_LARGE);
            }
            return sparkplugConnection ? sparkplug.translate(topic, payload, receivedAt)
                    : json.translate(topic, payload, receivedAt);
        } catch (RuntimeException e) {
            // A bug must not stop the bridge nor lose the message: keep it for a replay after the fix.
            LOG.error("translating a message of {} failed", topic, e);
            return new Translation().deadLetter(SignalRecords.deadLetter(topic, payload, null,
                    ReasonCodes.INTERNAL_ERROR, e.toString(), null, receivedAt), ReasonCodes.INTERNAL_ERROR);
        }
    }
}
