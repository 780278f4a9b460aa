package io.shopfloor.cdc;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import io.shopfloor.schema.KafkaTopics;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ERP master data into Kafka: Debezium embedded reads the ERP tables (a snapshot first, then every insert, update
 * and delete from the PostgreSQL log) and {@link KafkaChangeWriter} puts them on the compacted master-data topics.
 * {@code main} runs it until the process is stopped.
 *
 * <p>A restart resumes from the offsets in the data directory: changes made while it was down arrive then, and
 * a change whose records Kafka had not acknowledged is sent again.
 */
public final class ErpCdcConnector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ErpCdcConnector.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private final Producer<byte[], byte[]> producer;
    private final Thread engineThread;
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch completed = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private boolean closed;

    private ErpCdcConnector(ErpCdcSettings settings) {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                // One request at a time: an order's records keep their order even across retries right after a
                // topic was created (master data is small; batching still groups a snapshot).
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1",
                ProducerConfig.LINGER_MS_CONFIG, "5",
                ProducerConfig.CLIENT_ID_CONFIG, "shopfloor-erp-cdc"),
                new ByteArraySerializer(), new ByteArraySerializer());
        engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(settings.debeziumProperties())
                .using(new DebeziumEngine.ConnectorCallback() {
                    @Override
                    public void taskStarted() {
                        started.countDown();
                    }
                })
                .using((success, message, error) -> {
                    if (!success) {
                        failure.set(error != null ? error : new IllegalStateException(message));
                        LOG.error("ERP CDC stopped: {}", message, error);
                    }
                    started.countDown();
                    completed.countDown();
                })
                .notifying(new KafkaChangeWriter(producer, KafkaChangeWriter.erpMapping()))
                .build();
        engineThread = new Thread(engine, "erp-cdc-engine");
    }

    /**
     * Checks that the database can stream its log, creates the missing topics, and starts the engine; returns once
     * its task runs (the slot exists, so every later change is captured; the snapshot may still be going on).
     *
     * @throws IllegalStateException if the engine fails to start (its cause attached)
     */
    public static ErpCdcConnector start(ErpCdcSettings settings, Duration startTimeout) throws Exception {
        requireLogicalReplication(settings);
        Files.createDirectories(settings.dataDirectory());
        KafkaTopics.createMissing(settings.bootstrapServers(), settings.partitions(), settings.replicationFactor());
        ErpCdcConnector connector = new ErpCdcConnector(settings);
        LOG.info("Starting ERP CDC: {}", settings);
        connector.engineThread.start();
        if (!connector.started.await(startTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
            connector.close();
            throw new TimeoutException("ERP CDC did not start within " + startTimeout);
        }
        if (connector.failure.get() != null) {
            connector.close();
            throw new IllegalStateException("ERP CDC failed to start", connector.failure.get());
        }
        return connector;
    }

    /** Arguments: see {@link ErpCdcSettings#USAGE}. Runs until the process is stopped or the engine fails. */
    public static void main(String[] args) throws Exception {
        ErpCdcSettings settings;
        try {
            settings = ErpCdcSettings.fromArguments(Arrays.asList(args), System.getenv());
        } catch (IllegalArgumentException | io.shopfloor.config.ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        ErpCdcConnector connector = start(settings, Duration.ofMinutes(2));
        Runtime.getRuntime().addShutdownHook(new Thread(connector::close, "erp-cdc-shutdown"));
        connector.completed.await();
        if (connector.failure.get() != null) {
            // Also on stderr: the logging binding is the deployment's choice and may be missing.
            System.err.println("ERP CDC stopped: " + connector.failure.get());
            System.exit(1);
        }
    }

    /** The error the engine stopped with, if it did. */
    public Throwable failure() {
        return failure.get();
    }

    /** Stops the engine (its offsets are stored; the slot stays for the next start) and the producer. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (completed.getCount() > 0) {
                engine.close();
            }
            if (!completed.await(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("ERP CDC engine still running {} after stop", STOP_TIMEOUT);
            }
        } catch (Exception e) {
            LOG.warn("ERP CDC engine did not stop cleanly", e);
        } finally {
            producer.close(STOP_TIMEOUT);
        }
    }

    /** Debezium needs wal_level = logical; without it the slot cannot be created and the error is obscure. */
    static void requireLogicalReplication(ErpCdcSettings settings) throws SQLException {
        try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), settings.user(),
                settings.password());
             Statement statement = connection.createStatement();
             ResultSet walLevel = statement.executeQuery("SHOW wal_level")) {
            walLevel.next();
            if (!"logical".equals(walLevel.getString(1))) {
                throw new IllegalStateException("PostgreSQL at " + settings.jdbcUrl() + " runs with wal_level = "
                        + walLevel.getString(1) + ": CDC needs wal_level = logical (postgresql.conf, then restart)");
            }
        }
    }
}
