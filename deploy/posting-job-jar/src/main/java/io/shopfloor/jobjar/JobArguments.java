package io.shopfloor.jobjar;

import io.shopfloor.config.ConfigFile;
import io.shopfloor.job.CheckpointSettings;
import io.shopfloor.job.JobConfiguration;
import io.shopfloor.job.KafkaPostingJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The job jar's command line: {@code --name value} pairs. Unknown names fail, so that a typo in a deployment is
 * an error at submission instead of a silently ignored setting.
 */
public final class JobArguments {
    public static final String USAGE = """
            usage: ClusterPostingJob --bootstrap-servers <host:port,...> --jdbc-url <jdbc:postgresql://...>
                [--owner postgres] [--owner-password ''] [--writer ledger_writer] [--writer-password ledger_writer]
                [--owner-password-env VAR] [--writer-password-env VAR] (the password from that environment variable)
                [--group-id shopfloor-posting-job] [--transactional-id-prefix <group id>]
                [--checkpoint-interval-ms <job.checkpoints.interval, else the cluster's, else 10000>]
                [--idleness-ms 10000] [--migrate true] [--config shopfloor.yaml]
            The owner migrates the ledger schema at submission; the job writes as the writer role.
            --config: the job's settings (plant time zone, shifts, posting interval, lateness, posting rules,
            checkpoint interval and timeout) from
            the configuration file's kafka, plant and job sections (docs/configuration.md); the options above take
            the place of the file's settings they name.""";
    private static final Set<String> NAMES = Set.of("bootstrap-servers", "jdbc-url", "owner", "owner-password",
            "writer", "writer-password", "owner-password-env", "writer-password-env", "group-id",
            "transactional-id-prefix", "checkpoint-interval-ms", "idleness-ms", "migrate", "config");
    /** The options that stand for a setting of the configuration file, and its path there. */
    private static final Map<String, String> CONFIG_PATHS = Map.of("bootstrap-servers", "kafka.bootstrapServers",
            "group-id", "job.groupId", "transactional-id-prefix", "job.transactionalIdPrefix");

    private final Map<String, String> values;
    private final Map<String, String> environment;

    private JobArguments(Map<String, String> values, Map<String, String> environment) {
        this.values = values;
        this.environment = environment;
    }

    /** Parses {@code --name value} pairs; throws IllegalArgumentException with the usage on anything else. */
    public static JobArguments parse(List<String> args) {
        return parse(args, System.getenv());
    }

    /** As {@link #parse(List)}; {@code environment} supplies the {@code --*-password-env} variables. */
    public static JobArguments parse(List<String> args, Map<String, String> environment) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || !NAMES.contains(arg.substring(2))) {
                throw new IllegalArgumentException("unknown argument " + arg + "\n" + USAGE);
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException(arg + " needs a value\n" + USAGE);
            }
            values.put(arg.substring(2), args.get(i + 1));
        }
        for (String required : values.containsKey("config") ? List.of("jdbc-url")
                : List.of("bootstrap-servers", "jdbc-url")) {
            if (!values.containsKey(required)) {
                throw new IllegalArgumentException("--" + required + " is required\n" + USAGE);
            }
        }
        for (String variable : List.of("owner-password-env", "writer-password-env")) {
            if (values.containsKey(variable) && !environment.containsKey(values.get(variable))) {
                throw new IllegalArgumentException("--" + variable + " names " + values.get(variable)
                        + ", which is not set");
            }
        }
        return new JobArguments(values, Map.copyOf(environment));
    }

    public String jdbcUrl() {
        return values.get("jdbc-url");
    }

    public String owner() {
        return values.getOrDefault("owner", "postgres");
    }

    public String ownerPassword() {
        return password("owner", "");
    }

    public String writer() {
        return values.getOrDefault("writer", "ledger_writer");
    }

    public String writerPassword() {
        return password("writer", "ledger_writer");
    }

    /** From the environment variable {@code --<role>-password-env} names, else {@code --<role>-password}. */
    private String password(String role, String defaultPassword) {
        String variable = values.get(role + "-password-env");
        return variable != null ? environment.get(variable) : values.getOrDefault(role + "-password", defaultPassword);
    }

    /**
     * The job's settings: the configuration file's (or the defaults), with the options given here in place of the
     * settings they name. Kafka transactional ids of the exactly-once sinks start with the prefix, which follows the
     * group id unless given: one prefix per job.
     */
    public KafkaPostingJob.Config jobConfig() {
        return JobConfiguration.read(configuration());
    }

    /**
     * The job's checkpoints ({@code job.checkpoints}, {@code --checkpoint-interval-ms} in place of its interval). A
     * cluster keeps its checkpoints where its own configuration says ({@code execution.checkpointing.dir}), so a
     * directory in the file is refused here rather than ignored.
     */
    public CheckpointSettings checkpoints() {
        io.shopfloor.config.Section root = configuration();
        CheckpointSettings checkpoints = JobConfiguration.checkpoints(root);
        if (checkpoints.directory() != null) {
            throw root.section("job").section("checkpoints").invalid("directory", "is the cluster's "
                    + "execution.checkpointing.dir for the job jar, not a setting of the job");
        }
        return checkpoints;
    }

    /** The file's settings with the options given here in their place. */
    private io.shopfloor.config.Section configuration() {
        Map<String, String> overrides = new LinkedHashMap<>();
        CONFIG_PATHS.forEach((option, path) -> {
            if (values.containsKey(option)) {
                overrides.put(path, quoted(values.get(option)));
            }
        });
        if (values.containsKey("idleness-ms")) {
            overrides.put("job.idleness", Long.parseLong(values.get("idleness-ms")) + "ms");
        }
        if (values.containsKey("checkpoint-interval-ms")) {
            overrides.put("job.checkpoints.interval", Long.parseLong(values.get("checkpoint-interval-ms")) + "ms");
        }
        String file = values.get("config");
        return file == null ? ConfigFile.defaults(overrides) : ConfigFile.load(Path.of(file), overrides);
    }

    /** A YAML string, whatever the text looks like (a group id of digits stays text). */
    private static String quoted(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /**
     * The checkpoint interval the file or {@code --checkpoint-interval-ms} gives; null when neither does: then the
     * cluster's {@code execution.checkpointing.interval}, else {@link CheckpointSettings#DEFAULTS}'s.
     */
    public Duration checkpointInterval() {
        io.shopfloor.config.Section root = configuration();
        return JobConfiguration.checkpointIntervalGiven(root) ? JobConfiguration.checkpoints(root).interval() : null;
    }

    public boolean migrate() {
        return Boolean.parseBoolean(values.getOrDefault("migrate", "true"));
    }
}
