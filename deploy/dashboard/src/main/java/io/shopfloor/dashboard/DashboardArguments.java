package io.shopfloor.dashboard;

import io.shopfloor.config.ConfigFile;
import io.shopfloor.config.Section;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link DashboardMain}'s command line: {@code [--config=FILE] [PORT LEDGER_JDBC_URL USER PASSWORD KAFKA]}. The file's
 * {@code dashboard} section, {@code ledger.jdbcUrl} and {@code kafka.bootstrapServers} (docs/configuration.md); the
 * five positional arguments, when given, take the place of the settings they name (the password of the secret).
 */
public final class DashboardArguments {
    public static final String USAGE = "usage: DashboardMain [--config=FILE] [<port> <ledger-jdbc-url> <user> "
            + "<password> <kafka-bootstrap>]";
    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_LEDGER_JDBC_URL = "jdbc:postgresql://localhost:5432/ledger";
    public static final String DEFAULT_LEDGER_USER = "ledger_reporting";
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";
    private static final List<String> POSITIONAL_PATHS = List.of("dashboard.port", "ledger.jdbcUrl",
            "dashboard.ledgerUser", "", "kafka.bootstrapServers");

    private DashboardArguments() {
    }

    /**
     * The dashboard's settings; IllegalArgumentException with the usage on a malformed command line,
     * {@link io.shopfloor.config.ConfigException} on a wrong setting.
     */
    public static DashboardSettings parse(List<String> args, Map<String, String> environment) {
        List<String> positional = new ArrayList<>(args);
        Path file = null;
        if (!positional.isEmpty() && positional.get(0).startsWith("--config=")) {
            file = Path.of(positional.remove(0).substring("--config=".length()));
        }
        if (positional.stream().anyMatch(a -> a.startsWith("--"))
                || !(positional.isEmpty() || positional.size() == POSITIONAL_PATHS.size())) {
            throw new IllegalArgumentException("expected none or all five of <port> <ledger-jdbc-url> <user> "
                    + "<password> <kafka-bootstrap>, got " + positional + "\n" + USAGE);
        }
        if (file == null && positional.isEmpty()) {
            throw new IllegalArgumentException(USAGE);
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < positional.size(); i++) {
            if (!POSITIONAL_PATHS.get(i).isEmpty()) {
                overrides.put(POSITIONAL_PATHS.get(i), i == 0 ? positional.get(i)
                        : "'" + positional.get(i).replace("'", "''") + "'");
            }
        }
        Section root = file == null ? ConfigFile.defaults(overrides) : ConfigFile.load(file, overrides);
        Section dashboard = root.section("dashboard");
        int port = dashboard.integer("port", DEFAULT_PORT, 0, 65_535);
        String user = dashboard.string("ledgerUser", DEFAULT_LEDGER_USER);
        String password = dashboard.secret("ledgerPassword", environment);
        dashboard.requireAllRead();
        // Only these settings of the shared sections: the ledger store and the job check the rest of them.
        String jdbcUrl = root.section("ledger").string("jdbcUrl", DEFAULT_LEDGER_JDBC_URL);
        String bootstrapServers = root.section("kafka").string("bootstrapServers", DEFAULT_BOOTSTRAP_SERVERS);
        if (!positional.isEmpty()) {
            password = positional.get(3);
        }
        return new DashboardSettings(port, jdbcUrl, user, password == null ? "" : password, bootstrapServers);
    }
}
