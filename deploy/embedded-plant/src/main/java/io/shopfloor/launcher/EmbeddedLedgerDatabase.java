package io.shopfloor.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The plant's PostgreSQL server (zonky's binaries) as a ledger must run: durable ({@code fsync} on, which zonky
 * turns off for tests), on the loopback interface only, and with password authentication (SCRAM) for every role,
 * the owner included, over TCP and the Unix socket alike. The owner's password is set by initdb at the first start.
 */
final class EmbeddedLedgerDatabase {
    private static final Duration START_WAIT = Duration.ofSeconds(60);
    private static final Pattern TRUST = Pattern.compile("(?m)^\\s*(local|host)\\S*\\s.*\\btrust\\s*$");

    private EmbeddedLedgerDatabase() {
    }

    static EmbeddedPostgres start(Path directory, String ownerPassword) throws IOException {
        refuseTrustingFolder(directory);
        Path passwordFile = Files.createTempFile(directory.getParent(), "initdb-", ".pw",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(passwordFile, ownerPassword, StandardCharsets.UTF_8);
            return EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    // close() stops it after CDC and the job: its own hook would stop it under them at Ctrl-C.
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(START_WAIT)
                    // zonky passes these to initdb as --name=value after its own "-A trust", so they win: the
                    // cluster is created with SCRAM everywhere and the owner's password.
                    .setLocaleConfig("auth", "scram-sha-256")
                    .setLocaleConfig("pwfile", passwordFile.toString())
                    // zonky's own readiness check logs in as the owner too.
                    .setConnectConfig("password", ownerPassword)
                    // After zonky's "-F" (fsync off) on the server's command line, so this one counts.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_replication_slots", "4")
                    .setServerConfig("max_wal_senders", "4")
                    .start();
        } finally {
            Files.deleteIfExists(passwordFile);
        }
    }

    /** A data folder of an earlier release, whose server trusts every local connection, is not opened. */
    private static void refuseTrustingFolder(Path directory) throws IOException {
        Path hba = directory.resolve("pg_hba.conf");
        if (Files.exists(hba) && TRUST.matcher(Files.readString(hba, StandardCharsets.UTF_8)).find()) {
            throw new StartFailure(hba + " trusts local connections without a password (a data folder of an "
                    + "earlier release): start with a new --data-dir, or change its methods to scram-sha-256 and set "
                    + "the passwords of " + PlantCredentials.FILE_NAME + " for postgres, ledger_writer and "
                    + "ledger_reporting");
        }
    }
}
