package io.shopfloor.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Puts the simulated plant's orders into the reference ERP as a planner would: released production orders with
 * their line, routing and components, copied from the sample orders of the same item (RPO-1003 for FG-100,
 * RPO-1002 for FG-200) with the quantities and expected amounts of the new order quantity. CDC carries them to the
 * posting job. Orders that exist already (the sample orders, or a restart) are left alone.
 */
public final class ErpOrders {

    private ErpOrders() {
    }

    /** Inserts the missing orders as released, each in its own transaction; returns how many were inserted. */
    public static int insertMissing(Connection connection, List<SimulatedOrder> orders) throws SQLException {
        return insertMissing(connection, orders, null, RELEASED);
    }

    /**
     * A planner's first step for orders released while the plant runs: each missing order (no row of any status)
     * as firm planned, header, lines, routing and components in one transaction. Returns how many were inserted.
     */
    public static int insertMissingFirmPlanned(Connection connection, List<SimulatedOrder> orders)
            throws SQLException {
        return insertMissing(connection, orders, null, FIRM_PLANNED);
    }

    /**
     * The second step, once CDC carried the first: each order without a released header is inserted as released
     * (a copy: the firm planned rows stay). Not BC's Change Status, which moves the rows: the posting job applies CDC
     * changes that arrive behind its watermark (the plant's clock runs ahead of the ERP's) in arrival order, and the
     * move's deletes of the firm planned lines could overtake the released header, which then finds no lines. With
     * a copy the order is complete in the job before its release arrives. Returns how many were released.
     */
    public static int releaseMissing(Connection connection, List<SimulatedOrder> orders) throws SQLException {
        return insertMissing(connection, orders, RELEASED, RELEASED);
    }

    private static final String RELEASED = "RELEASED";
    private static final String FIRM_PLANNED = "FIRM_PLANNED";

    /** Inserts each order without a header in {@code existingStatus} (any status: null) as {@code status}. */
    private static int insertMissing(Connection connection, List<SimulatedOrder> orders, String existingStatus,
                                     String status) throws SQLException {
        int inserted = 0;
        for (SimulatedOrder order : orders) {
            if (order.inSampleData() || exists(connection, order.orderNo(), existingStatus)) {
                continue;
            }
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                String released = order.product() == Product.FG_100 ? fg100(order) : fg200(order);
                statement.execute(released.replace("'" + RELEASED + "'", "'" + status + "'"));
                connection.commit();
                inserted++;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
        return inserted;
    }

    static boolean exists(Connection connection, String orderNo) throws SQLException {
        return exists(connection, orderNo, null);
    }

    /** Whether the ERP has the order in {@code status} (any status: null). */
    static boolean exists(Connection connection, String orderNo, String status) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT count(*) FROM erp.production_order WHERE no = ? AND status = coalesce(?, status)")) {
            query.setString(1, orderNo);
            query.setString(2, status);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1) > 0;
            }
        }
    }

    private static BigDecimal amount(String value, int quantity) {
        return new BigDecimal(value).multiply(BigDecimal.valueOf(quantity));
    }

    private static String money(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** Set A's routing R-100 and BOM, as RPO-1003. */
    static String fg100(SimulatedOrder order) {
        String no = order.orderNo();
        int q = order.quantity();
        BigDecimal cutMinutes = amount("2", q).add(new BigDecimal("30"));
        BigDecimal cutCost = cutMinutes.multiply(new BigDecimal("1.20"));
        BigDecimal assyCost = amount("0.50", q);
        BigDecimal steel = amount("2.1", q).setScale(2, RoundingMode.CEILING);
        BigDecimal bolt = amount("4", q);
        BigDecimal paint = amount("0.05", q).setScale(3, RoundingMode.CEILING);
        BigDecimal components = steel.multiply(new BigDecimal("1.50")).add(bolt.multiply(new BigDecimal("0.10")))
                .add(paint.multiply(new BigDecimal("20.00")));
        return """
                INSERT INTO erp.production_order (status, no, description, source_type, source_no, quantity, due_date,
                    location_code)
                VALUES ('RELEASED', '%1$s', 'FG-100 x %2$d', 'ITEM', 'FG-100', %2$d, '2026-03-03', 'MAIN');
                INSERT INTO erp.prod_order_line (status, prod_order_no, line_no, item_no, description, location_code,
                    quantity, quantity_base, unit_of_measure_code, remaining_quantity, remaining_qty_base, routing_no,
                    routing_reference_no, unit_cost, cost_amount, expected_operation_cost_amt,
                    expected_component_cost_amt)
                VALUES ('RELEASED', '%1$s', 10000, 'FG-100', 'FG-100', 'MAIN', %2$d, %2$d, 'PCS', %2$d, %2$d, 'R-100',
                    10000, 7.81, %3$s, %4$s, %5$s);
                INSERT INTO erp.prod_order_routing_line (status, prod_order_no, routing_reference_no, routing_no,
                    operation_no, next_operation_no, previous_operation_no, type, no, work_center_no, description,
                    setup_time, setup_time_unit_of_meas_code, run_time, run_time_unit_of_meas_code, routing_link_code,
                    unit_cost_per, direct_unit_cost, indirect_cost_pct, overhead_rate, expected_operation_cost_amt,
                    expected_capacity_ovhd_cost, expected_capacity_need, routing_status, location_code)
                VALUES ('RELEASED', '%1$s', 10000, 'R-100', '10', '20', '', 'WORK_CENTER', 'WC-CUT', 'WC-CUT',
                    'WC-CUT', 30, 'MINUTES', 2, 'MINUTES', 'CUT', 1.20, 1.00, 10, 0.10, %6$s, %7$s, %8$s, 'PLANNED',
                    'MAIN'),
                       ('RELEASED', '%1$s', 10000, 'R-100', '20', '', '10', 'MACHINE_CENTER', 'MC-ASSY', 'WC-ASSY',
                    'MC-ASSY', 0, 'MINUTES', 1, 'MINUTES', 'ASSY', 0.50, 0.50, 0, 0, %9$s, 0, %10$d, 'PLANNED', 'MAIN');
                INSERT INTO erp.prod_order_component (status, prod_order_no, prod_order_line_no, line_no, item_no,
                    description, unit_of_measure_code, qty_rounding_precision_base, quantity_per, quantity, scrap_pct,
                    expected_quantity, expected_qty_base, remaining_quantity, remaining_qty_base, flushing_method,
                    routing_link_code, location_code, unit_cost, direct_unit_cost, cost_amount, direct_cost_amount,
                    due_date)
                VALUES ('RELEASED', '%1$s', 10000, 10000, 'STEEL', 'STEEL', 'KG', 0.01, 2, 2, 5, %11$s, %11$s, %11$s,
                    %11$s, 'BACKWARD', 'CUT', 'MAIN', 1.50, 1.50, %12$s, %12$s, '2026-03-02'),
                       ('RELEASED', '%1$s', 10000, 20000, 'BOLT', 'BOLT', 'PCS', 1, 4, 4, 0, %13$s, %13$s, %13$s,
                    %13$s, 'FORWARD', 'ASSY', 'MAIN', 0.10, 0.10, %14$s, %14$s, '2026-03-02'),
                       ('RELEASED', '%1$s', 10000, 30000, 'PAINT', 'PAINT', 'L', 0.001, 0.05, 0.05, 0, %15$s, %15$s,
                    %15$s, %15$s, 'BACKWARD', '', 'MAIN', 20.00, 20.00, %16$s, %16$s, '2026-03-02');
                """.formatted(no, q, money(amount("7.81", q)), money(cutCost.add(assyCost)), money(components),
                money(cutCost), money(cutMinutes.multiply(new BigDecimal("0.20"))),
                cutMinutes.multiply(BigDecimal.valueOf(60_000)).toBigInteger(), money(assyCost), q * 60_000L,
                steel.toPlainString(), money(steel.multiply(new BigDecimal("1.50"))), bolt.toPlainString(),
                money(bolt.multiply(new BigDecimal("0.10"))), paint.toPlainString(),
                money(paint.multiply(new BigDecimal("20.00"))));
    }

    /** milled on MC-MILL-1, packed at WC-PACK (Units costed), as RPO-1002. */
    static String fg200(SimulatedOrder order) {
        String no = order.orderNo();
        int q = order.quantity();
        BigDecimal millMinutes = amount("1.5", q).add(new BigDecimal("15"));
        BigDecimal millCost = millMinutes.multiply(new BigDecimal("0.89"));
        BigDecimal packCost = amount("0.40", q);
        BigDecimal alu = amount("0.255", q).setScale(2, RoundingMode.CEILING);
        BigDecimal bolt = amount("2", q);
        BigDecimal paint = amount("0.02", q).setScale(3, RoundingMode.CEILING);
        BigDecimal components = alu.multiply(new BigDecimal("4.00")).add(bolt.multiply(new BigDecimal("0.10")))
                .add(paint.multiply(new BigDecimal("20.00")));
        return """
                INSERT INTO erp.production_order (status, no, description, source_type, source_no, quantity, due_date,
                    location_code)
                VALUES ('RELEASED', '%1$s', 'FG-200 x %2$d', 'ITEM', 'FG-200', %2$d, '2026-03-03', 'MAIN');
                INSERT INTO erp.prod_order_line (status, prod_order_no, line_no, item_no, description, location_code,
                    quantity, quantity_base, unit_of_measure_code, remaining_quantity, remaining_qty_base, routing_no,
                    routing_reference_no, unit_cost, cost_amount, expected_operation_cost_amt,
                    expected_component_cost_amt)
                VALUES ('RELEASED', '%1$s', 10000, 'FG-200', 'Bracket, painted', 'MAIN', %2$d, %2$d, 'PCS', %2$d,
                    %2$d, 'R-200', 10000, 3.62, %3$s, %4$s, %5$s);
                INSERT INTO erp.prod_order_routing_line (status, prod_order_no, routing_reference_no, routing_no,
                    operation_no, next_operation_no, previous_operation_no, type, no, work_center_no, description,
                    setup_time, setup_time_unit_of_meas_code, run_time, run_time_unit_of_meas_code, routing_link_code,
                    unit_cost_per, direct_unit_cost, indirect_cost_pct, overhead_rate, unit_cost_calculation,
                    expected_operation_cost_amt, expected_capacity_ovhd_cost, expected_capacity_need, routing_status,
                    location_code)
                VALUES ('RELEASED', '%1$s', 10000, 'R-200', '10', '20', '', 'MACHINE_CENTER', 'MC-MILL-1', 'WC-MILL',
                    'Mill bracket', 15, 'MINUTES', 1.5, 'MINUTES', 'MILL', 0.89, 0.80, 5, 0.05, 'TIME', %6$s, %7$s,
                    %8$s, 'PLANNED', 'MAIN'),
                       ('RELEASED', '%1$s', 10000, 'R-200', '20', '', '10', 'WORK_CENTER', 'WC-PACK', 'WC-PACK',
                    'Pack bracket', 0, 'MINUTES', 0.2, 'MINUTES', 'PACK', 0.40, 0.40, 0, 0, 'UNITS', %9$s, 0, %10$d,
                    'PLANNED', 'MAIN');
                INSERT INTO erp.prod_order_component (status, prod_order_no, prod_order_line_no, line_no, item_no,
                    description, unit_of_measure_code, qty_rounding_precision_base, quantity_per, quantity, scrap_pct,
                    expected_quantity, expected_qty_base, remaining_quantity, remaining_qty_base, flushing_method,
                    routing_link_code, location_code, unit_cost, direct_unit_cost, cost_amount, direct_cost_amount,
                    due_date)
                VALUES ('RELEASED', '%1$s', 10000, 10000, 'ALU', 'Aluminium sheet', 'KG', 0.01, 0.25, 0.25, 2, %11$s,
                    %11$s, %11$s, %11$s, 'BACKWARD', 'MILL', 'MAIN', 4.00, 4.00, %12$s, %12$s, '2026-03-02'),
                       ('RELEASED', '%1$s', 10000, 20000, 'BOLT', 'BOLT', 'PCS', 1, 2, 2, 0, %13$s, %13$s, %13$s,
                    %13$s, 'FORWARD', 'PACK', 'MAIN', 0.10, 0.10, %14$s, %14$s, '2026-03-02'),
                       ('RELEASED', '%1$s', 10000, 30000, 'PAINT', 'PAINT', 'L', 0.001, 0.02, 0.02, 0, %15$s, %15$s,
                    %15$s, %15$s, 'FORWARD', '', 'MAIN', 20.00, 20.00, %16$s, %16$s, '2026-03-02');
                """.formatted(no, q, money(amount("3.62", q)), money(millCost.add(packCost)), money(components),
                money(millCost), money(millMinutes.multiply(new BigDecimal("0.09"))),
                millMinutes.multiply(BigDecimal.valueOf(60_000)).toBigInteger(), money(packCost), q * 12_000L,
                alu.toPlainString(), money(alu.multiply(new BigDecimal("4.00"))), bolt.toPlainString(),
                money(bolt.multiply(new BigDecimal("0.10"))), paint.toPlainString(),
                money(paint.multiply(new BigDecimal("20.00"))));
    }
}
