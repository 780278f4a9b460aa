package io.shopfloor.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The embedded plant's logins, generated on the first start of a data folder into {@code credentials.properties}
 * (readable by its owner only) and read from there on every later start: the PostgreSQL owner (who migrates and
 * administers), the ledger's writer and reporting roles, and the MQTT broker's two users (the bridges read, the
 * gateways publish). No login of the plant has a default or empty password.
 */
public record PlantCredentials(String postgresOwnerPassword, String ledgerWriterPassword,
                               String ledgerReportingPassword, String mqttBridgePassword,
                               String mqttGatewayPassword) {
    public static final String FILE_NAME = "credentials.properties";
    public static final String POSTGRES_OWNER = "postgres";
    public static final String MQTT_BRIDGE_USER = "shopfloor-bridge";
    public static final String MQTT_GATEWAY_USER = "plant-gateway";

    private static final String[] KEYS = {"postgres.owner.password", "ledger.writer.password",
            "ledger.reporting.password", "mqtt.bridge.password", "mqtt.gateway.password"};

    /** The data folder's credentials, created with fresh random passwords if the folder has none yet. */
    public static PlantCredentials loadOrCreate(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            create(file);
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        String[] values = new String[KEYS.length];
        for (int i = 0; i < KEYS.length; i++) {
            values[i] = properties.getProperty(KEYS[i]);
            if (values[i] == null || values[i].isBlank()) {
                throw new IllegalStateException(file + " has no " + KEYS[i] + ": restore the file from a backup "
                        + "(the databases and the broker were set up with its passwords)");
            }
        }
        return new PlantCredentials(values[0], values[1], values[2], values[3], values[4]);
    }

    /** Written to a temporary file first and moved into place, so a crash never leaves a half-written file. */
    private static void create(Path file) throws IOException {
        SecureRandom random = new SecureRandom();
        Properties properties = new Properties();
        for (String key : KEYS) {
            properties.setProperty(key, password(random));
        }
        Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
        Files.deleteIfExists(temporary);
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                    "rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(temporary); // not a POSIX file system: the folder's own permissions protect it
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("could not create " + temporary, e);
        }
        try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            properties.store(writer, "Shopfloor Ledger embedded plant logins (generated at the first start)");
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    }

    /** 144 random bits, URL-safe: no quoting needed in SQL, properties files or a shell. */
    private static String password(SecureRandom random) {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
