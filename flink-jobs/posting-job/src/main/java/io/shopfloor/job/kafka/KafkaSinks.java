package io.shopfloor.job.kafka;

import java.time.Duration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerConfig;

/** KafkaSinks with the settings this project relies on. */
public final class KafkaSinks {
    /**
     * Kafka aborts a transaction that stays open longer than this. It must cover a checkpoint interval plus a
     * restart (or records of a committed checkpoint are lost), and must not exceed the broker's
     * {@code transaction.max.timeout.ms} (default 15 min), or the producer is refused.
     */
    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);
    /**
     * How long a producer waits to fill a batch. Kafka's default (0) sends each record on its own as soon as the
     * previous request returns: with a transactional producer every such request costs the broker a transaction
     * check, and most of the broker's CPU went to that. Exactly-once records only become visible when the
     * checkpoint commits, and KPIs restate a window, so waiting this long delays nobody.
     */
    static final String LINGER_MS = "50";

    private KafkaSinks() {}

    /**
     * Transactional sink: records become visible to {@code read_committed} consumers when the Flink checkpoint
     * that covers them completes. Needs checkpointing enabled.
     *
     * @param transactionalIdPrefix unique per job and sink on the cluster (two jobs sharing one fence each
     *     other's transactions), stable across restarts of the same job (so lingering transactions are aborted)
     */
    public static <T> KafkaSink<T> exactlyOnce(String bootstrapServers, KafkaRecordSerializationSchema<T> serializer,
                                               String transactionalIdPrefix) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                        Long.toString(DEFAULT_TRANSACTION_TIMEOUT.toMillis()))
                .setProperty(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS)
                .build();
    }

    /**
     * Sink that flushes on every checkpoint: nothing is lost, but a restart can write records twice. Fine
     * where consumers deduplicate (ledger entries carry idempotency keys) or duplicates are harmless (KPIs).
     */
    public static <T> KafkaSink<T> atLeastOnce(String bootstrapServers, KafkaRecordSerializationSchema<T> serializer) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(bootstrapServers)
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true") // no duplicates from retries
                .setProperty(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS)
                .build();
    }
}
