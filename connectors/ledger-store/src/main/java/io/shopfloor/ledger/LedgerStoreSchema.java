package io.shopfloor.ledger;

import io.shopfloor.posting.PostingSettings;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import java.util.Locale;
import java.util.Map;

/**
 * The ledger store's schema, under Flyway migrations ({@code db/migration}): tables, the append-only rules and the
 * two roles (pipeline writer, reporting reader), and the cost controllers' views. Run as the owner of the ledger.
 */
public final class LedgerStoreSchema {

    /** The roles the migrations create if missing, with the passwords they log in with. */
    public record Roles(String writer, String writerPassword, String reporting, String reportingPassword) {
        public static Roles defaults() {
            return new Roles("ledger_writer", "ledger_writer", "ledger_reporting", "ledger_reporting");
        }
    }

    private LedgerStoreSchema() {
    }

    /** Applies the pending migrations; Dev. % in the statistics view is against the rules' deviation basis. */
    public static MigrateResult migrate(String jdbcUrl, String owner, String ownerPassword, Roles roles,
                                        PostingSettings.DeviationBasis deviationBasis) {
        return Flyway.configure()
                .dataSource(jdbcUrl, owner, ownerPassword)
                .locations("classpath:db/migration")
                .placeholders(Map.of(
                        "writer_role", roles.writer(), "writer_password", roles.writerPassword(),
                        "reporting_role", roles.reporting(), "reporting_password", roles.reportingPassword(),
                        "deviation_basis", deviationBasis.name().toLowerCase(Locale.ROOT)))
                .load()
                .migrate();
    }
}
