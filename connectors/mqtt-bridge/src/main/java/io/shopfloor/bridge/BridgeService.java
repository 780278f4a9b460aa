package io.shopfloor.bridge;

import io.shopfloor.bridge.config.BridgeConfig;
import io.shopfloor.bridge.config.KafkaSettings;
import io.shopfloor.bridge.config.MachineRegistry;
import io.shopfloor.bridge.config.MqttSettings;
import io.shopfloor.bridge.json.JsonSignalTranslator;
import io.shopfloor.bridge.json.JsonTopicScheme;
import io.shopfloor.bridge.kafka.KafkaSink;
import io.shopfloor.bridge.mqtt.ConnectionSettings;
import io.shopfloor.bridge.mqtt.MqttSubscriber;
import io.shopfloor.bridge.mqtt.Tls;
import io.shopfloor.bridge.sparkplug.SparkplugTopic;
import io.shopfloor.bridge.sparkplug.SparkplugTranslator;
import io.shopfloor.bridge.translate.SourceTimes;
import io.shopfloor.schema.KafkaTopics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running bridge: Kafka producer, translators, and the MQTT subscriber connections. */
public final class BridgeService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeService.class);

    private final BridgeConfig config;
    private final BridgeMetrics metrics = new BridgeMetrics();
    private final ScheduledExecutorService scheduler;
    private final KafkaSink sink;
    private final List<MqttSubscriber> subscribers = new ArrayList<>();
    private volatile MqttSubscriber sparkplugSubscriber;

    private BridgeService(BridgeConfig config, Clock clock) throws Exception {
        this.config = config;
        scheduler = Executors.newScheduledThreadPool(1, runnable -> {
            Thread thread = new Thread(runnable, "mqtt-bridge-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        MqttSettings mqtt = config.mqtt();
        KafkaSettings kafka = config.kafka();
        if (kafka.createTopics()) {
            createTopics(kafka, new Backoff(kafka.retryInitialMillis(), kafka.retryMaxMillis()));
        }
        sink = new KafkaSink(new KafkaProducer<>(kafka.producerProperties(mqtt.clientId()), new ByteArraySerializer(),
                new ByteArraySerializer()), new Backoff(kafka.retryInitialMillis(), kafka.retryMaxMillis()),
                scheduler, metrics);
        MachineRegistry registry = MachineRegistry.of(config);
        JsonTopicScheme scheme = new JsonTopicScheme(config.topics());
        SourceTimes sourceTimes = new SourceTimes(config.limits().maxAheadMillis());
        SparkplugTranslator sparkplug = config.sparkplug().enabled()
                ? new SparkplugTranslator(registry, config.sparkplug().requestRebirth() ? this::requestRebirth : null,
                        config.sparkplug().rebirthIntervalMillis(), sourceTimes)
                : null;
        BridgePipeline pipeline = new BridgePipeline(new JsonSignalTranslator(scheme, registry, sourceTimes), sparkplug,
                new TopicRouting(config), sink, metrics, clock, mqtt.maxPayloadBytes());

        SocketFactory socketFactory = mqtt.usesTls() && mqtt.tls() != null ? Tls.socketFactory(mqtt.tls()) : null;
        boolean hostnameVerification = mqtt.tls() == null || mqtt.tls().hostnameVerification();
        Backoff reconnect = new Backoff(mqtt.reconnectInitialMillis(), mqtt.reconnectMaxMillis());
        if (scheme.root() != null) {
            // The whole root, not the templates: what matches no template must arrive to become UNKNOWN_TOPIC.
            List<String> filters = List.of(mqtt.sharedSubscriptionGroup() == null ? scheme.root()
                    : "$share/" + mqtt.sharedSubscriptionGroup() + "/" + scheme.root());
            for (int i = 0; i < mqtt.connections(); i++) {
                subscribers.add(MqttSubscriber.create(connection(mqtt, mqtt.clientId() + "-json-" + i, filters,
                        socketFactory, hostnameVerification, reconnect), pipeline.json()));
            }
        }
        if (sparkplug != null) {
            sparkplugSubscriber = MqttSubscriber.create(connection(mqtt, mqtt.clientId() + "-spb",
                    config.sparkplug().filters(), socketFactory, hostnameVerification, reconnect),
                    pipeline.sparkplug());
            subscribers.add(sparkplugSubscriber);
        }
        if (subscribers.isEmpty()) {
            throw new IllegalArgumentException("nothing to subscribe to: no JSON topic and no Sparkplug group");
        }
    }

    /** Starts the bridge on the system clock: creates the Kafka topics if configured, then connects. */
    public static BridgeService start(BridgeConfig config) throws Exception {
        return start(config, Clock.systemUTC());
    }

    /**
     * Starts the bridge with {@code clock} as the arrival time of messages (received timestamps, the bound of
     * {@code limits.maxAheadMillis}): a simulated plant passes its simulated clock. Creates the Kafka topics if
     * configured, then connects in the background.
     */
    public static BridgeService start(BridgeConfig config, Clock clock) throws Exception {
        BridgeService service = new BridgeService(config, clock);
        service.subscribers.forEach(MqttSubscriber::start);
        service.scheduler.scheduleAtFixedRate(() -> LOG.info("{}", service.metrics), 60, 60, TimeUnit.SECONDS);
        return service;
    }

    /** Waits until every connection has subscribed once. */
    public boolean awaitSubscribed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (MqttSubscriber subscriber : subscribers) {
            if (!subscriber.awaitSubscribed(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                return false;
            }
        }
        return true;
    }

    public BridgeMetrics metrics() {
        return metrics;
    }

    public List<String> clientIds() {
        return subscribers.stream().map(MqttSubscriber::clientId).toList();
    }

    private static ConnectionSettings connection(MqttSettings mqtt, String clientId, List<String> filters,
                                                 SocketFactory socketFactory, boolean hostnameVerification,
                                                 Backoff reconnect) {
        return new ConnectionSettings(mqtt.serverUri(), clientId, mqtt.protocolVersion(), mqtt.username(),
                mqtt.password(), socketFactory, hostnameVerification, mqtt.keepAliveSeconds(),
                mqtt.sessionExpirySeconds(), mqtt.receiveMaximum(), mqtt.connectTimeoutSeconds(), reconnect, filters);
    }

    /** Creates the missing topics, retrying with a backoff until Kafka answers. */
    private static void createTopics(KafkaSettings kafka, Backoff backoff) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try (Admin admin = Admin.create(kafka.clientProperties())) {
                var created = KafkaTopics.createMissing(admin, kafka.partitions(), kafka.replicationFactor());
                if (!created.isEmpty()) {
                    LOG.info("created Kafka topics {}", created);
                    awaitPartitionLogs(admin, created, Duration.ofSeconds(30));
                }
                return;
            } catch (ExecutionException | KafkaException e) {
                long delay = backoff.delayMillis(attempt);
                LOG.warn("could not create the Kafka topics (attempt {}), retrying in {} ms: {}", attempt, delay,
                        e.toString());
                TimeUnit.MILLISECONDS.sleep(delay);
            }
        }
    }

    /**
     * Creating a topic returns a moment before its brokers lead the new partitions. Records sent in between are
     * refused, and the idempotent producer's retries of several in-flight batches can then fail as out of
     * sequence for the whole delivery timeout: wait until every partition has a log on its brokers.
     */
    private static void awaitPartitionLogs(Admin admin, Set<String> topics, Duration timeout)
            throws ExecutionException, InterruptedException {
        Set<TopicPartition> expected = new HashSet<>();
        admin.describeTopics(topics).allTopicNames().get().values().forEach(topic -> topic.partitions()
                .forEach(p -> expected.add(new TopicPartition(topic.name(), p.partition()))));
        List<Integer> brokers = admin.describeCluster().nodes().get().stream()
                .map(Node::id).toList();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Set<TopicPartition> present = new HashSet<>();
            admin.describeLogDirs(brokers).allDescriptions().get().values().forEach(dirs -> dirs.values()
                    .forEach(dir -> present.addAll(dir.replicaInfos().keySet())));
            if (present.containsAll(expected)) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        LOG.warn("new Kafka partitions still without a log after {}; sending anyway", timeout);
    }

    /** Sparkplug NCMD {@code Node Control/Rebirth = true}, QoS 0, on the Sparkplug connection. */
    private void requestRebirth(String groupId, String edgeNodeId) {
        MqttSubscriber subscriber = sparkplugSubscriber;
        if (subscriber == null || !subscriber.isConnected()) {
            return;
        }
        try {
            SparkplugBPayload payload = new SparkplugBPayload.SparkplugBPayloadBuilder()
                    .setTimestamp(new Date())
                    .addMetric(new Metric.MetricBuilder("Node Control/Rebirth", MetricDataType.Boolean, true)
                            .createMetric())
                    .createPayload();
            subscriber.publish(SparkplugTopic.NAMESPACE + "/" + groupId + "/NCMD/" + edgeNodeId,
                    new SparkplugBPayloadEncoder().getBytes(payload, false), 0);
        } catch (Exception e) {
            throw new IllegalStateException("rebirth request failed", e);
        }
    }

    /**
     * Stops: waits for the Kafka acknowledgements of what is in flight (so their MQTT acknowledgements go out),
     * then disconnects. Messages that arrive meanwhile stay unacknowledged and come again after a restart.
     */
    @Override
    public void close() {
        LOG.info("stopping: {}", metrics);
        sink.flush();
        subscribers.forEach(MqttSubscriber::close);
        sink.close();
        scheduler.shutdownNow();
        LOG.info("stopped: {}", metrics);
    }
}
