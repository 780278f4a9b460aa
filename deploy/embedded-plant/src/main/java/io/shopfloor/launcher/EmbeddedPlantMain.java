package io.shopfloor.launcher;

import io.shopfloor.simulator.PlantSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar embedded-plant.jar [--data-dir=plant-data] [--speed=60] [--machines=20] [--seed=42]
 * [--orders-per-line=12] [--dashboard-port=8080]}: starts the {@link EmbeddedPlant}, prints what started where, then every few seconds
 * readings/s and postings/s, until Ctrl-C stops it cleanly. Only wiring: the plant does the work.
 */
public final class EmbeddedPlantMain {
    private static final long REPORT_EVERY_SECONDS = 5;

    private EmbeddedPlantMain() {
    }

    public static void main(String[] args) throws Exception {
        long startNanos = System.nanoTime();
        Map<String, String> options = options(args);
        Path data = Path.of(options.getOrDefault("data-dir", "plant-data"));
        double speed = Double.parseDouble(options.getOrDefault("speed", "60"));
        PlantSettings plant = new PlantSettings(Long.parseLong(options.getOrDefault("seed", "42")),
                Instant.parse("2026-01-01T00:00:00Z"), Integer.parseInt(options.getOrDefault("machines", "20")),
                Integer.parseInt(options.getOrDefault("orders-per-line", "12")), 8, 30, true);
        System.out.println("Shopfloor Ledger embedded plant, data in " + data.toAbsolutePath());
        int dashboardPort = Integer.parseInt(options.getOrDefault("dashboard-port", "8080"));
        EmbeddedPlant embedded = startOrExit(new EmbeddedPlant.Settings(data, speed, plant, dashboardPort,
                line -> System.out.println("  " + line)));
        System.out.printf("started in %.1f s; Ctrl-C stops (the next start continues from %s)%n",
                (System.nanoTime() - startNanos) / 1e9, data);
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            System.out.println("stopping ...");
            embedded.close();
            System.out.println("stopped; state kept in " + data.toAbsolutePath());
            closed.countDown();
        }, "embedded-plant-shutdown"));
        report(embedded, startNanos, stop);
        closed.await(60, TimeUnit.SECONDS);
    }

    /**
     * The started plant; or, when it cannot start, the reason on the console and an exit code: a failed start frees
     * what it opened, and then exits, so that no thread of a half-started part (Kafka's are not daemons) keeps the
     * process waiting.
     */
    private static EmbeddedPlant startOrExit(EmbeddedPlant.Settings settings) {
        try {
            return EmbeddedPlant.start(settings);
        } catch (StartFailure e) {
            System.err.println("cannot start: " + e.getMessage());
            System.exit(StartFailure.EXIT_CODE);
        } catch (Exception | Error e) {
            System.err.println("cannot start: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        throw new IllegalStateException("unreachable");
    }

    /** Readings/s (MQTT messages the bridge received) and postings/s (ledger entries stored), every few seconds. */
    private static void report(EmbeddedPlant embedded, long startNanos, CountDownLatch stop) throws Exception {
        long lastReadings = embedded.receivedMessages();
        long lastEntries = embedded.ledgerEntryCount();
        long lastNanos = System.nanoTime();
        boolean firstSeen = lastEntries > 0;
        while (!stop.await(firstSeen ? REPORT_EVERY_SECONDS : 1, TimeUnit.SECONDS)) {
            long readings = embedded.receivedMessages();
            long entries;
            try {
                entries = embedded.ledgerEntryCount();
            } catch (Exception e) {
                continue; // shutting down
            }
            long nanos = System.nanoTime();
            if (!firstSeen && entries > 0) {
                firstSeen = true;
                System.out.printf("first ledger entries after %.1f s%n", (nanos - startNanos) / 1e9);
            }
            double seconds = (nanos - lastNanos) / 1e9;
            if (firstSeen || seconds >= REPORT_EVERY_SECONDS) {
                System.out.printf("%s simulated | readings/s %7.1f | postings/s %7.1f | ledger entries %d%n",
                        embedded.simulator().simulatedTime(), (readings - lastReadings) / seconds,
                        (entries - lastEntries) / seconds, entries);
                lastReadings = readings;
                lastEntries = entries;
                lastNanos = nanos;
            }
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        List<String> known = List.of("data-dir", "speed", "machines", "seed", "orders-per-line");
        for (String arg : args) {
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 2 ? arg.substring(2, equals) : null;
            if (name == null || !known.contains(name)) {
                throw new IllegalArgumentException("unknown argument " + arg + "; known: --" + String.join("=, --",
                        known) + "=");
            }
            options.put(name, arg.substring(equals + 1));
        }
        return options;
    }
}
