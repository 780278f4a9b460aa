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
    /** Recovery after a crash replays the WAL and fsyncs what it wrote: slow on a busy machine. */
    private static final Duration START_WAIT = Duration.ofMinutes(2);
    /** The server's log beside its folder ({@code <data>/postgres.log}), kept below this by one rotation a start. */
    private static final long LOG_ROTATE_BYTES = 10L * 1024 * 1024;
    private static final int LOG_LINES_IN_MESSAGE = 15;
    private static final Pattern TRUST = Pattern.compile("(?m)^\\s*(local|host)\\S*\\s.*\\btrust\\s*$");

    private EmbeddedLedgerDatabase() {
    }

    static EmbeddedPostgres start(Path directory, String ownerPassword) throws IOException {
        refuseTrustingFolder(directory);
        Path passwordFile = Files.createTempFile(directory.getParent(), "initdb-", ".pw",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Path log = logFile(directory);
        try {
            Files.writeString(passwordFile, ownerPassword, StandardCharsets.UTF_8);
            return EmbeddedPostgres.builder()
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
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
        } catch (IOException e) {
            throw new StartFailure("PostgreSQL did not start on " + directory + " within " + START_WAIT.toSeconds()
                    + " s (" + e.getMessage() + "); the end of " + log + ":\n" + tail(log));
        } finally {
            Files.deleteIfExists(passwordFile);
        }
    }

    /**
     * The server's log file, the previous one moved to {@code postgres.log.1} once it passed the bound; readable by
     * its owner only (a failed statement is logged with its text).
     */
    static Path logFile(Path directory) throws IOException {
        Path log = directory.resolveSibling("postgres.log");
        if (Files.exists(log) && Files.size(log) > LOG_ROTATE_BYTES) {
            Files.move(log, log.resolveSibling("postgres.log.1"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.exists(log)) {
            Files.createFile(log, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return log;
    }

    private static String tail(Path log) {
        try {
            java.util.List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES_IN_MESSAGE), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
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
