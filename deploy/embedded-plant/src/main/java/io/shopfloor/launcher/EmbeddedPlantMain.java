package io.shopfloor.launcher;

import io.shopfloor.config.ConfigException;
import io.shopfloor.config.ConfigFile;
import io.shopfloor.config.Section;
import io.shopfloor.job.JobConfiguration;
import java.util.Map;

import io.shopfloor.ledger.LedgerStoreSchema;
import io.shopfloor.simulator.PlantSettings;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar embedded-plant.jar [--help] [--data-dir=plant-data] [--speed=60] ...} (options and defaults in
 * {@link LauncherOptions}): starts the {@link EmbeddedPlant}, prints what started where and how to use it, then
 * every few seconds readings/s and postings/s, until Ctrl-C stops it cleanly. Only wiring: the plant does the work.
 */
public final class EmbeddedPlantMain {
    private static final long REPORT_EVERY_SECONDS = 5;

    private EmbeddedPlantMain() {
    }

    public static void main(String[] args) throws Exception {
        long startNanos = System.nanoTime();
        Integer exitCode = exitCodeBeforeStart(args, System.out, System.err);
        if (exitCode != null) {
            System.exit(exitCode);
        }
        LauncherOptions options = LauncherOptions.parse(args);
        Path data = options.dataDirectory();
        System.out.println("Shopfloor Ledger embedded plant" + (options.simulator() ? "" : " (real-plant mode)")
                + ", data in " + data.toAbsolutePath());
        EmbeddedPlant embedded = startOrExit(settings(options, System.getenv(),
                line -> System.out.println("  " + line)));
        System.out.printf("started in %.1f s%n", (System.nanoTime() - startNanos) / 1e9);
        System.out.print(howToUse(embedded, data));
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
     * The plant's settings: the options, and the configuration file's job, machines and ERP (real-plant mode); a
     * setting the file has but no part reads is an error.
     */
    static EmbeddedPlant.Settings settings(LauncherOptions options, Map<String, String> environment,
                                           java.util.function.Consumer<String> console) {
        Section root = options.configFile() == null ? ConfigFile.defaults(Map.of())
                : ConfigFile.load(options.configFile());
        for (LauncherOptions.Option option : LauncherOptions.Option.values()) {
            if (option != LauncherOptions.Option.CONFIG) {
                option.in(root); // read by LauncherOptions.parse
            }
        }
        if (root.has("ledger")) {
            throw new ConfigException(options.configFile() + ": ledger: the embedded plant runs its own ledger "
                    + "database (in its data directory)");
        }
        if (root.section("kafka").has("bootstrapServers")) {
            throw new ConfigException(options.configFile() + ": kafka.bootstrapServers: the embedded plant runs its "
                    + "own Kafka broker");
        }
        for (String realPlantOnly : java.util.List.of("bridge", "erp")) {
            if (options.simulator() && root.has(realPlantOnly)) {
                throw new ConfigException(options.configFile() + ": " + realPlantOnly + ": only in real-plant mode "
                        + "(simulator.enabled: false); the simulated plant brings its own machines and ERP");
            }
        }
        RealPlant realPlant = options.simulator() ? null : RealPlant.read(root, environment);
        JobConfiguration.of(root); // checked here, before anything starts
        if (JobConfiguration.checkpoints(root).directory() != null) {
            throw new ConfigException(options.configFile() + ": job.checkpoints.directory: the embedded plant keeps "
                    + "its checkpoints in its data directory (--data-dir), where a restart resumes");
        }
        root.requireAllRead();
        PlantSettings plant = new PlantSettings(options.seed(), Instant.parse("2026-01-01T00:00:00Z"),
                options.machines(), options.ordersPerLine(), 8, 30, true, PlantSettings.CONTINUOUS);
        return new EmbeddedPlant.Settings(options.dataDirectory(), options.speed(), plant, options.dashboardPort(),
                console, options.mqttTls(), options.mqttPort(), realPlant, root);
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

    /**
     * The exit code when the plant is not to start: 0 after {@code --help} (the usage on {@code out}), 2 for a
     * wrong command line (what is wrong and the usage on {@code err}); null to start.
     */
    static Integer exitCodeBeforeStart(String[] args, PrintStream out, PrintStream err) {
        try {
            LauncherOptions options = LauncherOptions.parse(args);
            if (options.help()) {
                out.print(LauncherOptions.usage());
                return 0;
            }
            settings(options, System.getenv(), line -> { });
            return null;
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 2;
        } catch (LauncherOptions.UsageException e) {
            err.println(e.getMessage());
            err.println();
            err.print(LauncherOptions.usage());
            return 2;
        }
    }

    /** Where to look, how to log in as a cost controller, how to export and how to stop. */
    static String howToUse(EmbeddedPlant embedded, Path data) {
        LedgerStoreSchema.Roles roles = LedgerStoreSchema.Roles.defaults();
        String url = embedded.ledgerJdbcUrl();
        // The password stays in the data folder's credentials file (owner-only); the commands read it from there.
        String password = "\"$(sed -n 's/^ledger.reporting.password=//p' '"
                + data.toAbsolutePath().resolve(PlantCredentials.FILE_NAME) + "')\"";
        String hostPort = url.substring("jdbc:postgresql://".length(), url.lastIndexOf('/'));
        PlantSettings plant = embedded.simulator() == null ? null : embedded.simulator().plant();
        // Posting dates are the simulated days: from the plant's first to a week after its clock now.
        LocalDate firstDay = LocalDate.ofInstant(plant == null ? Instant.now() : plant.start(), ZoneOffset.UTC);
        LocalDate weekAhead = LocalDate.ofInstant(plant == null ? Instant.now() : embedded.simulator().simulatedTime(),
                ZoneOffset.UTC).plusDays(7);
        return String.join(System.lineSeparator(),
                "",
                "  dashboard:  " + embedded.dashboard().uri(),
                "  ledger as a cost controller (reads the views):",
                "              PGPASSWORD=" + password + " psql -h " + hostPort.replace(":", " -p ") + " -U "
                        + roles.reporting() + " " + EmbeddedPlant.LEDGER_DATABASE,
                "  csv export: java -cp '" + libraryClasspath() + "' io.shopfloor.ledger.LedgerExport " + url + " "
                        + roles.reporting() + " " + password + " " + firstDay + " " + weekAhead
                        + " export/",
                plant == null ? "  machines:   publish to " + embedded.mqttUri() + " as "
                        + PlantCredentials.MQTT_GATEWAY_USER + " (password in " + data.toAbsolutePath().resolve(
                        PlantCredentials.FILE_NAME) + "); orders come from the ERP by CDC"
                        : plant.continuous() ? "  planner:    releases " + plant.ordersPerLine() + " orders per line at a time, "
                        + "ahead of the machines, for as long as the plant runs"
                        : "  planner:    " + plant.planningRounds() + " round(s) of orders, then the machines idle",
                "  stop:       Ctrl-C (or kill -INT " + ProcessHandle.current().pid() + "); the next start continues"
                        + " from " + data + " (delete it for a new plant)",
                "", "");
    }

    /** The launcher's libraries (beside its jar), as a class path, relative to the working directory if inside. */
    static String libraryClasspath() {
        try {
            Path jar = Path.of(EmbeddedPlantMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path lib = jar.resolveSibling("lib").toAbsolutePath().normalize();
            Path workingDirectory = Path.of("").toAbsolutePath();
            return (lib.startsWith(workingDirectory) ? workingDirectory.relativize(lib) : lib) + "/*";
        } catch (URISyntaxException | RuntimeException e) {
            return "deploy/embedded-plant/target/lib/*"; // where the README's build puts them
        }
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
                System.out.printf("%s %s | readings/s %7.1f | postings/s %7.1f | ledger entries %d%n",
                        embedded.simulator() == null ? Instant.now() : embedded.simulator().simulatedTime(),
                        embedded.simulator() == null ? "" : "simulated", (readings - lastReadings) / seconds,
                        (entries - lastEntries) / seconds, entries);
                lastReadings = readings;
                lastEntries = entries;
                lastNanos = nanos;
            }
        }
    }
}
