package io.shopfloor.launcher;

import io.shopfloor.bridge.config.TlsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The embedded broker's TLS identity, made on the first start with TLS in {@code <data>/mqtt-tls} and kept, so that
 * the gateways trust the same certificate after every restart: {@code broker.p12} (key pair; the broker's),
 * {@code broker-cert.pem} (the certificate, for gateways: {@code mosquitto_pub --cafile}), {@code trust.p12} (the
 * certificate as a trust store, for the bridges and the simulated gateways) and {@code store.password} (owner only).
 * The certificate names localhost, 127.0.0.1 and this host's name.
 */
record MqttTls(Path keyStore, Path certificatePem, Path trustStore, String password) {
    static final String ALIAS = "mqtt-broker";

    static MqttTls loadOrCreate(Path directory) throws IOException, GeneralSecurityException, InterruptedException {
        Files.createDirectories(directory);
        MqttTls tls = new MqttTls(directory.resolve("broker.p12"), directory.resolve("broker-cert.pem"),
                directory.resolve("trust.p12"), null);
        Path passwordFile = directory.resolve("store.password");
        if (Files.exists(passwordFile) && Files.exists(tls.keyStore) && Files.exists(tls.trustStore)) {
            return tls.withPassword(Files.readString(passwordFile, StandardCharsets.UTF_8).strip());
        }
        String password = KeyPairs.randomPassword();
        List<String> names = new ArrayList<>(List.of("dns:localhost", "ip:127.0.0.1"));
        String host = InetAddress.getLocalHost().getHostName();
        if (!host.isBlank() && !host.equals("localhost") && host.matches("[A-Za-z0-9.-]+")) {
            names.add("dns:" + host);
        }
        // The password file last: a start that crashed half way makes everything again.
        KeyPairs.generate(tls.keyStore, ALIAS, password, "localhost", names);
        Certificate certificate = KeyPairs.certificate(tls.keyStore, ALIAS, password);
        KeyPairs.writePem(certificate, tls.certificatePem);
        KeyPairs.writeTrustStore(certificate, ALIAS, tls.trustStore, password);
        Files.writeString(passwordFile, password, StandardCharsets.UTF_8);
        KeyPairs.ownerOnly(passwordFile);
        return tls.withPassword(password);
    }

    private MqttTls withPassword(String password) {
        return new MqttTls(keyStore, certificatePem, trustStore, password);
    }

    /** What a bridge needs to trust the broker (no client certificate: it logs in with its password). */
    TlsSettings bridgeSettings() {
        return new TlsSettings(trustStore.toString(), password, "PKCS12", null, null, null, true);
    }

    /** A socket factory that trusts the broker's certificate only, for the simulated gateways. */
    SSLSocketFactory socketFactory() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trustStore)) {
            store.load(in, password.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context.getSocketFactory();
    }

    @Override
    public String toString() {
        return "MqttTls[" + keyStore + "]"; // never the password
    }
}
