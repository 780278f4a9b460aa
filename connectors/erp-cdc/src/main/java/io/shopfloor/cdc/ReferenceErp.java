package io.shopfloor.cdc;

import io.shopfloor.schema.common.ProductionOrderStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The reference ERP database: its schema ({@code erp-schema.sql}: Business Central's manufacturing tables, one per
 * master-data record), its sample data ({@code erp-sample-data.sql}: the spec's set A and a second product, with
 * released orders a simulated plant can run), and BC's Change Status action on an order.
 */
public final class ReferenceErp {
    public static final String SCHEMA_SCRIPT = "erp-schema.sql";
    public static final String SAMPLE_DATA_SCRIPT = "erp-sample-data.sql";

    private ReferenceErp() {
    }

    /** Creates the {@code erp} schema and its tables, and fills in the sample data, in one transaction. */
    public static void apply(Connection connection) throws SQLException {
        inTransaction(connection, () -> {
            run(connection, SCHEMA_SCRIPT);
            run(connection, SAMPLE_DATA_SCRIPT);
        });
    }

    /** Creates the {@code erp} schema and its tables only. */
    public static void createSchema(Connection connection) throws SQLException {
        inTransaction(connection, () -> run(connection, SCHEMA_SCRIPT));
    }

    /**
     * BC's Change Status on one order, in one transaction: the header moves to the new status and the foreign keys
     * carry the lines, routing lines and components along (CDC sees every row leave its old key and arrive under
     * the new one). Routing lines then get the status BC gives them: Planned on release, Finished on finish, In
     * Progress on a reopen (Finished back to Released, which also marks the order Reopened).
     *
     * @throws IllegalArgumentException if the change goes backwards (other than a reopen) or the order is not in
     *                                  {@code from}
     */
    public static void changeStatus(Connection connection, String orderNo, ProductionOrderStatus from,
                                    ProductionOrderStatus to) throws SQLException {
        boolean reopen = from == ProductionOrderStatus.FINISHED && to == ProductionOrderStatus.RELEASED;
        if (to.ordinal() <= from.ordinal() && !reopen) {
            throw new IllegalArgumentException("cannot change order " + orderNo + " from " + from + " to " + to);
        }
        inTransaction(connection, () -> {
            try (PreparedStatement header = connection.prepareStatement("UPDATE erp.production_order"
                    + " SET status = ?, reopened = reopened OR ? WHERE status = ? AND no = ?")) {
                header.setString(1, to.name());
                header.setBoolean(2, reopen);
                header.setString(3, from.name());
                header.setString(4, orderNo);
                if (header.executeUpdate() != 1) {
                    throw new IllegalArgumentException("no " + from + " production order " + orderNo);
                }
            }
            String routingStatus = reopen ? "IN_PROGRESS"
                    : to == ProductionOrderStatus.RELEASED ? "PLANNED"
                    : to == ProductionOrderStatus.FINISHED ? "FINISHED" : null;
            if (routingStatus != null) {
                try (PreparedStatement routing = connection.prepareStatement("UPDATE erp.prod_order_routing_line"
                        + " SET routing_status = ? WHERE status = ? AND prod_order_no = ? AND routing_status <> ?")) {
                    routing.setString(1, routingStatus);
                    routing.setString(2, to.name());
                    routing.setString(3, orderNo);
                    routing.setString(4, routingStatus);
                    routing.executeUpdate();
                }
            }
        });
    }

    /** The text of one of the scripts (class path resources next to this class). */
    public static String script(String name) {
        try (InputStream in = ReferenceErp.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + name + " next to " + ReferenceErp.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(name, e);
        }
    }

    private static void run(Connection connection, String scriptName) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(script(scriptName)); // PgJDBC runs a script of several statements in one call
        }
    }

    private interface SqlWork {
        void run() throws SQLException;
    }

    private static void inTransaction(Connection connection, SqlWork work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            work.run();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
