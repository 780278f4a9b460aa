package io.shopfloor.cdc;

import static io.shopfloor.cdc.SampleDataRecords.assertRecordEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopfloor.cdc.TopicMarks.Keyed;
import io.shopfloor.job.avro.AvroFixtures;
import io.shopfloor.schema.EmbeddedKafka;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.common.DeadLetter;
import io.shopfloor.schema.common.ProductionOrderStatus;
import io.shopfloor.schema.masterdata.CostingMethod;
import io.shopfloor.schema.masterdata.Item;
import io.shopfloor.schema.masterdata.Location;
import io.shopfloor.schema.masterdata.ProdOrderComponent;
import io.shopfloor.schema.masterdata.ProdOrderLine;
import io.shopfloor.schema.masterdata.ProdOrderRoutingLine;
import io.shopfloor.schema.masterdata.ProductionOrder;
import io.shopfloor.schema.masterdata.RoutingStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector against a real PostgreSQL with logical replication and a real Kafka broker: the snapshot of the
 * sample data, then inserts, an order's release (a status change) and deletes as they happen, a restart that
 * picks up what changed while it was down, a stop and start while rows keep changing, and a row that does not fit
 * its contract. Each test has a database, a slot and a data directory of its own and reads only what was written
 * after it started.
 */
class ErpCdcConnectorTest {
    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();
    @RegisterExtension
    static final ErpPostgres POSTGRES = new ErpPostgres();

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path dataDirectory;

    @BeforeAll
    static void topics() throws Exception {
        KafkaTopics.createMissing(KAFKA.bootstrapServers(), 2, (short) 1);
        KAFKA.awaitPartitions(KafkaTopics.ALL, TIMEOUT);
    }

    @Test
    void snapshotOfTheSampleDataGivesExactlyTheExpectedRecordsPerTopic() throws Exception {
        ErpPostgres.Database erp = POSTGRES.newErpDatabase();
        TopicMarks marks = TopicMarks.now(KAFKA);
        Instant before = Instant.now().minusSeconds(1);
        try (ErpCdcConnector connector = ErpCdcConnector.start(settings(erp), START)) {
            for (Map.Entry<String, Map<String, SpecificRecord>> topic : SampleDataRecords.byTopic().entrySet()) {
                Map<String, SpecificRecord> expected = topic.getValue();
                MasterDataTable table = MasterDataTable.ALL.stream()
                        .filter(t -> t.topic().equals(topic.getKey())).findFirst().orElseThrow();
                List<? extends Keyed<? extends SpecificRecord>> records =
                        marks.await(topic.getKey(), table.recordType(), expected.size(), TIMEOUT);
                Map<String, SpecificRecord> actual = new TreeMap<>();
                for (Keyed<? extends SpecificRecord> record : records) {
                    SpecificRecord value = record.value();
                    Instant snapshotTime = (Instant) get(value, "sourceTimestamp");
                    assertTrue(!snapshotTime.isBefore(before) && !snapshotTime.isAfter(Instant.now()),
                            record.key() + " stamped " + snapshotTime);
                    assertEquals(snapshotTime.toEpochMilli(), record.timestamp(), "Kafka timestamp of " + record.key());
                    assertNull(get(value, "sourceLsn"), "a snapshot row has no log position");
                    value.put(value.getSchema().getField("sourceTimestamp").pos(), null);
                    actual.put(record.key(), value);
                }
                assertEquals(expected.keySet(), actual.keySet(), topic.getKey());
                for (String key : expected.keySet()) {
                    assertRecordEquals(expected.get(key), actual.get(key), topic.getKey() + " " + key);
                }
            }
            assertEquals(List.of(), marks.await(KafkaTopics.DEAD_LETTERS, DeadLetter.class, 0, TIMEOUT));
            assertNull(connector.failure());
        }
    }

    @Test
    void insertReleaseAndDeleteArriveWithTheirContents() throws Exception {
        ErpPostgres.Database erp = POSTGRES.newErpDatabase();
        try (ErpCdcConnector connector = ErpCdcConnector.start(settings(erp), START)) {
            TopicMarks snapshot = TopicMarks.now(KAFKA);
            snapshot.await(KafkaTopics.MD_PROD_ORDER_COMPONENTS, ProdOrderComponent.class, 9, TIMEOUT);
            snapshot.await(KafkaTopics.MD_ITEMS, Item.class, 6, TIMEOUT);
            TopicMarks marks = TopicMarks.now(KAFKA);

            // Insert: a new item
            erp.execute("INSERT INTO erp.item (no, description, base_unit_of_measure, costing_method, unit_cost,"
                    + " standard_cost, rounding_precision) VALUES ('GEAR', 'Gear wheel', 'PCS', 'FIFO', 12.34567,"
                    + " 0, 1)");
            Keyed<Item> gear = single(marks.await(KafkaTopics.MD_ITEMS, Item.class, 1, TIMEOUT));
            assertEquals("GEAR", gear.key());
            assertRecordEquals(Item.newBuilder(AvroFixtures.item("GEAR", "PCS", CostingMethod.FIFO, "12.34567", "1"))
                    .setDescription("Gear wheel").setStandardCost(AvroFixtures.q("0")).setDeleted(false)
                    .setSourceLsn(gear.value().getSourceLsn()).setSourceTimestamp(gear.value().getSourceTimestamp())
                    .build(), gear.value(), "inserted GEAR");
            assertNotNull(gear.value().getSourceLsn());

            // Update: RPO-1001 is released (the header's status; the lines, routing and components follow)
            marks = TopicMarks.now(KAFKA);
            try (Connection connection = erp.connect()) {
                ReferenceErp.changeStatus(connection, "RPO-1001", ProductionOrderStatus.FIRM_PLANNED,
                        ProductionOrderStatus.RELEASED);
            }
            List<Keyed<ProductionOrder>> headers = marks.await(KafkaTopics.MD_PRODUCTION_ORDERS,
                    ProductionOrder.class, 2, TIMEOUT);
            assertEquals(List.of("FIRM_PLANNED|RPO-1001", "RELEASED|RPO-1001"), keys(headers));
            Instant releasedAt = headers.get(1).value().getSourceTimestamp();
            assertRecordEquals(cdc(AvroFixtures.setAOrder(), true, headers.get(0)), headers.get(0).value(),
                    "the firm planned header, deleted");
            assertRecordEquals(cdc(ProductionOrder.newBuilder(AvroFixtures.setAOrder())
                    .setStatus(ProductionOrderStatus.RELEASED).build(), false, headers.get(1)), headers.get(1).value(),
                    "the released header");

            List<Keyed<ProdOrderLine>> lines = marks.await(KafkaTopics.MD_PROD_ORDER_LINES, ProdOrderLine.class, 2,
                    TIMEOUT);
            assertEquals(List.of("FIRM_PLANNED|RPO-1001|10000", "RELEASED|RPO-1001|10000"), keys(lines));
            assertRecordEquals(cdc(AvroFixtures.setALine(), true, lines.get(0)), lines.get(0).value(), "old line");
            assertRecordEquals(cdc(ProdOrderLine.newBuilder(AvroFixtures.setALine())
                    .setStatus(ProductionOrderStatus.RELEASED).build(), false, lines.get(1)), lines.get(1).value(),
                    "released line");

            // Each routing line leaves its old key and arrives under the new one, then gets Routing Status Planned.
            List<Keyed<ProdOrderRoutingLine>> routing = marks.await(KafkaTopics.MD_PROD_ORDER_ROUTING_LINES,
                    ProdOrderRoutingLine.class, 6, TIMEOUT);
            assertEquals(List.of("FIRM_PLANNED|RPO-1001|10000|R-100|10", "RELEASED|RPO-1001|10000|R-100|10",
                            "FIRM_PLANNED|RPO-1001|10000|R-100|20", "RELEASED|RPO-1001|10000|R-100|20",
                            "RELEASED|RPO-1001|10000|R-100|10", "RELEASED|RPO-1001|10000|R-100|20"),
                    keys(routing));
            for (int op = 0; op < 2; op++) {
                ProdOrderRoutingLine setA = AvroFixtures.setARouting().get(op);
                assertRecordEquals(cdc(setA, true, routing.get(2 * op)), routing.get(2 * op).value(), "old op");
                ProdOrderRoutingLine.Builder released = ProdOrderRoutingLine.newBuilder(setA)
                        .setStatus(ProductionOrderStatus.RELEASED);
                assertRecordEquals(cdc(released.build(), false, routing.get(2 * op + 1)),
                        routing.get(2 * op + 1).value(), "moved op");
                assertRecordEquals(cdc(released.setRoutingStatus(RoutingStatus.PLANNED).build(), false,
                        routing.get(4 + op)), routing.get(4 + op).value(), "planned op");
            }

            List<Keyed<ProdOrderComponent>> components = marks.await(KafkaTopics.MD_PROD_ORDER_COMPONENTS,
                    ProdOrderComponent.class, 6, TIMEOUT);
            assertEquals(List.of("FIRM_PLANNED|RPO-1001|10000|10000", "RELEASED|RPO-1001|10000|10000",
                    "FIRM_PLANNED|RPO-1001|10000|20000", "RELEASED|RPO-1001|10000|20000",
                    "FIRM_PLANNED|RPO-1001|10000|30000", "RELEASED|RPO-1001|10000|30000"), keys(components));
            for (int c = 0; c < 3; c++) {
                ProdOrderComponent setA = AvroFixtures.setAComponents().get(c);
                assertRecordEquals(cdc(setA, true, components.get(2 * c)), components.get(2 * c).value(), "old");
                assertRecordEquals(cdc(ProdOrderComponent.newBuilder(setA).setStatus(ProductionOrderStatus.RELEASED)
                        .build(), false, components.get(2 * c + 1)), components.get(2 * c + 1).value(), "moved");
            }
            // One transaction: one commit time; one order: one partition per topic, so its records keep their order.
            for (List<? extends Keyed<?>> records : List.of(headers, lines, routing, components)) {
                assertEquals(Set.of(releasedAt), records.stream()
                        .map(r -> (Instant) get((SpecificRecord) r.value(), "sourceTimestamp"))
                        .collect(Collectors.toSet()));
                assertEquals(1, records.stream().map(Keyed::partition).distinct().count());
            }

            // Delete: the released order's paint component, and the new item
            marks = TopicMarks.now(KAFKA);
            erp.execute("DELETE FROM erp.prod_order_component WHERE status = 'RELEASED' AND prod_order_no = 'RPO-1001'"
                    + " AND line_no = 30000");
            erp.execute("DELETE FROM erp.item WHERE no = 'GEAR'");
            Keyed<ProdOrderComponent> paint = single(marks.await(KafkaTopics.MD_PROD_ORDER_COMPONENTS,
                    ProdOrderComponent.class, 1, TIMEOUT));
            assertEquals("RELEASED|RPO-1001|10000|30000", paint.key());
            assertRecordEquals(cdc(ProdOrderComponent.newBuilder(AvroFixtures.setAComponents().get(2))
                    .setStatus(ProductionOrderStatus.RELEASED).build(), true, paint), paint.value(), "deleted paint");
            Keyed<Item> gearDeleted = single(marks.await(KafkaTopics.MD_ITEMS, Item.class, 1, TIMEOUT));
            assertEquals("GEAR", gearDeleted.key());
            assertRecordEquals(Item.newBuilder(gear.value()).setDeleted(true)
                    .setSourceLsn(gearDeleted.value().getSourceLsn())
                    .setSourceTimestamp(gearDeleted.value().getSourceTimestamp()).build(), gearDeleted.value(),
                    "deleted GEAR carries its last state");
            assertTrue(gearDeleted.value().getSourceLsn() > paint.value().getSourceLsn());
            assertEquals(List.of(), marks.await(KafkaTopics.DEAD_LETTERS, DeadLetter.class, 0, TIMEOUT));
            assertNull(connector.failure());
        }
    }

    @Test
    void aRestartedConnectorDeliversWhatChangedWhileItWasDown() throws Exception {
        ErpPostgres.Database erp = POSTGRES.newErpDatabase();
        TopicMarks beforeFirstStart = TopicMarks.now(KAFKA);
        try (ErpCdcConnector connector = ErpCdcConnector.start(settings(erp), START)) {
            beforeFirstStart.await(KafkaTopics.MD_ITEMS, Item.class, 6, TIMEOUT);
            beforeFirstStart.await(KafkaTopics.MD_LOCATIONS, Location.class, 1, TIMEOUT);
            beforeFirstStart.await(KafkaTopics.MD_PROD_ORDER_COMPONENTS, ProdOrderComponent.class, 9, TIMEOUT);
            assertNull(connector.failure());
        }

        TopicMarks whileDown = TopicMarks.now(KAFKA);
        erp.execute("INSERT INTO erp.item (no, description, base_unit_of_measure, costing_method)"
                + " VALUES ('NUT', 'Hex nut', 'PCS', 'AVERAGE')");
        erp.execute("UPDATE erp.item SET unit_cost = 0.11, standard_cost = 0.11 WHERE no = 'BOLT'");
        erp.execute("INSERT INTO erp.location (code, name) VALUES ('WIP', 'Work in progress')");
        erp.execute("DELETE FROM erp.location WHERE code = 'WIP'");

        try (ErpCdcConnector connector = ErpCdcConnector.start(settings(erp), START)) {
            List<Keyed<Item>> items = whileDown.await(KafkaTopics.MD_ITEMS, Item.class, 2, TIMEOUT);
            // Only the two changes: the restart resumed from its offsets instead of taking a new snapshot.
            assertEquals(List.of("BOLT", "NUT"), keys(items).stream().sorted().toList());
            Map<String, Item> byKey = items.stream().collect(Collectors.toMap(Keyed::key, Keyed::value));
            assertEquals(AvroFixtures.q("0.11"), byKey.get("BOLT").getUnitCost());
            assertEquals(CostingMethod.AVERAGE, byKey.get("NUT").getCostingMethod());
            assertTrue(items.stream().allMatch(i -> i.value().getSourceLsn() != null && !i.value().getDeleted()));

            List<Keyed<Location>> locations = whileDown.await(KafkaTopics.MD_LOCATIONS, Location.class, 2, TIMEOUT);
            assertEquals(List.of("WIP", "WIP"), keys(locations));
            assertEquals(List.of(false, true), locations.stream().map(l -> l.value().getDeleted()).toList());
            assertEquals("Work in progress", locations.get(1).value().getName());
            assertNull(connector.failure());
        }
    }

    @Test
    void stoppingAndStartingWhileTheErpKeepsChangingLosesNothing() throws Exception {
        ErpPostgres.Database erp = POSTGRES.newErpDatabase();
        TopicMarks beforeStart = TopicMarks.now(KAFKA);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger inserted = new AtomicInteger();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        ErpCdcConnector first = null;
        try {
            first = ErpCdcConnector.start(settings(erp), START);
            beforeStart.await(KafkaTopics.MD_ITEMS, Item.class, 6, TIMEOUT);
            TopicMarks changes = TopicMarks.now(KAFKA);
            // One transaction per row, as fast as the database takes them, until told to stop; the writer says when
            // it has gone past a row count the test sets once the second connector runs.
            AtomicInteger target = new AtomicInteger(Integer.MAX_VALUE);
            CountDownLatch pastTarget = new CountDownLatch(1);
            Future<?> inserts = writer.submit(() -> {
                try (Connection connection = erp.connect();
                     PreparedStatement insert = connection.prepareStatement(
                             "INSERT INTO erp.item (no, costing_method) VALUES (?, 'FIFO')")) {
                    while (!stop.get() && inserted.get() < 100_000) {
                        insert.setString(1, "FLOW-" + inserted.get());
                        insert.executeUpdate();
                        if (inserted.incrementAndGet() >= target.get()) {
                            pastTarget.countDown();
                        }
                    }
                }
                return null;
            });
            changes.awaitKeys(KafkaTopics.MD_ITEMS, Item.class, 20, TIMEOUT);
            first.close(); // while rows keep coming
            int insertedWhenStopped = inserted.get();
            try (ErpCdcConnector second = ErpCdcConnector.start(settings(erp), START)) {
                target.set(inserted.get() + 50);
                assertTrue(pastTarget.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the writer stalled");
                stop.set(true);
                inserts.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                int total = inserted.get();
                assertTrue(total > insertedWhenStopped, total + " rows, " + insertedWhenStopped + " at the stop");

                List<Keyed<Item>> items = changes.awaitKeys(KafkaTopics.MD_ITEMS, Item.class, total, TIMEOUT);
                Set<String> expected = IntStream.range(0, total).mapToObj(i -> "FLOW-" + i)
                        .collect(Collectors.toSet());
                assertEquals(expected, items.stream().map(Keyed::key).collect(Collectors.toSet()));
                // A repeat (sent, not yet confirmed when the first connector stopped) is the same change again.
                Map<String, Set<Long>> positions = items.stream().collect(Collectors.groupingBy(Keyed::key,
                        Collectors.mapping(i -> i.value().getSourceLsn(), Collectors.toSet())));
                positions.forEach((key, lsns) -> assertEquals(1, lsns.size(), key + " at " + lsns));
                assertNull(second.failure());
            }
        } finally {
            stop.set(true);
            writer.shutdownNow();
            if (first != null) {
                first.close();
            }
        }
    }

    @Test
    void aRowThatDoesNotFitItsContractIsADeadLetterAndTheConnectorGoesOn() throws Exception {
        ErpPostgres.Database erp = POSTGRES.newErpDatabase();
        try (ErpCdcConnector connector = ErpCdcConnector.start(settings(erp), START)) {
            TopicMarks snapshot = TopicMarks.now(KAFKA);
            snapshot.await(KafkaTopics.MD_ITEMS, Item.class, 6, TIMEOUT);
            TopicMarks marks = TopicMarks.now(KAFKA);
            erp.execute("INSERT INTO erp.item (no, costing_method) VALUES ('ODD', 'Weighted Average')");
            erp.execute("INSERT INTO erp.item (no, costing_method) VALUES ('FINE', 'Specific')");

            Keyed<DeadLetter> deadLetter = single(marks.await(KafkaTopics.DEAD_LETTERS, DeadLetter.class, 1,
                    TIMEOUT));
            DeadLetter letter = deadLetter.value();
            assertEquals(ChangeMapper.UNMAPPABLE_ROW, letter.getReasonCode());
            assertEquals("INSERT of erp.item: costing_method = 'Weighted Average' is not a CostingMethod"
                    + " [FIFO, LIFO, SPECIFIC, AVERAGE, STANDARD]", letter.getReasonDetail());
            assertEquals("erp.item", letter.getSourceTopic());
            assertEquals("ODD", StandardCharsets.UTF_8.decode(letter.getKey()).toString());
            assertEquals(ChangeMapper.STAGE, letter.getStage());
            assertTrue(letter.getId().startsWith("erp-cdc/erp.item/lsn"), letter.getId());
            assertEquals(letter.getId(), deadLetter.key());
            String payload = StandardCharsets.UTF_8.decode(letter.getPayload()).toString();
            assertTrue(payload.contains("\"costing_method\":\"Weighted Average\"") && payload.contains("\"op\":\"c\""),
                    payload);

            Keyed<Item> fine = single(marks.await(KafkaTopics.MD_ITEMS, Item.class, 1, TIMEOUT));
            assertEquals("FINE", fine.key());
            assertEquals(CostingMethod.SPECIFIC, fine.value().getCostingMethod());
            assertNull(connector.failure());
        }
    }

    private ErpCdcSettings settings(ErpPostgres.Database erp) {
        return POSTGRES.settings(erp, KAFKA.bootstrapServers(), dataDirectory);
    }

    /** The record as CDC sends a change: deleted or not, with the log position and time it arrived with. */
    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> T cdc(T record, boolean deleted, Keyed<?> arrived) {
        SpecificRecord actual = (SpecificRecord) arrived.value();
        T copy = (T) org.apache.avro.specific.SpecificData.getForClass(record.getClass()).deepCopy(
                record.getSchema(), record);
        copy.put(copy.getSchema().getField("deleted").pos(), deleted);
        copy.put(copy.getSchema().getField("sourceLsn").pos(), get(actual, "sourceLsn"));
        copy.put(copy.getSchema().getField("sourceTimestamp").pos(), get(actual, "sourceTimestamp"));
        assertNotNull(get(actual, "sourceLsn"), "a change has a log position");
        return copy;
    }

    private static Object get(SpecificRecord record, String field) {
        return record.get(record.getSchema().getField(field).pos());
    }

    private static List<String> keys(List<? extends Keyed<?>> records) {
        return records.stream().map(Keyed::key).toList();
    }

    private static <T> Keyed<T> single(List<Keyed<T>> records) {
        assertEquals(1, records.size(), records.toString());
        return records.get(0);
    }
}
