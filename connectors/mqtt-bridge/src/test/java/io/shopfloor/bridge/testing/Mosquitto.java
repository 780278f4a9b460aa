package io.shopfloor.bridge.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Debian's mosquitto as a child process on a free port, with a generated configuration: anonymous plain TCP, or
 * TLS with a password file. Sessions queue without limit (the bridge may be down for thousands of messages).
 * {@link #restart()} stops it and starts it again on the same port, with its persisted sessions.
 */
public final class Mosquitto implements AutoCloseable {
    public static final String BINARY = "/usr/sbin/mosquitto";

    private final Path directory;
    private final int port;
    private final Path configFile;
    private Process process;
    private final BlockingQueue<String> logLines = new LinkedBlockingQueue<>();

    private Mosquitto(Path directory, List<String> extraConfig) throws IOException {
        this.directory = directory;
        this.port = FreePort.find();
        List<String> config = new ArrayList<>(List.of(
                "user " + System.getProperty("user.name"), // as root, mosquitto would switch to user mosquitto
                "listener " + port + " 127.0.0.1",
                "persistence true",
                "persistence_location " + directory.toAbsolutePath() + "/",
                "autosave_interval 3600",
                "max_queued_messages 0",
                "log_dest stderr",
                "log_type error",
                "log_type warning",
                "log_type notice",
                "log_type information"));
        config.addAll(extraConfig);
        if (extraConfig.stream().noneMatch(line -> line.startsWith("allow_anonymous"))) {
            config.add("allow_anonymous true");
        }
        configFile = directory.resolve("mosquitto.conf");
        Files.write(configFile, config);
    }

    /** A plain TCP broker, anonymous access, with these extra configuration lines. */
    public static Mosquitto start(Path directory, String... extraConfig) throws Exception {
        Mosquitto broker = new Mosquitto(directory, List.of(extraConfig));
        broker.launch();
        return broker;
    }

    /** A TLS broker (server certificate and key as PEM files) that requires this username and password. */
    public static Mosquitto startTls(Path directory, Path certificatePem, Path keyPem, String username,
                                     String password) throws Exception {
        Path passwords = directory.resolve("passwords");
        Files.writeString(passwords, "");
        Process hash = new ProcessBuilder("mosquitto_passwd", "-b", passwords.toString(), username, password)
                .redirectErrorStream(true).start();
        if (!hash.waitFor(20, TimeUnit.SECONDS) || hash.exitValue() != 0) {
            throw new IllegalStateException("mosquitto_passwd failed: "
                    + new String(hash.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        Mosquitto broker = new Mosquitto(directory, List.of(
                "certfile " + certificatePem.toAbsolutePath(),
                "keyfile " + keyPem.toAbsolutePath(),
                "password_file " + passwords.toAbsolutePath(),
                "allow_anonymous false"));
        broker.launch();
        return broker;
    }

    private void launch() throws Exception {
        logLines.clear();
        process = new ProcessBuilder(BINARY, "-c", configFile.toString()).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    logLines.add(line);
                    Files.writeString(directory.resolve("mosquitto.log"), line + "\n", StandardCharsets.UTF_8,
                            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                }
            } catch (IOException e) {
                // process ended
            }
        }, "mosquitto-log-" + port);
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<String> seen = new ArrayList<>();
        while (true) {
            String line = logLines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                process.destroyForcibly();
                throw new IllegalStateException("mosquitto did not start within 20 s: " + seen);
            }
            seen.add(line);
            if (line.contains(" running")) {
                return;
            }
        }
    }

    /** CPU time the broker process used so far (Linux /proc; user + system). */
    public double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
        return ticks / 100.0; // USER_HZ
    }

    public int port() {
        return port;
    }

    public String tcpUri() {
        return "tcp://127.0.0.1:" + port;
    }

    /** For TLS: the host name must match the certificate. */
    public String sslUri() {
        return "ssl://localhost:" + port;
    }

    /** Stops (SIGTERM: sessions saved) and starts again on the same port. */
    public void restart() throws Exception {
        stop();
        launch();
    }

    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
