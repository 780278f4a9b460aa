package io.shopfloor.bridge.testing;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A QoS 1 publisher (Paho v3 or v5) with a bounded window of unacknowledged publishes: below the broker's Receive
 * Maximum (mosquitto: 20), which Paho v5 otherwise overruns with error 32202.
 */
public final class TestPublisher implements AutoCloseable {
    private final Object client;
    private final Semaphore window;
    private final int windowSize;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /** TLS and credentials of a publisher; all null for plain anonymous TCP. */
    public record Login(javax.net.SocketFactory socketFactory, String username, String password) {
        static final Login ANONYMOUS = new Login(null, null, null);
    }

    private TestPublisher(String serverUri, String clientId, int protocolVersion, int windowSize, Login login)
            throws Exception {
        this.windowSize = windowSize;
        this.window = new Semaphore(windowSize);
        if (protocolVersion == 3) {
            var v3 = new org.eclipse.paho.client.mqttv3.MqttAsyncClient(serverUri, clientId,
                    new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
            var options = new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
            options.setCleanSession(true);
            options.setMaxInflight(windowSize + 1);
            if (login.socketFactory() != null) {
                options.setSocketFactory(login.socketFactory());
            } else if (serverUri.startsWith("tcp://")) {
                options.setSocketFactory(new io.shopfloor.bridge.mqtt.BufferedSocketFactory());
            }
            if (login.username() != null) {
                options.setUserName(login.username());
                options.setPassword(login.password().toCharArray());
            }
            v3.connect(options).waitForCompletion(10_000);
            client = v3;
        } else {
            var v5 = new org.eclipse.paho.mqttv5.client.MqttAsyncClient(serverUri, clientId,
                    new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
            var options = new org.eclipse.paho.mqttv5.client.MqttConnectionOptions();
            options.setCleanStart(true);
            if (login.socketFactory() != null) {
                options.setSocketFactory(login.socketFactory());
            } else if (serverUri.startsWith("tcp://")) {
                options.setSocketFactory(new io.shopfloor.bridge.mqtt.BufferedSocketFactory());
            }
            if (login.username() != null) {
                options.setUserName(login.username());
                options.setPassword(login.password().getBytes(StandardCharsets.UTF_8));
            }
            v5.connect(options).waitForCompletion(10_000);
            client = v5;
        }
    }

    public static TestPublisher connect(String serverUri, String clientId, int protocolVersion) throws Exception {
        return new TestPublisher(serverUri, clientId, protocolVersion, 16, Login.ANONYMOUS);
    }

    public static TestPublisher connect(String serverUri, String clientId, int protocolVersion, int window)
            throws Exception {
        return new TestPublisher(serverUri, clientId, protocolVersion, window, Login.ANONYMOUS);
    }

    public static TestPublisher connect(String serverUri, String clientId, int protocolVersion, Login login)
            throws Exception {
        return new TestPublisher(serverUri, clientId, protocolVersion, 16, login);
    }

    public void publish(String topic, String payload) throws Exception {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8));
    }

    /** Publishes with QoS 1; blocks only while the window is full. */
    public void publish(String topic, byte[] payload) throws Exception {
        if (failure.get() != null) {
            throw new IllegalStateException("an earlier publish failed", failure.get());
        }
        if (!window.tryAcquire(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no publish acknowledged for 30 s");
        }
        if (client instanceof org.eclipse.paho.client.mqttv3.MqttAsyncClient v3) {
            v3.publish(topic, payload, 1, false, null, new org.eclipse.paho.client.mqttv3.IMqttActionListener() {
                @Override
                public void onSuccess(org.eclipse.paho.client.mqttv3.IMqttToken token) {
                    acknowledged.incrementAndGet();
                    window.release();
                }

                @Override
                public void onFailure(org.eclipse.paho.client.mqttv3.IMqttToken token, Throwable error) {
                    failure.compareAndSet(null, error);
                    window.release();
                }
            });
        } else {
            var v5 = (org.eclipse.paho.mqttv5.client.MqttAsyncClient) client;
            var message = new org.eclipse.paho.mqttv5.common.MqttMessage(payload, 1, false, null);
            v5.publish(topic, message, null, new org.eclipse.paho.mqttv5.client.MqttActionListener() {
                @Override
                public void onSuccess(org.eclipse.paho.mqttv5.client.IMqttToken token) {
                    acknowledged.incrementAndGet();
                    window.release();
                }

                @Override
                public void onFailure(org.eclipse.paho.mqttv5.client.IMqttToken token, Throwable error) {
                    failure.compareAndSet(null, error);
                    window.release();
                }
            });
        }
    }

    /** Waits until the broker has acknowledged every publish so far. */
    public void awaitAcknowledged() throws Exception {
        if (!window.tryAcquire(windowSize, 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("publishes still unacknowledged after 60 s");
        }
        window.release(windowSize);
        if (failure.get() != null) {
            throw new IllegalStateException("a publish failed", failure.get());
        }
    }

    public long acknowledged() {
        return acknowledged.get();
    }

    @Override
    public void close() throws Exception {
        if (client instanceof org.eclipse.paho.client.mqttv3.MqttAsyncClient v3) {
            if (v3.isConnected()) {
                v3.disconnect().waitForCompletion(5000);
            }
            v3.close();
        } else {
            var v5 = (org.eclipse.paho.mqttv5.client.MqttAsyncClient) client;
            if (v5.isConnected()) {
                v5.disconnect().waitForCompletion(5000);
            }
            v5.close();
        }
    }
}
