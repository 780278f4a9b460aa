package io.shopfloor.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed key pairs for the plant's own listeners, made with the JDK's keytool (the JDK has no public API to
 * sign a certificate), in PKCS12 stores readable by their owner only.
 */
final class KeyPairs {
    private KeyPairs() {
    }

    /** 144 random bits, URL-safe. */
    static String randomPassword() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /**
     * A new EC P-256 key pair valid for ten years in {@code keyStore} (replaced if it exists).
     *
     * @param subjectAlternativeNames keytool's form: {@code ip:127.0.0.1}, {@code dns:localhost}
     */
    static void generate(Path keyStore, String alias, String password, String commonName,
                         List<String> subjectAlternativeNames) throws IOException, InterruptedException {
        Files.deleteIfExists(keyStore);
        Process keytool = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                        .toString(), "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1",
                "-validity", "3650", "-dname", "CN=" + commonName, "-ext",
                "SAN=" + String.join(",", subjectAlternativeNames), "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", password, "-keypass", password))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IOException("keytool could not make the key pair " + alias + ": " + output);
        }
        ownerOnly(keyStore);
    }

    static Certificate certificate(Path keyStore, String alias, String password) throws IOException,
            GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, password.toCharArray());
        }
        Certificate certificate = store.getCertificate(alias);
        if (certificate == null) {
            throw new GeneralSecurityException(keyStore + " has no certificate " + alias);
        }
        return certificate;
    }

    /** The certificate as PEM, for clients that take a CA file (mosquitto_pub --cafile). */
    static void writePem(Certificate certificate, Path pem) throws IOException, GeneralSecurityException {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(certificate.getEncoded());
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n");
    }

    /** A PKCS12 trust store holding only {@code certificate}. */
    static void writeTrustStore(Certificate certificate, String alias, Path trustStore, String password)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry(alias, certificate);
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            store.store(out, password.toCharArray());
        }
        ownerOnly(trustStore);
    }

    static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the data folder's own permissions protect it
        }
    }
}
