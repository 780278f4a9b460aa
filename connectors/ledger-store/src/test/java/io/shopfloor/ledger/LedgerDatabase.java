package io.shopfloor.ledger;

import io.shopfloor.posting.PostingSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server (zonky's embedded binaries, started in a few seconds) for the tests of one class, with a
 * fresh, migrated ledger database per {@link #newLedger()}. As a JUnit 5 extension:
 * {@code @RegisterExtension static final LedgerDatabase POSTGRES = new LedgerDatabase();}.
 */
public final class LedgerDatabase implements BeforeAllCallback, AfterAllCallback {
    public static final String OWNER = "postgres";
    public static final LedgerStoreSchema.Roles ROLES = LedgerStoreSchema.Roles.defaults();
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private EmbeddedPostgres postgres;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        postgres.close();
    }

    /** A new database with the ledger schema, migrated as its owner. */
    public Ledger newLedger() throws SQLException {
        String name = "ledger_" + DATABASES.incrementAndGet();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        // No user in the URL: the driver would prefer it to the user each connection names.
        Ledger ledger = new Ledger("jdbc:postgresql://localhost:" + postgres.getPort() + "/" + name);
        LedgerStoreSchema.migrate(ledger.jdbcUrl(), OWNER, "", ROLES, PostingSettings.DeviationBasis.STANDARD);
        return ledger;
    }

    /** One ledger database. */
    public record Ledger(String jdbcUrl) {
        /** How the pipeline writes. */
        public LedgerStoreSink.Settings writerSettings() {
            return LedgerStoreSink.Settings.of(jdbcUrl, ROLES.writer(), ROLES.writerPassword());
        }

        public Connection connect(String user, String password) throws SQLException {
            return DriverManager.getConnection(jdbcUrl, user, password);
        }

        /** The rows of a query as text, columns separated by spaces (as the owner). */
        public List<String> query(String sql) throws SQLException {
            return query(OWNER, "", sql);
        }

        /** The rows of a query as text, columns separated by spaces, as the given login. */
        public List<String> query(String user, String password, String sql) throws SQLException {
            List<String> rows = new ArrayList<>();
            try (Connection connection = connect(user, password);
                 Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery(sql)) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= columns; i++) {
                        row.append(i > 1 ? " " : "").append(result.getString(i));
                    }
                    rows.add(row.toString());
                }
            }
            return rows;
        }
    }
}
