package io.shopfloor.bridge.mqtt;

import java.util.Arrays;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** MQTT 3.1.1 through Paho v3: clean session off, manual acknowledgements. */
final class PahoV3Subscriber extends MqttSubscriber implements MqttCallback {
    private static final Logger LOG = LoggerFactory.getLogger(PahoV3Subscriber.class);

    private volatile MqttAsyncClient client;

    PahoV3Subscriber(ConnectionSettings settings, MessageHandler handler) {
        super(settings, handler);
    }

    @Override
    protected void connectAndSubscribe() throws MqttException {
        if (client == null) {
            // The broker keeps the session; the client needs no state of its own across restarts.
            MqttAsyncClient created = new MqttAsyncClient(settings.serverUri(), settings.clientId(),
                    new MemoryPersistence());
            created.setManualAcks(true);
            created.setCallback(this);
            client = created;
        }
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(false);
        options.setAutomaticReconnect(false); // MqttSubscriber reconnects, with its own backoff
        options.setKeepAliveInterval(settings.keepAliveSeconds());
        options.setConnectionTimeout(settings.connectTimeoutSeconds());
        if (settings.username() != null) {
            options.setUserName(settings.username());
        }
        if (settings.password() != null) {
            options.setPassword(settings.password().toCharArray());
        }
        if (settings.socketFactory() != null) {
            options.setSocketFactory(settings.socketFactory());
            options.setHttpsHostnameVerificationEnabled(settings.hostnameVerification());
        } else if (settings.serverUri().startsWith("tcp://")) {
            options.setSocketFactory(new BufferedSocketFactory());
        }
        long timeoutMillis = settings.connectTimeoutSeconds() * 1000L;
        client.connect(options).waitForCompletion(timeoutMillis);
        String[] filters = settings.filters().toArray(String[]::new);
        int[] qos = new int[filters.length];
        Arrays.fill(qos, 1);
        IMqttToken subscription = client.subscribe(filters, qos);
        subscription.waitForCompletion(timeoutMillis);
        for (int granted : subscription.getGrantedQos()) {
            if (granted != 1 && granted != 2) {
                throw new IllegalStateException("broker granted QoS " + granted + " for " + settings.filters());
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
    public void connectionLost(Throwable cause) {
        onConnectionLost(cause);
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
    public void deliveryComplete(IMqttDeliveryToken token) {
        // only fire-and-forget commands are published
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
