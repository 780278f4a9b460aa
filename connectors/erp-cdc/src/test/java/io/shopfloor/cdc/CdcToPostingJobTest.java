package io.shopfloor.cdc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopfloor.cdc.TopicMarks.Keyed;
import io.shopfloor.job.Example1Plant;
import io.shopfloor.job.KafkaPostingJob;
import io.shopfloor.schema.EmbeddedKafka;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.common.DeadLetter;
import io.shopfloor.schema.common.ItemLedgerEntryType;
import io.shopfloor.schema.common.ProductionOrderStatus;
import io.shopfloor.schema.journal.OrderStatusChange;
import io.shopfloor.schema.ledger.CapacityLedgerEntry;
import io.shopfloor.schema.ledger.GeneralLedgerEntry;
import io.shopfloor.schema.ledger.ItemLedgerEntry;
import io.shopfloor.schema.ledger.ValueEntry;
import io.shopfloor.schema.masterdata.ProdOrderComponent;
import io.shopfloor.schema.masterdata.ProductionOrder;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * From the ERP database to the ledger: CDC writes the sample data's snapshot and the release of RPO-1001, then the
 * posting job (bounded, parallelism 2, on a MiniCluster) reads only what CDC wrote and posts the three releases:
 * RPO-1001 when the ERP released it, the two orders that were released already as of the snapshot, and the
 * forward flush of RPO-1002's PAINT (Forward, no routing link: consumed at release).
 */
class CdcToPostingJobTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());
    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();
    @RegisterExtension
    static final ErpPostgres POSTGRES = new ErpPostgres();

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dataDirectory;

    @Test
    void thePostingJobPostsTheReleasesCdcDelivered() throws Exception {
        KafkaTopics.createMissing(KAFKA.bootstrapServers(), 2, (short) 1);
        KAFKA.awaitPartitions(KafkaTopics.ALL, TIMEOUT);
        ErpPostgres.Database erp = POSTGRES.newErpDatabase();
        TopicMarks marks = TopicMarks.now(KAFKA);
        Instant snapshotTime;
        ProductionOrder released;
        try (ErpCdcConnector connector = ErpCdcConnector.start(
                POSTGRES.settings(erp, KAFKA.bootstrapServers(), dataDirectory), TIMEOUT)) {
            SampleDataRecords.byTopic().forEach((topic, records) -> marks.await(topic, MasterDataTable.ALL.stream()
                    .filter(t -> t.topic().equals(topic)).findFirst().orElseThrow().recordType(), records.size(),
                    TIMEOUT));
            List<Keyed<ProductionOrder>> snapshot = marks.await(KafkaTopics.MD_PRODUCTION_ORDERS,
                    ProductionOrder.class, 3, TIMEOUT);
            snapshotTime = snapshot.get(0).value().getSourceTimestamp();

            TopicMarks beforeRelease = TopicMarks.now(KAFKA);
            try (Connection connection = erp.connect()) {
                ReferenceErp.changeStatus(connection, "RPO-1001", ProductionOrderStatus.FIRM_PLANNED,
                        ProductionOrderStatus.RELEASED);
            }
            released = beforeRelease.await(KafkaTopics.MD_PRODUCTION_ORDERS, ProductionOrder.class, 2, TIMEOUT)
                    .get(1).value();
            assertEquals(ProductionOrderStatus.RELEASED, released.getStatus());
            beforeRelease.await(KafkaTopics.MD_PROD_ORDER_COMPONENTS, ProdOrderComponent.class, 6, TIMEOUT);
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(300);
        KafkaPostingJob.define(env, KafkaPostingJob.Config.defaults(KAFKA.bootstrapServers())
                .boundedTo("cdc-to-ledger", Example1Plant.SETTINGS));
        env.execute("cdc to ledger");

        List<OrderStatusChange> statuses = read(KafkaTopics.LEDGER_ORDER_STATUS, OrderStatusChange.class);
        statuses.sort(Comparator.comparing(OrderStatusChange::getOrderNo));
        assertEquals(List.of("RPO-1001", "RPO-1002", "RPO-1003"),
                statuses.stream().map(OrderStatusChange::getOrderNo).toList());
        assertEquals(List.of(ProductionOrderStatus.RELEASED, ProductionOrderStatus.RELEASED,
                ProductionOrderStatus.RELEASED), statuses.stream().map(OrderStatusChange::getToStatus).toList());
        // The release of RPO-1001 happens at the commit time of the status change, the others at the snapshot's.
        // Their source id is the CDC record's: order, status and log position (the snapshot has none: its time).
        assertTrue(statuses.get(0).getSourceId().matches("cdc/RPO-1001/RELEASED/lsn\\d+"), statuses.get(0).getSourceId());
        assertEquals(List.of("cdc/RPO-1002/RELEASED/t" + snapshotTime.toEpochMilli(),
                "cdc/RPO-1003/RELEASED/t" + snapshotTime.toEpochMilli()),
                statuses.subList(1, 3).stream().map(OrderStatusChange::getSourceId).toList());
        assertEquals(List.of(released.getSourceTimestamp(), snapshotTime, snapshotTime),
                statuses.stream().map(OrderStatusChange::getEventTime).toList());
        assertEquals(List.of(date(released.getSourceTimestamp()), date(snapshotTime), date(snapshotTime)),
                statuses.stream().map(OrderStatusChange::getPostingDate).toList());

        // RPO-1002's PAINT: 0.02 L x 50, forward-flushed at release, 1.000 L at 20.00
        List<ItemLedgerEntry> items = read(KafkaTopics.LEDGER_ITEM_ENTRIES, ItemLedgerEntry.class);
        assertEquals(1, items.size(), items.toString());
        ItemLedgerEntry paint = items.get(0);
        assertEquals(List.of("PAINT", "RPO-1002", "FG-200"), List.of(paint.getItemNo(), paint.getOrderNo(),
                paint.getSourceNo()));
        assertEquals(ItemLedgerEntryType.CONSUMPTION, paint.getEntryType());
        assertEquals(new BigDecimal("-1.00000"), paint.getQuantity());
        assertEquals(List.of(10000, 30000), List.of(paint.getOrderLineNo(), paint.getProdOrderCompLineNo()));
        assertEquals(date(snapshotTime), paint.getPostingDate());
        List<ValueEntry> values = read(KafkaTopics.LEDGER_VALUE_ENTRIES, ValueEntry.class);
        assertEquals(List.of(new BigDecimal("-20.00")), values.stream().map(ValueEntry::getCostAmountActual).toList());
        // With the ERP's posting setup by CDC: the posting groups as of posting, and the G/L entries they give.
        assertEquals(List.of("RAW MAT RAW MAT"), values.stream().map(v -> v.getInventoryPostingGroup() + " "
                + v.getGenProdPostingGroup()).toList());
        assertEquals(List.of("2130 -20.00", "2140 20.00"), read(KafkaTopics.LEDGER_GL_ENTRIES,
                GeneralLedgerEntry.class).stream().map(g -> g.getAccountNo() + " " + g.getAmount())
                .sorted().toList());
        assertEquals(List.of(), read(KafkaTopics.LEDGER_CAPACITY_ENTRIES, CapacityLedgerEntry.class));
        assertEquals(List.of(), read(KafkaTopics.DEAD_LETTERS, DeadLetter.class));
    }

    private static LocalDate date(Instant time) {
        return LocalDate.ofInstant(time, ZoneOffset.UTC);
    }

    private static <T extends SpecificRecord> List<T> read(String topic, Class<T> type) throws Exception {
        BinaryMessageDecoder<T> decoder = ShopfloorSchemas.decoder(type);
        List<T> values = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : KAFKA.readAll(topic, true, Duration.ofSeconds(10))) {
            values.add(decoder.decode(record.value()));
        }
        return values;
    }
}
