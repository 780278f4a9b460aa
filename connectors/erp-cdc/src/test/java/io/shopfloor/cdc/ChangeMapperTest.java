package io.shopfloor.cdc;

import static io.shopfloor.cdc.SampleDataRecords.assertRecordEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.shopfloor.job.avro.AvroFixtures;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.common.DeadLetter;
import io.shopfloor.schema.common.ProductionOrderStatus;
import io.shopfloor.schema.masterdata.CostingMethod;
import io.shopfloor.schema.masterdata.Item;
import io.shopfloor.schema.masterdata.ProdOrderLine;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class ChangeMapperTest {
    static final MasterDataTable ITEMS = MasterDataTable.byName("item").orElseThrow();
    static final MasterDataTable LINES = MasterDataTable.byName("prod_order_line").orElseThrow();
    static final Instant COMMIT = Instant.parse("2026-03-01T23:30:00.250Z");
    static final byte[] RAW = "{\"op\":\"u\"}".getBytes(StandardCharsets.UTF_8);

    final ChangeMapper mapper = new ChangeMapper();
    final Item bolt = AvroFixtures.item("BOLT", "PCS", CostingMethod.STANDARD, "0.10", "1");

    @Test
    void aSnapshotRowIsTheRecordUnderItsKeyWithoutLogPosition() throws Exception {
        OutgoingRecord record = single(mapper.map(change(ITEMS, RowChange.Operation.SNAPSHOT, null,
                RowConverterTest.row(bolt), null)));
        assertEquals(KafkaTopics.MD_ITEMS, record.topic());
        assertEquals("BOLT", record.key());
        assertEquals("BOLT", record.partitionKey());
        assertEquals(COMMIT.toEpochMilli(), record.timestamp());
        Item expected = Item.newBuilder(bolt).setDeleted(false).setSourceLsn(null).setSourceTimestamp(COMMIT).build();
        assertRecordEquals(expected, record.value(), "BOLT");
        assertRecordEquals(expected, ShopfloorSchemas.decoder(Item.class).decode(record.payload()), "encoded BOLT");
    }

    @Test
    void anInsertCarriesItsLogPosition() {
        OutgoingRecord record = single(mapper.map(change(ITEMS, RowChange.Operation.INSERT, null,
                RowConverterTest.row(bolt), 4711L)));
        assertRecordEquals(Item.newBuilder(bolt).setSourceLsn(4711L).setSourceTimestamp(COMMIT).build(),
                record.value(), "BOLT");
    }

    @Test
    void anUpdateThatKeepsTheKeyIsOneRecordAndOneThatMovesItDeletesTheOldKeyFirst() {
        ProdOrderLine firmPlanned = AvroFixtures.setALine();
        ProdOrderLine released = ProdOrderLine.newBuilder(firmPlanned).setStatus(ProductionOrderStatus.RELEASED)
                .build();
        ProdOrderLine finishedMore = ProdOrderLine.newBuilder(released).setFinishedQuantity(AvroFixtures.q("60"))
                .build();

        OutgoingRecord inPlace = single(mapper.map(change(LINES, RowChange.Operation.UPDATE,
                RowConverterTest.row(released), RowConverterTest.row(finishedMore), 100L)));
        assertEquals("RELEASED|RPO-1001|10000", inPlace.key());
        assertEquals("RPO-1001", inPlace.partitionKey());
        assertRecordEquals(cdc(finishedMore, false, 100L), inPlace.value(), "updated line");

        List<OutgoingRecord> moved = mapper.map(change(LINES, RowChange.Operation.UPDATE,
                RowConverterTest.row(firmPlanned), RowConverterTest.row(released), 200L));
        assertEquals(List.of("FIRM_PLANNED|RPO-1001|10000", "RELEASED|RPO-1001|10000"),
                moved.stream().map(OutgoingRecord::key).toList());
        assertEquals(List.of("RPO-1001", "RPO-1001"), moved.stream().map(OutgoingRecord::partitionKey).toList());
        assertRecordEquals(cdc(firmPlanned, true, 200L), moved.get(0).value(), "old key deleted");
        assertRecordEquals(cdc(released, false, 200L), moved.get(1).value(), "new key");
    }

    @Test
    void aDeleteIsTheLastStateMarkedDeletedNotATombstone() {
        OutgoingRecord record = single(mapper.map(change(ITEMS, RowChange.Operation.DELETE,
                RowConverterTest.row(bolt), null, 300L)));
        assertEquals("BOLT", record.key());
        assertRecordEquals(cdc(bolt, true, 300L), record.value(), "deleted BOLT");
    }

    @Test
    void aRowThatDoesNotFitIsOneDeadLetterWithTheReasonAndTheRawEvent() throws Exception {
        Map<String, Object> odd = RowConverterTest.row(bolt);
        odd.put("rounding_precision", "0.000001");
        OutgoingRecord record = single(mapper.map(change(ITEMS, RowChange.Operation.INSERT, null, odd, 400L)));
        assertEquals(KafkaTopics.DEAD_LETTERS, record.topic());
        DeadLetter letter = ShopfloorSchemas.decoder(DeadLetter.class).decode(record.payload());
        assertEquals("erp-cdc/erp.item/lsn400", letter.getId());
        assertEquals(letter.getId(), record.key());
        assertEquals("erp.item", letter.getSourceTopic());
        assertEquals("BOLT", StandardCharsets.UTF_8.decode(letter.getKey()).toString());
        assertArrayEquals(RAW, bytes(letter.getPayload()));
        assertEquals(ChangeMapper.UNMAPPABLE_ROW, letter.getReasonCode());
        assertEquals("INSERT of erp.item: rounding_precision = 0.000001 has more than 5 decimals",
                letter.getReasonDetail());
        assertEquals(COMMIT, letter.getFailedAt());
        assertEquals(ChangeMapper.STAGE, letter.getStage());
        assertEquals(1, letter.getAttempt());
        assertNull(letter.getSourcePartition());
        assertNull(letter.getSourceOffset());
        assertNull(letter.getPayloadSchemaFingerprint());
    }

    @Test
    void aDeadLetterWithoutAUsableKeyIsNamedByItsPosition() throws Exception {
        Map<String, Object> noKey = RowConverterTest.row(bolt);
        noKey.put("no", null);
        OutgoingRecord snapshot = single(mapper.map(change(ITEMS, RowChange.Operation.SNAPSHOT, null, noKey, null)));
        DeadLetter letter = ShopfloorSchemas.decoder(DeadLetter.class).decode(snapshot.payload());
        assertEquals("erp-cdc/erp.item/snapshot/?", letter.getId());
        assertNull(letter.getKey());

        OutgoingRecord delete = single(mapper.map(change(ITEMS, RowChange.Operation.DELETE, null, null, 500L)));
        DeadLetter keyless = ShopfloorSchemas.decoder(DeadLetter.class).decode(delete.payload());
        assertEquals("DELETE of erp.item: a delete without the deleted row's key", keyless.getReasonDetail());
    }

    private static RowChange change(MasterDataTable table, RowChange.Operation operation, Map<String, Object> before,
                                    Map<String, Object> after, Long lsn) {
        return new RowChange(table, operation, before, after, lsn, COMMIT, () -> RAW);
    }

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> T cdc(T record, boolean deleted, Long lsn) {
        T copy = (T) org.apache.avro.specific.SpecificData.getForClass(record.getClass())
                .deepCopy(record.getSchema(), record);
        copy.put(copy.getSchema().getField("deleted").pos(), deleted);
        copy.put(copy.getSchema().getField("sourceLsn").pos(), lsn);
        copy.put(copy.getSchema().getField("sourceTimestamp").pos(), COMMIT);
        return copy;
    }

    private static byte[] bytes(java.nio.ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private static OutgoingRecord single(List<OutgoingRecord> records) {
        assertEquals(1, records.size(), records.toString());
        return records.get(0);
    }
}
