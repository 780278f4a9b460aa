package io.shopfloor.ledger;

import io.shopfloor.job.JavaSerializableTypeInfo;
import io.shopfloor.posting.PostingSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Ledger rows per second written by the {@link LedgerStoreSink} into a real PostgreSQL (zonky, fsync off as zonky
 * runs it), and the latency from a row reaching the sink to its commit (p50, p99). Each posting is an output: an
 * item ledger entry, a capacity ledger entry and two value entries naming them. A program, not a test:
 * {@code --postings=N} (default 250,000 = 1,000,000 rows), {@code --parallelism=P} (default 2).
 */
public final class LedgerStoreBenchmark {
    private static final int ROWS_PER_POSTING = 4;
    private static long[] latenciesNanos = new long[1 << 20];
    private static int latencyCount;

    private LedgerStoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long postings = Long.parseLong(option(args, "postings", "250000"));
        int parallelism = Integer.parseInt(option(args, "parallelism", "2"));
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE ledger");
            }
            String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/ledger";
            LedgerStoreSchema.Roles roles = LedgerStoreSchema.Roles.defaults();
            LedgerStoreSchema.migrate(url, "postgres", "", roles, PostingSettings.DeviationBasis.STANDARD);

            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(parallelism);
            env.enableCheckpointing(10_000);
            TypeInformation<StoreRow> rowType = JavaSerializableTypeInfo.forClass(StoreRow.class);
            env.fromSource(new DataGeneratorSource<>(index -> index, postings, RateLimiterStrategy.noOp(), Types.LONG),
                            WatermarkStrategy.noWatermarks(), "postings")
                    .flatMap((Long posting, Collector<StoreRow> out) -> posting(posting).forEach(out::collect), rowType)
                    .name("rows")
                    .sinkTo(new LedgerStoreSink<>(LedgerStoreSink.Settings.of(url, roles.writer(), roles.writerPassword()),
                            row -> row, LedgerStoreBenchmark::record))
                    .name("ledger store");
            long started = System.nanoTime();
            env.execute("ledger store benchmark");
            double seconds = (System.nanoTime() - started) / 1e9;

            long rows;
            try (Connection connection = java.sql.DriverManager.getConnection(url, "postgres", "");
                 Statement statement = connection.createStatement();
                 var result = statement.executeQuery("SELECT (SELECT count(*) FROM item_ledger_entry) + "
                         + "(SELECT count(*) FROM capacity_ledger_entry) + (SELECT count(*) FROM value_entry)")) {
                result.next();
                rows = result.getLong(1);
            }
            long[] latencies = Arrays.copyOf(latenciesNanos, latencyCount);
            Arrays.sort(latencies);
            System.out.printf("ledger store sink: %,d rows (%,d postings) at parallelism %d in %.1f s = %,.0f rows/s%n",
                    rows, postings, parallelism, seconds, rows / seconds);
            System.out.printf("latency from sink to commit: p50 %.0f ms, p99 %.0f ms, max %.0f ms (%,d rows)%n",
                    percentile(latencies, 0.50), percentile(latencies, 0.99), percentile(latencies, 1.0),
                    latencies.length);
            if (rows != postings * ROWS_PER_POSTING) {
                throw new IllegalStateException("expected " + postings * ROWS_PER_POSTING + " rows, found " + rows);
            }
        }
    }

    /** One output posting of order RPO-n: the item entry, the capacity entry, and a value entry for each. */
    static java.util.List<StoreRow> posting(long n) {
        String order = "RPO-" + n;
        Instant time = Instant.parse("2026-03-02T08:00:00Z").plusMillis(n);
        LocalDate date = LocalDate.parse("2026-03-02");
        BigDecimal quantity = new BigDecimal("10.00000");
        return java.util.List.of(
                StoreRow.of(LedgerTable.CAPACITY_LEDGER_ENTRY, order + "/CLE1", order, 1L, "20", "MACHINE_CENTER",
                        "MC-ASSY", "Assembly", "WC-ASSY", "", false, quantity, quantity, true, BigDecimal.ZERO,
                        quantity, BigDecimal.ZERO, "MINUTES", BigDecimal.ONE, "FG-100", "", quantity, BigDecimal.ZERO,
                        "PCS", BigDecimal.ONE, "PRODUCTION", order, 10000, "R-100", 10000, date, date, order, "",
                        time.minusSeconds(600), time, BigDecimal.ONE, "EARLY", "", "", true, time),
                StoreRow.of(LedgerTable.ITEM_LEDGER_ENTRY, order + "/ILE1", order, 1L, "FG-100", "", date, "OUTPUT",
                        "FG-100", order, "", "MAIN", quantity, quantity, BigDecimal.ZERO, true, true, null,
                        "PRODUCTION", order, 10000, 0, "PCS", BigDecimal.ONE, false, "MACHINE", new BigDecimal("78.10"),
                        new BigDecimal("0.00"), time),
                StoreRow.of(LedgerTable.VALUE_ENTRY, order + "/VE1", order, 1L, null, 1L, "DIRECT_COST", null, null,
                        "MACHINE_CENTER", "MC-ASSY", "FG-100", "PRODUCTION", order, 10000, "FG-100", "MAIN", quantity,
                        quantity, BigDecimal.ZERO, new BigDecimal("5.00"), new BigDecimal("0.00"), new BigDecimal("0.5"),
                        false, true, date, date, order, "MACHINE", false, time),
                StoreRow.of(LedgerTable.VALUE_ENTRY, order + "/VE2", order, 2L, 1L, null, "DIRECT_COST", null,
                        "OUTPUT", null, "", "FG-100", "PRODUCTION", order, 10000, "FG-100", "MAIN", quantity,
                        BigDecimal.ZERO, quantity, new BigDecimal("0.00"), new BigDecimal("78.10"),
                        new BigDecimal("7.81"), true, true, date, date, order, "MACHINE", false, time));
    }

    private static synchronized void record(long[] receivedNanos, int count, long committedNanos) {
        if (latencyCount + count > latenciesNanos.length) {
            latenciesNanos = Arrays.copyOf(latenciesNanos, Math.max(latenciesNanos.length * 2, latencyCount + count));
        }
        for (int i = 0; i < count; i++) {
            latenciesNanos[latencyCount++] = committedNanos - receivedNanos[i];
        }
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
