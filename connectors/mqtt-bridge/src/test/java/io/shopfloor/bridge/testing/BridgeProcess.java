package io.shopfloor.bridge.testing;

import io.shopfloor.bridge.MqttBridge;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The bridge's {@code main} in a JVM of its own, on the test class path; its log goes to a file. */
public final class BridgeProcess implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> output = new LinkedBlockingQueue<>();

    private BridgeProcess(Path config, Path log) throws IOException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), MqttBridge.class.getName(), config.toString())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                }
            } catch (IOException e) {
                // process ended
            }
        }, "bridge-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the bridge and waits until it prints that every connection has subscribed. */
    public static BridgeProcess start(Path config, Path log, Duration timeout) throws Exception {
        BridgeProcess bridge = new BridgeProcess(config, log);
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> seen = new ArrayList<>();
        while (true) {
            String line = bridge.output.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                bridge.kill();
                throw new IllegalStateException("bridge not ready after " + timeout + " (log: " + log + "): " + seen);
            }
            seen.add(line);
            if (line.startsWith("mqtt-bridge ready")) {
                return bridge;
            }
        }
    }

    /** SIGKILL: no shutdown hook, no flush, nothing acknowledged that was not already. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("bridge process did not die");
        }
    }

    /** SIGTERM: the shutdown hook closes the bridge cleanly. Returns the exit code. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("bridge did not stop within 30 s");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
