package io.shopfloor.cdc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server (zonky embedded, on a free port) with logical replication, for tests: each test takes a
 * database and a replication slot of its own, and a class's slots are dropped after it (a leftover slot pins WAL).
 * As a JUnit 5 extension: {@code @RegisterExtension static final ErpPostgres POSTGRES = new ErpPostgres();}. The
 * server is started once for all test classes of the JVM (databases keep them apart) and stops with the JVM.
 */
public final class ErpPostgres implements BeforeAllCallback, AfterAllCallback {
    public static final String USER = "postgres";
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static EmbeddedPostgres shared;

    private EmbeddedPostgres server;
    private final List<String> slots = new ArrayList<>();

    /** A database of its own with the reference ERP (schema and sample data) applied, and a fresh slot name. */
    public record Database(String name, String jdbcUrl, String slot) {
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl, USER, "");
        }

        public void execute(String sql) throws SQLException {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }
    }

    public Database newErpDatabase() throws SQLException {
        Database database = newEmptyDatabase();
        try (Connection connection = database.connect()) {
            ReferenceErp.apply(connection);
        }
        return database;
    }

    public Database newEmptyDatabase() throws SQLException {
        int n = NEXT.incrementAndGet();
        String name = "erp_" + n;
        execute("postgres", "CREATE DATABASE " + name);
        String slot = "test_erp_cdc_" + n;
        dropSlot(slot); // a leftover of an earlier run on the same server would pin WAL and confuse the test
        slots.add(slot);
        return new Database(name, "jdbc:postgresql://localhost:" + server.getPort() + "/" + name, slot);
    }

    /** Settings of a connector on {@code database} with its own slot and publication. */
    public ErpCdcSettings settings(Database database, String bootstrapServers, java.nio.file.Path dataDirectory) {
        return ErpCdcSettings.of(database.jdbcUrl(), USER, "", bootstrapServers, dataDirectory)
                .withSlotAndPublication(database.slot(), database.slot());
    }

    public void dropSlot(String slot) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
             PreparedStatement drop = connection.prepareStatement("SELECT pg_drop_replication_slot(slot_name)"
                     + " FROM pg_replication_slots WHERE slot_name = ? AND NOT active")) {
            drop.setString(1, slot);
            drop.execute();
        }
    }

    private void execute(String database, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(database), USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + server.getPort() + "/" + database;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = sharedServer();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        for (String slot : slots) {
            dropSlot(slot);
        }
        slots.clear();
    }

    private static synchronized EmbeddedPostgres sharedServer() throws java.io.IOException {
        if (shared == null) {
            // zonky stops the server in a JVM shutdown hook of its own.
            shared = EmbeddedPostgres.builder()
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("max_replication_slots", "20")
                    .setServerConfig("max_wal_senders", "20")
                    .start();
        }
        return shared;
    }
}
