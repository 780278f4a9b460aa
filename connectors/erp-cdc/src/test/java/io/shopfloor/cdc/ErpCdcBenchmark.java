package io.shopfloor.cdc;

import io.shopfloor.schema.EmbeddedKafka;
import io.shopfloor.schema.KafkaTopics;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How fast ERP changes reach Kafka, end to end through a real PostgreSQL (zonky, logical replication), Debezium
 * embedded and an in-process Kafka broker. A program, not a test; prints:
 * <ol>
 *   <li>start-up: from {@code ErpCdcConnector.start} to its task running,</li>
 *   <li>snapshot: items per second for the sample data plus {@code --items} generated items,</li>
 *   <li>one large transaction: an update of every item, change records per second from commit to last record,</li>
 *   <li>small transactions: {@code --transactions} single-row inserts, each committed alone, per second,</li>
 *   <li>latency: commit to record in Kafka for {@code --samples} single-row updates one at a time (p50, p95, max).</li>
 * </ol>
 * Arguments: {@code --items=20000 --transactions=2000 --samples=100}.
 */
public final class ErpCdcBenchmark {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private ErpCdcBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int items = intArgument(args, "items", 20_000);
        int transactions = intArgument(args, "transactions", 2_000);
        int samples = intArgument(args, "samples", 100);
        Path data = Files.createTempDirectory("erp-cdc-benchmark");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("wal_level", "logical").start();
             EmbeddedKafka kafka = new EmbeddedKafka().start()) {
            String jdbcUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
            try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
                 Statement statement = connection.createStatement()) {
                ReferenceErp.apply(connection);
                statement.execute("INSERT INTO erp.item (no, description, base_unit_of_measure, costing_method,"
                        + " unit_cost, standard_cost) SELECT 'BENCH-' || n, 'Benchmark item ' || n, 'PCS', 'STANDARD',"
                        + " n / 100.0, n / 100.0 FROM generate_series(1, " + items + ") AS n");
            }
            KafkaTopics.createMissing(kafka.bootstrapServers(), 2, (short) 1);
            kafka.awaitPartitions(KafkaTopics.ALL, TIMEOUT);
            ErpCdcSettings settings = ErpCdcSettings.of(jdbcUrl, "postgres", "", kafka.bootstrapServers(), data);

            try (ItemsTopic topic = new ItemsTopic(kafka.bootstrapServers())) {
                long started = System.nanoTime();
                try (ErpCdcConnector connector = ErpCdcConnector.start(settings, TIMEOUT)) {
                    long running = System.nanoTime();
                    int snapshotItems = items + 6;
                    topic.await(snapshotItems);
                    long snapshotDone = System.nanoTime();
                    print("start-up (engine task running)", seconds(running - started), "s");
                    print("snapshot: " + snapshotItems + " items", snapshotItems / seconds(snapshotDone - started),
                            "items/s");

                    try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
                         Statement statement = connection.createStatement()) {
                        long committed = System.nanoTime();
                        statement.execute("UPDATE erp.item SET unit_cost = unit_cost + 1, standard_cost ="
                                + " standard_cost + 1 WHERE no LIKE 'BENCH-%'");
                        topic.await(items);
                        print("one transaction updating " + items + " items",
                                items / seconds(System.nanoTime() - committed), "changes/s");

                        long first = System.nanoTime();
                        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO erp.item (no,"
                                + " description, costing_method) VALUES (?, 'Small transaction', 'FIFO')")) {
                            for (int i = 0; i < transactions; i++) {
                                insert.setString(1, "TX-" + i);
                                insert.executeUpdate(); // auto-commit: one transaction each
                            }
                        }
                        topic.await(transactions);
                        print(transactions + " single-row transactions",
                                transactions / seconds(System.nanoTime() - first), "transactions/s");

                        List<Double> latencies = new ArrayList<>();
                        try (PreparedStatement update = connection.prepareStatement(
                                "UPDATE erp.item SET description = ? WHERE no = 'BOLT'")) {
                            for (int i = 0; i < samples; i++) {
                                update.setString(1, "sample " + i);
                                long commit = System.nanoTime();
                                update.executeUpdate();
                                topic.await(1);
                                latencies.add((System.nanoTime() - commit) / 1e6);
                            }
                        }
                        Collections.sort(latencies);
                        print("latency commit -> Kafka, p50", latencies.get(latencies.size() / 2), "ms");
                        print("latency commit -> Kafka, p95", latencies.get((int) (latencies.size() * 0.95)), "ms");
                        print("latency commit -> Kafka, max", latencies.get(latencies.size() - 1), "ms");
                    }
                    if (connector.failure() != null) {
                        throw new IllegalStateException("connector failed", connector.failure());
                    }
                }
            }
        }
    }

    /** Reads md-items from its end as of creation, counting records. */
    private static final class ItemsTopic implements AutoCloseable {
        private final KafkaConsumer<byte[], byte[]> consumer;

        ItemsTopic(String bootstrapServers) {
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000"),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(KafkaTopics.MD_ITEMS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolve the end now, before anything is written
        }

        void await(int count) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            int seen = 0;
            while (seen < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + seen + " of " + count + " records within " + TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> ignored : consumer.poll(Duration.ofMillis(5))) {
                    seen++;
                }
            }
            if (seen > count) {
                throw new IllegalStateException(seen + " records where " + count + " were expected");
            }
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static void print(String what, double value, String unit) {
        System.out.printf("%-45s %12.1f %s%n", what, value, unit);
    }

    private static int intArgument(String[] args, String name, int defaultValue) {
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                return Integer.parseInt(arg.substring(name.length() + 3));
            }
        }
        return defaultValue;
    }
}
