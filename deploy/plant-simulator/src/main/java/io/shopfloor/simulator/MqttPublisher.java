package io.shopfloor.simulator;

import java.util.ArrayDeque;
import java.util.Deque;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * One gateway's MQTT 3.1.1 connection (Paho): QoS 1 publishes with a bounded window of unacknowledged ones, so a
 * gateway never has more in flight than the client allows.
 */
final class MqttPublisher implements AutoCloseable {
    private static final int WINDOW = 200;
    private static final long TIMEOUT_MILLIS = 30_000;

    private final MqttAsyncClient client;
    private final Deque<IMqttDeliveryToken> inFlight = new ArrayDeque<>();

    MqttPublisher(MqttServer server, String clientId, String willTopic, byte[] willPayload) throws MqttException {
        client = new MqttAsyncClient(server.uri(), clientId, new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setMaxInflight(WINDOW * 2);
        options.setKeepAliveInterval(30);
        if (server.username() != null) {
            options.setUserName(server.username());
            options.setPassword(server.password().toCharArray());
        }
        if (server.tls() != null) {
            options.setSocketFactory(server.tls());
        }
        if (willTopic != null) {
            options.setWill(willTopic, willPayload, 1, false);
        }
        client.connect(options).waitForCompletion(TIMEOUT_MILLIS);
    }

    void publish(String topic, byte[] payload) throws MqttException {
        while (inFlight.size() >= WINDOW) {
            inFlight.removeFirst().waitForCompletion(TIMEOUT_MILLIS);
        }
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        inFlight.addLast(client.publish(topic, message));
    }

    /** Waits until the broker acknowledged everything published so far. */
    void flush() throws MqttException {
        while (!inFlight.isEmpty()) {
            inFlight.removeFirst().waitForCompletion(TIMEOUT_MILLIS);
        }
    }

    @Override
    public void close() throws MqttException {
        try {
            flush();
            client.disconnect().waitForCompletion(TIMEOUT_MILLIS);
        } finally {
            client.close();
        }
    }
}
