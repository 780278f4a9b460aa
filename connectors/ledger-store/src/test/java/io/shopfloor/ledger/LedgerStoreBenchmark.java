package io.shopfloor.ledger;

import io.shopfloor.job.order.PostedEntry;
import io.shopfloor.posting.PostingSettings;
import io.shopfloor.posting.ledger.CapacityLedgerEntry;
import io.shopfloor.posting.ledger.ItemLedgerEntry;
import io.shopfloor.posting.ledger.ItemLedgerEntryType;
import io.shopfloor.posting.ledger.OrderType;
import io.shopfloor.posting.ledger.ValueEntry;
import io.shopfloor.posting.ledger.ValueEntryType;
import io.shopfloor.posting.model.CapacityType;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.util.Collector;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ledger rows per second written by the {@link LedgerStoreSink} into a real PostgreSQL (zonky's binaries), the
 * latency from an entry reaching the sink to its commit (p50, p99), and where the CPU went, per row:
 * this JVM (of which the sink's writes, and, measured alone before the run, the sink's conversion of entries to
 * rows and the benchmark's generation of entries), PostgreSQL (all its processes), and what other processes used
 * meanwhile, so that figures taken on a shared machine still say something. Each posting is an output, as the job
 * emits it ({@link PostedEntry}, converted by {@link StoreRows#of(PostedEntry)} in the sink): a capacity ledger
 * entry, an item ledger entry and two value entries naming them. A program, not a test: {@code --postings=N}
 * (default 250,000 = 1,000,000 rows), {@code --parallelism=P} (default 2), {@code --batch-size=B} and
 * {@code --max-delay-ms=D} (default the sink's, 5,000 rows and 200 ms); {@code --warmup-postings=W} (default 50,000;
 * a run of its own into another database before the measured one, on the same local cluster, so that the JIT's
 * work is not measured); {@code --what-if-sql=S} runs S as the owner after the migrations (to measure, say, an
 * index less); {@code --prefill-rows=N} (default 0) fills the item, capacity and value entry tables with N rows in
 * all before the measured run (copies of a posted entry with their own keys, orders and posting dates over a year), so
 * that the run measures the sink against tables of a plant's years; {@code --fsync=on|off} (default on, as the
 * embedded plant runs PostgreSQL; zonky's own default is off); {@code --server-config=k=v,k=v} sets PostgreSQL
 * settings. It prints the server settings it ran with and PostgreSQL's WAL, full-page images, checkpoints and
 * autovacuum runs during the measured run.
 */
public final class LedgerStoreBenchmark {
    private static final int ROWS_PER_POSTING = 4;
    private static final LocalDate DATE = LocalDate.parse("2026-03-02");
    private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");
    private static final BigDecimal QUANTITY = new BigDecimal("10.00000");
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static long[] latenciesNanos = new long[1 << 20];
    private static int latencyCount;
    private static long writeCpuNanos;

    private LedgerStoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long postings = Long.parseLong(option(args, "postings", "250000"));
        int parallelism = Integer.parseInt(option(args, "parallelism", "2"));
        LedgerStoreSink.Settings defaults = LedgerStoreSink.Settings.of("", "", "");
        int batchSize = Integer.parseInt(option(args, "batch-size", String.valueOf(defaults.batchSize())));
        long maxDelayMillis = Long.parseLong(option(args, "max-delay-ms",
                String.valueOf(defaults.maxDelay().toMillis())));
        long warmUpPostings = Long.parseLong(option(args, "warmup-postings", "50000"));

        // Alone on this thread (and warming up the JIT): the generator's and the conversion's CPU per row.
        int alone = 100_000;
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        List<List<PostedEntry>> generated = new java.util.ArrayList<>(alone);
        for (int n = 0; n < alone; n++) {
            generated.add(posting(n));
        }
        long cpu1 = THREADS.getCurrentThreadCpuTime();
        long checksum = 0;
        for (List<PostedEntry> posting : generated) {
            for (PostedEntry entry : posting) {
                checksum += StoreRows.of(entry).contentHash()[0];
            }
        }
        long cpu2 = THREADS.getCurrentThreadCpuTime();
        generated = null;
        double generatorMicros = (cpu1 - cpu0) / 1e3 / (alone * ROWS_PER_POSTING);
        double conversionMicros = (cpu2 - cpu1) / 1e3 / (alone * ROWS_PER_POSTING);

        long prefillRows = Long.parseLong(option(args, "prefill-rows", "0").replace("_", ""));
        String fsync = option(args, "fsync", "on");
        EmbeddedPostgres.Builder server = EmbeddedPostgres.builder().setServerConfig("fsync", fsync)
                .setServerConfig("synchronous_commit", fsync);
        for (String setting : option(args, "server-config", "").split(",")) {
            if (!setting.isBlank()) {
                String[] nameValue = setting.split("=", 2);
                server.setServerConfig(nameValue[0].trim(), nameValue[1].trim());
            }
        }
        try (EmbeddedPostgres postgres = server.start()) {
            long postmaster;
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE ledger");
                try (ResultSet pid = statement.executeQuery("SELECT pg_backend_pid()")) {
                    pid.next();
                    postmaster = CpuMeter.parentOf(pid.getLong(1));
                }
            }
            String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/ledger";
            LedgerStoreSchema.Roles roles = LedgerStoreSchema.Roles.defaults();
            LedgerStoreSchema.migrate(url, "postgres", "", roles, PostingSettings.DeviationBasis.STANDARD);
            String whatIf = option(args, "what-if-sql", "");
            if (!whatIf.isEmpty()) {
                try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                     Statement statement = connection.createStatement()) {
                    statement.execute(whatIf);
                }
                System.out.println("what if: " + whatIf);
            }

            LedgerStoreSink.Settings settings = new LedgerStoreSink.Settings(url, roles.writer(),
                    roles.writerPassword(), batchSize, Duration.ofMillis(maxDelayMillis));
            MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setNumTaskManagers(1)
                    .setNumSlotsPerTaskManager(parallelism).withRandomPorts().build());
            cluster.start();
            if (warmUpPostings > 0) {
                // The JIT compiles Flink's, the driver's and the sink's code on a run of its own, into a database of
                // its own, so that the measured run shows the steady state.
                try (Connection connection = postgres.getPostgresDatabase().getConnection();
                     Statement statement = connection.createStatement()) {
                    statement.execute("CREATE DATABASE warmup");
                }
                String warmUpUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/warmup";
                LedgerStoreSchema.migrate(warmUpUrl, "postgres", "", roles, PostingSettings.DeviationBasis.STANDARD);
                run(cluster, new LedgerStoreSink.Settings(warmUpUrl, roles.writer(), roles.writerPassword(),
                        batchSize, Duration.ofMillis(maxDelayMillis)), 0, warmUpPostings, parallelism);
                reset();
            }

            if (prefillRows > 0) {
                // A posting through the sink, numbered after the measured ones, gives a real row per table to copy.
                run(cluster, settings, postings, 1, 1);
                prefill(url, prefillRows);
                reset();
            }
            long rowsBefore = ledgerRows(url);
            System.out.println("server settings: " + serverSettings(url));
            long[] serverBefore = serverActivity(url);

            String loadBefore = CpuMeter.loadAverage();
            long jvmBefore = CpuMeter.jvmNanos();
            long postgresBefore = CpuMeter.postgresNanos(postmaster);
            long machineBefore = CpuMeter.machineBusyNanos();
            long started = System.nanoTime();
            run(cluster, settings, 0, postings, parallelism);
            double seconds = (System.nanoTime() - started) / 1e9;
            long jvmNanos = CpuMeter.jvmNanos() - jvmBefore;
            awaitWritersGone(url);
            long postgresNanos = CpuMeter.postgresNanos(postmaster) - postgresBefore;
            long[] serverAfter = serverActivity(url);
            long machineNanos = CpuMeter.machineBusyNanos() - machineBefore;
            String loadAfter = CpuMeter.loadAverage();
            cluster.close();

            long rows = ledgerRows(url) - rowsBefore;
            long[] latencies = Arrays.copyOf(latenciesNanos, latencyCount);
            Arrays.sort(latencies);
            System.out.printf("ledger store sink: %,d rows (%,d postings) at parallelism %d, batches of %,d rows or "
                            + "%d ms, in %.1f s = %,.0f rows/s, into tables that held %,d rows; fsync %s%n", rows,
                    postings, parallelism, batchSize, maxDelayMillis, seconds, rows / seconds, rowsBefore, fsync);
            System.out.printf("latency from sink to commit: p50 %.0f ms, p99 %.0f ms, max %.0f ms (%,d rows)%n",
                    percentile(latencies, 0.50), percentile(latencies, 0.99), percentile(latencies, 1.0),
                    latencies.length);
            System.out.printf("CPU per row: JVM %.1f µs (of which sink writes %.1f µs; measured alone: conversion "
                            + "to rows %.1f µs, benchmark's generator %.1f µs), PostgreSQL %.1f µs%n",
                    jvmNanos / 1e3 / rows, writeCpuNanos / 1e3 / rows, conversionMicros, generatorMicros,
                    postgresNanos / 1e3 / rows);
            System.out.printf("machine: %d cores; during the run this JVM used %.2f cores, PostgreSQL %.2f, other "
                            + "processes %.2f; load average before %s, after %s (checksum %d)%n",
                    Runtime.getRuntime().availableProcessors(), jvmNanos / 1e9 / seconds,
                    postgresNanos / 1e9 / seconds,
                    Math.max(0, machineNanos - jvmNanos - postgresNanos) / 1e9 / seconds, loadBefore, loadAfter,
                    checksum);
            System.out.printf("PostgreSQL during the run: WAL %.0f bytes per row (%.2f full-page images per row), "
                            + "checkpoints %d timed and %d requested, autovacuum %d and autoanalyze %d runs%n",
                    (serverAfter[0] - serverBefore[0]) / (double) rows,
                    (serverAfter[1] - serverBefore[1]) / (double) rows,
                    serverAfter[2] - serverBefore[2], serverAfter[3] - serverBefore[3],
                    serverAfter[4] - serverBefore[4], serverAfter[5] - serverBefore[5]);
            if (rows != postings * ROWS_PER_POSTING) {
                throw new IllegalStateException("expected " + postings * ROWS_PER_POSTING + " rows, found " + rows);
            }
        }
    }

    /** The one row a query as the superuser returns, read by {@code read}. */
    private static <T> T queryRow(String url, String sql, RowReader<T> read) throws Exception {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return read.read(result);
        }
    }

    private interface RowReader<T> {
        T read(ResultSet row) throws Exception;
    }

    private static long ledgerRows(String url) throws Exception {
        return queryRow(url, "SELECT (SELECT count(*) FROM item_ledger_entry) + "
                + "(SELECT count(*) FROM capacity_ledger_entry) + (SELECT count(*) FROM value_entry)",
                row -> row.getLong(1));
    }

    /** The server settings that the ledger's write speed depends on, as the server runs them. */
    private static String serverSettings(String url) throws Exception {
        return queryRow(url, "SELECT string_agg(name || '=' || setting || coalesce(unit, ''), ' ' ORDER BY name) "
                + "FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', "
                + "'shared_buffers', 'wal_buffers', 'max_wal_size', 'checkpoint_timeout', 'wal_compression', "
                + "'wal_level', 'autovacuum')", row -> row.getString(1));
    }

    /** WAL bytes, full-page images, timed and requested checkpoints, autovacuum and autoanalyze runs so far. */
    private static long[] serverActivity(String url) throws Exception {
        return queryRow(url, "SELECT w.wal_bytes, w.wal_fpi, c.num_timed, c.num_requested, "
                + "(SELECT sum(autovacuum_count) FROM pg_stat_all_tables), "
                + "(SELECT sum(autoanalyze_count) FROM pg_stat_all_tables) "
                + "FROM pg_stat_wal w, pg_stat_checkpointer c", row -> {
                    long[] activity = new long[6];
                    for (int i = 0; i < activity.length; i++) {
                        activity[i] = row.getLong(i + 1);
                    }
                    return activity;
                });
    }

    /**
     * Fills the three tables with {@code rows} in all (item and capacity a quarter each, value entries half, as
     * the job posts them), as the owner: copies of the one row each holds, each with its own idempotency and source
     * key, order (a thousand rows per order) and posting date (over the year before the measured run's), then
     * analyzes them, as autovacuum would after a bulk load.
     */
    private static void prefill(String url, long rows) throws Exception {
        long started = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement()) {
            for (String table : List.of("item_ledger_entry", "capacity_ledger_entry", "value_entry")) {
                long count = table.equals("value_entry") ? rows / 2 : rows / 4;
                List<String> columns = new java.util.ArrayList<>();
                try (ResultSet result = statement.executeQuery("SELECT column_name FROM information_schema.columns "
                        + "WHERE table_name = '" + table + "' AND column_name <> 'entry_no' AND is_generated = 'NEVER' "
                        + "ORDER BY ordinal_position")) {
                    while (result.next()) {
                        columns.add(result.getString(1));
                    }
                }
                String values = columns.stream().map(column -> switch (column) {
                    case "idempotency_key", "source_key" -> column + " || '/prefill/' || g";
                    case "order_no", "document_no" -> "'PRE-' || (g / 1000)";
                    case "posting_date" -> "posting_date - 1 - (g % 365)::int";
                    case "applies_to_entry" -> "NULL";
                    default -> column;
                }).collect(java.util.stream.Collectors.joining(", "));
                statement.execute("INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT " + values
                        + " FROM (SELECT * FROM " + table + " LIMIT 1) template, generate_series(1, " + count + ") g");
                statement.execute("ANALYZE " + table);
            }
        }
        System.out.printf("prefilled %,d rows in %.1f s%n", rows, (System.nanoTime() - started) / 1e9);
    }

    /** The benchmark's job on the cluster: generated postings, as the job emits them, into the sink. */
    private static void run(MiniCluster cluster, LedgerStoreSink.Settings settings, long firstPosting, long postings,
                            int parallelism) throws Exception {
        Configuration configuration = new Configuration();
        // A benchmark run either runs through or fails: a restarted run measures something else.
        configuration.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration);
        env.setParallelism(parallelism);
        env.enableCheckpointing(10_000);
        // As the posting job runs: chained operators hand records over without copying them.
        env.getConfig().enableObjectReuse();
        env.fromSource(new DataGeneratorSource<>(index -> firstPosting + index, postings, RateLimiterStrategy.noOp(),
                        Types.LONG),
                        WatermarkStrategy.noWatermarks(), "postings")
                .flatMap((Long posting, Collector<PostedEntry> out) -> posting(posting).forEach(out::collect),
                        TypeInformation.of(PostedEntry.class))
                .name("entries")
                .sinkTo(new LedgerStoreSink<>(settings, StoreRows::of, LedgerStoreBenchmark::record))
                .name("ledger store");
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName("ledger store benchmark");
        JobResult result = cluster.requestJobResult(cluster.submitJob(graph).get().getJobID())
                .get(30, TimeUnit.MINUTES);
        result.toJobExecutionResult(LedgerStoreBenchmark.class.getClassLoader());
    }

    private static synchronized void reset() {
        latencyCount = 0;
        writeCpuNanos = 0;
    }

    /** One output posting of order RPO-n, as the job emits it: capacity entry, item entry, a value entry for each. */
    static List<PostedEntry> posting(long n) {
        String order = "RPO-" + n;
        Instant time = START.plusMillis(n);
        CapacityLedgerEntry capacity = new CapacityLedgerEntry(1L, order + "/CLE1", "20", CapacityType.MACHINE_CENTER,
                "MC-ASSY", "Assembly", "WC-ASSY", "", false, QUANTITY, QUANTITY, true, BigDecimal.ZERO, QUANTITY,
                BigDecimal.ZERO, "MINUTES", BigDecimal.ONE, "FG-100", "", QUANTITY, BigDecimal.ZERO, "PCS",
                BigDecimal.ONE, OrderType.PRODUCTION, order, 10000, "R-100", 10000, DATE, DATE, order, "",
                time.minusSeconds(600), time, BigDecimal.ONE, "EARLY", "", "", true);
        ItemLedgerEntry item = new ItemLedgerEntry(1L, order + "/ILE1", "FG-100", "", DATE, ItemLedgerEntryType.OUTPUT,
                "FG-100", order, "", "MAIN", QUANTITY, QUANTITY, BigDecimal.ZERO, true, true, null,
                OrderType.PRODUCTION, order, 10000, 0, "PCS", BigDecimal.ONE, false, "MACHINE");
        ValueEntry capacityCost = new ValueEntry(1L, order + "/VE1", null, 1L, ValueEntryType.DIRECT_COST, null, null,
                CapacityType.MACHINE_CENTER, "MC-ASSY", "FG-100", OrderType.PRODUCTION, order, 10000, "FG-100", "MAIN",
                QUANTITY, QUANTITY, BigDecimal.ZERO, new BigDecimal("5.00"), new BigDecimal("0.00"),
                new BigDecimal("0.5"), false, true, DATE, DATE, order, "MACHINE", false);
        ValueEntry outputCost = new ValueEntry(2L, order + "/VE2", 1L, null, ValueEntryType.DIRECT_COST, null,
                ItemLedgerEntryType.OUTPUT, null, "", "FG-100", OrderType.PRODUCTION, order, 10000, "FG-100", "MAIN",
                QUANTITY, BigDecimal.ZERO, QUANTITY, new BigDecimal("0.00"), new BigDecimal("78.10"),
                new BigDecimal("7.81"), true, true, DATE, DATE, order, "MACHINE", false);
        return PostedEntry.of(order, time, List.of(capacity, item, capacityCost, outputCost));
    }

    /** Waits until the sink's connections are closed, so that their backends' CPU time is counted. */
    private static void awaitWritersGone(String url) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             Statement statement = connection.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet result = statement.executeQuery(
                        "SELECT count(*) FROM pg_stat_activity WHERE usename = 'ledger_writer'")) {
                    result.next();
                    if (result.getLong(1) == 0) {
                        return;
                    }
                }
            }
        }
    }

    private static synchronized void record(long[] receivedNanos, int count, long committedNanos, long cpuNanos) {
        if (latencyCount + count > latenciesNanos.length) {
            latenciesNanos = Arrays.copyOf(latenciesNanos, Math.max(latenciesNanos.length * 2, latencyCount + count));
        }
        for (int i = 0; i < count; i++) {
            latenciesNanos[latencyCount++] = committedNanos - receivedNanos[i];
        }
        writeCpuNanos += cpuNanos;
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN
                : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static String option(String[] args, String name, String fallback) {
        for (String arg : args) {
            if (arg.startsWith("--" + name + "=")) {
                return arg.substring(name.length() + 3);
            }
        }
        return fallback;
    }
}
