package io.shopfloor.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.SecurityOptions;

/**
 * Flink's MiniCluster always serves its REST API, and that API cancels jobs whatever {@code web.cancel.enable}
 * says (that flag only hides the web UI's button). The plant drives its job in-process and needs no REST client, so
 * the API is closed: on 127.0.0.1 only, and TLS with client authentication against a key pair made for this run
 * and known to nobody else. A request without that key is refused before any handler sees it.
 */
final class ClosedFlinkRest {
    private static final String ALIAS = "flink-rest";

    private ClosedFlinkRest() {
    }

    /** Creates this run's key pair in {@code directory} (readable by the owner only) and configures the API. */
    static void configure(Configuration configuration, Path directory, int port) throws IOException,
            InterruptedException {
        Files.createDirectories(directory);
        Path keyStore = directory.resolve(ALIAS + ".p12");
        String password = KeyPairs.randomPassword();
        KeyPairs.generate(keyStore, ALIAS, password, "127.0.0.1", List.of("ip:127.0.0.1"));
        configuration.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        configuration.set(RestOptions.ADDRESS, "127.0.0.1");
        configuration.set(RestOptions.BIND_PORT, String.valueOf(port));
        configuration.set(RestOptions.PORT, port);
        configuration.set(SecurityOptions.SSL_REST_ENABLED, true);
        configuration.set(SecurityOptions.SSL_REST_AUTHENTICATION_ENABLED, true);
        configuration.set(SecurityOptions.SSL_REST_KEYSTORE, keyStore.toString());
        configuration.set(SecurityOptions.SSL_REST_KEYSTORE_PASSWORD, password);
        configuration.set(SecurityOptions.SSL_REST_KEY_PASSWORD, password);
        configuration.set(SecurityOptions.SSL_REST_TRUSTSTORE, keyStore.toString());
        configuration.set(SecurityOptions.SSL_REST_TRUSTSTORE_PASSWORD, password);
    }
}
