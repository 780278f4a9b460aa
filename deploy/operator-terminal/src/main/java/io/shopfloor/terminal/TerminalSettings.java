package io.shopfloor.terminal;

import io.shopfloor.posting.PostingSettings;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Where the terminal listens, whom it lets in and what it reads and writes.
 *
 * @param bindAddress           {@value #LOOPBACK} (this machine only) unless a plant opens it to its network on
 *                              purpose (then behind a TLS proxy, with {@code secureCookies})
 * @param port                  HTTP port; 0 takes a free one
 * @param usersFile             the users ({@link AddUser} writes it)
 * @param ledgerJdbcUrl         the ledger store, read through the reporting views
 * @param ledgerUser            preferably the reporting role ({@code ledger_reporting})
 * @param ledgerPassword        its password
 * @param kafkaBootstrapServers master data is read, journal lines and status changes written here
 * @param sessionLifetime       a login lasts this long (a shift), then the person logs in again
 * @param secureCookies         mark the session cookie Secure (only behind HTTPS)
 * @param plantZone             the zone of "today", the default posting date
 * @param postingSettings       the posting job's settings: a preview must run the rules as the job does
 */
public record TerminalSettings(String bindAddress, int port, Path usersFile, String ledgerJdbcUrl, String ledgerUser,
                               String ledgerPassword, String kafkaBootstrapServers, Duration sessionLifetime,
                               boolean secureCookies, ZoneId plantZone, PostingSettings postingSettings) {
    public static final String LOOPBACK = "127.0.0.1";
    public static final Duration DEFAULT_SESSION_LIFETIME = Duration.ofHours(8);
    /** Sessions held at most; beyond, the oldest ends. */
    public static final int MAX_SESSIONS = 1000;

    public TerminalSettings(int port, Path usersFile, String ledgerJdbcUrl, String ledgerUser, String ledgerPassword,
                            String kafkaBootstrapServers) {
        this(LOOPBACK, port, usersFile, ledgerJdbcUrl, ledgerUser, ledgerPassword, kafkaBootstrapServers,
                DEFAULT_SESSION_LIFETIME, false, ZoneId.of("UTC"), PostingSettings.DEFAULTS);
    }

    public TerminalSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        Objects.requireNonNull(usersFile, "usersFile");
        Objects.requireNonNull(ledgerJdbcUrl, "ledgerJdbcUrl");
        Objects.requireNonNull(ledgerUser, "ledgerUser");
        Objects.requireNonNull(ledgerPassword, "ledgerPassword");
        Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
        if (sessionLifetime.isNegative() || sessionLifetime.isZero()) {
            throw new IllegalArgumentException("sessionLifetime must be positive");
        }
    }

    public TerminalSettings withSessionLifetime(Duration lifetime) {
        return new TerminalSettings(bindAddress, port, usersFile, ledgerJdbcUrl, ledgerUser, ledgerPassword,
                kafkaBootstrapServers, lifetime, secureCookies, plantZone, postingSettings);
    }

    public TerminalSettings withPostingSettings(PostingSettings settings) {
        return new TerminalSettings(bindAddress, port, usersFile, ledgerJdbcUrl, ledgerUser, ledgerPassword,
                kafkaBootstrapServers, sessionLifetime, secureCookies, plantZone, settings);
    }
}
