package io.shopfloor.bridge.config;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Broker connection. One bridge opens {@code connections} subscriber connections for the JSON topics (client ids
 * {@code <clientId>-json-<i>}, sharing the load through a shared subscription when there are several) and one
 * for Sparkplug ({@code <clientId>-spb}: one connection keeps each edge node's messages in order). Sessions are
 * persistent (clean session off / MQTT 5 session expiry), so the client ids must stay the same across restarts.
 * A payload above {@code maxPayloadBytes} is not translated but dead-lettered, cut to that size (a dead letter
 * must stay within Kafka's message size); the broker's own limit must be higher, or it drops the connection.
 */
public record MqttSettings(String serverUri, Integer protocolVersion, String clientId, String username,
                           String password, TlsSettings tls, Integer connections, String sharedSubscriptionGroup,
                           Integer keepAliveSeconds, Long sessionExpirySeconds, Integer receiveMaximum,
                           Integer connectTimeoutSeconds, Long reconnectInitialMillis, Long reconnectMaxMillis,
                           Integer maxPayloadBytes) {

    /** 64 KiB: far above a machine signal (about 100 bytes), far below Kafka's 1 MB message size. */
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 65_536;

    @JsonCreator
    public MqttSettings {
        if (serverUri == null || serverUri.isBlank()) {
            throw new IllegalArgumentException("mqtt.serverUri is required (tcp://host:1883 or ssl://host:8883)");
        }
        protocolVersion = protocolVersion == null ? 5 : protocolVersion;
        if (protocolVersion != 3 && protocolVersion != 5) {
            throw new IllegalArgumentException("mqtt.protocolVersion is 3 (MQTT 3.1.1) or 5, not " + protocolVersion);
        }
        clientId = clientId == null || clientId.isBlank() ? "shopfloor-mqtt-bridge" : clientId;
        connections = connections == null ? 1 : connections;
        if (connections < 1) {
            throw new IllegalArgumentException("mqtt.connections must be at least 1");
        }
        if (connections > 1 && (sharedSubscriptionGroup == null || sharedSubscriptionGroup.isBlank())) {
            throw new IllegalArgumentException("mqtt.connections > 1 needs mqtt.sharedSubscriptionGroup: "
                    + "without a shared subscription every connection would receive every message");
        }
        keepAliveSeconds = keepAliveSeconds == null ? 30 : keepAliveSeconds;
        sessionExpirySeconds = sessionExpirySeconds == null ? 7 * 24 * 3600L : sessionExpirySeconds;
        if (sessionExpirySeconds <= 0) {
            throw new IllegalArgumentException("mqtt.sessionExpirySeconds must be > 0: the session keeps what "
                    + "arrives while the bridge is down");
        }
        receiveMaximum = receiveMaximum == null ? 1000 : receiveMaximum;
        connectTimeoutSeconds = connectTimeoutSeconds == null ? 10 : connectTimeoutSeconds;
        reconnectInitialMillis = reconnectInitialMillis == null ? 500L : reconnectInitialMillis;
        reconnectMaxMillis = reconnectMaxMillis == null ? 30_000L : reconnectMaxMillis;
        maxPayloadBytes = maxPayloadBytes == null ? DEFAULT_MAX_PAYLOAD_BYTES : maxPayloadBytes;
        if (maxPayloadBytes < 1 || maxPayloadBytes > 512 * 1024) {
            throw new IllegalArgumentException("mqtt.maxPayloadBytes must be 1..524288 (a dead letter keeps that "
                    + "much and must fit Kafka's default 1 MB message size), not " + maxPayloadBytes);
        }
    }

    /** The settings with the default payload limit. */
    public MqttSettings(String serverUri, Integer protocolVersion, String clientId, String username, String password,
                        TlsSettings tls, Integer connections, String sharedSubscriptionGroup, Integer keepAliveSeconds,
                        Long sessionExpirySeconds, Integer receiveMaximum, Integer connectTimeoutSeconds,
                        Long reconnectInitialMillis, Long reconnectMaxMillis) {
        this(serverUri, protocolVersion, clientId, username, password, tls, connections, sharedSubscriptionGroup,
                keepAliveSeconds, sessionExpirySeconds, receiveMaximum, connectTimeoutSeconds, reconnectInitialMillis,
                reconnectMaxMillis, null);
    }

    public boolean usesTls() {
        return serverUri.startsWith("ssl://");
    }
}
