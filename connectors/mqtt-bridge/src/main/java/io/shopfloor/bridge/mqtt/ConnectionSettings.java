package io.shopfloor.bridge.mqtt;

import io.shopfloor.bridge.Backoff;
import java.util.List;
import javax.net.SocketFactory;

/** One subscriber connection: where, as whom, and what it subscribes to (QoS 1). */
public record ConnectionSettings(String serverUri, String clientId, int protocolVersion, String username,
                                 String password, SocketFactory socketFactory, boolean hostnameVerification,
                                 int keepAliveSeconds, long sessionExpirySeconds, int receiveMaximum,
                                 int connectTimeoutSeconds, Backoff reconnect, List<String> filters) {
}
