package io.shopfloor.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.shopfloor.jobjar.ClusterPostingJob;
import io.shopfloor.jobjar.JobArguments;
import io.shopfloor.ledger.LedgerStoreSchema;
import io.shopfloor.posting.PostingSettings;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.ledger.CapacityLedgerEntry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The posting job on a real cluster, started by the scripts users run (bin/): a Kafka broker process (KRaft), a
 * standalone Flink session cluster (one JobManager, two TaskManagers, RocksDB, checkpoints every second to a
 * directory), PostgreSQL as the ledger store. The job jar is submitted with Flink's CLI; a simulated plant writes
 * its signals live (a tick of readings every 400 ms). A third into its run one TaskManager that runs tasks is
 * killed with SIGKILL (a replacement starts); two thirds into it the job is upgraded by stop-with-savepoint and a
 * resubmission restored from it. Then the ledger holds exactly the parts the plant counted (per order and
 * operation in the capacity ledger, per machine in the KPIs), in PostgreSQL and on the ledger topic, with no
 * posting conflict (a replay with other content), and equals, row for row, the ledger of an undisturbed
 * in-process run of the same job over the same topics.
 */
class ClusterFailoverTest {
    static final Path CLUSTER_HOME = Path.of(System.getProperty("cluster.home", "."));
    static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(3);
    static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");
    static final int TICKS = 360;
    /** 481 ticks (with the tail) in about 190 s: the plant still runs when the job is upgraded. */
    static final Duration TICK_PERIOD = Duration.ofMillis(400);

    /** Every stored row of the ledger up to {@code horizon} (event time), by idempotency key and content hash. */
    static final String LEDGER = """
            SELECT 'ILE', idempotency_key, content_hash FROM item_ledger_entry WHERE event_time <= ?1
            UNION ALL SELECT 'CLE', idempotency_key, content_hash FROM capacity_ledger_entry WHERE event_time <= ?1
            UNION ALL SELECT 'VE', idempotency_key, content_hash FROM value_entry WHERE event_time <= ?1
            UNION ALL SELECT 'STATUS', idempotency_key, content_hash FROM production_order_status_history
                WHERE event_time <= ?1
            UNION ALL SELECT 'PLAN', idempotency_key, content_hash FROM production_order_cost_plan
                WHERE event_time <= ?1
            UNION ALL SELECT 'KPI', idempotency_key, content_hash FROM machine_kpi WHERE window_end <= ?1
            ORDER BY 1, 2""";
    static final String CAPACITY_OUTPUT = """
            SELECT order_no || '/' || operation_no, sum(output_quantity), sum(scrap_quantity)
            FROM capacity_ledger_entry WHERE order_no <> '' GROUP BY 1 ORDER BY 1""";
    static final String KPI_PARTS = """
            SELECT machine_id, sum(good_parts), sum(scrap_parts) FROM machine_kpi GROUP BY 1 ORDER BY 1""";

    @TempDir
    Path work;

    @Test
    void aLostTaskManagerAndASavepointUpgradeNeitherLoseNorRepeatAPosting() throws Exception {
        long testStarted = System.nanoTime();
        Instant start = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES);
        LivePlant plant = new LivePlant(20261125L, start, TICKS);
        ScheduledExecutorService plantClock = Executors.newSingleThreadScheduledExecutor();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
             ClusterProcesses cluster = new ClusterProcesses(CLUSTER_HOME, work.resolve("logs"))) {
            String clusterLedger = database(postgres, "ledger_cluster");
            String referenceLedger = database(postgres, "ledger_reference");

            int kafkaPort = ClusterProcesses.freePort();
            int restPort = ClusterProcesses.freePort();
            String bootstrap = "localhost:" + kafkaPort;
            cluster.env("FLINK_LIB", System.getProperty("flink.lib"))
                    .env("KAFKA_LIB", System.getProperty("kafka.lib"))
                    .env("JOB_JAR", System.getProperty("job.jar"))
                    .env("KAFKA_DATA_DIR", work.resolve("kafka").toString())
                    .env("KAFKA_PORT", String.valueOf(kafkaPort))
                    .env("KAFKA_CONTROLLER_PORT", String.valueOf(ClusterProcesses.freePort()))
                    .env("KAFKA_LISTEN_HOST", "localhost").env("KAFKA_ADVERTISED_HOST", "localhost")
                    .env("KAFKA_INTERNAL_TOPIC_PARTITIONS", "1").env("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                    .env("KAFKA_HEAP", "384m")
                    .env("FLINK_JOBMANAGER_HOST", "localhost").env("FLINK_BIND_HOST", "localhost")
                    .env("FLINK_TASKMANAGER_HOST", "localhost")
                    .env("FLINK_JOBMANAGER_RPC_PORT", String.valueOf(ClusterProcesses.freePort()))
                    .env("FLINK_REST_PORT", String.valueOf(restPort))
                    .env("FLINK_JOBMANAGER_MEMORY", "768m").env("FLINK_TASKMANAGER_MEMORY", "1152m")
                    .env("FLINK_MANAGED_FRACTION", "0.25")
                    .env("FLINK_CHECKPOINT_DIR", work.resolve("checkpoints").toUri().toString())
                    .env("FLINK_SAVEPOINT_DIR", work.resolve("savepoints").toUri().toString())
                    .env("FLINK_WORK_DIR", work.resolve("flink-work").toString())
                    .env("FLINK_CHECKPOINT_INTERVAL", "1 s")
                    .env("FLINK_HEARTBEAT_INTERVAL", "2 s").env("FLINK_HEARTBEAT_TIMEOUT", "12 s")
                    .env("FLINK_RPC_TIMEOUT", "60 s")
                    .env("FLINK_CONF_DIR", work.resolve("flink-conf").toString());
            cluster.run("flink-config.sh", SCRIPT_TIMEOUT, work.resolve("flink-conf").toString());
            cluster.start("kafka", "kafka-start.sh");
            cluster.start("jobmanager", "flink-jobmanager.sh");
            Map<String, Process> taskManagers = new LinkedHashMap<>();
            taskManagers.put("taskmanager-1", cluster.start("taskmanager-1", "flink-taskmanager.sh"));
            taskManagers.put("taskmanager-2", cluster.start("taskmanager-2", "flink-taskmanager.sh"));
            // The admin client retries until the broker answers.
            cluster.run("create-topics.sh", SCRIPT_TIMEOUT, bootstrap, "2", "1");
            FlinkRest flink = new FlinkRest(restPort);
            Await.until("two TaskManagers", Duration.ofMinutes(2),
                    () -> flink.taskManagers().size() == 2 ? true : null, () -> cluster.tail("jobmanager", 20));

            phase("cluster up", testStarted);
            CompletableFuture<Void> plantDone = plant.runLive(bootstrap, plantClock, TICK_PERIOD);
            // Idleness above the stalls of a loaded test machine (see JobArguments.idleness).
            String[] jobArguments = {"--bootstrap-servers", bootstrap, "--jdbc-url", clusterLedger,
                    "--checkpoint-interval-ms", "1000", "--idleness-ms", "30000"};
            String jobId = jobId(cluster.run("submit-job.sh", SCRIPT_TIMEOUT, jobArguments));
            Await.until("the job's first postings, a third of the plant's run", Duration.ofMinutes(3),
                    () -> count(clusterLedger, "capacity_ledger_entry") > 0 && plant.ticksWritten() > TICKS / 3
                            && flink.latestCompletedCheckpoint(jobId) > 0 ? true : null,
                    () -> flink.get("/jobs/" + jobId) + "\n" + cluster.tail("taskmanager-1", 30));
            phase("job submitted and posting", testStarted);
            // The TaskManager to kill runs tasks of the job: its ResourceID (REST) is in its process's log.
            List<String> busy = new ArrayList<>();
            for (JsonNode taskManager : flink.taskManagers()) {
                if (taskManager.get("freeSlots").asInt() < taskManager.get("slotsNumber").asInt()) {
                    busy.add(taskManager.get("id").asText());
                }
            }
            String victim = taskManagers.keySet().stream().filter(name -> busy.stream().anyMatch(id ->
                    cluster.log(name).contains("Starting TaskManager with ResourceID: " + id))).findFirst()
                    .orElseThrow(() -> new AssertionError("no TaskManager runs tasks: " + busy));
            System.out.println("TaskManagers running tasks: " + busy + "; killing " + victim);
            Process killed = taskManagers.get(victim);
            // SIGKILL while the plant sends: some signals were read but not yet checkpointed.
            long killedAt = System.nanoTime();
            killed.destroyForcibly();
            assertTrue(killed.waitFor(30, TimeUnit.SECONDS), "the TaskManager died");
            assertEquals(137, killed.exitValue(), "killed by SIGKILL (128 + 9)");
            cluster.start("taskmanager-3", "flink-taskmanager.sh");
            JsonNode restored = Await.until("a checkpoint after the restore", Duration.ofMinutes(3), () -> {
                JsonNode checkpoints = flink.checkpoints(jobId);
                JsonNode latest = checkpoints.path("latest");
                boolean done = checkpoints.path("counts").path("restored").asInt() > 0
                        && latest.path("completed").path("id").asLong() > latest.path("restored").path("id").asLong()
                        && "RUNNING".equals(flink.jobState(jobId));
                return done ? latest.get("restored") : null;
            }, () -> flink.checkpoints(jobId) + "\n" + cluster.tail("jobmanager", 30));
            assertFalse(restored.get("is_savepoint").asBoolean(), "restored from a checkpoint: " + restored);
            double recoverySeconds = (System.nanoTime() - killedAt) / 1e9;

            phase("recovered from the TaskManager loss", testStarted);
            // The new version, as a user deploys it: another jar file (the same build here).
            Path newVersion = Files.copy(Path.of(System.getProperty("job.jar")), work.resolve("posting-job-v2.jar"));
            cluster.env("JOB_JAR", newVersion.toString());
            Await.until("two thirds of the plant's run", Duration.ofMinutes(2),
                    () -> plant.ticksWritten() > 2 * TICKS / 3 ? true : null, () -> "at " + plant.ticksWritten());
            assertTrue(plant.ticksWritten() < plant.lastTick(), "the plant still runs during the upgrade");
            long upgradeStarted = System.nanoTime();
            String upgrade = cluster.run("savepoint-upgrade.sh", SCRIPT_TIMEOUT,
                    prepend(jobId, jobArguments));
            Matcher savepoint = Pattern.compile("restoring from (\\S+)").matcher(upgrade);
            assertTrue(savepoint.find(), upgrade);
            String upgradedJobId = jobId(upgrade.substring(savepoint.end()));
            assertEquals("FINISHED", Await.until("the old job finished", Duration.ofSeconds(30),
                    () -> flink.jobState(jobId).equals("RUNNING") ? null : flink.jobState(jobId), () -> upgrade),
                    "stop-with-savepoint finishes the old job");
            JsonNode fromSavepoint = Await.until("the upgraded job restored from the savepoint", Duration.ofMinutes(3),
                    () -> {
                        JsonNode latest = flink.checkpoints(upgradedJobId).path("latest");
                        return "RUNNING".equals(flink.jobState(upgradedJobId))
                                && latest.path("restored").has("is_savepoint") ? latest.get("restored") : null;
                    }, () -> flink.checkpoints(upgradedJobId) + "\n" + cluster.tail("jobmanager", 30));
            assertTrue(fromSavepoint.get("is_savepoint").asBoolean(), fromSavepoint.toString());
            assertEquals(savepoint.group(1), fromSavepoint.get("external_path").asText());
            double upgradeSeconds = (System.nanoTime() - upgradeStarted) / 1e9;

            phase("upgraded from the savepoint", testStarted);
            plantDone.get(3, TimeUnit.MINUTES);
            phase("plant done", testStarted);
            List<String> expectedOutput = expectedCapacityOutput(plant);
            Await.until("every counted part in the ledger", Duration.ofMinutes(4),
                    () -> query(clusterLedger, CAPACITY_OUTPUT).equals(expectedOutput) ? true : null,
                    () -> "expected " + expectedOutput + ", ledger " + query(clusterLedger, CAPACITY_OUTPUT));
            List<String> expectedKpiParts = expectedKpiParts(plant);
            Await.until("every counted part in the KPIs", Duration.ofMinutes(2),
                    () -> query(clusterLedger, KPI_PARTS).equals(expectedKpiParts) ? true : null,
                    () -> "expected " + expectedKpiParts + ", ledger " + query(clusterLedger, KPI_PARTS));
            assertEquals(List.of(), query(clusterLedger, "SELECT ledger_table, idempotency_key, stored_hash, "
                    + "replayed_hash, replayed_content FROM posting_conflict"), "replays with other content");
            assertEquals(List.of(), query(clusterLedger, "SELECT reason_code, source_topic FROM dead_letter"));
            assertEquals(expectedOutput, committedCapacityOutput(bootstrap, expectedOutput));
            phase("ledger complete and checked", testStarted);
            cluster.run("flink.sh", SCRIPT_TIMEOUT, "cancel", upgradedJobId);

            // The reference: the same job, undisturbed, in this JVM, over the same topics to their end.
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            ClusterPostingJob.define(env, JobArguments.parse(List.of("--bootstrap-servers", bootstrap,
                    "--jdbc-url", referenceLedger, "--group-id", "reference", "--checkpoint-interval-ms", "500",
                    "--idleness-ms", "30000")),
                    true);
            migrate(referenceLedger);
            env.execute("reference run");
            phase("reference run", testStarted);
            Instant horizon = plant.lastPartTime().plus(Duration.ofMinutes(5));
            List<String> reference = ledger(referenceLedger, horizon);
            assertTrue(reference.size() > 500, () -> "only " + reference.size() + " reference rows");
            assertEquals(expectedOutput, query(referenceLedger, CAPACITY_OUTPUT), "the reference counts too");
            assertEquals(reference, ledger(clusterLedger, horizon), "the cluster's ledger, row for row");
            System.out.printf("plant: %d records, %s; ledger rows up to the horizon: %d; from SIGKILL to a checkpoint"
                    + " after the restore: %.1f s; savepoint upgrade until the new job runs restored: %.1f s%n",
                    plant.records(), expectedOutput, reference.size(), recoverySeconds, upgradeSeconds);
        } finally {
            plantClock.shutdownNow();
        }
    }

    private static void phase(String what, long testStarted) {
        System.out.printf("%6.1f s  %s%n", (System.nanoTime() - testStarted) / 1e9, what);
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static String jobId(String cliOutput) {
        Matcher matcher = JOB_ID.matcher(cliOutput);
        assertTrue(matcher.find(), () -> "no job id in:\n" + cliOutput);
        return matcher.group(1);
    }

    private static List<String> expectedCapacityOutput(LivePlant plant) {
        List<String> rows = new ArrayList<>();
        plant.counted().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> rows.add(e.getKey() + " "
                + new BigDecimal(e.getValue()[0]).setScale(5) + " " + new BigDecimal(e.getValue()[1]).setScale(5)));
        return rows;
    }

    private static List<String> expectedKpiParts(LivePlant plant) {
        return plant.machines.stream().sorted((a, b) -> a.id.compareTo(b.id))
                .map(m -> m.id + " " + m.goodCounted + " " + m.scrapCounted).toList();
    }

    /**
     * The capacity ledger entries on their topic as a read-committed consumer sees them, summed like
     * {@link #CAPACITY_OUTPUT}, once the sums reach {@code expected}; fails on an entry (order and entry number)
     * seen twice.
     */
    private static List<String> committedCapacityOutput(String bootstrap, List<String> expected) throws Exception {
        var decoder = ShopfloorSchemas.decoder(CapacityLedgerEntry.class);
        Map<String, BigDecimal[]> sums = new LinkedHashMap<>();
        Set<String> entryNumbers = new HashSet<>();
        List<String> rows = List.of();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "ledger-check",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(KafkaTopics.LEDGER_CAPACITY_ENTRIES));
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (!rows.equals(expected) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    CapacityLedgerEntry entry = decoder.decode(record.value());
                    // The job numbers each order's entries (the record key) from 1.
                    String entryNo = new String(record.key(), StandardCharsets.UTF_8) + "/" + entry.getEntryNo();
                    assertTrue(entryNumbers.add(entryNo), "entry " + entryNo + " twice");
                    if (entry.getOrderNo() == null || entry.getOrderNo().isEmpty()) {
                        continue;
                    }
                    BigDecimal[] sum = sums.computeIfAbsent(entry.getOrderNo() + "/" + entry.getOperationNo(),
                            k -> new BigDecimal[] {BigDecimal.ZERO.setScale(5), BigDecimal.ZERO.setScale(5)});
                    sum[0] = sum[0].add(zeroIfNull(entry.getOutputQuantity()));
                    sum[1] = sum[1].add(zeroIfNull(entry.getScrapQuantity()));
                }
                rows = sums.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> e.getKey() + " " + e.getValue()[0] + " " + e.getValue()[1]).toList();
            }
        }
        return rows;
    }

    private static BigDecimal zeroIfNull(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private static String database(EmbeddedPostgres postgres, String name) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + name;
    }

    private static void migrate(String jdbcUrl) {
        LedgerStoreSchema.migrate(jdbcUrl, "postgres", "", LedgerStoreSchema.Roles.defaults(),
                PostingSettings.DEFAULTS.deviationBasis());
    }

    private static long count(String jdbcUrl, String table) throws SQLException {
        return Long.parseLong(query(jdbcUrl, "SELECT count(*) FROM " + table).get(0));
    }

    private static List<String> ledger(String jdbcUrl, Instant horizon) throws SQLException {
        return query(jdbcUrl, LEDGER.replace("?1", "'" + horizon + "'::timestamptz"));
    }

    /** The rows of a query as text, columns separated by spaces (as the owner). */
    private static List<String> query(String jdbcUrl, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? " " : "").append(result.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
