package io.shopfloor.bridge.mqtt;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A QoS 1 subscriber connection with a persistent session and manual acknowledgements, which (re)connects in the
 * background with a backoff and subscribes again on every connect (the broker may have lost the session).
 *
 * <p>An acknowledgement is sent only on the connection the message came on: after a reconnect the broker
 * delivers unacknowledged messages again under their packet ids, and a late acknowledgement of the old delivery
 * could otherwise acknowledge a different message that reuses the id.
 */
public abstract class MqttSubscriber implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttSubscriber.class);

    protected final ConnectionSettings settings;
    protected final MessageHandler handler;
    private final ScheduledExecutorService connector;
    private final CountDownLatch subscribed = new CountDownLatch(1);
    private final Object ackLock = new Object();
    private long connection; // guarded by ackLock: counts connection losses
    private int failedAttempts; // only on the connector thread
    protected volatile boolean closed;

    protected MqttSubscriber(ConnectionSettings settings, MessageHandler handler) {
        this.settings = settings;
        this.handler = handler;
        this.connector = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mqtt-connect-" + settings.clientId());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A subscriber for the settings' protocol version (3: MQTT 3.1.1, 5: MQTT 5). */
    public static MqttSubscriber create(ConnectionSettings settings, MessageHandler handler) {
        return settings.protocolVersion() == 3
                ? new PahoV3Subscriber(settings, handler)
                : new PahoV5Subscriber(settings, handler);
    }

    public String clientId() {
        return settings.clientId();
    }

    /** Connects in the background; returns at once. */
    public void start() {
        connector.execute(this::connectOnce);
    }

    /** Waits until the first connect has subscribed. */
    public boolean awaitSubscribed(Duration timeout) throws InterruptedException {
        return subscribed.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public abstract boolean isConnected();

    /** Publishes (fire and forget, for Sparkplug commands); throws when not connected. */
    public abstract void publish(String topic, byte[] payload, int qos) throws Exception;

    /** Connects, subscribes to the filters and waits for both, within the connect timeout. */
    protected abstract void connectAndSubscribe() throws Exception;

    /** Sends the acknowledgement of a QoS 1/2 message. */
    protected abstract void sendAck(int messageId, int qos) throws Exception;

    protected abstract void disconnect();

    /** One call on a Paho client (v3 and v5 clients share no type). */
    protected interface ClientCall {
        void run() throws Exception;
    }

    /** Disconnects gently, else forcibly, and closes the client once the subscriber is closed. */
    protected final void disconnect(boolean connected, ClientCall gentle, ClientCall forcibly, ClientCall close) {
        try {
            if (connected) {
                gentle.run();
            }
        } catch (Exception e) {
            LOG.debug("{} disconnect: {}", settings.clientId(), e.toString());
            try {
                // A busy or half-dead connection: drop it, or Paho's threads (its ping timer is not a daemon)
                // outlive the bridge.
                forcibly.run();
            } catch (Exception forced) {
                LOG.debug("{} forced disconnect: {}", settings.clientId(), forced.toString());
            }
        }
        if (closed) {
            try {
                close.run();
            } catch (Exception e) {
                LOG.warn("{} close: {}", settings.clientId(), e.toString());
            }
        }
    }

    private void connectOnce() {
        if (closed) {
            return;
        }
        try {
            connectAndSubscribe();
            failedAttempts = 0;
            LOG.info("{} connected to {}, subscribed to {}", settings.clientId(), settings.serverUri(),
                    settings.filters());
            subscribed.countDown();
        } catch (Exception e) {
            failedAttempts++;
            long delay = settings.reconnect().delayMillis(failedAttempts);
            LOG.warn("{} could not connect to {} (attempt {}), retrying in {} ms: {}", settings.clientId(),
                    settings.serverUri(), failedAttempts, delay, e.toString());
            disconnect();
            schedule(delay);
        }
    }

    private void schedule(long delayMillis) {
        if (!closed) {
            try {
                connector.schedule(this::connectOnce, delayMillis, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // closed meanwhile
            }
        }
    }

    /** Subclasses call this when the connection is lost. */
    protected void onConnectionLost(Throwable cause) {
        synchronized (ackLock) {
            connection++;
        }
        if (closed) {
            return;
        }
        LOG.warn("{} lost its connection to {}: {}", settings.clientId(), settings.serverUri(),
                cause == null ? "disconnected" : cause.toString());
        schedule(settings.reconnect().delayMillis(1));
    }

    /** Subclasses call this for every message; the acknowledgement is bound to the current connection. */
    protected void deliver(String topic, byte[] payload, int messageId, int qos) {
        if (qos == 0) {
            handler.onMessage(topic, payload, () -> { });
            return;
        }
        long deliveredOn;
        synchronized (ackLock) {
            deliveredOn = connection;
        }
        handler.onMessage(topic, payload, () -> {
            synchronized (ackLock) {
                if (deliveredOn != connection || closed) {
                    return; // the broker delivers it again on the new connection
                }
                try {
                    sendAck(messageId, qos);
                } catch (Exception e) {
                    LOG.debug("{} could not acknowledge message {}: {}", settings.clientId(), messageId, e.toString());
                }
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        connector.shutdownNow();
        disconnect();
    }
}
