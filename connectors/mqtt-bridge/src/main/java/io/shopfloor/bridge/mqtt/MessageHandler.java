package io.shopfloor.bridge.mqtt;

/** Receives every MQTT message; calls {@code ack} once the message is safe (in Kafka), from any thread. */
@FunctionalInterface
public interface MessageHandler {
    void onMessage(String topic, byte[] payload, Runnable ack);
}
