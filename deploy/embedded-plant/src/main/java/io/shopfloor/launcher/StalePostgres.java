package io.shopfloor.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server left running on the data folder by a plant that was killed ({@code kill -9}, a power cut of
 * the JVM only): pg_ctl starts the server in a session of its own, so it outlives the launcher, keeps the data
 * folder locked through {@code postmaster.pid}, and the next start would wait for a server that can never start.
 * Only called while the plant holds the {@link DataFolderLock}, so a live server on the folder is an orphan.
 */
final class StalePostgres {
    private static final Duration FAST_SHUTDOWN = Duration.ofSeconds(30);
    private static final Duration IMMEDIATE_SHUTDOWN = Duration.ofSeconds(10);

    private StalePostgres() {
    }

    /**
     * Stops the server named by {@code <pgData>/postmaster.pid} if it still runs on this folder: a fast shutdown
     * (SIGINT: rolls back open transactions, checkpoints), then an immediate one (SIGQUIT: recovery from the WAL at
     * the next start) if it does not end in time. A pid file of a process that is gone, a zombie, or another program
     * that got the same pid is removed, after the processes of that server still running are stopped
     * ({@link #stopOrphans}).
     *
     * @return what was done, for the console; empty when nothing ran
     */
    static Optional<String> stopIfRunning(Path pgData) throws IOException, InterruptedException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
        if (lines.size() < 2 || !lines.get(0).trim().matches("\\d+")) {
            return Optional.empty(); // being written or damaged: PostgreSQL decides
        }
        long pid = Long.parseLong(lines.get(0).trim());
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty() || !isPostgresOn(process.get(), pgData, lines.get(1).trim())) {
            Optional<String> orphans = stopOrphans(pgData);
            // PostgreSQL refuses to start while the file's pid names any process: a killed server that nobody reaps
            // (a container's first process may not) stays a zombie, and a pid may be reused. With the folder locked
            // and none of the server's processes left, the file is stale.
            Files.deleteIfExists(pidFile);
            return Optional.of(orphans.map(stopped -> stopped + "; ").orElse("")
                    + "removed the postmaster.pid of a server that no longer runs (pid " + pid + ")");
        }
        if (signalAndWait(process.get(), "INT", FAST_SHUTDOWN)) {
            return Optional.of("stopped PostgreSQL (pid " + pid + ") left running by an earlier crash");
        }
        if (signalAndWait(process.get(), "QUIT", IMMEDIATE_SHUTDOWN)) {
            return Optional.of("stopped PostgreSQL (pid " + pid + ") left running by an earlier crash, immediately;"
                    + " it recovers from its write-ahead log now");
        }
        throw new StartFailure("PostgreSQL (pid " + pid + ") still runs on " + pgData + " and did not stop; stop it "
                + "(kill " + pid + ") and start again");
    }

    /**
     * The server's own processes (checkpointer, WAL writer, backends) outlive a postmaster killed alone and hold its
     * shared memory until they notice; a new server refuses to start while they do ("pre-existing shared memory
     * block is still in use"). They are found by their working directory, which PostgreSQL sets to the data folder,
     * and ended: SIGQUIT (exit at once), then SIGKILL.
     */
    private static Optional<String> stopOrphans(Path pgData) throws IOException, InterruptedException {
        Path folder = pgData.toRealPath();
        List<ProcessHandle> orphans = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .filter(p -> workingDirectory(p).map(folder::equals).orElse(false))
                .toList();
        if (orphans.isEmpty()) {
            return Optional.empty();
        }
        for (ProcessHandle orphan : orphans) {
            if (!signalAndWait(orphan, "QUIT", IMMEDIATE_SHUTDOWN)) {
                orphan.destroyForcibly();
            }
        }
        List<Long> left = orphans.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList();
        if (!left.isEmpty()) {
            throw new StartFailure("processes " + left + " of a PostgreSQL killed earlier still run on " + pgData
                    + "; stop them and start again");
        }
        return Optional.of("stopped " + orphans.size() + " processes of PostgreSQL left by an earlier crash");
    }

    private static Optional<Path> workingDirectory(ProcessHandle process) {
        try {
            return Optional.of(Path.of("/proc", String.valueOf(process.pid()), "cwd").toRealPath());
        } catch (IOException | SecurityException e) {
            return Optional.empty(); // gone, or another user's
        }
    }

    private static boolean isPostgresOn(ProcessHandle process, Path pgData, String pidFileDataDirectory)
            throws IOException {
        String command = process.info().command().orElse("");
        boolean postgres = command.endsWith("/postgres") || command.equals("postgres");
        return postgres && Path.of(pidFileDataDirectory).toRealPath().equals(pgData.toRealPath());
    }

    /** Sends the signal with kill(1) (Java sends only TERM and KILL) and waits for the process to end. */
    private static boolean signalAndWait(ProcessHandle process, String signal, Duration timeout)
            throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid()))
                .redirectErrorStream(true).start();
        kill.waitFor(10, TimeUnit.SECONDS);
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        }
    }
}
