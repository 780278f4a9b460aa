package io.shopfloor.cdc;

import io.shopfloor.config.ConfigFile;
import io.shopfloor.config.Section;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.postgresql.Driver;

/**
 * Where the connector reads and writes.
 *
 * @param dataDirectory   holds the Debezium offsets ({@code offsets.dat}): keep it, or a restart snapshots again
 * @param slotName        the replication slot, this connector's own (slot names are unique per server)
 * @param publicationName the publication, this connector's own; created for the ERP tables if missing
 * @param partitions      of the topics created at start (existing topics stay as they are)
 */
public record ErpCdcSettings(String jdbcUrl, String user, String password, String bootstrapServers, Path dataDirectory,
                             String slotName, String publicationName, int partitions, short replicationFactor) {
    public static final String DEFAULT_SLOT = "shopfloor_erp_cdc";
    public static final String DEFAULT_PUBLICATION = "shopfloor_erp_cdc";

    /** Default slot and publication names, 2 partitions per topic, replication factor 1. */
    public static ErpCdcSettings of(String jdbcUrl, String user, String password, String bootstrapServers,
                                    Path dataDirectory) {
        return new ErpCdcSettings(jdbcUrl, user, password, bootstrapServers, dataDirectory, DEFAULT_SLOT,
                DEFAULT_PUBLICATION, 2, (short) 1);
    }

    public ErpCdcSettings withSlotAndPublication(String slot, String publication) {
        return new ErpCdcSettings(jdbcUrl, user, password, bootstrapServers, dataDirectory, slot, publication,
                partitions, replicationFactor);
    }

    public static final String USAGE = """
            usage: ErpCdcConnector --jdbc-url=jdbc:postgresql://HOST:PORT/DB --user=USER [--password=PASSWORD]
                                   --bootstrap-servers=HOST:PORT --data-dir=DIRECTORY
                                   [--slot=%s] [--publication=%s] [--partitions=2] [--replication-factor=1]
                   ErpCdcConnector --config=FILE [any option above in place of the file's setting]
            The password may also come from the environment variable PGPASSWORD. --config: the file's erp section
            (jdbcUrl, user, passwordFile/passwordEnv, dataDir, slot, publication, topicPartitions,
            topicReplicationFactor) and kafka.bootstrapServers (docs/configuration.md).""".formatted(DEFAULT_SLOT,
            DEFAULT_PUBLICATION);
    /** The options that stand for a setting of the configuration file, and its path there. */
    private static final Map<String, String> CONFIG_PATHS = Map.of("jdbc-url", "erp.jdbcUrl", "user", "erp.user",
            "bootstrap-servers", "kafka.bootstrapServers", "data-dir", "erp.dataDir", "slot", "erp.slot",
            "publication", "erp.publication", "partitions", "erp.topicPartitions", "replication-factor",
            "erp.topicReplicationFactor");

    /** From {@code --name=value} arguments (see {@link #USAGE}); {@code environment} supplies PGPASSWORD. */
    public static ErpCdcSettings fromArguments(List<String> arguments, Map<String, String> environment) {
        Map<String, String> values = new HashMap<>();
        for (String argument : arguments) {
            int equals = argument.indexOf('=');
            if (!argument.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("not --name=value: " + argument + "\n" + USAGE);
            }
            values.put(argument.substring(2, equals), argument.substring(equals + 1));
        }
        List<String> known = List.of("jdbc-url", "user", "password", "bootstrap-servers", "data-dir", "slot",
                "publication", "partitions", "replication-factor", "config");
        List<String> unknown = values.keySet().stream().filter(name -> !known.contains(name)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown " + unknown + "\n" + USAGE);
        }
        if (values.containsKey("config")) {
            return fromFile(Path.of(values.get("config")), values, environment);
        }
        String password = values.getOrDefault("password", environment.get("PGPASSWORD"));
        return new ErpCdcSettings(required(values, "jdbc-url"), required(values, "user"),
                password == null ? "" : password, required(values, "bootstrap-servers"),
                Path.of(required(values, "data-dir")), values.getOrDefault("slot", DEFAULT_SLOT),
                values.getOrDefault("publication", DEFAULT_PUBLICATION),
                Integer.parseInt(values.getOrDefault("partitions", "2")),
                Short.parseShort(values.getOrDefault("replication-factor", "1")));
    }

    /**
     * From the configuration file's {@code erp} section and {@code kafka.bootstrapServers}, with the options given in
     * place of the settings they name; the password from {@code --password}, else the file's {@code passwordFile} or
     * {@code passwordEnv}, else PGPASSWORD. Defaults as for the options.
     */
    private static ErpCdcSettings fromFile(Path file, Map<String, String> values, Map<String, String> environment) {
        Map<String, String> overrides = new HashMap<>();
        CONFIG_PATHS.forEach((option, path) -> {
            if (values.containsKey(option)) {
                overrides.put(path, "'" + values.get(option).replace("'", "''") + "'");
            }
        });
        Section root = ConfigFile.load(file, overrides);
        Section erp = root.section("erp");
        String jdbcUrl = erp.requiredString("jdbcUrl");
        String user = erp.requiredString("user");
        String secret = erp.secret("password", environment);
        String password = values.getOrDefault("password", secret != null ? secret : environment.get("PGPASSWORD"));
        String bootstrapServers = root.section("kafka").requiredString("bootstrapServers");
        erp.requiredString("dataDir");
        ErpCdcSettings settings = new ErpCdcSettings(jdbcUrl, user, password == null ? "" : password,
                bootstrapServers, erp.path("dataDir", null),
                erp.string("slot", DEFAULT_SLOT), erp.string("publication", DEFAULT_PUBLICATION),
                erp.integer("topicPartitions", 2, 1, 10_000),
                (short) erp.integer("topicReplicationFactor", 1, 1, Short.MAX_VALUE));
        erp.requireAllRead();
        root.section("kafka").requireAllRead();
        return settings;
    }

    /**
     * The Debezium PostgreSQL connector's configuration: pgoutput with this connector's own slot and publication
     * (filtered to the ERP tables), decimals as exact text, offsets in a file under the data directory flushed
     * after every batch, no Debezium tombstones (deletes become records with deleted = true).
     */
    public Properties debeziumProperties() {
        Properties jdbc = Driver.parseURL(jdbcUrl, new Properties());
        if (jdbc == null) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        Properties p = new Properties();
        p.setProperty("name", "shopfloor-erp-cdc");
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
        p.setProperty("offset.storage.file.filename", dataDirectory.resolve("offsets.dat").toString());
        p.setProperty("offset.flush.interval.ms", "0");
        p.setProperty("database.hostname", jdbc.getProperty("PGHOST").split(",")[0]);
        p.setProperty("database.port", jdbc.getProperty("PGPORT", "5432").split(",")[0]);
        p.setProperty("database.dbname", jdbc.getProperty("PGDBNAME"));
        p.setProperty("database.user", user);
        p.setProperty("database.password", password);
        // Debezium's logical server name; its own topics (heartbeats) are never written: records go to KafkaTopics.
        p.setProperty("topic.prefix", "shopfloor-erp");
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", slotName);
        p.setProperty("publication.name", publicationName);
        p.setProperty("publication.autocreate.mode", "filtered");
        p.setProperty("schema.include.list", MasterDataTable.SCHEMA);
        p.setProperty("table.include.list", MasterDataTable.ALL.stream()
                .map(table -> MasterDataTable.SCHEMA + "\\." + table.table()).collect(Collectors.joining(",")));
        p.setProperty("decimal.handling.mode", "string");
        p.setProperty("tombstones.on.delete", "false");
        p.setProperty("snapshot.mode", "initial");
        // Confirms the log position to the server while the ERP tables are quiet, so the slot does not pin WAL.
        p.setProperty("heartbeat.interval.ms", "10000");
        p.setProperty("record.processing.threads", "1");
        // Debezium waits this long for new changes after an empty poll (default 500 ms): the latency floor.
        p.setProperty("poll.interval.ms", "50");
        return p;
    }

    private static String required(Map<String, String> values, String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing --" + name + "\n" + USAGE);
        }
        return value;
    }

    @Override
    public String toString() {
        return "ErpCdcSettings[" + jdbcUrl + " as " + user + " -> " + bootstrapServers + ", data " + dataDirectory
                + ", slot " + slotName + ", publication " + publicationName + "]";
    }
}
