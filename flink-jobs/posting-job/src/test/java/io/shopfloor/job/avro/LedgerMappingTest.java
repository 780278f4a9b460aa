package io.shopfloor.job.avro;

import io.shopfloor.posting.PostingResult;
import io.shopfloor.posting.PostingRules;
import io.shopfloor.posting.PostingSettings;
import io.shopfloor.posting.gl.GlAccountType;
import io.shopfloor.posting.gl.GlEntry;
import io.shopfloor.posting.journal.OutputJournalLine;
import io.shopfloor.posting.journal.ReleaseOrder;
import io.shopfloor.posting.ledger.EntryNumbers;
import io.shopfloor.posting.ledger.LedgerEntry;
import io.shopfloor.posting.ledger.OrderStatusEntry;
import io.shopfloor.posting.ledger.WarehouseRequest;
import io.shopfloor.posting.model.CostBucket;
import io.shopfloor.posting.model.InMemoryMasterData;
import io.shopfloor.posting.order.OrderStatus;
import io.shopfloor.posting.order.ProductionOrder;
import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.common.CapacityType;
import io.shopfloor.schema.common.ItemLedgerEntryType;
import io.shopfloor.schema.common.LedgerSourceType;
import io.shopfloor.schema.common.OrderType;
import io.shopfloor.schema.common.ProductionOrderStatus;
import io.shopfloor.schema.journal.OrderStatusChange;
import io.shopfloor.schema.ledger.CapacityLedgerEntry;
import io.shopfloor.schema.ledger.GeneralLedgerEntry;
import io.shopfloor.schema.ledger.ItemLedgerEntry;
import io.shopfloor.schema.ledger.ValueEntry;
import io.shopfloor.schema.ledger.ValueEntryType;
import io.shopfloor.schema.ledger.VarianceType;
import io.shopfloor.schema.ledger.WarehouseEntry;
import io.shopfloor.schema.ledger.WarehouseEntryType;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static io.shopfloor.job.avro.AvroFixtures.D0;
import static io.shopfloor.job.avro.AvroFixtures.D1;
import static io.shopfloor.job.avro.AvroFixtures.a;
import static io.shopfloor.job.avro.AvroFixtures.assertAvroEquals;
import static io.shopfloor.job.avro.AvroFixtures.assertNoNullComponent;
import static io.shopfloor.job.avro.AvroFixtures.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LedgerMappingTest {
    private static final Instant START = Instant.parse("2026-03-02T06:00:00Z");
    private static final Instant END = Instant.parse("2026-03-02T08:30:00Z");

    private static io.shopfloor.posting.ledger.ItemLedgerEntry rulesItemEntry(BigDecimal quantity) {
        return new io.shopfloor.posting.ledger.ItemLedgerEntry(1003, "E2/ILE2", "FG-100", "RED", D1,
                io.shopfloor.posting.ledger.ItemLedgerEntryType.OUTPUT, "FG-100", "RPO-1001", "Finished good",
                "MAIN", quantity, q("55"), q("0"), true, true, 1001L,
                io.shopfloor.posting.ledger.OrderType.PRODUCTION, "RPO-1001", 10000, 7, "PCS", BigDecimal.ONE,
                false, "OUTPUTJNL").withPostedBy("olga");
    }

    @Test
    void itemLedgerEntryMapsEveryField() {
        io.shopfloor.posting.ledger.ItemLedgerEntry rules = rulesItemEntry(q("60"));
        assertNoNullComponent(rules);

        ItemLedgerEntry mapped = LedgerMapping.itemLedgerEntry(rules, new BigDecimal("468.6"), BigDecimal.ZERO);

        assertAvroEquals(ItemLedgerEntry.newBuilder().setEntryNo(1003).setItemNo("FG-100").setVariantCode("RED")
                .setPostingDate(D1).setEntryType(ItemLedgerEntryType.OUTPUT).setSourceType(LedgerSourceType.ITEM)
                .setSourceNo("FG-100").setDocumentNo("RPO-1001").setDescription("Finished good")
                .setLocationCode("MAIN").setQuantity(q("60")).setRemainingQuantity(q("55"))
                .setInvoicedQuantity(q("0")).setOpen(true).setPositive(true).setAppliesToEntry(1001L)
                .setOrderType(OrderType.PRODUCTION).setOrderNo("RPO-1001").setOrderLineNo(10000)
                .setProdOrderCompLineNo(7).setUnitOfMeasureCode("PCS").setQtyPerUnitOfMeasure(q("1"))
                .setCompletelyInvoiced(false).setSerialNo("").setLotNo("").setSourceCode("OUTPUTJNL")
                .setCostAmountExpected(a("468.60")).setCostAmountActual(a("0")).setGlobalDimension1Code("")
                .setGlobalDimension2Code("").setDimensionSetId(0).setIdempotencyKey("E2/ILE2")
                .setSourceEventId("E2").setPostedBy("olga").build(), mapped);
    }

    @Test
    void capacityLedgerEntryMapsEveryField() {
        io.shopfloor.posting.ledger.CapacityLedgerEntry rules = new io.shopfloor.posting.ledger.CapacityLedgerEntry(
                501, "E1/CLE1", "10", io.shopfloor.posting.model.CapacityType.WORK_CENTER, "WC-CUT", "Cutting",
                "WC-CUT", "MECH", true, q("150"), q("149"), true, q("30"), q("120"), q("5"), "HOURS", q("60"),
                "FG-100", "RED", q("60"), q("3"), "PCS", q("1"), io.shopfloor.posting.ledger.OrderType.PRODUCTION,
                "RPO-1001", 10000, "R-100", 10001, D1, D0, "DOC-1", "EXT-1", START, END, q("2"), "DAY", "JAM",
                "BURR", true, 499L, "olga");
        assertNoNullComponent(rules);

        CapacityLedgerEntry mapped = LedgerMapping.capacityLedgerEntry(rules);

        assertAvroEquals(CapacityLedgerEntry.newBuilder().setEntryNo(501).setOperationNo("10")
                .setType(CapacityType.WORK_CENTER).setNo("WC-CUT").setDescription("Cutting").setWorkCenterNo("WC-CUT")
                .setWorkCenterGroupCode("MECH").setSubcontracting(true).setQuantity(q("150"))
                .setInvoicedQuantity(q("149")).setCompletelyInvoiced(true).setSetupTime(q("30")).setRunTime(q("120"))
                .setStopTime(q("5")).setCapUnitOfMeasureCode("HOURS").setQtyPerCapUnitOfMeasure(q("60"))
                .setItemNo("FG-100").setVariantCode("RED").setOutputQuantity(q("60")).setScrapQuantity(q("3"))
                .setUnitOfMeasureCode("PCS").setQtyPerUnitOfMeasure(q("1")).setOrderType(OrderType.PRODUCTION)
                .setOrderNo("RPO-1001").setOrderLineNo(10000).setRoutingNo("R-100").setRoutingReferenceNo(10001)
                .setPostingDate(D1).setDocumentDate(D0).setDocumentNo("DOC-1").setExternalDocumentNo("EXT-1")
                .setStartingTime(START).setEndingTime(END).setConcurrentCapacity(q("2")).setWorkShiftCode("DAY")
                .setStopCode("JAM").setScrapCode("BURR").setLastOutputLine(true).setGlobalDimension1Code("")
                .setGlobalDimension2Code("").setDimensionSetId(0).setIdempotencyKey("E1/CLE1")
                .setSourceEventId("E1").setAppliesToEntryNo(499L).setPostedBy("olga").build(), mapped);
    }

    @Test
    void capacityEntryOfAnOrderlessStopIsBlankWhereTheRulesLeaveNull() throws IOException {
        io.shopfloor.posting.ledger.CapacityLedgerEntry rules = new io.shopfloor.posting.ledger.CapacityLedgerEntry(
                7, "M1/CLE1", null, io.shopfloor.posting.model.CapacityType.MACHINE_CENTER, "MC-ASSY", "MC-ASSY",
                "WC-ASSY", null, false, q("15"), q("15"), true, q("0"), q("0"), q("15"), null, null, null, null,
                q("0"), q("0"), null, null, io.shopfloor.posting.ledger.OrderType.NONE, null, 0, null, 0, D1, D1,
                "MAINT-1", null, null, null, null, null, "JAM", null, false);

        CapacityLedgerEntry mapped = LedgerMapping.capacityLedgerEntry(rules);

        assertEquals("", mapped.getOperationNo());
        assertEquals("", mapped.getCapUnitOfMeasureCode());
        assertEquals(q("0"), mapped.getQtyPerCapUnitOfMeasure());
        assertEquals(q("0"), mapped.getQtyPerUnitOfMeasure());
        assertEquals(q("0"), mapped.getConcurrentCapacity());
        assertEquals(OrderType.NONE, mapped.getOrderType());
        assertEquals("", mapped.getOrderNo());
        assertEquals(null, mapped.getStartingTime());
        assertEquals("JAM", mapped.getStopCode());
        assertEquals("", mapped.getScrapCode());
        assertAvroEquals(mapped, roundTrip(mapped));
    }

    @Test
    void capacityEntryWithoutTypeIsWrittenWithANullType() throws Exception {
        io.shopfloor.posting.ledger.CapacityLedgerEntry rules = new io.shopfloor.posting.ledger.CapacityLedgerEntry(
                7, "E9/CLE1", null, null, null, null, null, null, false, q("0"), q("0"), true, q("0"), q("0"),
                q("0"), null, null, "FG-100", null, q("5"), q("0"), "PCS", q("1"),
                io.shopfloor.posting.ledger.OrderType.PRODUCTION, "RPO-9", 10000, "", 10000, D1, D1, "RPO-9", null,
                null, null, q("1"), null, null, null, true);
        CapacityLedgerEntry mapped = LedgerMapping.capacityLedgerEntry(rules);
        assertNull(mapped.getType());
        assertAvroEquals(mapped, roundTrip(mapped));
    }

    @Test
    void valueEntryMapsEveryField() {
        io.shopfloor.posting.ledger.ValueEntry rules = new io.shopfloor.posting.ledger.ValueEntry(2002, "E1/VE2",
                1001L, 501L, io.shopfloor.posting.ledger.ValueEntryType.VARIANCE, CostBucket.CAPACITY_OVERHEAD,
                io.shopfloor.posting.ledger.ItemLedgerEntryType.OUTPUT,
                io.shopfloor.posting.model.CapacityType.MACHINE_CENTER, "MC-ASSY", "FG-100",
                io.shopfloor.posting.ledger.OrderType.PRODUCTION, "RPO-1001", 10000, "FG-100", "MAIN", q("150"),
                q("149"), q("60"), a("-1.20"), new BigDecimal("0.5"), new BigDecimal("1.2345678"), true, true, D1, D0,
                "RPO-1001", "INVTADJMT", true).withPostedBy("olga");
        assertNoNullComponent(rules);

        ValueEntry mapped = LedgerMapping.valueEntry(rules);

        assertAvroEquals(ValueEntry.newBuilder().setEntryNo(2002).setItemLedgerEntryNo(1001L)
                .setCapacityLedgerEntryNo(501L).setEntryType(ValueEntryType.VARIANCE)
                .setVarianceType(VarianceType.CAPACITY_OVERHEAD).setItemLedgerEntryType(ItemLedgerEntryType.OUTPUT)
                .setType(CapacityType.MACHINE_CENTER).setNo("MC-ASSY").setItemNo("FG-100").setVariantCode("")
                .setLocationCode("MAIN").setOrderType(OrderType.PRODUCTION).setOrderNo("RPO-1001")
                .setOrderLineNo(10000).setSourceType(LedgerSourceType.ITEM).setSourceNo("FG-100")
                .setValuedQuantity(q("150")).setInvoicedQuantity(q("149")).setItemLedgerEntryQuantity(q("60"))
                .setCostAmountActual(a("-1.20")).setCostAmountActualAcy(a("0")).setCostAmountExpected(a("0.50"))
                .setCostPerUnit(q("1.23457")).setExpectedCost(true).setInventoriable(true).setPostingDate(D1)
                .setValuationDate(D0).setDocumentType("").setDocumentNo("RPO-1001").setDocumentLineNo(0)
                .setSourceCode("INVTADJMT").setReasonCode("").setJournalBatchName("").setGenBusPostingGroup("")
                .setGenProdPostingGroup("").setInventoryPostingGroup("").setAdjustment(true)
                .setGlobalDimension1Code("").setGlobalDimension2Code("").setDimensionSetId(0)
                .setIdempotencyKey("E1/VE2").setSourceEventId("E1").setPostedBy("olga").build(), mapped);
    }

    @Test
    void everyRulesEnumValueHasItsAvroCounterpart() {
        for (var type : io.shopfloor.posting.ledger.ItemLedgerEntryType.values()) {
            assertEquals(type.name(), AvroValues.byName(type, ItemLedgerEntryType.class).name());
        }
        for (var type : io.shopfloor.posting.ledger.ValueEntryType.values()) {
            assertEquals(type.name(), AvroValues.byName(type, ValueEntryType.class).name());
        }
        for (var bucket : CostBucket.values()) {
            assertEquals(bucket.name(), AvroValues.byName(bucket, VarianceType.class).name());
        }
        for (var type : io.shopfloor.posting.ledger.OrderType.values()) {
            assertEquals(type.name(), AvroValues.byName(type, OrderType.class).name());
        }
        for (var type : io.shopfloor.posting.ledger.WarehouseEntry.WarehouseEntryType.values()) {
            assertEquals(type.name(), AvroValues.byName(type, WarehouseEntryType.class).name());
        }
        for (var status : OrderStatus.values()) {
            assertEquals(status.name(), AvroValues.byName(status, ProductionOrderStatus.class).name());
        }
    }

    @Test
    void consumptionWarehouseEntryMapsEveryField() {
        io.shopfloor.posting.ledger.WarehouseEntry rules = new io.shopfloor.posting.ledger.WarehouseEntry(3,
                "E1/WE1", "WH", "BIN-1", "SHEET", "THIN", q("-12.6"), q("-126"), "PACK",
                io.shopfloor.posting.ledger.WarehouseEntry.WarehouseEntryType.NEGATIVE_ADJMT, "RPO-1001", 10000,
                30000, "RPO-1001", D1);
        assertNoNullComponent(rules);

        WarehouseEntry mapped = LedgerMapping.warehouseEntry(rules);

        assertAvroEquals(WarehouseEntry.newBuilder().setEntryNo(3).setLocationCode("WH").setBinCode("BIN-1")
                .setItemNo("SHEET").setVariantCode("THIN").setQuantity(q("-12.6")).setQtyBase(q("-126"))
                .setUnitOfMeasureCode("PACK").setQtyPerUnitOfMeasure(q("10")).setSourceType(5407).setSourceSubtype(3)
                .setSourceNo("RPO-1001").setSourceLineNo(10000).setSourceSublineNo(30000)
                .setEntryType(WarehouseEntryType.NEGATIVE_ADJMT).setRegisteringDate(D1).setSerialNo("").setLotNo("")
                .setIdempotencyKey("E1/WE1").setSourceEventId("E1").build(), mapped);
    }

    @Test
    void outputWarehouseEntryIsRegisteredAgainstTheOrderLine() {
        io.shopfloor.posting.ledger.WarehouseEntry rules = new io.shopfloor.posting.ledger.WarehouseEntry(4,
                "E2/WE1", "WH", "BIN-OUT", "FG-100", null, q("60"), q("60"), "PCS",
                io.shopfloor.posting.ledger.WarehouseEntry.WarehouseEntryType.POSITIVE_ADJMT, "RPO-1001", 10000, 0,
                "RPO-1001", D1);

        WarehouseEntry mapped = LedgerMapping.warehouseEntry(rules);

        assertEquals(5406, mapped.getSourceType());
        assertEquals(0, mapped.getSourceSublineNo());
        assertEquals("", mapped.getVariantCode());
        assertEquals(q("1"), mapped.getQtyPerUnitOfMeasure());
        assertEquals(WarehouseEntryType.POSITIVE_ADJMT, mapped.getEntryType());
    }

    @Test
    void orderStatusEntryMapsEveryField() {
        OrderStatusEntry rules = new OrderStatusEntry("REL/ST1", "RPO-1001", OrderStatus.FIRM_PLANNED,
                OrderStatus.RELEASED, D0);
        assertNoNullComponent(rules);

        OrderStatusChange mapped = LedgerMapping.orderStatusChange(rules, START);

        assertAvroEquals(OrderStatusChange.newBuilder().setOrderNo("RPO-1001")
                .setFromStatus(ProductionOrderStatus.FIRM_PLANNED).setToStatus(ProductionOrderStatus.RELEASED)
                .setPostingDate(D0).setSourceId("REL").setEventTime(START).build(), mapped);
    }

    @Test
    void aValueThatDoesNotFitItsScaleIsABug() {
        IllegalStateException quantity = assertThrows(IllegalStateException.class,
                () -> LedgerMapping.itemLedgerEntry(rulesItemEntry(new BigDecimal("60.000001")), a("0"), a("0")));
        assertTrue(quantity.getMessage().contains("quantity"), quantity.getMessage());
        IllegalStateException amount = assertThrows(IllegalStateException.class,
                () -> LedgerMapping.itemLedgerEntry(rulesItemEntry(q("60")), new BigDecimal("468.605"), a("0")));
        assertTrue(amount.getMessage().contains("costAmountExpected"), amount.getMessage());
    }

    @Test
    void sourceEventIdIsTheKeyBeforeTheLedgerSuffix() {
        assertEquals("E1", LedgerMapping.sourceEventId("E1/VE3"));
        assertEquals("M1/RPO-1/10000/10/w3", LedgerMapping.sourceEventId("M1/RPO-1/10000/10/w3/CLE2"));
        assertEquals("cdc/RPO-1/RELEASED/lsn42", LedgerMapping.sourceEventId("cdc/RPO-1/RELEASED/lsn42/ST1"));
        assertEquals("E1", LedgerMapping.sourceEventId("E1"));
    }

    @Test
    void postingSumsItemEntryCostsAndKeepsWarehouseRequestsApart() {
        io.shopfloor.posting.ledger.ItemLedgerEntry output = rulesItemEntry(q("60"));
        WarehouseRequest request = new WarehouseRequest("E2/WR1", WarehouseRequest.RequestType.WAREHOUSE_PUT_AWAY,
                "WH", "BIN-OUT", "FG-100", null, "RPO-1001", 10000, q("60"), D1);
        List<LedgerEntry> entries = List.of(output, valueEntry(2006, 1003L, a("0"), a("468.60")),
                valueEntry(2007, 1003L, a("1.00"), a("-0.60")), valueEntry(2008, 999L, a("5.00"), a("5.00")),
                request);

        LedgerMapping.Mapped mapped = LedgerMapping.posting(entries, START);

        assertEquals(List.of(request), mapped.unmapped());
        assertEquals(4, mapped.records().size());
        ItemLedgerEntry item = assertInstanceOf(ItemLedgerEntry.class, mapped.records().get(0));
        assertEquals(a("468.00"), item.getCostAmountExpected());
        assertEquals(a("1.00"), item.getCostAmountActual());
    }

    private static io.shopfloor.posting.ledger.ValueEntry valueEntry(long entryNo, Long itemLedgerEntryNo,
                                                                     BigDecimal actual, BigDecimal expected) {
        return new io.shopfloor.posting.ledger.ValueEntry(entryNo, "E2/VE" + entryNo, itemLedgerEntryNo, null,
                io.shopfloor.posting.ledger.ValueEntryType.DIRECT_COST, null,
                io.shopfloor.posting.ledger.ItemLedgerEntryType.OUTPUT, null, null, "FG-100",
                io.shopfloor.posting.ledger.OrderType.PRODUCTION, "RPO-1001", 10000, "FG-100", "MAIN", q("60"),
                q("0"), q("60"), actual, expected, q("7.81"), true, true, D1, D1, "RPO-1001", "OUTPUTJNL", false);
    }

    /**
     * Spec §13 example 1 on set A mapped from Avro: release, then E1 (op 10: setup 30, run 120, output 60). Every
     * entry maps to an Avro record that survives the single-object codec unchanged.
     */
    @Test
    void example1ReleaseAndE1EncodeAndDecodeUnchanged() throws IOException {
        InMemoryMasterData masterData = AvroFixtures.setAMasterData();
        PostingRules rules = new PostingRules(PostingSettings.DEFAULTS);
        ProductionOrder order = rules.refresh(MasterDataMappingTest.setADefinition(), OrderStatus.FIRM_PLANNED,
                masterData).order();
        EntryNumbers numbers = new EntryNumbers(1001, 501, 2001, 1);
        List<LedgerEntry> entries = new ArrayList<>();
        entries.addAll(posted(rules.release(order, new ReleaseOrder("REL", D0), masterData, numbers)));
        entries.addAll(posted(rules.postOutput(order, OutputJournalLine.builder("E1", "RPO-1001", 10000, "10")
                .postingDate(D1).documentNo("RPO-1001").setupTime("30").runTime("120").output("60").build(),
                masterData, numbers)));

        LedgerMapping.Mapped mapped = LedgerMapping.posting(entries, START);

        assertEquals(List.of(), mapped.unmapped());
        assertEquals(List.of("OrderStatusChange", "CapacityLedgerEntry", "ItemLedgerEntry", "ValueEntry",
                "ValueEntry", "ValueEntry"), mapped.records().stream().map(r -> r.getSchema().getName()).toList());
        for (SpecificRecord record : mapped.records()) {
            assertAvroEquals(record, roundTrip(record));
        }
        OrderStatusChange release = (OrderStatusChange) mapped.records().get(0);
        assertEquals("REL", release.getSourceId());
        assertEquals(ProductionOrderStatus.RELEASED, release.getToStatus());
        CapacityLedgerEntry cle = (CapacityLedgerEntry) mapped.records().get(1);
        assertEquals(501, cle.getEntryNo());
        assertEquals(q("150"), cle.getQuantity());
        assertEquals(q("60"), cle.getOutputQuantity());
        assertEquals("E1/CLE1", cle.getIdempotencyKey());
        assertEquals("E1", cle.getSourceEventId());
        ItemLedgerEntry steel = (ItemLedgerEntry) mapped.records().get(2);
        assertEquals("STEEL", steel.getItemNo());
        assertEquals(q("-126"), steel.getQuantity());
        assertEquals(a("-189.00"), steel.getCostAmountActual());
        assertEquals(a("0"), steel.getCostAmountExpected());
        assertEquals(LedgerSourceType.ITEM, steel.getSourceType());
        assertEquals("FG-100", steel.getSourceNo());
        assertEquals(List.of(a("-189.00"), a("150.00"), a("30.00")), mapped.records().subList(3, 6).stream()
                .map(r -> ((ValueEntry) r).getCostAmountActual()).toList());
        assertEquals(List.of(ValueEntryType.DIRECT_COST, ValueEntryType.DIRECT_COST, ValueEntryType.INDIRECT_COST),
                mapped.records().subList(3, 6).stream().map(r -> ((ValueEntry) r).getEntryType()).toList());
    }

    private static List<LedgerEntry> posted(PostingResult result) {
        return assertInstanceOf(PostingResult.Posted.class, result, () -> result.toString()).entries();
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> T roundTrip(T record) throws IOException {
        Class<T> type = (Class<T>) record.getClass();
        ByteBuffer bytes = ShopfloorSchemas.encoder(type).encode(record);
        return ShopfloorSchemas.decoder(type).decode(bytes);
    }

    @Test
    void generalLedgerEntryCarriesItsValueEntryAndAccount() {
        GlEntry rules = new GlEntry("E1/VE2/GL1", "E1/VE2", 2002L, D1, null, "7893",
                GlAccountType.CAPACITY_OVERHEAD_VARIANCE, new BigDecimal("-1.2"), false, "RPO-1001", "MAIN",
                "FINISHED", null, "RETAIL", "PROD", null);

        assertAvroEquals(GeneralLedgerEntry.newBuilder().setIdempotencyKey("E1/VE2/GL1").setValueEntryKey("E1/VE2")
                .setValueEntryNo(2002L).setPostingDate(D1).setDocumentNo("").setAccountNo("7893")
                .setAccountType(io.shopfloor.schema.ledger.GlAccountType.CAPACITY_OVERHEAD_VARIANCE)
                .setAmount(a("-1.20")).setExpectedCost(false).setOrderNo("RPO-1001").setLocationCode("MAIN")
                .setInventoryPostingGroup("FINISHED").setGenBusPostingGroup("").setGenProdPostingGroup("RETAIL")
                .setGlobalDimension1Code("PROD").setGlobalDimension2Code("").build(),
                LedgerMapping.generalLedgerEntry(rules));
    }
}
