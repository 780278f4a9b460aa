package io.shopfloor.bridge.testing;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * Collects the payloads published on a topic filter (MQTT 5). Through the client callback: Paho v5 1.2.5's
 * per-subscription listener fails with IndexOutOfBoundsException when the broker sends no subscription id.
 */
public final class TopicListener implements AutoCloseable {
    private final MqttAsyncClient client;
    private final BlockingQueue<byte[]> payloads = new LinkedBlockingQueue<>();

    public TopicListener(String serverUri, String clientId, String filter) throws MqttException {
        client = new MqttAsyncClient(serverUri, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                payloads.add(message.getPayload());
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
            }

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
            }
        });
        client.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
        client.subscribe(filter, 1).waitForCompletion(10_000);
    }

    public BlockingQueue<byte[]> payloads() {
        return payloads;
    }

    @Override
    public void close() throws MqttException {
        client.disconnect().waitForCompletion(5000);
        client.close();
    }
}
