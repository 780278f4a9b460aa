package io.shopfloor.ledger;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code RedriveCommand --jdbc-url=URL --reason=CODE [options]}: re-drives the selected dead letters (see
 * {@link DeadLetterRedrive}) and prints what went where. Passwords come from environment variables, never from the
 * command line (it is visible to every user of the machine).
 */
public final class RedriveCommand {
    static final Map<String, String> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("jdbc-url", "the ledger store, e.g. jdbc:postgresql://localhost:5432/ledger (required)");
        OPTIONS.put("user", "ledger login that may read dead_letter and record re-drives (default ledger_writer)");
        OPTIONS.put("password-env", "environment variable with its password (default SHOPFLOOR_LEDGER_PASSWORD)");
        OPTIONS.put("reason", "reason code of the letters to re-drive, e.g. ORDER_NOT_RELEASED (required)");
        OPTIONS.put("stage", "only letters of this stage (mqtt-bridge, decode, mapping, machine, posting, ...)");
        OPTIONS.put("id-prefix", "only letters whose id starts so, e.g. mqtt/plant/site1/area1/L1/M-7/");
        OPTIONS.put("limit", "at most this many (default 1000)");
        OPTIONS.put("again", "true: also letters re-driven before (default false)");
        OPTIONS.put("dry-run", "true: list what would be re-driven, send nothing (default false)");
        OPTIONS.put("kafka", "bootstrap servers, for the job's letters");
        OPTIONS.put("mqtt", "broker URI, e.g. tcp://127.0.0.1:1883, for the bridge's letters");
        OPTIONS.put("mqtt-user", "MQTT login allowed to publish the machines' topics");
        OPTIONS.put("mqtt-password-env", "environment variable with its password (default SHOPFLOOR_MQTT_PASSWORD)");
        OPTIONS.put("by", "who asks (recorded with each re-drive; default the database login)");
    }

    private RedriveCommand() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        if (options.containsKey("help")) {
            System.out.println(usage());
            return;
        }
        String user = options.getOrDefault("user", "ledger_writer");
        String password = System.getenv(options.getOrDefault("password-env", "SHOPFLOOR_LEDGER_PASSWORD"));
        DeadLetterRedrive.Selection selection = new DeadLetterRedrive.Selection(options.get("reason"),
                options.get("stage"), options.get("id-prefix"), Boolean.parseBoolean(options.get("again")),
                Integer.parseInt(options.getOrDefault("limit", "1000")));
        try (Connection connection = DriverManager.getConnection(options.get("jdbc-url"), user, password)) {
            List<DeadLetterRedrive.StoredLetter> letters = DeadLetterRedrive.select(connection, selection);
            System.out.println(letters.size() + " dead letters selected");
            if (Boolean.parseBoolean(options.get("dry-run"))) {
                letters.forEach(l -> System.out.println("  " + l.idempotencyKey() + " (" + l.stage() + ", from "
                        + l.sourceTopic() + ")"));
                return;
            }
            try (DeadLetterRedrive.Target mqtt = options.containsKey("mqtt") ? RedriveTargets.mqtt(
                    options.get("mqtt"), options.get("mqtt-user"), System.getenv(options.getOrDefault(
                            "mqtt-password-env", "SHOPFLOOR_MQTT_PASSWORD"))) : null;
                 DeadLetterRedrive.Target kafka = options.containsKey("kafka")
                         ? RedriveTargets.kafka(options.get("kafka"), Map.of()) : null) {
                Map<String, Integer> sent = DeadLetterRedrive.redrive(connection, letters, mqtt, kafka,
                        options.getOrDefault("by", user));
                sent.forEach((target, count) -> System.out.println("  " + count + " -> " + target));
            }
        }
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.equals("--help")) {
                options.put("help", "true");
                continue;
            }
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 2 ? arg.substring(2, equals) : null;
            if (name == null || !OPTIONS.containsKey(name)) {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
            options.put(name, arg.substring(equals + 1));
        }
        if (!options.containsKey("help")) {
            for (String required : List.of("jdbc-url", "reason")) {
                if (!options.containsKey(required)) {
                    throw new IllegalArgumentException("--" + required + "= is required");
                }
            }
        }
        return options;
    }

    static String usage() {
        StringBuilder usage = new StringBuilder("RedriveCommand --jdbc-url=URL --reason=CODE [options]\n");
        OPTIONS.forEach((name, text) -> usage.append(String.format("  --%-18s %s%n", name + "=", text)));
        return usage.toString();
    }
}
