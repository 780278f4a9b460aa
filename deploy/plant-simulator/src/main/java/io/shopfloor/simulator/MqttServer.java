package io.shopfloor.simulator;

/** Where the gateways publish, and their login (null username: the broker allows anonymous clients). */
public record MqttServer(String uri, String username, String password) {

    public static MqttServer anonymous(String uri) {
        return new MqttServer(uri, null, null);
    }

    @Override
    public String toString() {
        return uri + (username == null ? "" : " as " + username); // never the password
    }
}
