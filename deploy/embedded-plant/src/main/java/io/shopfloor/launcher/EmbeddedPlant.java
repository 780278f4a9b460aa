package io.shopfloor.launcher;

import io.shopfloor.bridge.BridgeService;
import io.shopfloor.bridge.config.BridgeConfig;
import io.shopfloor.schema.signal.CounterKind;
import io.shopfloor.bridge.config.CounterSpec;
import io.shopfloor.bridge.config.KafkaSettings;
import io.shopfloor.bridge.config.LimitSettings;
import io.shopfloor.bridge.config.MachineSpec;
import io.shopfloor.bridge.config.MqttSettings;
import io.shopfloor.bridge.config.TlsSettings;
import io.shopfloor.bridge.config.SparkplugDevice;
import io.shopfloor.bridge.config.SparkplugSettings;
import io.shopfloor.bridge.config.TopicSettings;
import io.shopfloor.cdc.ErpCdcConnector;
import io.shopfloor.cdc.ErpCdcSettings;
import io.shopfloor.cdc.ReferenceErp;
import io.shopfloor.job.KafkaPostingJob;
import io.shopfloor.job.PostingJob;
import io.shopfloor.dashboard.Dashboard;
import io.shopfloor.dashboard.DashboardSettings;
import io.shopfloor.terminal.PasswordHashing;
import io.shopfloor.terminal.Role;
import io.shopfloor.terminal.Terminal;
import io.shopfloor.terminal.TerminalSettings;
import io.shopfloor.terminal.UsersFile;
import io.shopfloor.config.ConfigFile;
import io.shopfloor.config.Section;
import io.shopfloor.job.CheckpointSettings;
import io.shopfloor.job.JobConfiguration;
import io.shopfloor.ledger.LedgerStoreJob;
import io.shopfloor.ledger.LedgerStoreSchema;
import io.shopfloor.ledger.LedgerStoreSink;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.simulator.ErpOrders;
import io.shopfloor.simulator.MqttServer;
import io.shopfloor.simulator.PlantLayout;
import io.shopfloor.simulator.PlantModel;
import io.shopfloor.simulator.PlantSimulator;
import io.shopfloor.simulator.Protocol;
import io.shopfloor.simulator.SimulatedMachine;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The whole of Shopfloor Ledger in this process, its state in one data folder: an in-process Kafka broker,
 * Moquette, embedded PostgreSQL (databases {@code erp}, the reference ERP with the plant's released orders, and
 * {@code ledger}, the ledger store), Debezium CDC, the MQTT bridge, the posting job with the ledger store sinks on a
 * Flink MiniCluster, and the plant simulator. {@link #close} stops them in reverse order; a new start on the same
 * folder continues where it stopped (Kafka logs, MQTT sessions, CDC offsets, the job's last checkpoint, the
 * simulator's progress).
 */
public final class EmbeddedPlant implements AutoCloseable {
    public static final String ERP_DATABASE = "erp";
    public static final String LEDGER_DATABASE = "ledger";
    private static final String OWNER = PlantCredentials.POSTGRES_OWNER;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    /**
     * @param speed         simulated seconds per real second (60: a simulated minute per second)
     * @param dashboardPort the dashboard's port; 0, or a port in use, takes a free one
     * @param console       where one line per started part goes
     * @param mqttTls       MQTT over TLS only (identity in {@code <data>/mqtt-tls}, see {@link MqttTls})
     * @param mqttPort      the MQTT listener's port on 127.0.0.1; 0: a free one
     * @param realPlant     null: the simulated plant (speed and plant apply); else real-plant mode: these machines
     *                      and ERP, the wall clock, no simulator
     * @param configuration the configuration file's settings for the job ({@code plant}, {@code job})
     */
    public record Settings(Path dataDirectory, double speed, io.shopfloor.simulator.PlantSettings plant,
                           int dashboardPort, Consumer<String> console, boolean mqttTls, int mqttPort,
                           RealPlant realPlant, Section configuration) {
        public Settings(Path dataDirectory, double speed, io.shopfloor.simulator.PlantSettings plant,
                        int dashboardPort, Consumer<String> console) {
            this(dataDirectory, speed, plant, dashboardPort, console, false, 0, null, ConfigFile.defaults(Map.of()));
        }
    }

    /** Between firm planning a round's orders and releasing them: CDC carries the first step to the job. */
    private static final Duration RELEASE_AFTER = Duration.ofSeconds(30);
    /**
     * The plant checkpoints more often than the job's default unless job.checkpoints.interval says otherwise: the
     * Kafka ledger topics commit on checkpoints, and the demo is watched as it posts.
     */
    static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(5);
    private final java.util.concurrent.ScheduledExecutorService releases =
            Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "embedded-plant-erp-release");
                thread.setDaemon(true);
                return thread;
            });
    private final List<AutoCloseable> started = new ArrayList<>();
    private PlantCredentials credentials;
    private LedgerStoreSchema.Roles roles;
    private EmbeddedKafkaBroker kafka;
    private EmbeddedMqttBroker mqtt;
    private EmbeddedPostgres postgres;
    private volatile JobClient job;
    private final List<BridgeService> bridges = new java.util.concurrent.CopyOnWriteArrayList<>();
    private PlantSimulator simulator;
    private Dashboard dashboard;
    /** The simulated plant's time: what the bridges and the operator terminal stamp their inputs with. */
    private PlantClock plantClock;
    private String ledgerJdbcUrl;
    /** The job as the configuration file sets it, before this plant's Kafka and speed are applied. */
    private KafkaPostingJob.Config configuredJob;
    private Optional<Path> restoredCheckpoint = Optional.empty();
    private String erpJdbcUrl;
    private int flinkRestPort;

    private EmbeddedPlant() {
    }

    /** The live dashboard (machines, orders, ledger, job cards). */
    public Dashboard dashboard() {
        return dashboard;
    }

    public static EmbeddedPlant start(Settings settings) throws Exception {
        EmbeddedPlant plant = new EmbeddedPlant();
        try {
            plant.startAll(settings);
            return plant;
        } catch (Exception | Error e) {
            plant.close();
            throw e;
        }
    }

    private void startAll(Settings settings) throws Exception {
        Path data = settings.dataDirectory().toAbsolutePath();
        configuredJob = JobConfiguration.of(settings.configuration());
        Files.createDirectories(data);
        started(DataFolderLock.acquire(data));
        credentials = PlantCredentials.loadOrCreate(data);
        LedgerStoreSchema.Roles defaults = LedgerStoreSchema.Roles.defaults();
        roles = new LedgerStoreSchema.Roles(defaults.writer(), credentials.ledgerWriterPassword(),
                defaults.reporting(), credentials.ledgerReportingPassword());
        long startNanos = System.nanoTime();
        Consumer<String> console = line -> settings.console().accept(String.format("%5.1f s  %s",
                (System.nanoTime() - startNanos) / 1e9, line));

        // Independent parts start side by side: brokers and database first, then CDC, bridge and job.
        ExecutorService starter = Executors.newFixedThreadPool(3, runnable -> {
            Thread thread = new Thread(runnable, "embedded-plant-start");
            thread.setDaemon(true);
            return thread;
        });
        RealPlant real = settings.realPlant();
        PlantSimulator.Settings simulatorSettings = null;
        PlantModel.PlantPlan plan = null;
        try {
            Future<?> kafkaStarted = starter.submit(() -> {
                kafka = started(EmbeddedKafkaBroker.start(data.resolve("kafka"), START_TIMEOUT));
                KafkaTopics.createMissing(kafka.bootstrapServers(), 2, (short) 1);
                console.accept("kafka:      " + kafka.bootstrapServers() + " (KRaft, log in " + data.resolve("kafka")
                        + ")");
                return null;
            });
            MqttTls tls = settings.mqttTls() ? MqttTls.loadOrCreate(data.resolve("mqtt-tls")) : null;
            mqtt = started(EmbeddedMqttBroker.start(data.resolve("mqtt"), credentials, tls, settings.mqttPort()));
            console.accept("mqtt:       " + mqtt.uri() + " (Moquette, MQTT 3.1.1; sessions on disk; users "
                    + PlantCredentials.MQTT_GATEWAY_USER + ", " + PlantCredentials.MQTT_BRIDGE_USER
                    + (tls == null ? "" : "; TLS only, certificate " + tls.certificatePem()) + ")");
            if (real == null) {
                simulatorSettings = new PlantSimulator.Settings(new MqttServer(mqtt.uri(),
                        PlantCredentials.MQTT_GATEWAY_USER, credentials.mqttGatewayPassword(),
                        tls == null ? null : tls.socketFactory()), settings.speed(),
                        data.resolve("simulator"), settings.plant(), this::releaseInErp);
                plan = PlantSimulator.planOf(simulatorSettings);
            }
            // Real-plant mode: the wall clock (a PlantClock with nothing to resume and no simulator).
            PlantClock clock = new PlantClock(simulatorSettings == null ? null
                    : PlantSimulator.resumeTime(simulatorSettings).orElse(null));
            plantClock = clock;
            startPostgres(data.resolve("postgres"), plan, real == null ? null : real.erp(), console);
            kafkaStarted.get();

            List<BridgeConfig> bridgeConfigs = real == null
                    ? bridgeConfigs(plan.layout(), mqtt.uri(), credentials.mqttBridgePassword(),
                    tls == null ? null : tls.bridgeSettings(), kafka.bootstrapServers())
                    : List.of(real.machines().connectedTo(mqtt(mqtt.uri(), credentials.mqttBridgePassword(),
                    tls == null ? null : tls.bridgeSettings(), "embedded-plant-bridge"), kafka(kafka.bootstrapServers())));
            Future<?> cdcStarted = starter.submit(() -> {
                RealPlant.ErpConnection erp = real == null ? null : real.erp();
                started(ErpCdcConnector.start(ErpCdcSettings.of(erpJdbcUrl, erp == null ? OWNER : erp.user(),
                        erp == null ? credentials.postgresOwnerPassword() : erp.password(), kafka.bootstrapServers(),
                        data.resolve("erp-cdc")), START_TIMEOUT));
                console.accept("erp cdc:    Debezium on " + (erp == null ? ERP_DATABASE : erp.jdbcUrl())
                        + " -> md-* topics");
                return null;
            });
            Future<?> bridgeStarted = starter.submit(() -> {
                for (BridgeConfig config : bridgeConfigs) {
                    BridgeService bridge = started(BridgeService.start(config, clock));
                    bridges.add(bridge);
                    if (!bridge.awaitSubscribed(START_TIMEOUT)) {
                        throw new IllegalStateException("the MQTT bridge did not subscribe within " + START_TIMEOUT);
                    }
                }
                console.accept("mqtt bridge: " + bridgeConfigs.get(0).machines().size() + " machines, "
                        + bridges.size() + " bridge(s)" + (real == null ? " (JSON per line, Sparkplug B group "
                        + PlantLayout.SPARKPLUG_GROUP + ")" : " (topics " + real.machines().topics().root() + ")")
                        + " -> Kafka");
                return null;
            });
            Future<?> jobStarted = starter.submit(() -> {
                job = startPostingJob(data.resolve("checkpoints"), settings, console);
                started(this::cancelJob);
                return null;
            });
            cdcStarted.get();
            bridgeStarted.get();
            if (real == null) {
                // The plant starts while the job is being submitted: Kafka keeps what it sends. Not before CDC runs:
                // its snapshot's time must precede the machines' events.
                simulator = started(PlantSimulator.start(simulatorSettings));
                clock.running(simulator);
                console.accept("simulator:  " + plan.layout().machines().size() + " machines on "
                        + plan.layout().lines() + " lines, x" + settings.speed() + " from "
                        + simulator.simulatedTime() + ", " + (plan.settings().continuous() ? "the planner releases "
                        + plan.settings().ordersPerLine() + " orders per line at a time, "
                        + PlantSimulator.planningHorizonMillis(settings.speed()) / 60_000
                        + " simulated minutes ahead, for as long as it runs" : plan.orders().size() + " orders")
                        + " (ground truth in " + data.resolve("simulator/ground-truth.json") + ")");
            }
            jobStarted.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            starter.shutdownNow();
        }

        dashboard = started(startDashboard(settings.dashboardPort()));
        console.accept("dashboard:  " + dashboard.uri() + " (reads the ledger as " + roles.reporting() + ")");
        startTerminal(data, console);
    }

    /**
     * The operator terminal beside the dashboard, on a free port, on the plant's clock (a journal line's time must be
     * the plant's, not the wall's). Its first start creates the login {@code supervisor} with a generated password in
     * {@code terminal-supervisor.password}; more users with {@code io.shopfloor.terminal.AddUser}. The plant runs
     * without it if it cannot start.
     */
    private void startTerminal(Path data, Consumer<String> console) {
        Path users = data.resolve("terminal-users");
        Path passwordFile = data.resolve("terminal-supervisor.password");
        try {
            if (!Files.exists(users)) {
                byte[] random = new byte[18];
                new java.security.SecureRandom().nextBytes(random);
                String password = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                Files.deleteIfExists(passwordFile);
                Files.createFile(passwordFile, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
                Files.writeString(passwordFile, password + "\n");
                UsersFile.of(List.of(PasswordHashing.newUser("supervisor", Role.SUPERVISOR, null,
                        password.toCharArray(), PasswordHashing.DEFAULT_ITERATIONS))).write(users);
            }
            Terminal terminal = started(Terminal.start(new TerminalSettings(0, users, ledgerJdbcUrl, roles.reporting(),
                    roles.reportingPassword(), kafka.bootstrapServers()), plantClock));
            console.accept("terminal:   " + terminal.uri() + " (operator terminal: log in as supervisor, password in "
                    + passwordFile + "; users in " + users + ")");
        } catch (Exception e) {
            console.accept("terminal:   not started: " + e);
        }
    }

    private Dashboard startDashboard(int port) throws Exception {
        try {
            return Dashboard.start(new DashboardSettings(port, ledgerJdbcUrl, roles.reporting(),
                    roles.reportingPassword(), kafka.bootstrapServers()));
        } catch (BindException e) {
            if (port == 0) {
                throw e;
            }
            return startDashboard(0); // another program has the port: any free one will do, the console says which
        }
    }

    private <T extends AutoCloseable> T started(T part) {
        synchronized (started) {
            started.add(part);
        }
        return part;
    }

    /** @param plan null: no simulated orders; @param erp null: the embedded ERP database */
    private void startPostgres(Path directory, PlantModel.PlantPlan plan, RealPlant.ErpConnection erp,
                               Consumer<String> console) throws Exception {
        StalePostgres.stopIfRunning(directory).ifPresent(console);
        postgres = started(EmbeddedLedgerDatabase.start(directory, credentials.postgresOwnerPassword()));
        erpJdbcUrl = erp == null ? jdbcUrl(ERP_DATABASE) : erp.jdbcUrl();
        ledgerJdbcUrl = jdbcUrl(LEDGER_DATABASE);
        if (erp == null) {
            prepareErp(plan, console);
        }
        prepareLedger();
        console.accept("postgresql: localhost:" + postgres.getPort() + " (databases " + ERP_DATABASE + ", "
                + LEDGER_DATABASE + "; user " + OWNER + ")");
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    private void prepareErp(PlantModel.PlantPlan plan, Consumer<String> console) throws SQLException {
        createDatabaseIfMissing(ERP_DATABASE);
        try (Connection connection = connectErp()) {
            boolean fresh;
            try (Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery(
                         "SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'erp'")) {
                result.next();
                fresh = result.getLong(1) == 0;
            }
            if (fresh && plan == null) {
                ReferenceErp.createSchema(connection); // real-plant mode: the plant's own rows, no sample data
                console.accept("erp:        empty reference ERP tables in " + ERP_DATABASE + " (real-plant mode)");
            } else if (fresh) {
                ReferenceErp.apply(connection);
            }
            if (plan == null) {
                return;
            }
            int inserted = ErpOrders.insertMissing(connection, plan.orders());
            if (inserted > 0) {
                console.accept("erp:        " + inserted + " released orders added for the simulated plant");
            }
        }
    }

    /**
     * The simulator's planner releases a round of orders into the ERP (CDC carries them to the job), a horizon
     * ahead of their first events: firm planned now, released {@link #RELEASE_AFTER} later, when the job has the
     * orders' lines (see {@link ErpOrders#releaseMissing}); at once when they were firm planned before (a restart).
     */
    private void releaseInErp(List<io.shopfloor.simulator.SimulatedOrder> orders) throws SQLException {
        int firmPlanned;
        try (Connection connection = connectErp()) {
            firmPlanned = ErpOrders.insertMissingFirmPlanned(connection, orders);
        }
        releases.schedule(() -> {
            try (Connection connection = connectErp()) {
                ErpOrders.releaseMissing(connection, orders);
            } catch (SQLException e) {
                System.err.println("releasing " + orders.size() + " orders in the ERP failed: " + e);
            }
        }, firmPlanned > 0 ? RELEASE_AFTER.toMillis() : 0, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private Connection connectErp() throws SQLException {
        return DriverManager.getConnection(erpJdbcUrl, OWNER, credentials.postgresOwnerPassword());
    }

    private void prepareLedger() throws SQLException {
        createDatabaseIfMissing(LEDGER_DATABASE);
        LedgerStoreSchema.migrate(ledgerJdbcUrl, OWNER, credentials.postgresOwnerPassword(), roles,
                configuredJob.posting().posting().deviationBasis());
    }

    private void createDatabaseIfMissing(String name) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet result = statement.executeQuery("SELECT count(*) FROM pg_database WHERE datname = '"
                    + name + "'")) {
                result.next();
                if (result.getLong(1) > 0) {
                    return;
                }
            }
            statement.execute("CREATE DATABASE " + name);
        }
    }

    /**
     * One bridge per line for its JSON topics, one for Sparkplug B: a bridge connection takes as many messages as
     * the broker keeps in flight per session before the Kafka acknowledgements come back, and one connection for the
     * whole plant falls behind at high speeds. Each knows every machine (registry); client ids stay the same across
     * restarts (persistent sessions).
     *
     * <p>Stray topics are dead-lettered exactly once: a line bridge subscribes to its line's root
     * ({@code plant/+/+/L1/#}, derived from its templates) and dead-letters what matches none of them there; the
     * strays bridge subscribes to {@code plant/#}, acknowledges at once what a line's root covers, and dead-letters
     * the rest (a line the plant does not have, too few levels) as UNKNOWN_TOPIC. It receives the whole plant's
     * traffic but waits for no Kafka acknowledgement on it, so it keeps up; one bridge for all lines could not
     * (above). Sparkplug strays within the group are the Sparkplug bridge's.
     */
    static List<BridgeConfig> bridgeConfigs(PlantLayout layout, String mqttUri, String mqttPassword,
                                            TlsSettings tls, String bootstrapServers) {
        List<MachineSpec> machines = new ArrayList<>();
        for (SimulatedMachine machine : layout.machines()) {
            List<CounterSpec> counters = List.of(
                    new CounterSpec("good", CounterKind.GOOD, machine.counterWidthBits(), "Counters/Good"),
                    new CounterSpec("scrap", CounterKind.SCRAP, machine.counterWidthBits(), "Counters/Scrap"));
            SparkplugDevice sparkplug = machine.protocol() == Protocol.SPARKPLUG
                    ? new SparkplugDevice(PlantLayout.SPARKPLUG_GROUP, machine.lineName(), machine.machineId(),
                    "Machine/State", "Machine/StopCode")
                    : null;
            machines.add(new MachineSpec(machine.machineId(), counters, sparkplug));
        }
        KafkaSettings kafka = kafka(bootstrapServers);
        LimitSettings limits = LimitSettings.DEFAULT; // ahead of the plant's clock (PlantClock), not the wall's
        List<BridgeConfig> configs = new ArrayList<>();
        List<String> lineRoots = new ArrayList<>();
        for (String line : layout.machines().stream().map(SimulatedMachine::lineName).distinct().toList()) {
            String prefix = "plant/{site}/{area}/" + line + "/{machine}/";
            TopicSettings topics = new TopicSettings(prefix + "counter/{name}", prefix + "state", prefix + "operation",
                    null);
            lineRoots.add(topics.root());
            configs.add(new BridgeConfig(mqtt(mqttUri, mqttPassword, tls, "embedded-plant-bridge-" + line), topics,
                    SparkplugSettings.DISABLED, kafka, List.of(), machines, limits));
        }
        configs.add(new BridgeConfig(mqtt(mqttUri, mqttPassword, tls, "embedded-plant-bridge-strays"),
                new TopicSettings("", "", "", null, "plant/#", lineRoots), SparkplugSettings.DISABLED, kafka,
                List.of(), machines, limits));
        configs.add(new BridgeConfig(mqtt(mqttUri, mqttPassword, tls, "embedded-plant-bridge-spb"),
                new TopicSettings("", "", "", null),
                new SparkplugSettings(List.of(PlantLayout.SPARKPLUG_GROUP), false, null), kafka, List.of(),
                machines, limits));
        return configs;
    }

    private static KafkaSettings kafka(String bootstrapServers) {
        return new KafkaSettings(bootstrapServers, null, null, false, 2, (short) 1, null, 2_000L);
    }

    private static MqttSettings mqtt(String uri, String password, TlsSettings tls, String clientId) {
        return new MqttSettings(uri, 3, clientId, PlantCredentials.MQTT_BRIDGE_USER, password, tls, 1, null, null,
                null, null, null, 200L, 2_000L);
    }

    /**
     * The posting job with the ledger store attached, resumed from the newest retained checkpoint in
     * {@code checkpoints} if there is one. Out-of-orderness grows with the speed: a second of real delay between
     * the gateways' connections is {@code speed} seconds of event time.
     */
    private JobClient startPostingJob(Path checkpoints, Settings settings, Consumer<String> console)
            throws Exception {
        Files.createDirectories(checkpoints);
        CheckpointSettings checkpointing = JobConfiguration.checkpoints(settings.configuration());
        if (!JobConfiguration.checkpointIntervalGiven(settings.configuration())) {
            checkpointing = checkpointing.withInterval(CHECKPOINT_INTERVAL);
        }
        // In the data directory, always (the start checks that the file names no other): a restart resumes there.
        Configuration configuration = checkpointing.storage(new Configuration(), checkpoints.toUri().toString());
        configuration.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        configuration.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 2);
        flinkRestPort = FreePorts.find();
        ClosedFlinkRest.configure(configuration, checkpoints.resolveSibling("flink-rest"), flinkRestPort);
        Optional<Path> latest = latestCheckpoint(checkpoints);
        restoredCheckpoint = latest;
        latest.ifPresent(path -> configuration.set(StateRecoveryOptions.SAVEPOINT_PATH, path.toUri().toString()));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, configuration);
        checkpointing.enable(env);
        KafkaPostingJob.Config config = jobConfig(configuredJob, kafka.bootstrapServers(),
                settings.realPlant() == null ? settings.speed() : 1);
        KafkaPostingJob.Streams streams = KafkaPostingJob.define(env, config);
        LedgerStoreJob.attach(streams,
                LedgerStoreSink.Settings.of(ledgerJdbcUrl, roles.writer(), roles.writerPassword()));
        JobClient client = env.executeAsync("shopfloor-posting-job");
        console.accept("posting job: Flink MiniCluster, job " + client.getJobID()
                + latest.map(path -> " resumed from " + path).orElse(" (first start)")
                + ", checkpoints in " + checkpoints);
        return client;
    }

    /**
     * The configured job ({@link JobConfiguration}) on this plant's Kafka, with out-of-orderness and allowed lateness
     * at least 5 real seconds at the speed: the bridge's JSON and Sparkplug connections feed the same partitions, and
     * a few real seconds of lag of one of them (a loaded machine) are {@code speed} times as many seconds of event
     * time. The ledger lags the plant by as much. The bridges stamp receipt with the plant's clock
     * ({@link PlantClock}), so the configured bound of event times ahead holds here too.
     */
    static KafkaPostingJob.Config jobConfig(KafkaPostingJob.Config configured, String bootstrapServers, double speed) {
        Duration tolerance = Duration.ofMillis((long) (speed * 5_000));
        PostingJob.Settings p = configured.posting();
        return new KafkaPostingJob.Config(bootstrapServers, configured.groupId(), configured.transactionalIdPrefix(),
                max(configured.outOfOrderness(), tolerance), configured.idleness(), configured.maxAhead(),
                configured.plantZone(), new PostingJob.Settings(p.machines(), max(p.allowedLateness(), tolerance),
                p.posting(), p.orders(), p.finishedOrderRetention(), p.calendar(), p.limits(), p.plannedStopCodes()),
                false);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** The newest completed checkpoint ({@code <job>/chk-<n>/_metadata}) of any earlier run. */
    static Optional<Path> latestCheckpoint(Path checkpoints) throws IOException {
        if (!Files.isDirectory(checkpoints)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(checkpoints, 3)) {
            return files.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .map(Path::getParent)
                    .filter(p -> p.getFileName().toString().startsWith("chk-"))
                    .max(Comparator.comparingLong((Path p) -> p.resolve("_metadata").toFile().lastModified())
                            .thenComparingLong(p -> Long.parseLong(p.getFileName().toString().substring(4))));
        }
    }

    /** The checkpoint the posting job resumed from (empty on a first start). */
    public Optional<Path> restoredCheckpoint() {
        return restoredCheckpoint;
    }

    public String ledgerJdbcUrl() {
        return ledgerJdbcUrl;
    }

    /** Flink's REST API: closed to everyone (see {@link ClosedFlinkRest}). */
    public URI flinkRestUri() {
        return URI.create("https://127.0.0.1:" + flinkRestPort + "/");
    }

    /** The running posting job. */
    public JobClient job() {
        return job;
    }

    /** The logins of this data folder (generated at its first start). */
    public PlantCredentials credentials() {
        return credentials;
    }

    public String erpJdbcUrl() {
        return erpJdbcUrl;
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String mqttUri() {
        return mqtt.uri();
    }

    public PlantSimulator simulator() {
        return simulator;
    }

    /** MQTT messages the bridges received so far. */
    public long receivedMessages() {
        return bridges.stream().mapToLong(b -> b.metrics().received.sum()).sum();
    }

    /** A connection to the ledger as its owner (reporting and tests). */
    public Connection connectLedger() throws SQLException {
        return DriverManager.getConnection(ledgerJdbcUrl, OWNER, credentials.postgresOwnerPassword());
    }

    /** Entries in the ledger (item, capacity and value entries). */
    public long ledgerEntryCount() throws SQLException {
        try (Connection connection = connectLedger();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT (SELECT count(*) FROM item_ledger_entry)"
                     + " + (SELECT count(*) FROM capacity_ledger_entry) + (SELECT count(*) FROM value_entry)")) {
            result.next();
            return result.getLong(1);
        }
    }

    /**
     * Stops everything started, newest first; the data folder keeps the state for the next start. The simulator
     * stops first, then the bridges get the time to forward what the broker still holds for them (its sessions are
     * in memory).
     */
    @Override
    public synchronized void close() {
        releases.shutdownNow(); // a pending release is done again at the next start
        if (simulator != null && started.remove(simulator)) {
            closeQuietly(simulator);
            awaitBridgesQuiet(Duration.ofSeconds(10));
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            closeQuietly(started.get(i));
        }
        started.clear();
    }

    private void awaitBridgesQuiet(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        long received = -1;
        try {
            while (System.nanoTime() < deadline && receivedMessages() != received) {
                received = receivedMessages();
                never.await(500, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Cancels the job (its last checkpoint is retained) and waits until it has stopped. */
    private void cancelJob() throws Exception {
        job.cancel().get(30, java.util.concurrent.TimeUnit.SECONDS);
        try {
            job.getJobExecutionResult().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // cancelled: the result is the cancellation
        }
    }

    private static void closeQuietly(AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            System.err.println("stopping " + part + ": " + e);
        }
    }
}
