package io.shopfloor.cdc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** Debezium's envelope (as the PostgreSQL connector builds it) to row changes; built by hand, one class alone. */
class DebeziumChangesTest {
    static final Schema ROW = SchemaBuilder.struct().name("erp.item.Value")
            .field("no", Schema.STRING_SCHEMA)
            .field("unit_cost", Schema.STRING_SCHEMA) // decimal.handling.mode=string
            .field("due", SchemaBuilder.int32().name("io.debezium.time.Date").optional().build())
            .field("started", SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp").optional().build())
            .field("local", SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").optional().build())
            .field("exact", SchemaBuilder.struct().name("io.debezium.data.VariableScaleDecimal")
                    .field("scale", Schema.INT32_SCHEMA).field("value", Schema.BYTES_SCHEMA).optional().build())
            .field("line_no", Schema.OPTIONAL_INT32_SCHEMA)
            .optional().build();
    static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.postgresql.Source")
            .field("ts_ms", Schema.INT64_SCHEMA).field("snapshot", Schema.OPTIONAL_STRING_SCHEMA)
            .field("schema", Schema.STRING_SCHEMA).field("table", Schema.STRING_SCHEMA)
            .field("lsn", Schema.OPTIONAL_INT64_SCHEMA).build();
    static final Schema ENVELOPE = SchemaBuilder.struct().name("erp.item.Envelope")
            .field("before", ROW).field("after", ROW).field("source", SOURCE).field("op", Schema.STRING_SCHEMA)
            .build();
    static final Instant COMMIT = Instant.parse("2026-03-01T23:30:00.250Z");

    final DebeziumChanges changes = new DebeziumChanges();

    @Test
    void anInsertBecomesARowChangeWithPlainJavaValues() {
        RowChange change = changes.of(record("c", "erp", "item", null, row("GEAR"), 777L)).orElseThrow();
        assertEquals(MasterDataTable.byName("item").orElseThrow(), change.table());
        assertEquals(RowChange.Operation.INSERT, change.operation());
        assertEquals(777L, change.lsn());
        assertEquals(COMMIT, change.commitTime());
        assertNull(change.before());
        Map<String, Object> after = change.after();
        assertEquals("GEAR", after.get("no"));
        assertEquals("12.34567", after.get("unit_cost"));
        assertEquals(LocalDate.of(2026, 3, 2), after.get("due"));
        assertEquals(Instant.parse("2026-03-02T06:00:00Z"), after.get("started"));
        assertEquals(Instant.parse("1969-12-31T23:59:59.999999Z"), after.get("local"));
        assertEquals(new BigDecimal("-1.05"), after.get("exact"));
        assertNull(after.get("line_no"));
        String json = new String(change.rawEvent().get(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"op\":\"c\"") && json.contains("\"no\":\"GEAR\"") && json.contains("\"lsn\":777"),
                json);
    }

    @Test
    void snapshotReadsHaveNoLogPositionAndDeletesOnlyTheRowBefore() {
        RowChange read = changes.of(record("r", "erp", "item", null, row("BOLT"), 12L)).orElseThrow();
        assertEquals(RowChange.Operation.SNAPSHOT, read.operation());
        assertNull(read.lsn());
        RowChange deleted = changes.of(record("d", "erp", "item", row("BOLT"), null, 13L)).orElseThrow();
        assertEquals(RowChange.Operation.DELETE, deleted.operation());
        assertEquals("BOLT", deleted.before().get("no"));
        assertNull(deleted.after());
        assertEquals(RowChange.Operation.UPDATE,
                changes.of(record("u", "erp", "item", row("BOLT"), row("BOLT"), 14L)).orElseThrow().operation());
    }

    @Test
    void heartbeatsOtherTablesAndTruncatesAreNotRowChanges() {
        Schema heartbeat = SchemaBuilder.struct().name("io.debezium.connector.common.Heartbeat")
                .field("ts_ms", Schema.INT64_SCHEMA).build();
        SourceRecord beat = new SourceRecord(Map.of(), Map.of(), "__debezium-heartbeat.shopfloor-erp", heartbeat,
                new Struct(heartbeat).put("ts_ms", 1L));
        assertEquals(Optional.empty(), changes.of(beat));
        assertEquals(Optional.empty(), changes.of(record("c", "erp", "customer", null, row("C1"), 1L)));
        assertEquals(Optional.empty(), changes.of(record("c", "public", "item", null, row("C1"), 1L)));
        assertEquals(Optional.empty(), changes.of(record("t", "erp", "item", null, null, 1L)));
        assertEquals(Optional.empty(), changes.of(new SourceRecord(Map.of(), Map.of(), "x", null, null)));
    }

    @Test
    void aValueOfAnUnexpectedJavaTypeStaysAsItIs() {
        assertEquals("not days", DebeziumChanges.value(SchemaBuilder.string().name("io.debezium.time.Date").build(),
                "not days"));
        assertEquals("yesterday", DebeziumChanges.value(
                SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp").build(), "yesterday"));
    }

    private static Struct row(String no) {
        Struct exact = new Struct(ROW.field("exact").schema()).put("scale", 2)
                .put("value", BigInteger.valueOf(-105).toByteArray());
        return new Struct(ROW).put("no", no).put("unit_cost", "12.34567")
                .put("due", (int) LocalDate.of(2026, 3, 2).toEpochDay()).put("started", "2026-03-02T06:00:00Z")
                .put("local", -1L).put("exact", exact);
    }

    private static SourceRecord record(String op, String schema, String table, Struct before, Struct after,
                                       long lsn) {
        Struct source = new Struct(SOURCE).put("ts_ms", COMMIT.toEpochMilli()).put("schema", schema)
                .put("table", table).put("lsn", lsn).put("snapshot", op.equals("r") ? "true" : "false");
        Struct envelope = new Struct(ENVELOPE).put("before", before).put("after", after).put("source", source)
                .put("op", op);
        return new SourceRecord(Map.of(), Map.of(), "shopfloor-erp.erp." + table, ENVELOPE, envelope);
    }
}
