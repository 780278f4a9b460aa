package io.shopfloor.bridge;

import io.shopfloor.bridge.config.BridgeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The bridge as a program: {@code MqttBridge <config.json>}. Runs until stopped (SIGTERM / Ctrl-C close it
 * cleanly through a shutdown hook). Prints {@code mqtt-bridge ready} once every connection has subscribed.
 */
public final class MqttBridge {

    private MqttBridge() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: MqttBridge <config.json>");
            System.exit(2);
        }
        BridgeConfig config = BridgeConfig.load(Path.of(args[0]));
        BridgeService bridge = BridgeService.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            bridge.close();
            stopped.countDown();
        }, "mqtt-bridge-shutdown"));
        while (!bridge.awaitSubscribed(Duration.ofSeconds(30))) {
            System.out.println("mqtt-bridge waiting for the broker " + config.mqtt().serverUri());
        }
        System.out.println("mqtt-bridge ready: " + bridge.clientIds());
        stopped.await();
    }
}
