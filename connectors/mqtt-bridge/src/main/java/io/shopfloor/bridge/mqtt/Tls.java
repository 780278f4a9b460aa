package io.shopfloor.bridge.mqtt;

import io.shopfloor.bridge.config.TlsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** The TLS socket factory for the broker connection, from the configured trust and key stores. */
public final class Tls {

    private Tls() {
    }

    public static SSLSocketFactory socketFactory(TlsSettings tls) throws IOException, GeneralSecurityException {
        TrustManagerFactory trust = null;
        if (tls.trustStore() != null) {
            trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(tls.trustStore(), tls.trustStoreType(), tls.trustStorePassword()));
        }
        KeyManagerFactory keys = null;
        if (tls.keyStore() != null) {
            char[] password = tls.keyStorePassword() == null ? new char[0] : tls.keyStorePassword().toCharArray();
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(tls.keyStore(), tls.keyStoreType(), tls.keyStorePassword()), password);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        // null managers: the JVM's defaults (its CA certificates; no client certificate)
        context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(),
                null);
        return context.getSocketFactory();
    }

    private static KeyStore load(String file, String type, String password)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            store.load(in, password == null ? null : password.toCharArray());
        }
        return store;
    }
}
