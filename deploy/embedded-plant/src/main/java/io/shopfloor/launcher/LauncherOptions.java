package io.shopfloor.launcher;

import io.shopfloor.config.ConfigException;
import io.shopfloor.config.ConfigFile;
import io.shopfloor.config.Section;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The embedded plant's command line, parsed and checked: {@code --name=value} options, each with its default, and
 * {@code --help}. A wrong command line is a {@link UsageException} whose message says what is wrong.
 *
 * @param dataDirectory  where the plant's state lives (relative to the working directory)
 * @param speed          simulated seconds per real second
 * @param machines       machine count, about five per line (at least 4)
 * @param seed           of every random choice of the simulated plant
 * @param ordersPerLine  orders per line the planner releases at a time
 * @param dashboardPort  the dashboard's port (0, or a port in use: a free one)
 * @param mqttTls        MQTT over TLS only
 * @param simulator      a simulated plant feeds it (the demo); false: the plant's own machines and ERP (real-plant
 *                       mode, its machines and ERP connection in the configuration file)
 * @param mqttPort       the MQTT listener's port (0: a free one)
 * @param configFile     the configuration file (null: none); the command line's options take the place of its
 *                       settings
 * @param help           print the usage and exit
 */
public record LauncherOptions(Path dataDirectory, double speed, int machines, long seed, int ordersPerLine,
                              int dashboardPort, boolean mqttTls, boolean simulator, int mqttPort, Path configFile,
                              boolean help) {

    /**
     * One option: its name, the setting of the configuration file it stands for, its default (written here only) and
     * what it is.
     */
    public enum Option {
        CONFIG("config", null, "", "configuration file (YAML, docs/configuration.md); options below take the place"
                + " of its settings"),
        DATA_DIR("data-dir", "embedded.dataDir", "plant-data", "folder of the plant's state; a new plant when it does"
                + " not exist"),
        SIMULATOR("simulator", "simulator.enabled", "true", "a simulated plant feeds it; false: real-plant mode, "
                + "the machines and ERP of the configuration file"),
        SPEED("speed", "simulator.speed", "60", "simulated seconds per real second"),
        MACHINES("machines", "simulator.machines", "20", "machines, about five per line (at least 4); first start "
                + "of a folder only"),
        SEED("seed", "simulator.seed", "42", "seed of the simulated plant; first start of a folder only"),
        ORDERS_PER_LINE("orders-per-line", "simulator.ordersPerLine", "12", "orders per line the planner releases at"
                + " a time (at least 1)"),
        DASHBOARD_PORT("dashboard-port", "dashboard.port", "8080", "port of the dashboard; 0 or a port in use takes "
                + "a free one"),
        MQTT_PORT("mqtt-port", "mqtt.port", "0", "port of the MQTT listener on 127.0.0.1 (0: a free one)"),
        MQTT_TLS("mqtt-tls", "mqtt.tls", "false", "MQTT over TLS only; gateways trust "
                + "<data-dir>/mqtt-tls/broker-cert.pem");

        private final String optionName;
        private final String configPath;
        private final String defaultValue;
        private final String description;

        Option(String optionName, String configPath, String defaultValue, String description) {
            this.optionName = optionName;
            this.configPath = configPath;
            this.defaultValue = defaultValue;
            this.description = description;
        }

        public String optionName() {
            return optionName;
        }

        public String defaultValue() {
            return defaultValue;
        }

        /** This option's value in the configuration file, or null; marks the setting as read. */
        String in(Section root) {
            int dot = configPath.indexOf('.');
            return root.section(configPath.substring(0, dot)).string(configPath.substring(dot + 1), null);
        }
    }

    /** A command line that cannot be run; the message says why. */
    public static final class UsageException extends Exception {
        public UsageException(String message) {
            super(message);
        }
    }

    public LauncherOptions {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("--speed must be a positive number, not " + speed);
        }
        if (machines < 4) {
            throw new IllegalArgumentException("--machines must be at least 4 (2 lines of 2), not " + machines);
        }
        if (ordersPerLine < 1) {
            throw new IllegalArgumentException("--orders-per-line must be at least 1, not " + ordersPerLine);
        }
        if (dashboardPort < 0 || dashboardPort > 65_535) {
            throw new IllegalArgumentException("--dashboard-port must be 0 to 65535, not " + dashboardPort);
        }
        if (mqttPort < 0 || mqttPort > 65_535) {
            throw new IllegalArgumentException("--mqtt-port must be 0 to 65535, not " + mqttPort);
        }
    }

    /** Parses {@code --name=value} options and {@code --help}; what is not given takes its default. */
    public static LauncherOptions parse(String... args) throws UsageException {
        Map<Option, String> values = new HashMap<>();
        boolean help = false;
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 2 ? arg.substring(2, equals) : null;
            Option option = List.of(Option.values()).stream().filter(o -> o.optionName.equals(name)).findFirst()
                    .orElseThrow(() -> new UsageException("unknown argument " + arg));
            if (values.put(option, arg.substring(equals + 1)) != null) {
                throw new UsageException("--" + name + " given twice");
            }
        }
        try {
            Path configFile = values.containsKey(Option.CONFIG) ? Path.of(values.get(Option.CONFIG)) : null;
            if (configFile != null) {
                Section root = ConfigFile.load(configFile);
                for (Option option : Option.values()) {
                    String inFile = option == Option.CONFIG ? null : option.in(root);
                    if (inFile != null) {
                        values.putIfAbsent(option, inFile);
                    }
                }
            }
            return new LauncherOptions(
                    value(values, Option.DATA_DIR, text -> configFile == null ? Path.of(text)
                            : configFile.toAbsolutePath().getParent().resolve(text).normalize()),
                    value(values, Option.SPEED, Double::parseDouble),
                    value(values, Option.MACHINES, Integer::parseInt),
                    value(values, Option.SEED, Long::parseLong),
                    value(values, Option.ORDERS_PER_LINE, Integer::parseInt),
                    value(values, Option.DASHBOARD_PORT, Integer::parseInt),
                    value(values, Option.MQTT_TLS, text -> parseBoolean(Option.MQTT_TLS, text)),
                    value(values, Option.SIMULATOR, text -> parseBoolean(Option.SIMULATOR, text)),
                    value(values, Option.MQTT_PORT, Integer::parseInt),
                    configFile, help);
        } catch (IllegalArgumentException | ConfigException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static <T> T value(Map<Option, String> values, Option option, Function<String, T> parse)
            throws UsageException {
        String text = values.getOrDefault(option, option.defaultValue);
        if (text.isBlank()) {
            throw new UsageException("--" + option.optionName + "= needs a value");
        }
        try {
            return parse.apply(text);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + option.optionName + " must be a number, not " + text);
        }
    }

    /** Only {@code true} or {@code false}: a typo must not quietly turn TLS off. */
    private static boolean parseBoolean(Option option, String text) {
        if (!text.equals("true") && !text.equals("false")) {
            throw new IllegalArgumentException("--" + option.optionName + " must be true or false, not " + text);
        }
        return Boolean.parseBoolean(text);
    }

    /** What {@code --help} prints: every option with its default. */
    public static String usage() {
        StringBuilder usage = new StringBuilder("usage: java -jar deploy/embedded-plant/target/embedded-plant.jar"
                + " [options]\n\nRuns all of Shopfloor Ledger in this process, fed by a simulated plant (or, with "
                + "--simulator=false, by the plant's own machines and ERP), until Ctrl-C.\n\noptions (default in "
                + "brackets):\n");
        for (Option option : Option.values()) {
            usage.append(String.format("  --%-24s %s [%s]%n", option.optionName + "=", option.description,
                    option.defaultValue));
        }
        usage.append(String.format("  --%-24s %s%n", "help", "print this and exit"));
        return usage.toString();
    }
}
