package io.shopfloor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A postmaster killed alone (as the chaos test and a crash can leave it) leaves its backends running: a backend busy
 * in a long query does not notice at once and holds the server's shared memory, so a new server would refuse to
 * start. The start stops them, and the server starts on the same folder, recovering (its log says so).
 */
class StalePostgresTest {
    private static final String PASSWORD = "stale-postgres-test";

    @TempDir
    Path data;

    @Test
    void backendsOfAKilledServerAreStoppedAndTheServerStartsAgain() throws Exception {
        Path folder = data.resolve("postgres");
        EmbeddedPostgres killed = EmbeddedLedgerDatabase.start(folder, PASSWORD);
        Connection busy = connect(killed);
        CompletableFuture<Void> query = CompletableFuture.runAsync(() -> {
            try (Statement statement = busy.createStatement()) {
                statement.execute("SELECT count(*) FROM generate_series(1, 100000000000)");
            } catch (Exception expected) {
                // its backend is stopped below
            }
        });
        long postmaster = Long.parseLong(Files.readAllLines(folder.resolve("postmaster.pid"),
                StandardCharsets.UTF_8).get(0).trim());
        ProcessHandle server = ProcessHandle.of(postmaster).orElseThrow();
        awaitBackendBusy(killed);
        new ProcessBuilder("kill", "-KILL", String.valueOf(postmaster)).start().waitFor();
        server.onExit().get(30, TimeUnit.SECONDS);
        Path realFolder = folder.toRealPath();
        assertTrue(ProcessHandle.allProcesses().anyMatch(p -> p.isAlive()
                && p.info().command().map(c -> c.endsWith("/postgres")).orElse(false)
                && realFolder.equals(workingDirectory(p))), "a backend outlives its postmaster");

        Optional<String> stopped = StalePostgres.stopIfRunning(folder);

        assertTrue(stopped.orElse("").startsWith("stopped ") && stopped.get().contains("processes of PostgreSQL"),
                String.valueOf(stopped));
        query.get(30, TimeUnit.SECONDS);
        closeQuietly(killed); // releases zonky's lock on the folder in this JVM (a crashed plant's JVM is gone)
        try (EmbeddedPostgres again = EmbeddedLedgerDatabase.start(folder, PASSWORD);
             Connection connection = connect(again);
             Statement statement = connection.createStatement();
             ResultSet one = statement.executeQuery("SELECT 1")) {
            one.next();
            assertEquals(1, one.getInt(1));
        }
        // The server's own log says what it did: here, the recovery after the crash.
        Path log = data.resolve("postgres.log");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(log)));
        String logged = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(logged.contains("automatic recovery in progress"), logged);
    }

    /**
     * A pid file naming a process that is not this folder's server (a killed server left as a zombie, or its pid
     * reused): PostgreSQL would refuse to start ("lock file already exists"); the start removes the file.
     */
    @Test
    void aPidFileNamingAnotherProcessIsRemovedAndTheServerStarts() throws Exception {
        Path folder = data.resolve("postgres");
        List<String> pidFile;
        try (EmbeddedPostgres first = EmbeddedLedgerDatabase.start(folder, PASSWORD)) {
            pidFile = Files.readAllLines(folder.resolve("postmaster.pid"), StandardCharsets.UTF_8);
        }
        Process other = new ProcessBuilder("sleep", "600").start();
        try {
            List<String> stale = new java.util.ArrayList<>(pidFile);
            stale.set(0, String.valueOf(other.pid()));
            Files.write(folder.resolve("postmaster.pid"), stale, StandardCharsets.UTF_8);

            assertEquals(Optional.of("removed the postmaster.pid of a server that no longer runs (pid " + other.pid()
                    + ")"), StalePostgres.stopIfRunning(folder));
            try (EmbeddedPostgres again = EmbeddedLedgerDatabase.start(folder, PASSWORD);
                 Connection connection = connect(again);
                 Statement statement = connection.createStatement();
                 ResultSet one = statement.executeQuery("SELECT 1")) {
                one.next();
                assertEquals(1, one.getInt(1));
            }
        } finally {
            other.destroyForcibly();
        }
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (Exception e) {
            // pg_ctl finds no server to stop
        }
    }

    private static Connection connect(EmbeddedPostgres postgres) throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"), "postgres", PASSWORD);
    }

    private static Path workingDirectory(ProcessHandle process) {
        try {
            return Path.of("/proc", String.valueOf(process.pid()), "cwd").toRealPath();
        } catch (Exception e) {
            return null;
        }
    }

    /** Until the long query runs, so that its backend is busy when the postmaster dies. */
    private static void awaitBackendBusy(EmbeddedPostgres postgres) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (Connection connection = connect(postgres);
             Statement statement = connection.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet active = statement.executeQuery("SELECT count(*) FROM pg_stat_activity "
                        + "WHERE state = 'active' AND query LIKE '%generate_series%' AND pid <> pg_backend_pid()")) {
                    active.next();
                    if (active.getLong(1) > 0) {
                        return;
                    }
                }
            }
        }
        throw new AssertionError("the long query did not start");
    }
}
