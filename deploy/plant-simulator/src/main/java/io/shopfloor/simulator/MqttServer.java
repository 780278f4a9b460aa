package io.shopfloor.simulator;

import javax.net.ssl.SSLSocketFactory;

/**
 * Where the gateways publish, and their login (null username: the broker allows anonymous clients).
 *
 * @param tls for an {@code ssl://} uri: the socket factory that trusts the broker's certificate (null: the JVM's)
 */
public record MqttServer(String uri, String username, String password, SSLSocketFactory tls) {

    public MqttServer(String uri, String username, String password) {
        this(uri, username, password, null);
    }

    public static MqttServer anonymous(String uri) {
        return new MqttServer(uri, null, null);
    }

    @Override
    public String toString() {
        return uri + (username == null ? "" : " as " + username); // never the password
    }
}
