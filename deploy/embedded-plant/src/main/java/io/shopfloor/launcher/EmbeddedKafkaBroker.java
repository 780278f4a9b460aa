package io.shopfloor.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node KRaft Kafka (combined controller and broker) in this process, its log in a directory that survives
 * restarts. Formatted once ({@code StorageTool.execute}, not {@code main}: that one exits the JVM); ports are free
 * ones picked at each start. Record timestamps may lie far ahead of the wall clock: the plant's event time runs
 * accelerated, and the posting job stamps what it writes with event time.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private final KafkaRaftServer server;
    private final int port;

    private EmbeddedKafkaBroker(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static EmbeddedKafkaBroker start(Path logDirectory, Duration timeout) throws Exception {
        Files.createDirectories(logDirectory);
        int port = FreePorts.find();
        int controllerPort = FreePorts.find();
        Properties props = new Properties();
        props.put("node.id", "1");
        props.put("process.roles", "broker,controller");
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("log.dirs", logDirectory.toAbsolutePath().toString());
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        props.put("log.message.timestamp.after.max.ms", String.valueOf(Long.MAX_VALUE));
        props.put("num.partitions", "1");
        Path configFile = logDirectory.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(configFile)) {
            props.store(out, "written at each start of the embedded plant");
        }
        if (!Files.exists(logDirectory.resolve("meta.properties"))) { // formatted once, with a new cluster id
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            // Transactions version 1: with version 2 (Kafka 4's default) every commit bumps the producer epoch, so
            // the commit Flink's Kafka committer repeats for the restored checkpoint's transactions (committed
            // before the stop) is refused as fenced and logged as an ERROR at every restart. Version 1 takes a
            // repeated commit as the retry it is.
            int formatted = StorageTool.execute(new String[] {"format", "--cluster-id",
                    Uuid.randomUuid().toString(), "--config", configFile.toString(),
                    "--feature", "transaction.version=1"},
                    new PrintStream(output, true, StandardCharsets.UTF_8));
            if (formatted != 0) {
                throw new IllegalStateException("formatting the Kafka log directory failed: "
                        + output.toString(StandardCharsets.UTF_8));
            }
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, port);
        broker.awaitReady(timeout);
        return broker;
    }

    private void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            while (true) {
                try {
                    admin.describeCluster().nodes().get(2, java.util.concurrent.TimeUnit.SECONDS);
                    // The group coordinator (and __consumer_offsets) comes up at the first group request: made
                    // here, so that the job's first offset commit does not fail as "coordinator not available".
                    admin.listConsumerGroupOffsets("embedded-plant-ready").partitionsToOffsetAndMetadata()
                            .get(2, java.util.concurrent.TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Kafka did not become ready within " + timeout, e);
                    }
                }
            }
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws IOException {
        server.shutdown();
        server.awaitShutdown();
    }
}
