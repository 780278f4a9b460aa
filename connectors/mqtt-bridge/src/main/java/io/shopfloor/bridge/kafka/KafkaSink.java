package io.shopfloor.bridge.kafka;

import io.shopfloor.bridge.Backoff;
import io.shopfloor.bridge.BridgeMetrics;
import io.shopfloor.bridge.translate.OutboundRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the records of one MQTT message and calls back once Kafka has acknowledged all of them. A failed send
 * (Kafka unreachable longer than the producer's delivery timeout, or a send refused at once) is sent again after
 * a backoff, without end: the MQTT message stays unacknowledged meanwhile, and the broker's in-flight window
 * stops the flow. Never blocks on an acknowledgement.
 */
public final class KafkaSink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSink.class);

    private final Producer<byte[], byte[]> producer;
    private final Backoff backoff;
    private final ScheduledExecutorService retries;
    private final BridgeMetrics metrics;
    private volatile boolean closed;

    public KafkaSink(Producer<byte[], byte[]> producer, Backoff backoff, ScheduledExecutorService retries,
                     BridgeMetrics metrics) {
        this.producer = producer;
        this.backoff = backoff;
        this.retries = retries;
        this.metrics = metrics;
    }

    /** Sends every record; {@code onAllAcknowledged} runs (on a producer thread) when Kafka has them all. */
    public void sendAll(List<OutboundRecord> records, Runnable onAllAcknowledged) {
        sendAll(records, null, onAllAcknowledged);
    }

    /**
     * As {@link #sendAll(List, Runnable)}, with {@code receivedAtMillis} as the Kafka record timestamp (null: the
     * producer's clock). The posting job takes it as the receiving time of records that carry none of their own
     * (operation events), to bound how far ahead their event time may be.
     */
    public void sendAll(List<OutboundRecord> records, Long receivedAtMillis, Runnable onAllAcknowledged) {
        if (records.isEmpty()) {
            onAllAcknowledged.run();
            return;
        }
        if (records.size() == 1) {
            send(toProducerRecord(records.get(0), receivedAtMillis), 1, onAllAcknowledged);
            return;
        }
        AtomicInteger remaining = new AtomicInteger(records.size());
        Runnable countDown = () -> {
            if (remaining.decrementAndGet() == 0) {
                onAllAcknowledged.run();
            }
        };
        for (OutboundRecord record : records) {
            send(toProducerRecord(record, receivedAtMillis), 1, countDown);
        }
    }

    private void send(ProducerRecord<byte[], byte[]> record, int attempt, Runnable onAcknowledged) {
        if (closed) {
            return; // not acknowledged: the broker delivers the message again after the restart
        }
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    onAcknowledged.run();
                } else {
                    retryLater(record, attempt, onAcknowledged, error);
                }
            });
        } catch (RuntimeException error) {
            // e.g. no metadata within max.block.ms while Kafka is down
            retryLater(record, attempt, onAcknowledged, error);
        }
    }

    private void retryLater(ProducerRecord<byte[], byte[]> record, int attempt, Runnable onAcknowledged,
                            Exception error) {
        if (closed) {
            return;
        }
        metrics.kafkaRetries.increment();
        long delay = backoff.delayMillis(attempt);
        // Log the first failure and then every tenth, not one line per record of a backlog.
        if (attempt == 1 || attempt % 10 == 0) {
            LOG.warn("Kafka send to {} failed (attempt {}), retrying in {} ms: {}", record.topic(), attempt, delay,
                    error.toString());
        }
        // Resend from the scheduler, never from the producer's I/O thread (a full buffer would block it).
        retries.schedule(() -> send(record, attempt + 1, onAcknowledged), delay, TimeUnit.MILLISECONDS);
    }

    private static ProducerRecord<byte[], byte[]> toProducerRecord(OutboundRecord record, Long timestampMillis) {
        return new ProducerRecord<>(record.topic(), null, timestampMillis,
                record.key().getBytes(StandardCharsets.UTF_8), record.value());
    }

    /** Waits until everything sent so far is acknowledged or has failed (and is queued for a retry). */
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        closed = true;
        producer.close(Duration.ofSeconds(10));
    }
}
