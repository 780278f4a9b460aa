package io.shopfloor.dashboard;

import java.util.Objects;

/**
 * Where the dashboard listens and what it reads.
 *
 * @param port                  HTTP port; 0 takes a free one (see {@link Dashboard#uri()})
 * @param ledgerJdbcUrl         the ledger store (PostgreSQL); read through the views only
 * @param ledgerUser            preferably the reporting role ({@code ledger_reporting})
 * @param ledgerPassword        its password
 * @param kafkaBootstrapServers machine states, KPIs and master data are read from here; dead letters go here
 */
public record DashboardSettings(int port, String ledgerJdbcUrl, String ledgerUser, String ledgerPassword,
                                String kafkaBootstrapServers) {
    public DashboardSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        Objects.requireNonNull(ledgerJdbcUrl, "ledgerJdbcUrl");
        Objects.requireNonNull(ledgerUser, "ledgerUser");
        Objects.requireNonNull(ledgerPassword, "ledgerPassword");
        Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
    }
}
