package io.shopfloor.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the cluster's scripts (bin/) as the user would, each as its own process with its output in a log file;
 * stops every process it started on close (SIGTERM, then SIGKILL after a grace period), newest first.
 */
final class ClusterProcesses implements AutoCloseable {
    private final Path clusterHome;
    private final Path logs;
    private final Map<String, String> environment = new HashMap<>();
    private final Deque<Process> running = new ArrayDeque<>();

    ClusterProcesses(Path clusterHome, Path logs) throws IOException {
        this.clusterHome = clusterHome;
        this.logs = Files.createDirectories(logs);
    }

    /** Sets a variable for every script started from now on. */
    ClusterProcesses env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** Starts {@code bin/<script>} in the background; its output goes to {@code <name>.log}. */
    Process start(String name, String script, String... args) throws IOException {
        Process process = builder(script, args).redirectOutput(logs.resolve(name + ".log").toFile()).start();
        running.push(process);
        return process;
    }

    /** Runs {@code bin/<script>} to its end; returns its output, or fails with it if the script fails. */
    String run(String script, Duration timeout, String... args) throws IOException, InterruptedException {
        Path output = Files.createTempFile(logs, script.replace(".sh", ""), ".log");
        Process process = builder(script, args).redirectOutput(output.toFile()).start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(script + " did not finish within " + timeout + ":\n" + read(output));
        }
        String text = read(output);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(script + " failed with exit code " + process.exitValue() + ":\n" + text);
        }
        return text;
    }

    /** A started process's whole log. */
    String log(String name) {
        Path log = logs.resolve(name + ".log");
        return Files.exists(log) ? read(log) : "";
    }

    /** The last lines of a started process's log, for failure messages. */
    String tail(String name, int lines) {
        Path log = logs.resolve(name + ".log");
        if (!Files.exists(log)) {
            return "(no log)";
        }
        List<String> all = List.of(read(log).split("\n"));
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private ProcessBuilder builder(String script, String... args) {
        List<String> command = new ArrayList<>();
        command.add(clusterHome.resolve("bin").resolve(script).toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(clusterHome.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return builder;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A port free right now (bound to port 0, then released) for a server process to bind. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        while (!running.isEmpty()) {
            Process process = running.pop();
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
