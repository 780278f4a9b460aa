package io.shopfloor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.shopfloor.cdc.ReferenceErp;
import io.shopfloor.simulator.ErpOrders;
import io.shopfloor.simulator.Product;
import io.shopfloor.simulator.SimulatedOrder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the planner of a running plant puts orders into the reference ERP (real PostgreSQL): firm planned first with
 * every row, then released as a copy; each step skips what is there (a restart repeats both).
 */
class ErpOrdersTest {

    @Test
    void ordersGoInFirmPlannedThenReleasedAndEachStepSkipsWhatIsThere() throws Exception {
        List<SimulatedOrder> round = List.of(new SimulatedOrder("RPO-5101", Product.FG_100, 8, 1, false),
                new SimulatedOrder("RPO-5102", Product.FG_200, 9, 2, false),
                new SimulatedOrder("RPO-1002", Product.FG_200, 50, 2, true));
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
             Connection connection = postgres.getPostgresDatabase().getConnection()) {
            ReferenceErp.apply(connection);
            assertEquals(2, ErpOrders.insertMissingFirmPlanned(connection, round), "the sample order is there");
            assertEquals(0, ErpOrders.insertMissingFirmPlanned(connection, round));
            assertEquals(List.of("FIRM_PLANNED RPO-5101 1 2 3", "FIRM_PLANNED RPO-5102 1 2 3"), rows(connection));

            assertEquals(2, ErpOrders.releaseMissing(connection, round));
            assertEquals(0, ErpOrders.releaseMissing(connection, round));
            assertEquals(List.of("FIRM_PLANNED RPO-5101 1 2 3", "FIRM_PLANNED RPO-5102 1 2 3",
                    "RELEASED RPO-5101 1 2 3", "RELEASED RPO-5102 1 2 3"), rows(connection));
            assertEquals(0, ErpOrders.insertMissingFirmPlanned(connection, round), "released orders exist");
            assertEquals(0, ErpOrders.insertMissing(connection, round), "the first round's direct release too");
        }
    }

    /** Status, order, and its lines, routing lines and components, for the generated orders. */
    private static List<String> rows(Connection connection) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT o.status, o.no, "
                     + "(SELECT count(*) FROM erp.prod_order_line l WHERE l.status = o.status "
                     + "AND l.prod_order_no = o.no), "
                     + "(SELECT count(*) FROM erp.prod_order_routing_line r WHERE r.status = o.status "
                     + "AND r.prod_order_no = o.no), "
                     + "(SELECT count(*) FROM erp.prod_order_component c WHERE c.status = o.status "
                     + "AND c.prod_order_no = o.no) "
                     + "FROM erp.production_order o WHERE o.no LIKE 'RPO-51%' ORDER BY 1, 2")) {
            while (result.next()) {
                rows.add(result.getString(1) + " " + result.getString(2) + " " + result.getLong(3) + " "
                        + result.getLong(4) + " " + result.getLong(5));
            }
        }
        return rows;
    }
}
