package io.shopfloor.cdc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.shopfloor.schema.common.ProductionOrderStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The reference ERP in a real PostgreSQL: its tables are the Avro contracts, and Change Status moves whole orders. */
class ReferenceErpTest {
    @RegisterExtension
    static final ErpPostgres POSTGRES = new ErpPostgres();

    @Test
    void everyTableHasExactlyTheContractsFieldsAsColumnsWithMatchingTypesAndKey() throws Exception {
        ErpPostgres.Database erp = POSTGRES.newErpDatabase();
        try (Connection connection = erp.connect()) {
            for (MasterDataTable table : MasterDataTable.ALL) {
                Schema schema = SpecificData.get().getSchema(table.recordType());
                List<String> expected = new ArrayList<>();
                for (Schema.Field field : schema.getFields()) {
                    if (!RowConverter.CDC_FIELDS.contains(field.name())) {
                        expected.add(RowConverter.column(field.name()) + " " + columnType(field.schema()));
                    }
                }
                assertEquals(expected, strings(connection, "SELECT column_name || ' ' || CASE"
                        + " WHEN data_type = 'numeric'"
                        + " THEN 'numeric(' || numeric_precision || ',' || numeric_scale || ')'"
                        + " ELSE data_type END || CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE '' END"
                        + " FROM information_schema.columns WHERE table_schema = 'erp' AND table_name = ?"
                        + " ORDER BY ordinal_position", table.table()), table.table());
                assertEquals(table.keyFields().stream().map(RowConverter::column).toList(), strings(connection,
                        "SELECT k.column_name FROM information_schema.table_constraints c"
                        + " JOIN information_schema.key_column_usage k ON k.constraint_name = c.constraint_name"
                        + " AND k.table_schema = c.table_schema WHERE c.constraint_type = 'PRIMARY KEY'"
                        + " AND c.table_schema = 'erp' AND c.table_name = ? ORDER BY k.ordinal_position",
                        table.table()), table.table() + " primary key");
                assertEquals(List.of("f"), strings(connection, "SELECT relreplident::text FROM pg_class"
                        + " WHERE oid = ('erp.' || ?)::regclass", table.table()), table.table() + " replica identity");
            }
        }
    }

    @Test
    void sampleDataHasSetAFirmPlannedAndTwoReleasedOrders() throws Exception {
        ErpPostgres.Database erp = POSTGRES.newErpDatabase();
        try (Connection connection = erp.connect()) {
            assertEquals(List.of("FIRM_PLANNED RPO-1001 FG-100 100.00000", "RELEASED RPO-1002 FG-200 50.00000",
                    "RELEASED RPO-1003 FG-100 20.00000"), strings(connection, "SELECT status || ' ' || no || ' ' ||"
                    + " source_no || ' ' || quantity FROM erp.production_order ORDER BY no"));
            assertEquals(List.of("6 4 2 1 1 3 6 9"), strings(connection, "SELECT (SELECT count(*) FROM erp.item)"
                    + " || ' ' || (SELECT count(*) FROM erp.work_center) || ' ' || (SELECT count(*) FROM"
                    + " erp.machine_center) || ' ' || (SELECT count(*) FROM erp.location) || ' ' || (SELECT count(*)"
                    + " FROM erp.manufacturing_setup) || ' ' || (SELECT count(*) FROM erp.prod_order_line) || ' ' ||"
                    + " (SELECT count(*) FROM erp.prod_order_routing_line) || ' ' || (SELECT count(*) FROM"
                    + " erp.prod_order_component)"));
        }
    }

    @Test
    void changeStatusMovesTheWholeOrderAndSetsTheRoutingStatus() throws Exception {
        ErpPostgres.Database erp = POSTGRES.newErpDatabase();
        try (Connection connection = erp.connect()) {
            ReferenceErp.changeStatus(connection, "RPO-1001", ProductionOrderStatus.FIRM_PLANNED,
                    ProductionOrderStatus.RELEASED);
            assertEquals(List.of("RELEASED 1 1 2 3 PLANNED false"), orderRows(connection, "RPO-1001"));

            ReferenceErp.changeStatus(connection, "RPO-1001", ProductionOrderStatus.RELEASED,
                    ProductionOrderStatus.FINISHED);
            assertEquals(List.of("FINISHED 1 1 2 3 FINISHED false"), orderRows(connection, "RPO-1001"));

            ReferenceErp.changeStatus(connection, "RPO-1001", ProductionOrderStatus.FINISHED,
                    ProductionOrderStatus.RELEASED);
            assertEquals(List.of("RELEASED 1 1 2 3 IN_PROGRESS true"), orderRows(connection, "RPO-1001"));
        }
    }

    @Test
    void aChangeBackwardsOrOfAnotherStatusIsRefusedAndChangesNothing() throws Exception {
        ErpPostgres.Database erp = POSTGRES.newErpDatabase();
        try (Connection connection = erp.connect()) {
            IllegalArgumentException backwards = assertThrows(IllegalArgumentException.class,
                    () -> ReferenceErp.changeStatus(connection, "RPO-1002", ProductionOrderStatus.RELEASED,
                            ProductionOrderStatus.FIRM_PLANNED));
            assertEquals("cannot change order RPO-1002 from RELEASED to FIRM_PLANNED", backwards.getMessage());
            IllegalArgumentException notThere = assertThrows(IllegalArgumentException.class,
                    () -> ReferenceErp.changeStatus(connection, "RPO-1002", ProductionOrderStatus.FIRM_PLANNED,
                            ProductionOrderStatus.RELEASED));
            assertEquals("no FIRM_PLANNED production order RPO-1002", notThere.getMessage());
            assertEquals(List.of("RELEASED 1 1 2 3 PLANNED false"), orderRows(connection, "RPO-1002"));
            assertEquals(true, connection.getAutoCommit());
        }
    }

    /** Status, then the number of header, line, routing and component rows, routing status, reopened. */
    private static List<String> orderRows(Connection connection, String orderNo) throws SQLException {
        return strings(connection, "SELECT o.status || ' ' || 1 || ' '"
                + " || (SELECT count(*) FROM erp.prod_order_line l WHERE l.status = o.status"
                + " AND l.prod_order_no = o.no)"
                + " || ' ' || (SELECT count(*) FROM erp.prod_order_routing_line r WHERE r.status = o.status"
                + " AND r.prod_order_no = o.no) || ' ' || (SELECT count(*) FROM erp.prod_order_component c"
                + " WHERE c.status = o.status AND c.prod_order_no = o.no) || ' ' || (SELECT string_agg(DISTINCT"
                + " r.routing_status, ',') FROM erp.prod_order_routing_line r WHERE r.prod_order_no = o.no)"
                + " || ' ' || o.reopened FROM erp.production_order o WHERE o.no = ?", orderNo);
    }

    private static String columnType(Schema schema) {
        boolean nullable = schema.isNullable();
        Schema value = nullable ? schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL)
                .findFirst().orElseThrow() : schema;
        String type;
        if (value.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
            type = "numeric(" + decimal.getPrecision() + "," + decimal.getScale() + ")";
        } else if (value.getLogicalType() instanceof LogicalTypes.Date) {
            type = "date";
        } else if (value.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
            type = "timestamp with time zone";
        } else if (value.getLogicalType() instanceof LogicalTypes.TimeMillis) {
            type = "time without time zone"; // the shop calendars' times of day
        } else {
            type = switch (value.getType()) {
                case STRING, ENUM -> "text";
                case INT -> "integer";
                case BOOLEAN -> "boolean";
                default -> throw new AssertionError("no column type for " + value);
            };
        }
        return nullable ? type : type + " not null";
    }

    private static List<String> strings(Connection connection, String sql, String... parameters)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }
}
