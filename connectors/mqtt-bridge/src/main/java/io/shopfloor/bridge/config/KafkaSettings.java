package io.shopfloor.bridge.config;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Kafka: {@code properties} are passed to every Kafka client of the bridge unchanged (security:
 * {@code security.protocol}, {@code ssl.*}, {@code sasl.*}); {@code producer} overrides the producer defaults
 * below. A failed send is retried with a backoff from {@code retryInitialMillis} up to {@code retryMaxMillis},
 * without end: the MQTT message stays unacknowledged until Kafka has it.
 */
public record KafkaSettings(String bootstrapServers, Map<String, String> properties, Map<String, String> producer,
                            Boolean createTopics, Integer partitions, Short replicationFactor,
                            Long retryInitialMillis, Long retryMaxMillis) {

    public KafkaSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("kafka.bootstrapServers is required");
        }
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        producer = producer == null ? Map.of() : Map.copyOf(producer);
        createTopics = createTopics != null && createTopics;
        partitions = partitions == null ? 6 : partitions;
        replicationFactor = replicationFactor == null ? 1 : replicationFactor;
        retryInitialMillis = retryInitialMillis == null ? 200L : retryInitialMillis;
        retryMaxMillis = retryMaxMillis == null ? 30_000L : retryMaxMillis;
    }

    /** Settings every client gets: the bootstrap servers and the pass-through properties. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new HashMap<>(properties);
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }

    /**
     * Producer settings: durable (acks=all, idempotent), batched for throughput (a few ms of linger; the MQTT
     * acknowledgement waits for the batch anyway), uncompressed (records are ~150 bytes of Avro: compressing the
     * small batches of a few ms cost the benchmark more CPU than anything else in the bridge), then the configured
     * overrides.
     */
    public Map<String, Object> producerProperties(String clientId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "131072");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        props.put(ProducerConfig.RECONNECT_BACKOFF_MS_CONFIG, String.valueOf(retryInitialMillis));
        props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, String.valueOf(retryMaxMillis));
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.putAll(clientProperties());
        props.putAll(producer);
        return props;
    }
}
