package io.shopfloor.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        Files.deleteIfExists(keyStore);
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Process keytool = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                        .toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                "-validity", "3650", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", password, "-keypass", password))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IOException("keytool could not make the REST API's key pair: " + output);
        }
        Files.setPosixFilePermissions(keyStore, PosixFilePermissions.fromString("rw-------"));
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
