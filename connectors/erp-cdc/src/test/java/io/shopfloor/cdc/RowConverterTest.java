package io.shopfloor.cdc;

import static io.shopfloor.cdc.SampleDataRecords.assertRecordEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.shopfloor.job.avro.AvroFixtures;
import io.shopfloor.schema.common.ProductionOrderStatus;
import io.shopfloor.schema.masterdata.CostingMethod;
import io.shopfloor.schema.masterdata.Item;
import io.shopfloor.schema.masterdata.ProdOrderComponent;
import io.shopfloor.schema.masterdata.ProdOrderRoutingLine;
import io.shopfloor.schema.masterdata.RoutingStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class RowConverterTest {
    static final MasterDataTable ITEMS = MasterDataTable.byName("item").orElseThrow();
    static final MasterDataTable ROUTING = MasterDataTable.byName("prod_order_routing_line").orElseThrow();
    static final MasterDataTable COMPONENTS = MasterDataTable.byName("prod_order_component").orElseThrow();

    @Test
    void columnsAreTheFieldNamesInSnakeCase() {
        assertEquals("no", RowConverter.column("no"));
        assertEquals("qty_per_unit_of_measure", RowConverter.column("qtyPerUnitOfMeasure"));
        assertEquals("scrap_factor_pct_accumulated", RowConverter.column("scrapFactorPctAccumulated"));
        assertEquals("doc_no_is_prod_order_no", RowConverter.column("docNoIsProdOrderNo"));
        assertEquals("single_level_mfg_overhead_cost", RowConverter.column("singleLevelMfgOverheadCost"));
    }

    @Test
    void aRowBecomesItsRecordWithDecimalsExactlyAtTheContractScale() throws Exception {
        Item steel = (Item) RowConverter.toRecord(ITEMS, row(AvroFixtures.item("STEEL", "KG", CostingMethod.STANDARD,
                "1.50", "0.01")));
        Item expected = AvroFixtures.item("STEEL", "KG", CostingMethod.STANDARD, "1.50", "0.01");
        assertRecordEquals(expected, steel, "STEEL");
        assertEquals(new BigDecimal("1.50000"), steel.getUnitCost()); // scale 5, not 1.5 or 1.50

        Map<String, Object> row = row(expected);
        row.put("unit_cost", "1.5");
        row.put("standard_cost", new BigDecimal("1.500000000"));
        Item converted = (Item) RowConverter.toRecord(ITEMS, row);
        assertEquals(new BigDecimal("1.50000"), converted.getUnitCost());
        assertEquals(new BigDecimal("1.50000"), converted.getStandardCost());
    }

    @Test
    void optionsReadTheSymbolOrBusinessCentralsCaptionAndBlankIsNone() throws Exception {
        ProdOrderRoutingLine op10 = AvroFixtures.setARouting().get(0);
        Map<String, Object> row = row(op10);
        row.put("status", "Firm Planned");
        row.put("type", "Work Center");
        row.put("routing_status", "");
        row.put("unit_cost_calculation", "time");
        assertRecordEquals(op10, RowConverter.toRecord(ROUTING, row), "op 10");
        assertEquals(RoutingStatus.NONE, ((ProdOrderRoutingLine) RowConverter.toRecord(ROUTING, row))
                .getRoutingStatus());

        ProdOrderComponent bolt = AvroFixtures.setAComponents().get(1);
        Map<String, Object> component = row(bolt);
        component.put("flushing_method", "Pick + Forward");
        component.put("calculation_formula", "Length x Width");
        ProdOrderComponent converted = (ProdOrderComponent) RowConverter.toRecord(COMPONENTS, component);
        assertEquals("PICK_FORWARD", converted.getFlushingMethod().name());
        assertEquals("LENGTH_X_WIDTH", converted.getCalculationFormula().name());
        assertEquals(LocalDate.of(2026, 3, 1), converted.getDueDate());
    }

    @Test
    void dateTimesKeepMillisecondsAndMayBeNull() throws Exception {
        Map<String, Object> row = row(AvroFixtures.setARouting().get(0));
        row.put("starting_date_time", Instant.parse("2026-03-02T06:00:00.123456Z"));
        row.put("ending_date_time", null);
        ProdOrderRoutingLine converted = (ProdOrderRoutingLine) RowConverter.toRecord(ROUTING, row);
        assertEquals(Instant.parse("2026-03-02T06:00:00.123Z"), converted.getStartingDateTime());
        assertEquals(null, converted.getEndingDateTime());
    }

    @Test
    void valuesThatDoNotFitAreRefusedWithTheColumnAndTheReason() {
        Item bolt = AvroFixtures.item("BOLT", "PCS", CostingMethod.STANDARD, "0.10", "1");
        assertRefused(ITEMS, with(row(bolt), "unit_cost", "0.123456"), "unit_cost = 0.123456 has more than 5 decimals");
        assertRefused(ITEMS, with(row(bolt), "unit_cost", 0.1d), "unit_cost = 0.1 (Double) is not an exact decimal");
        assertRefused(ITEMS, with(row(bolt), "unit_cost", "ten"), "unit_cost = 'ten' is not a decimal number");
        assertRefused(ITEMS, with(row(bolt), "unit_cost", "1" + "0".repeat(34)),
                "unit_cost = 1" + "0".repeat(34) + " has more than 38 digits");
        assertRefused(ITEMS, with(row(bolt), "costing_method", "Weighted"),
                "costing_method = 'Weighted' is not a CostingMethod [FIFO, LIFO, SPECIFIC, AVERAGE, STANDARD]");
        assertRefused(ITEMS, with(row(bolt), "description", null),
                "description is null; the contract needs a value (string)");
        assertRefused(ITEMS, with(row(bolt), "blocked", "no"), "blocked = no (String) is not a boolean");
        Map<String, Object> withoutColumn = row(bolt);
        withoutColumn.remove("flushing_method");
        assertRefused(ITEMS, withoutColumn, "no column flushing_method (field flushingMethod)");
        assertRefused(COMPONENTS, with(row(AvroFixtures.setAComponents().get(0)), "line_no", 3_000_000_000L),
                "line_no = 3000000000 is not a 32-bit integer");
    }

    @Test
    void aDeletedRowNeedsOnlyItsKeyTheRestFallsBackToBlanks() throws Exception {
        Map<String, Object> keyOnly = new LinkedHashMap<>();
        keyOnly.put("status", "RELEASED");
        keyOnly.put("prod_order_no", "RPO-1001");
        keyOnly.put("prod_order_line_no", 10000);
        keyOnly.put("line_no", 30000);
        keyOnly.put("item_no", "PAINT");
        keyOnly.put("flushing_method", "no such method");
        ProdOrderComponent deleted = (ProdOrderComponent) RowConverter.toDeletedRecord(COMPONENTS, keyOnly);
        assertEquals(ProductionOrderStatus.RELEASED, deleted.getStatus());
        assertEquals(java.util.List.of("RPO-1001", 10000, 30000, "PAINT"), java.util.List.of(deleted.getProdOrderNo(),
                deleted.getProdOrderLineNo(), deleted.getLineNo(), deleted.getItemNo()));
        assertEquals("MANUAL", deleted.getFlushingMethod().name()); // the first symbol, as it did not fit
        assertEquals(new BigDecimal("0.00000"), deleted.getQuantityPer());
        assertEquals(new BigDecimal("0.00"), deleted.getCostAmount());
        assertEquals("", deleted.getDescription());
        assertEquals(LocalDate.EPOCH, deleted.getDueDate());

        keyOnly.put("line_no", null);
        assertRefused(COMPONENTS, keyOnly, true, "line_no is null; the contract needs a value (int)");
    }

    /** A record's fields as the columns of its row, values as DebeziumChanges gives them (decimals as text). */
    static Map<String, Object> row(SpecificRecord record) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Schema.Field field : record.getSchema().getFields()) {
            if (RowConverter.CDC_FIELDS.contains(field.name())) {
                continue;
            }
            Object value = record.get(field.pos());
            if (value instanceof BigDecimal decimal) {
                value = decimal.stripTrailingZeros().toPlainString();
            } else if (value instanceof Enum<?> symbol) {
                value = symbol.name();
            }
            row.put(RowConverter.column(field.name()), value);
        }
        return row;
    }

    private static Map<String, Object> with(Map<String, Object> row, String column, Object value) {
        row.put(column, value);
        return row;
    }

    private static void assertRefused(MasterDataTable table, Map<String, Object> row, String reason) {
        assertRefused(table, row, false, reason);
    }

    private static void assertRefused(MasterDataTable table, Map<String, Object> row, boolean deleted, String reason) {
        UnmappableRowException e = assertThrows(UnmappableRowException.class, () -> {
            if (deleted) {
                RowConverter.toDeletedRecord(table, row);
            } else {
                RowConverter.toRecord(table, row);
            }
        });
        assertEquals(reason, e.getMessage());
    }
}
