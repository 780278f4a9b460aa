package io.shopfloor.ledger;

import io.shopfloor.job.order.PostedEntry;
import io.shopfloor.posting.PostingSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@link LedgerWriter} alone, without Flink: one thread writes pre-converted rows (the benchmark's postings) in
 * batches and the program prints PostgreSQL's CPU per row and the writer's, to compare schema and statement
 * variants quickly on a loaded machine. A program, not a test: {@code --postings=N} (default 100,000),
 * {@code --batch-size=B} (5,000), {@code --what-if-sql=S} (run as the owner after the migrations),
 * {@code --perf=FILE} (record the writing backend with Linux perf into FILE), {@code --server-config=k=v,k=v}
 * (PostgreSQL settings, to measure a server's tuning).
 */
public final class LedgerWriterBenchmark {
    private LedgerWriterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int postings = Integer.parseInt(option(args, "postings", "100000"));
        int batchSize = Integer.parseInt(option(args, "batch-size", "5000"));
        String whatIf = option(args, "what-if-sql", "");
        String perfFile = option(args, "perf", "");
        List<StoreRow> rows = new ArrayList<>(postings * 4);
        for (int n = 0; n < postings; n++) {
            for (PostedEntry entry : LedgerStoreBenchmark.posting(n)) {
                rows.add(StoreRows.of(entry));
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        EmbeddedPostgres.Builder server = EmbeddedPostgres.builder();
        for (String setting : option(args, "server-config", "").split(",")) {
            if (!setting.isEmpty()) {
                server.setServerConfig(setting.substring(0, setting.indexOf('=')),
                        setting.substring(setting.indexOf('=') + 1));
            }
        }
        try (EmbeddedPostgres postgres = server.start()) {
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE ledger");
            }
            String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/ledger";
            LedgerStoreSchema.Roles roles = LedgerStoreSchema.Roles.defaults();
            LedgerStoreSchema.migrate(url, "postgres", "", roles, PostingSettings.DeviationBasis.STANDARD);
            if (!whatIf.isEmpty()) {
                try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                     Statement statement = connection.createStatement()) {
                    statement.execute(whatIf);
                }
                System.out.println("what if: " + whatIf);
            }
            try (LedgerWriter writer = new LedgerWriter(url, roles.writer(), roles.writerPassword());
                 Connection probe = DriverManager.getConnection(url, "postgres", "");
                 Statement statement = probe.createStatement()) {
                long backend;
                try (ResultSet result = statement.executeQuery("SELECT pid FROM pg_stat_activity "
                        + "WHERE usename = 'ledger_writer'")) {
                    result.next();
                    backend = result.getLong(1);
                }
                long postmaster = CpuMeter.parentOf(backend);
                // Warm-up: the first tenth.
                int warmUp = rows.size() / 10 / batchSize * batchSize;
                for (int i = 0; i < warmUp; i += batchSize) {
                    writer.write(rows.subList(i, i + batchSize));
                }
                Process perf = perfFile.isEmpty() ? null : new ProcessBuilder("perf", "record", "-F", "499", "-g",
                        "-o", perfFile, "-p", Long.toString(backend)).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                long postgresBefore = CpuMeter.postgresNanos(postmaster);
                long writerBefore = threads.getCurrentThreadCpuTime();
                long started = System.nanoTime();
                for (int i = warmUp; i < rows.size(); i += batchSize) {
                    writer.write(rows.subList(i, Math.min(rows.size(), i + batchSize)));
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                long writerNanos = threads.getCurrentThreadCpuTime() - writerBefore;
                long postgresNanos = CpuMeter.postgresNanos(postmaster) - postgresBefore;
                if (perf != null) {
                    new ProcessBuilder("kill", "-INT", Long.toString(perf.pid())).start().waitFor();
                    perf.waitFor(30, TimeUnit.SECONDS);
                }
                int measured = rows.size() - warmUp;
                System.out.printf("ledger writer: %,d rows in batches of %,d in %.1f s = %,.0f rows/s; CPU per row: "
                                + "writer %.1f µs, PostgreSQL %.1f µs; load average %s%n", measured, batchSize,
                        seconds, measured / seconds, writerNanos / 1e3 / measured, postgresNanos / 1e3 / measured,
                        CpuMeter.loadAverage());
            }
        }
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
