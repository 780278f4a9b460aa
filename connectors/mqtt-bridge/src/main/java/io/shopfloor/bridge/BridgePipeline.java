package io.shopfloor.bridge;

import io.shopfloor.bridge.json.JsonSignalTranslator;
import io.shopfloor.bridge.kafka.KafkaSink;
import io.shopfloor.bridge.mqtt.MessageHandler;
import io.shopfloor.bridge.sparkplug.SparkplugTopic;
import io.shopfloor.bridge.sparkplug.SparkplugTranslator;
import io.shopfloor.bridge.translate.ReasonCodes;
import io.shopfloor.bridge.translate.SignalRecords;
import io.shopfloor.bridge.translate.Translation;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MQTT message in, Kafka records out, MQTT acknowledgement once Kafka has them all. Runs on the MQTT client's
 * callback thread and never waits there for Kafka.
 */
public final class BridgePipeline implements MessageHandler {
    private static final Logger LOG = LoggerFactory.getLogger(BridgePipeline.class);
    private static final String SPARKPLUG_PREFIX = SparkplugTopic.NAMESPACE + "/";

    private final JsonSignalTranslator json;
    private final SparkplugTranslator sparkplug;
    private final KafkaSink sink;
    private final BridgeMetrics metrics;
    private final Clock clock;

    /** {@code sparkplug} null: Sparkplug topics are not expected, and dead-lettered if they come. */
    public BridgePipeline(JsonSignalTranslator json, SparkplugTranslator sparkplug, KafkaSink sink,
                          BridgeMetrics metrics, Clock clock) {
        this.json = json;
        this.sparkplug = sparkplug;
        this.sink = sink;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void onMessage(String topic, byte[] payload, Runnable ack) {
        long receivedAt = clock.millis();
        metrics.received.increment();
        Translation translation = translate(topic, payload, receivedAt);
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

    Translation translate(String topic, byte[] payload, long receivedAt) {
        try {
            if (sparkplug != null && topic.startsWith(SPARKPLUG_PREFIX)) {
                return sparkplug.translate(topic, payload, receivedAt);
            }
            return json.translate(topic, payload, receivedAt);
        } catch (RuntimeException e) {
            // A bug must not stop the bridge nor lose the message: keep it for a replay after the fix.
            LOG.error("translating a message of {} failed", topic, e);
            return new Translation().deadLetter(SignalRecords.deadLetter(topic, payload, null,
                    ReasonCodes.INTERNAL_ERROR, e.toString(), null, receivedAt), ReasonCodes.INTERNAL_ERROR);
        }
    }
}
