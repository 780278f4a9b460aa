package io.shopfloor.launcher;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Properties;

/**
 * Moquette (MQTT 3.1.1) in this process on a free loopback port. Sessions and their queues are on disk, so QoS 1
 * messages the broker acknowledged to a gateway survive a crash until the bridge has them. No anonymous clients:
 * the gateways publish as {@link PlantCredentials#MQTT_GATEWAY_USER}, the bridges read as
 * {@link PlantCredentials#MQTT_BRIDGE_USER}; each may only do its part; with TLS configured, MQTT over TLS only (Sparkplug commands are the exception both
 * ways: the bridge asks nodes for a rebirth, the nodes listen for it).
 */
public final class EmbeddedMqttBroker implements AutoCloseable {
    /** Above the bridge's own payload limit, so that an oversized message reaches the bridge as a dead letter. */
    static final int MAX_MESSAGE_BYTES = 1024 * 1024;
    private static final String SPARKPLUG_COMMANDS = "spBv1.0/";

    private final Server server;
    private final int port;
    private final MqttTls tls;

    private EmbeddedMqttBroker(Server server, int port, MqttTls tls) {
        this.server = server;
        this.port = port;
        this.tls = tls;
    }

    public static EmbeddedMqttBroker start(Path dataDirectory, PlantCredentials credentials) throws Exception {
        return start(dataDirectory, credentials, null, 0);
    }

    /**
     * @param tls  null: plain MQTT; else MQTT over TLS only, with this identity (no plain listener at all)
     * @param port 0: a free one
     */
    static EmbeddedMqttBroker start(Path dataDirectory, PlantCredentials credentials, MqttTls tls, int port)
            throws Exception {
        Files.createDirectories(dataDirectory);
        if (port == 0) {
            port = FreePorts.find(); // Moquette binds port 0 but reports 0, not the port it got
        }
        Properties properties = new Properties();
        properties.setProperty("host", "127.0.0.1");
        if (tls == null) {
            properties.setProperty("port", String.valueOf(port));
        } else {
            properties.setProperty("port", "disabled");
            properties.setProperty("ssl_port", String.valueOf(port));
            properties.setProperty("ssl_provider", "JDK");
            properties.setProperty("jks_path", tls.keyStore().toAbsolutePath().toString());
            properties.setProperty("key_store_type", "pkcs12");
            properties.setProperty("key_store_password", tls.password());
            properties.setProperty("key_manager_password", tls.password());
        }
        properties.setProperty("allow_anonymous", "false");
        properties.setProperty("persistence_enabled", "true");
        // Segmented queues are memory-mapped files: what the broker acknowledged is in the OS page cache at once
        // and survives the JVM being killed; the sessions behind them are saved every second.
        properties.setProperty("persistent_queue_type", "segmented");
        properties.setProperty("autosave_interval", "1");
        properties.setProperty("data_path", dataDirectory.toAbsolutePath().toString());
        properties.setProperty("telemetry_enabled", "false");
        properties.setProperty("session_queue_size", "100000");
        properties.setProperty("netty.mqtt.message_size", String.valueOf(MAX_MESSAGE_BYTES));
        Server server = new Server();
        server.startServer(new MemoryConfig(properties), List.of(), null, new Logins(credentials), new Roles());
        return new EmbeddedMqttBroker(server, port, tls);
    }

    /** {@code tcp://127.0.0.1:<port>}, or {@code ssl://...} with TLS. */
    public String uri() {
        return (tls == null ? "tcp" : "ssl") + "://127.0.0.1:" + port;
    }

    /** The TLS identity, or null for plain MQTT. */
    MqttTls tls() {
        return tls;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        server.stopServer();
    }

    /** The two users of the plant, passwords compared in constant time. */
    private record Logins(PlantCredentials credentials) implements IAuthenticator {
        @Override
        public boolean checkValid(String clientId, String username, byte[] password) {
            if (username == null || password == null) {
                return false;
            }
            String expected = switch (username) {
                case PlantCredentials.MQTT_BRIDGE_USER -> credentials.mqttBridgePassword();
                case PlantCredentials.MQTT_GATEWAY_USER -> credentials.mqttGatewayPassword();
                default -> null;
            };
            return expected != null
                    && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), password);
        }
    }

    /** Gateways publish and hear Sparkplug commands; bridges subscribe and send Sparkplug commands. */
    private static final class Roles implements IAuthorizatorPolicy {
        @Override
        public boolean canWrite(Topic topic, String user, String client) {
            return PlantCredentials.MQTT_GATEWAY_USER.equals(user)
                    || PlantCredentials.MQTT_BRIDGE_USER.equals(user) && isSparkplug(topic);
        }

        @Override
        public boolean canRead(Topic topic, String user, String client) {
            return PlantCredentials.MQTT_BRIDGE_USER.equals(user)
                    || PlantCredentials.MQTT_GATEWAY_USER.equals(user) && isSparkplug(topic);
        }

        private static boolean isSparkplug(Topic topic) {
            return topic.toString().startsWith(SPARKPLUG_COMMANDS);
        }
    }
}
