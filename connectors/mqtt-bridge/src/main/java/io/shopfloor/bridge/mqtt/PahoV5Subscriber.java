package io.shopfloor.bridge.mqtt;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MQTT 5 through Paho v5: clean start off with a session expiry, manual acknowledgements, and a Receive Maximum
 * that lets the broker keep enough messages in flight while their Kafka acknowledgements are pending.
 */
final class PahoV5Subscriber extends MqttSubscriber implements MqttCallback {
    private static final Logger LOG = LoggerFactory.getLogger(PahoV5Subscriber.class);

    private volatile MqttAsyncClient client;

    PahoV5Subscriber(ConnectionSettings settings, MessageHandler handler) {
        super(settings, handler);
    }

    @Override
    protected void connectAndSubscribe() throws MqttException {
        if (client == null) {
            MqttAsyncClient created = new MqttAsyncClient(settings.serverUri(), settings.clientId(),
                    new MemoryPersistence());
            created.setManualAcks(true);
            created.setCallback(this);
            client = created;
        }
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(settings.sessionExpirySeconds());
        options.setReceiveMaximum(settings.receiveMaximum());
        options.setAutomaticReconnect(false); // MqttSubscriber reconnects, with its own backoff
        options.setKeepAliveInterval(settings.keepAliveSeconds());
        options.setConnectionTimeout(settings.connectTimeoutSeconds());
        if (settings.username() != null) {
            options.setUserName(settings.username());
        }
        if (settings.password() != null) {
            options.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
        }
        if (settings.socketFactory() != null) {
            options.setSocketFactory(settings.socketFactory());
            options.setHttpsHostnameVerificationEnabled(settings.hostnameVerification());
        } else if (settings.serverUri().startsWith("tcp://")) {
            options.setSocketFactory(new BufferedSocketFactory());
        }
        long timeoutMillis = settings.connectTimeoutSeconds() * 1000L;
        client.connect(options).waitForCompletion(timeoutMillis);
        MqttSubscription[] subscriptions = settings.filters().stream()
                .map(filter -> new MqttSubscription(filter, 1))
                .toArray(MqttSubscription[]::new);
        IMqttToken subscription = client.subscribe(subscriptions);
        subscription.waitForCompletion(timeoutMillis);
        for (int reason : subscription.getReasonCodes()) {
            if (reason != 1 && reason != 2) {
                throw new IllegalStateException("broker answered reason code " + reason + " to subscribing "
                        + settings.filters());
            }
        }
    }

    @Override
    public boolean isConnected() {
        MqttAsyncClient current = client;
        return current != null && current.isConnected();
    }

    @Override
    public void publish(String topic, byte[] payload, int qos) throws MqttException {
        client.publish(topic, payload, qos, false);
    }

    @Override
    protected void sendAck(int messageId, int qos) throws MqttException {
        client.messageArrivedComplete(messageId, qos);
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        onConnectionLost(response.getException());
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        LOG.warn("{}: {}", settings.clientId(), exception.toString());
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        // Never throw to Paho: it would drop the connection.
        try {
            deliver(topic, message.getPayload(), message.getId(), message.getQos());
        } catch (RuntimeException e) {
            LOG.error("{} failed on a message of {}; it stays unacknowledged", settings.clientId(), topic, e);
        }
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // only fire-and-forget commands are published
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        // subscriptions are made by connectAndSubscribe
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // no enhanced authentication
    }

    @Override
    protected void disconnect() {
        MqttAsyncClient current = client;
        if (current != null) {
            disconnect(current.isConnected(), () -> current.disconnect(1000).waitForCompletion(3000),
                    () -> current.disconnectForcibly(0, 1000, false), () -> current.close(true));
        }
    }
}
