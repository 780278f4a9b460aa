package io.shopfloor.bridge.testing;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.nio.file.Path;
import java.util.Properties;

/** Moquette (MQTT 3.1.1) in this JVM on a free port, sessions in memory (a restart loses them). */
public final class Moquette implements AutoCloseable {
    private final Path directory;
    private final int port;
    private Server server;

    private Moquette(Path directory) throws Exception {
        this.directory = directory;
        this.port = FreePort.find(); // Moquette binds port 0 but reports 0, not the port it got
        launch();
    }

    private void launch() throws Exception {
        server = new Server();
        Properties properties = new Properties();
        properties.setProperty("host", "127.0.0.1");
        properties.setProperty("port", String.valueOf(port));
        properties.setProperty("allow_anonymous", "true");
        properties.setProperty("persistence_enabled", "false");
        properties.setProperty("data_path", directory.toAbsolutePath().toString());
        properties.setProperty("telemetry_enabled", "false");
        // room for the whole test run in a session whose client is down
        properties.setProperty("session_queue_size", "100000");
        // Moquette's own limit (8 KB by default) closes the publisher's connection with a stack trace: keep it
        // above the bridge's mqtt.maxPayloadBytes (64 KiB), so that the bridge dead-letters large payloads.
        properties.setProperty("netty.mqtt.message_size", String.valueOf(1024 * 1024));
        server.startServer(new MemoryConfig(properties));
    }

    /** Stops and starts again on the same port: every session and subscription is gone. */
    public void restart() throws Exception {
        server.stopServer();
        launch();
    }

    public static Moquette start(Path directory) throws Exception {
        return new Moquette(directory);
    }

    public String tcpUri() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.stopServer();
    }
}
