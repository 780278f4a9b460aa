package io.shopfloor.ledger.model;

import io.shopfloor.posting.ItemCostUpdate;
import io.shopfloor.posting.gl.GlAccountType;
import io.shopfloor.posting.gl.GlEntry;
import io.shopfloor.posting.ledger.ItemLedgerEntryType;
import io.shopfloor.posting.ledger.OrderStatusEntry;
import io.shopfloor.posting.ledger.OrderType;
import io.shopfloor.posting.ledger.ValueEntry;
import io.shopfloor.posting.ledger.ValueEntryType;
import io.shopfloor.posting.ledger.WarehouseRequest;
import io.shopfloor.posting.model.CostingMethod;
import io.shopfloor.posting.order.OrderStatus;
import io.shopfloor.schema.journal.OrderStatusChange;
import io.shopfloor.schema.ledger.GeneralLedgerEntry;
import io.shopfloor.schema.ledger.VarianceType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The model's fields and their Avro records (the records of the other ledgers: LedgerMappingTest, posting-job). */
class LedgerModelTest {
    private static final LocalDate D1 = LocalDate.parse("2026-03-02");
    private static final Instant AT = Instant.parse("2026-03-02T10:15:30Z");

    @Test
    void anItemCostUpdateIsItsRecordAndItsRowFields() {
        ItemCostUpdate update = new ItemCostUpdate("E9/ICU1", "FG-100", CostingMethod.FIFO, "RPO-1001", 10000,
                new BigDecimal("100.00000"), new BigDecimal("797.65"), new BigDecimal("7.97650"), D1);
        LedgerFields fields = LedgerModel.itemCostUpdate(update, "RPO-1001", AT);

        assertEquals(Ledger.ITEM_COST_UPDATE, fields.ledger());
        assertEquals(List.of("idempotencyKey", "sourceKey", "itemNo", "costingMethod", "orderNo", "orderLineNo",
                "outputQuantityBase", "costAmount", "unitCost", "postingDate", "sourceEventId", "eventTime"),
                List.copyOf(fields.names()));
        assertEquals(io.shopfloor.schema.ledger.ItemCostUpdate.newBuilder().setIdempotencyKey("E9/ICU1")
                        .setItemNo("FG-100").setCostingMethod("FIFO").setOrderNo("RPO-1001").setOrderLineNo(10000)
                        .setOutputQuantityBase(new BigDecimal("100.00000")).setCostAmount(new BigDecimal("797.65"))
                        .setUnitCost(new BigDecimal("7.97650")).setPostingDate(D1).setSourceEventId("E9").build(),
                AvroLedger.record(fields));
    }

    @Test
    void aGlEntryAndAStatusChange() {
        GlEntry gl = new GlEntry("E1/VE2/GL1", "E1/VE2", 2, D1, "RPO-1001", "2140", GlAccountType.WIP,
                new BigDecimal("-5.5"), false, "RPO-1001", "MAIN", "FINISHED", "", "MANUFACT", "", null);
        GeneralLedgerEntry record = (GeneralLedgerEntry) AvroLedger.record(LedgerModel.generalLedgerEntry(gl, AT));
        assertEquals(new BigDecimal("-5.50"), record.getAmount(), "rescaled exactly to the amount's scale");
        assertEquals(io.shopfloor.schema.ledger.GlAccountType.WIP, record.getAccountType());
        assertEquals("", record.getGlobalDimension2Code(), "null is BC's blank where Avro has no null");

        OrderStatusEntry status = new OrderStatusEntry("cdc/RPO-1001/RELEASED/lsn42/ST1", "RPO-1001",
                OrderStatus.FIRM_PLANNED, OrderStatus.RELEASED, D1);
        OrderStatusChange change = AvroLedger.record(LedgerModel.orderStatusChange(status, "RPO-1001", AT),
                OrderStatusChange.class);
        assertEquals("cdc/RPO-1001/RELEASED/lsn42", change.getSourceId());
        assertEquals(AT, change.getEventTime());
        IllegalStateException noTime = assertThrows(IllegalStateException.class,
                () -> AvroLedger.record(LedgerModel.orderStatusChange(status, null, null)));
        assertTrue(noTime.getMessage().contains("eventTime"), noTime.getMessage());
    }

    @Test
    void aUnitCostQuotientIsRoundedForAvroOnlyAndAnAmountWithMoreDecimalsIsABug() {
        LedgerFields fields = LedgerModel.valueEntry(valueEntry(new BigDecimal("-189.00"),
                new BigDecimal("1.2345678")), null, "RPO-1001", AT);
        assertEquals(new LedgerFields.Quotient(new BigDecimal("1.2345678")), fields.get("costPerUnit"),
                "the row takes it as it is");
        io.shopfloor.schema.ledger.ValueEntry record = AvroLedger.record(fields,
                io.shopfloor.schema.ledger.ValueEntry.class);
        assertEquals(new BigDecimal("1.23457"), record.getCostPerUnit());
        assertEquals(VarianceType.NONE, record.getVarianceType(), "no variance: NONE");
        assertEquals("", record.getGenBusPostingGroup(), "posting groups not known: blank on Kafka");
        assertNull(fields.get("genBusPostingGroup"), "and NULL in the row");

        IllegalStateException amount = assertThrows(IllegalStateException.class, () -> AvroLedger.record(
                LedgerModel.valueEntry(valueEntry(new BigDecimal("-189.001"), BigDecimal.ONE), null, null, null)));
        assertEquals("costAmountActual = -189.001 has more than 2 decimals", amount.getMessage());
    }

    @Test
    void aWarehouseRequestHasNoRecordAndAFieldIsGivenOnce() {
        LedgerFields request = LedgerModel.warehouseRequest(new WarehouseRequest("REL/WR1",
                WarehouseRequest.RequestType.INBOUND_INVENTORY_PUT_AWAY, "WHITE", null, "FG-100", null, "RPO-1001",
                10000, new BigDecimal("100"), D1), "RPO-1001", AT);
        assertEquals("INBOUND_INVENTORY_PUT_AWAY", request.get("requestType"), "enums by name");
        assertThrows(IllegalArgumentException.class, () -> AvroLedger.record(request));
        IllegalStateException unknown = assertThrows(IllegalStateException.class, () -> request.get("entryNo"));
        assertEquals("WAREHOUSE_REQUEST has no field entryNo in the ledger model", unknown.getMessage());

        IllegalStateException twice = assertThrows(IllegalStateException.class,
                () -> LedgerFields.of(Ledger.VALUE_ENTRY).put("itemNo", "A").put("itemNo", "A"));
        assertEquals("VALUE_ENTRY.itemNo given twice", twice.getMessage());
    }

    private static ValueEntry valueEntry(BigDecimal actual, BigDecimal costPerUnit) {
        return new ValueEntry(3, "E1/VE3", 1L, null, ValueEntryType.DIRECT_COST, null,
                ItemLedgerEntryType.CONSUMPTION, null, null, "STEEL", OrderType.PRODUCTION, "RPO-1001", 10000,
                "FG-100", "MAIN", new BigDecimal("-126"), new BigDecimal("-126"), new BigDecimal("-126"), actual,
                BigDecimal.ZERO, costPerUnit, false, true, D1, D1, "RPO-1001", "CONSUMPJNL", false);
    }
}
