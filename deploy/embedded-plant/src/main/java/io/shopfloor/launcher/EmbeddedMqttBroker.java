package io.shopfloor.launcher;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Moquette (MQTT 3.1.1) in this process on a free loopback port.
 */
public final class EmbeddedMqttBroker implements AutoCloseable {
    private final Server server;
    private final int port;

    private EmbeddedMqttBroker(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    public static EmbeddedMqttBroker start(Path dataDirectory) throws Exception {
        Files.createDirectories(dataDirectory);
        int port = FreePorts.find(); // Moquette binds port 0 but reports 0, not the port it got
        Properties properties = new Properties();
        properties.setProperty("host", "127.0.0.1");
        properties.setProperty("port", String.valueOf(port));
        properties.setProperty("allow_anonymous", "true");
        // Sessions in memory: Moquette's disk queues slowed it down on a loaded machine. Nothing is lost by a clean
        // stop (the simulator stops first; the bridge acknowledges only what Kafka has), and after a crash the
        // simulator publishes again from its last saved progress.
        properties.setProperty("persistence_enabled", "false");
        properties.setProperty("data_path", dataDirectory.toAbsolutePath().toString());
        properties.setProperty("telemetry_enabled", "false");
        properties.setProperty("session_queue_size", "100000");
        // Above the bridges' mqtt.maxPayloadBytes (64 KiB): Moquette's default 8 KB drops the connection instead.
        properties.setProperty("netty.mqtt.message_size", String.valueOf(1024 * 1024));
        Server server = new Server();
        server.startServer(new MemoryConfig(properties));
        return new EmbeddedMqttBroker(server, port);
    }

    public String tcpUri() {
        return "tcp://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        server.stopServer();
    }
}
