package io.shopfloor.cluster;

import io.shopfloor.ledger.LedgerStoreSchema;
import io.shopfloor.posting.PostingSettings;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service scripts users run beside the cluster: Mosquitto (bin/mosquitto-start.sh) carries a QoS 1 message
 * from a publisher to a subscriber; PostgreSQL (bin/postgres-start.sh, Debian's server, initialised on first start)
 * takes the ledger store's migrations and serves its tables.
 */
class ServiceScriptsTest {
    static final Path CLUSTER_HOME = Path.of(System.getProperty("cluster.home", "."));

    @TempDir
    Path work;

    @Test
    void mosquittoCarriesAQos1Message() throws Exception {
        int port = ClusterProcesses.freePort();
        try (ClusterProcesses services = new ClusterProcesses(CLUSTER_HOME, work.resolve("logs"))) {
            services.env("MQTT_PORT", String.valueOf(port)).env("MQTT_DATA_DIR", work.resolve("mosquitto").toString());
            services.start("mosquitto", "mosquitto-start.sh");
            String uri = "tcp://localhost:" + port;
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            MqttClient subscriber = new MqttClient(uri, "script-test-sub", new MemoryPersistence());
            Await.until("mosquitto accepting connections", Duration.ofSeconds(30), () -> {
                subscriber.connect(options);
                return true;
            }, () -> services.tail("mosquitto", 20));
            BlockingQueue<String> received = new ArrayBlockingQueue<>(10);
            subscriber.subscribe("plant/+/counter/good", 1, (topic, message) ->
                    received.add(topic + " " + new String(message.getPayload(), StandardCharsets.UTF_8)));
            MqttClient publisher = new MqttClient(uri, "script-test-pub", new MemoryPersistence());
            publisher.connect(options);
            MqttMessage message = new MqttMessage("{\"value\":42}".getBytes(StandardCharsets.UTF_8));
            message.setQos(1);
            publisher.publish("plant/CUT-1/counter/good", message);
            assertEquals("plant/CUT-1/counter/good {\"value\":42}", received.poll(20, TimeUnit.SECONDS));
            publisher.disconnect();
            subscriber.disconnect();
            publisher.close();
            subscriber.close();
        }
    }

    @Test
    void postgresTakesTheLedgerSchema() throws Exception {
        int port = ClusterProcesses.freePort();
        // The server runs as the postgres user when the test runs as root: it must reach its data folder.
        Path data = Files.createDirectories(work.resolve("postgres"));
        for (Path folder = data; folder != null && folder.startsWith(work.getParent()); folder = folder.getParent()) {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        try (ClusterProcesses services = new ClusterProcesses(CLUSTER_HOME, work.resolve("logs"))) {
            services.env("PGDATA", data.toString()).env("PGPORT", String.valueOf(port)).env("PG_LISTEN", "localhost");
            services.start("postgres", "postgres-start.sh");
            String jdbcUrl = "jdbc:postgresql://localhost:" + port + "/postgres";
            Await.until("PostgreSQL accepting connections", Duration.ofMinutes(1), () -> {
                try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "")) {
                    return connection.isValid(5) ? true : null;
                }
            }, () -> services.tail("postgres", 20));
            LedgerStoreSchema.migrate(jdbcUrl, "postgres", "", LedgerStoreSchema.Roles.defaults(),
                    PostingSettings.DEFAULTS.deviationBasis());
            List<String> tables = new ArrayList<>();
            try (Connection connection = DriverManager.getConnection(jdbcUrl, "ledger_writer", "ledger_writer");
                 Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("SELECT table_name FROM information_schema.tables "
                         + "WHERE table_schema = 'public' AND table_name IN ('item_ledger_entry', "
                         + "'capacity_ledger_entry', 'value_entry', 'machine_kpi') ORDER BY 1")) {
                while (result.next()) {
                    tables.add(result.getString(1));
                }
            }
            assertEquals(List.of("capacity_ledger_entry", "item_ledger_entry", "machine_kpi", "value_entry"), tables);
            assertTrue(Files.exists(data.resolve("PG_VERSION")), "initialised on first start");
        }
    }
}
