package io.shopfloor.dashboard;

import java.util.Objects;

/**
 * Where the dashboard listens and what it reads.
 *
 * @param bindAddress           the address it listens on: {@value #LOOPBACK} (this machine only) unless a plant
 *                              opens it to its network on purpose
 * @param port                  HTTP port; 0 takes a free one (see {@link Dashboard#uri()})
 * @param ledgerJdbcUrl         the ledger store (PostgreSQL); read through the views only
 * @param ledgerUser            preferably the reporting role ({@code ledger_reporting})
 * @param ledgerPassword        its password
 * @param kafkaBootstrapServers machine states, KPIs and master data are read from here; dead letters go here
 */
public record DashboardSettings(String bindAddress, int port, String ledgerJdbcUrl, String ledgerUser,
                                String ledgerPassword,
                                String kafkaBootstrapServers) {
    public static final String LOOPBACK = "127.0.0.1";

    /** Listening on this machine only. */
    public DashboardSettings(int port, String ledgerJdbcUrl, String ledgerUser, String ledgerPassword,
                             String kafkaBootstrapServers) {
        this(LOOPBACK, port, ledgerJdbcUrl, ledgerUser, ledgerPassword, kafkaBootstrapServers);
    }

    public DashboardSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        Objects.requireNonNull(ledgerJdbcUrl, "ledgerJdbcUrl");
        Objects.requireNonNull(ledgerUser, "ledgerUser");
        Objects.requireNonNull(ledgerPassword, "ledgerPassword");
        Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
    }
}
