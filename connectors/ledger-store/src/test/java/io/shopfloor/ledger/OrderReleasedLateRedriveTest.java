package io.shopfloor.ledger;

import static io.shopfloor.job.avro.AvroFixtures.q;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.shopfloor.job.Example1Plant;
import io.shopfloor.job.KafkaPostingJob;
import io.shopfloor.job.KafkaPostingJobTest;
import io.shopfloor.schema.EmbeddedKafka;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.common.CapacityType;
import io.shopfloor.schema.journal.JournalEntryType;
import io.shopfloor.schema.journal.JournalLine;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An operator's output line for an order the ERP had not released yet: refused (ORDER_NOT_RELEASED), released late,
 * re-driven from the dead letters: posted once; re-driven again: nothing more (DUPLICATE_INPUT), no conflict. Real
 * Kafka, the posting job with the ledger store on a MiniCluster, real PostgreSQL.
 */
class OrderReleasedLateRedriveTest {
    @RegisterExtension
    static final LedgerDatabase POSTGRES = new LedgerDatabase();
    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    private static final String SOURCE = "TERMINAL7-0001";

    @Test
    void aLineRefusedBeforeTheReleasePostsOnceWhenReDrivenAfterIt() throws Exception {
        KafkaTopics.createMissing(KAFKA.bootstrapServers(), 2, (short) 1);
        KAFKA.awaitPartitions(KafkaTopics.ALL, Duration.ofSeconds(30));
        LedgerDatabase.Ledger ledger = POSTGRES.newLedger();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        KafkaPostingJobTest.masterData(records);
        JournalLine line = JournalLine.newBuilder().setEntryType(JournalEntryType.OUTPUT).setSourceId(SOURCE)
                .setPostingDate(LocalDate.of(2026, 3, 2)).setDocumentNo("DOC-7").setOrderNo("RPO-1001")
                .setOrderLineNo(10000).setOperationNo("10").setType(CapacityType.WORK_CENTER).setNo("WC-CUT")
                .setSetupTime(q("0")).setRunTime(q("20")).setStopTime(q("0")).setCapUnitOfMeasureCode("")
                .setQtyPerCapUnitOfMeasure(q("1")).setOutputQuantity(q("20")).setScrapQuantity(q("0"))
                .setScrapCode("").setStopCode("").setFinished(false).setItemNo("").setQuantity(q("0"))
                .setWorkShiftCode("").setConcurrentCapacity(q("0")).setOperatorId("anna").build();
        // Entered a day before the ERP had the order (the record's Kafka time is its event time).
        records.add(new ProducerRecord<>(KafkaTopics.JOURNAL_LINES, null,
                KafkaPostingJobTest.DEFINED.minus(Duration.ofDays(1)).toEpochMilli(), bytes("RPO-1001"),
                ShopfloorSchemas.encoder(JournalLine.class).encode(line).array()));
        KAFKA.produce(records);
        runJob("late-1", ledger);
        assertEquals(List.of("posting ORDER_NOT_RELEASED journal-lines"), ledger.query("SELECT stage, reason_code, "
                + "source_topic FROM dead_letter"));

        List<ProducerRecord<byte[], byte[]>> order = new ArrayList<>();
        KafkaPostingJobTest.order(order);
        KAFKA.produce(order);
        runJob("late-2", ledger);
        assertEquals(List.of(), postedBySource(ledger), "the release does not post the refused line by itself");

        for (int redrive = 1; redrive <= 2; redrive++) {
            try (Connection writer = ledger.connect(LedgerDatabase.ROLES.writer(),
                    LedgerDatabase.ROLES.writerPassword());
                 DeadLetterRedrive.Target kafka = RedriveTargets.kafka(KAFKA.bootstrapServers(), Map.of())) {
                List<DeadLetterRedrive.StoredLetter> letters = DeadLetterRedrive.select(writer,
                        new DeadLetterRedrive.Selection("ORDER_NOT_RELEASED", "posting", null, redrive > 1, 10));
                assertEquals(Map.of("kafka:journal-lines", 1),
                        DeadLetterRedrive.redrive(writer, letters, null, kafka, "supervisor"));
            }
            runJob("late-redriven-" + redrive, ledger);
            assertEquals(List.of(SOURCE + "/CLE1 WC-CUT 10 20.00000 20.00000"), postedBySource(ledger),
                    "posted once, after re-drive " + redrive);
            assertEquals(List.of("0"), ledger.query("SELECT count(*) FROM posting_conflict"));
        }
        assertEquals(List.of("posting DUPLICATE_INPUT", "posting ORDER_NOT_RELEASED"), ledger.query(
                "SELECT stage, reason_code FROM dead_letter ORDER BY 2"));
    }

    private static List<String> postedBySource(LedgerDatabase.Ledger ledger) throws Exception {
        return ledger.query("SELECT idempotency_key, no, operation_no, run_time, output_quantity "
                + "FROM capacity_ledger_entry WHERE idempotency_key LIKE '" + SOURCE + "/%' ORDER BY 1");
    }

    private static void runJob(String group, LedgerDatabase.Ledger ledger) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(300);
        KafkaPostingJob.Streams streams = KafkaPostingJob.define(env, KafkaPostingJob.Config
                .defaults(KAFKA.bootstrapServers()).boundedTo(group, Example1Plant.SETTINGS));
        LedgerStoreJob.attach(streams, ledger.writerSettings());
        env.execute(group);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
