package io.shopfloor.jobjar;

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
                [--checkpoint-interval-ms <the cluster's execution.checkpointing.interval, else 10000>]
                [--idleness-ms 10000] [--migrate true]
            The owner migrates the ledger schema at submission; the job writes as the writer role.""";
    private static final Set<String> NAMES = Set.of("bootstrap-servers", "jdbc-url", "owner", "owner-password",
            "writer", "writer-password", "owner-password-env", "writer-password-env", "group-id",
            "transactional-id-prefix", "checkpoint-interval-ms", "idleness-ms", "migrate");

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
        for (String required : List.of("bootstrap-servers", "jdbc-url")) {
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

    public String bootstrapServers() {
        return values.get("bootstrap-servers");
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

    public String groupId() {
        return values.getOrDefault("group-id", "shopfloor-posting-job");
    }

    /** Kafka transactional ids of the exactly-once sinks start with this; one prefix per job. */
    public String transactionalIdPrefix() {
        return values.getOrDefault("transactional-id-prefix", groupId());
    }

    /** Null: take the cluster's configuration (or 10 s if the cluster configures none). */
    public Duration checkpointInterval() {
        String millis = values.get("checkpoint-interval-ms");
        return millis == null ? null : Duration.ofMillis(Long.parseLong(millis));
    }

    /**
     * Null: the job's default. How long (processing time) a Kafka partition may deliver nothing before the event
     * time moves on without it. A partition stalled longer (a loaded or restarting TaskManager) lets the event time
     * pass its readings, which then become LATE dead letters: set it above the longest stall you expect.
     */
    public Duration idleness() {
        String millis = values.get("idleness-ms");
        return millis == null ? null : Duration.ofMillis(Long.parseLong(millis));
    }

    public boolean migrate() {
        return Boolean.parseBoolean(values.getOrDefault("migrate", "true"));
    }
}
