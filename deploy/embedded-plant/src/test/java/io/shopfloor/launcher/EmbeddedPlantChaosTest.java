package io.shopfloor.launcher;

import static io.shopfloor.launcher.LedgerAgainstTruth.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.signal.MachineStateChange;
import io.shopfloor.schema.signal.OperationEvent;
import io.shopfloor.simulator.GroundTruth;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole embedded plant killed with SIGKILL at seeded random points (during start-up, right after it, while it
 * posts), sometimes together with its PostgreSQL server, sometimes leaving the server running as an orphan, and
 * started again on the same folder each time: the ledger still equals the simulator's ground truth exactly, with
 * no posting conflict and no dead letter, in the store or from the bridges.
 */
class EmbeddedPlantChaosTest {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPlantChaosTest.class);
    private static final long SEED = 20261203;
    private static final int KILLS = 3;
    private static final String SPEED = "200";
    private static final Duration START_DEADLINE = Duration.ofSeconds(150);
    private static final Duration POSTING_DEADLINE = Duration.ofSeconds(240);

    @TempDir
    Path data;

    @Test
    void killedAtRandomPointsTheLedgerStillEqualsTheGroundTruthExactlyOnce() throws Exception {
        Random random = new Random(SEED);
        List<String> kills = new ArrayList<>();
        for (int kill = 0; kill < KILLS; kill++) {
            PlantProcess plant = PlantProcess.start(data);
            try {
                String when;
                if (kill == 1) {
                    // Mid start-up: the database runs, Kafka, CDC, the bridges or the job are still starting.
                    plant.awaitLine(line -> line.contains("postgresql:"), START_DEADLINE);
                    when = "in start-up";
                } else {
                    plant.awaitStarted(START_DEADLINE);
                    // Right after the start (the job's first checkpoints), or while the plant posts.
                    long delayMillis = kill == 0 ? 1_000 + random.nextInt(1_000) : 4_000 + random.nextInt(8_000);
                    plant.sleep(delayMillis);
                    when = delayMillis + " ms after start";
                }
                boolean withDatabase = random.nextBoolean();
                plant.kill(withDatabase);
                kills.add("kill " + (kill + 1) + " " + when + (withDatabase ? ", PostgreSQL too" : ", PostgreSQL left"));
                LOG.info(kills.get(kills.size() - 1));
            } finally {
                plant.destroy();
            }
        }
        PlantProcess plant = PlantProcess.start(data);
        try {
            String bootstrapServers = plant.awaitStarted(START_DEADLINE);
            GroundTruth truth = GroundTruth.read(data.resolve("simulator/ground-truth.json"));
            PlantCredentials credentials = PlantCredentials.loadOrCreate(data);
            String missing = awaitEverythingPosted(credentials, truth);
            try (Connection ledger = connect(credentials)) {
                LOG.info("after {}: dead letters {}", kills, query(ledger, "SELECT reason_code, stage, "
                        + "left(reason_detail, 200), count(*) FROM dead_letter GROUP BY 1, 2, 3 ORDER BY 1 LIMIT 20"));
                try {
                    LedgerAgainstTruth.assertMatches(ledger, truth);
                } catch (AssertionError e) {
                    writeDiagnostics(ledger, bootstrapServers, truth);
                    throw e;
                }
            }
            assertEquals(List.of(), EmbeddedPlantEndToEndTest.bridgeDeadLetters(bootstrapServers),
                    "dead letters of the MQTT bridges");
            assertEquals("", missing);
            assertEquals(KILLS, kills.size());
        } finally {
            plant.stop();
        }
    }

    /**
     * What a failed comparison needs to be explained, in target/chaos-diagnostics.txt: the kills, the capacity entries
     * and machine KPIs of the plant's machines, and the operation events and machine states on Kafka (the job's input), each in order.
     */
    private void writeDiagnostics(Connection ledger, String bootstrapServers, GroundTruth truth) {
        Path file = Path.of("target", "chaos-diagnostics.txt");
        try {
            List<String> lines = new ArrayList<>();
            lines.add("truth: " + truth.operations());
            lines.add("== capacity entries");
            lines.addAll(query(ledger, "SELECT entry_no, order_no, operation_no, no, posting_date, starting_time, "
                    + "ending_time, output_quantity, scrap_quantity, setup_time, run_time, stop_time, stop_code "
                    + "FROM capacity_ledger_entry ORDER BY order_no, operation_no, entry_no"));
            lines.add("== machine KPIs");
            lines.addAll(query(ledger, "SELECT machine_id, window_start, window_end, good_parts, setup_millis, "
                    + "run_millis, stop_millis, no_signal_millis FROM machine_kpi ORDER BY 1, 2"));
            lines.add("== operation events");
            lines.addAll(EmbeddedPlantEndToEndTest.topicRecords(bootstrapServers, KafkaTopics.OPERATION_EVENTS,
                    OperationEvent.class));
            lines.add("== machine states");
            lines.addAll(EmbeddedPlantEndToEndTest.topicRecords(bootstrapServers, KafkaTopics.MACHINE_STATES,
                    MachineStateChange.class));
            Files.write(file, lines, StandardCharsets.UTF_8);
            LOG.info("diagnostics in {}", file.toAbsolutePath());
        } catch (Exception e) {
            LOG.warn("no diagnostics", e);
        }
    }

    private String awaitEverythingPosted(PlantCredentials credentials, GroundTruth truth) throws Exception {
        long deadline = System.nanoTime() + POSTING_DEADLINE.toNanos();
        String state = "";
        while (System.nanoTime() < deadline) {
            try (Connection ledger = connect(credentials)) {
                String finished = query(ledger, "SELECT count(DISTINCT order_no) FROM production_order_status_history "
                        + "WHERE to_status = 'FINISHED' AND order_no IN ('" + String.join("', '", truth.orders().stream()
                        .map(GroundTruth.OrderTruth::orderNo).toList()) + "')").get(0);
                String kpis = query(ledger, "SELECT count(*) FROM (SELECT machine_id FROM machine_kpi GROUP BY 1 "
                        + "HAVING max(window_end) >= '" + truth.end() + "') m").get(0);
                if (finished.equals(String.valueOf(truth.orders().size()))
                        && kpis.equals(String.valueOf(truth.machines().size()))) {
                    return "";
                }
                state = finished + " of " + truth.orders().size() + " orders finished, " + kpis + " of "
                        + truth.machines().size() + " machines' KPIs complete";
            }
            TimeUnit.SECONDS.sleep(1);
        }
        return "after " + POSTING_DEADLINE + ": " + state;
    }

    private Connection connect(PlantCredentials credentials) throws IOException, SQLException {
        // Line 4 of postmaster.pid is the server's port.
        String port = Files.readAllLines(data.resolve("postgres/postmaster.pid"), StandardCharsets.UTF_8).get(3).trim();
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/" + EmbeddedPlant.LEDGER_DATABASE,
                PlantCredentials.POSTGRES_OWNER, credentials.postgresOwnerPassword());
    }

    /** The plant in a child JVM (the test's own class path), its console read line by line. */
    private static final class PlantProcess {
        private final Process process;
        private final Path data;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        private PlantProcess(Process process, Path data) {
            this.process = process;
            this.data = data;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line);
                        if (!line.contains(" DEBUG ") && !line.contains(" INFO ")) {
                            LOG.info("plant> {}", line);
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
            }, "chaos-plant-console");
            reader.setDaemon(true);
            reader.start();
        }

        static PlantProcess start(Path data) throws IOException {
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process process = new ProcessBuilder(java.toString(), "-Xmx1g", "-cp",
                    System.getProperty("java.class.path"), ChaosPlantMain.class.getName(), data.toString(), SPEED)
                    .redirectErrorStream(true).start();
            return new PlantProcess(process, data);
        }

        String awaitStarted(Duration timeout) throws InterruptedException {
            return awaitLine(line -> line.startsWith(ChaosPlantMain.STARTED), timeout)
                    .substring(ChaosPlantMain.STARTED.length());
        }

        String awaitLine(java.util.function.Predicate<String> matches, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                String line = lines.poll(200, TimeUnit.MILLISECONDS);
                if (line != null && matches.test(line)) {
                    return line;
                }
                assertTrue(process.isAlive() || !lines.isEmpty(), () -> "the plant ended (exit " + exitCode() + ")"
                        + postgresLog());
            }
            throw new AssertionError("the plant did not print the line within " + timeout);
        }

        void sleep(long millis) throws InterruptedException {
            assertTrue(!process.waitFor(millis, TimeUnit.MILLISECONDS), () -> "the plant ended (exit " + exitCode()
                    + ")" + postgresLog());
        }

        /** The end of PostgreSQL's log, to say why a start failed. */
        private String postgresLog() {
            try {
                List<String> log = Files.readAllLines(data.resolve("postgres.log"), StandardCharsets.UTF_8);
                return "; the end of postgres.log:\n" + String.join("\n", log.subList(Math.max(0, log.size() - 30),
                        log.size()));
            } catch (IOException e) {
                return "; no postgres.log: " + e.getMessage();
            }
        }

        /** SIGKILL to the JVM, and to the PostgreSQL server (which pg_ctl started in a session of its own). */
        void kill(boolean withDatabase) throws Exception {
            Optional<Long> postmaster = postmasterPid();
            process.destroyForcibly();
            assertEquals(137, process.waitFor(), "killed by SIGKILL");
            if (withDatabase && postmaster.isPresent()) {
                new ProcessBuilder("kill", "-KILL", String.valueOf(postmaster.get())).start().waitFor();
            }
        }

        private Optional<Long> postmasterPid() throws IOException {
            Path pidFile = data.resolve("postgres/postmaster.pid");
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).trim()));
        }

        /** A clean stop (SIGTERM: the shutdown hook closes the plant), as at the end of a shift. */
        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }

        void destroy() throws InterruptedException {
            if (process.isAlive()) {
                process.destroyForcibly().waitFor();
            }
        }

        private String exitCode() {
            return process.isAlive() ? "none yet" : String.valueOf(process.exitValue());
        }
    }
}
