package io.shopfloor.ledger;

import io.shopfloor.job.Example1GlSetup;
import io.shopfloor.job.KafkaPostingJobTest;
import io.shopfloor.job.avro.AvroFixtures;
import io.shopfloor.job.avro.OrderInputMapping;
import io.shopfloor.job.order.OrderInput;
import io.shopfloor.posting.SetA;
import io.shopfloor.posting.journal.ConsumptionJournalLine;
import io.shopfloor.posting.journal.OutputJournalLine;
import io.shopfloor.posting.order.OrderStatus;
import io.shopfloor.schema.EmbeddedKafka;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.masterdata.GeneralPostingSetup;
import io.shopfloor.schema.masterdata.ManufacturingSetup;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * docs/general-ledger.md#wip through Kafka and PostgreSQL: set A's order gets 2 L of PAINT (40.00) and 20 minutes on
 * WC-CUT (20.00 + 4.00 overhead) by journal lines and is finished without output (Manufacturing Setup allows it):
 * the job writes its WIP off to Inventory Adjmt., WIP nets to 0.00 in the trial balance, 64.00 on Inventory Adjmt.,
 * debits = credits, and a replay of the whole input adds no row and no conflict.
 */
class WipWriteOffKafkaTest {
    @RegisterExtension
    static final LedgerDatabase POSTGRES = new LedgerDatabase();
    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    private static final Instant MIDNIGHT = Instant.parse("2026-03-02T00:00:00Z");

    /** A person's journal line or status change as the terminal or the ERP puts it on Kafka, at its event time. */
    private static ProducerRecord<byte[], byte[]> input(OrderInput input, Instant at) throws IOException {
        SpecificRecord record = OrderInputMapping.sourceRecord(input, at);
        @SuppressWarnings("unchecked")
        Class<SpecificRecord> type = (Class<SpecificRecord>) record.getClass();
        return new ProducerRecord<>(OrderInputMapping.sourceTopic(input), null, at.toEpochMilli(),
                SetA.ORDER.getBytes(StandardCharsets.UTF_8), ShopfloorSchemas.encoder(type).encode(record).array());
    }

    private static <T extends SpecificRecord> ProducerRecord<byte[], byte[]> masterData(String topic, String key,
                                                                                       Class<T> type, T value)
            throws IOException {
        return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
                ShopfloorSchemas.encoder(type).encode(value).array());
    }

    @Test
    void anOrderFinishedWithoutOutputHasItsWipWrittenOffInTheLedgerStoreOnce() throws Exception {
        KafkaTopics.createMissing(KAFKA.bootstrapServers(), 2, (short) 1);
        KAFKA.awaitPartitions(KafkaTopics.ALL, Duration.ofSeconds(30));
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        Example1GlSetup.kafkaMasterData(records);
        records.add(masterData(KafkaTopics.MD_MANUFACTURING_SETUP, "", ManufacturingSetup.class,
                ManufacturingSetup.newBuilder(AvroFixtures.manufacturingSetup()).setFinishOrderWithoutOutput(true)
                        .build()));
        // BC writes a consumption's WIP off to Inventory Adjmt. of its own general posting setup (RAW MAT).
        records.add(masterData(KafkaTopics.MD_GENERAL_POSTING_SETUP, "|RAW MAT", GeneralPostingSetup.class,
                GeneralPostingSetup.newBuilder().setGenBusPostingGroup("").setGenProdPostingGroup("RAW MAT")
                        .setInventoryAdjmtAccount("7270").setDirectCostAppliedAccount("")
                        .setOverheadAppliedAccount("").build()));
        KafkaPostingJobTest.order(records);
        records.add(input(new OrderInput.Consumption(new ConsumptionJournalLine("CONS", SetA.D1, "C-1", SetA.ORDER,
                SetA.LINE, 30000, new BigDecimal("2"), null), "olga"), MIDNIGHT.plusSeconds(600)));
        records.add(input(new OrderInput.Output(OutputJournalLine.builder("RUN", SetA.ORDER, SetA.LINE, "10")
                .postingDate(SetA.D1).documentNo(SetA.ORDER).runTime("20").build(), "olga"),
                MIDNIGHT.plusSeconds(1200)));
        records.add(input(new OrderInput.StatusChange(SetA.ORDER, OrderStatus.FINISHED, "finish", SetA.D2),
                MIDNIGHT.plusSeconds(3600)));
        KAFKA.produce(records);
        LedgerDatabase.Ledger ledger = POSTGRES.newLedger();
        GeneralLedgerKafkaTest.runJob(KAFKA, "wo-1", ledger);

        assertEquals(List.of(), ledger.query("SELECT stage, reason_code, reason_detail FROM dead_letter"));
        String trialBalanceSql = "SELECT account_no, debit_amount, credit_amount, net_change FROM trial_balance "
                + "ORDER BY account_no";
        List<String> trialBalance = GeneralLedgerKafkaTest.reporting(ledger, trialBalanceSql);
        assertEquals(List.of(
                        "2130 0.00 40.00 -40.00",
                        "2140 64.00 64.00 0.00",
                        "7270 64.00 0.00 64.00",
                        "7791 0.00 20.00 -20.00",
                        "7792 0.00 4.00 -4.00"),
                trialBalance, "WIP nets to 0.00; the write-off is on Inventory Adjmt. to the cent");
        assertEquals(List.of("128.00 128.00 0.00"), GeneralLedgerKafkaTest.reporting(ledger,
                "SELECT sum(debit_amount), sum(credit_amount), sum(net_change) FROM trial_balance"));
        String writeOffSql = "SELECT idempotency_key, value_entry_key, account_no, amount, posting_date "
                + "FROM general_ledger_entry WHERE idempotency_key LIKE '%/WO_' ORDER BY 1";
        List<String> writeOff = ledger.query(writeOffSql);
        assertEquals(List.of(
                        "CONS/VE1/WO1 CONS/VE1 7270 40.00 2026-03-03",
                        "CONS/VE1/WO2 CONS/VE1 2140 -40.00 2026-03-03",
                        "RUN/VE2/WO1 RUN/VE2 7270 24.00 2026-03-03",
                        "RUN/VE2/WO2 RUN/VE2 2140 -24.00 2026-03-03"),
                writeOff, "one pair per group, naming its latest value entry, on the finish's date");
        // The value entries are unchanged (BC adds none); the reports count the write-off's WIP credits (V17), so
        // the order's WIP and the reconciliation net to zero as on the G/L.
        assertEquals(List.of("WIP 0.00 0.00 0.00"), GeneralLedgerKafkaTest.reporting(ledger, "SELECT account_type, "
                + "gl_amount, ledger_amount, difference FROM inventory_to_gl_reconciliation "
                + "WHERE account_type = 'WIP'"));
        assertEquals(List.of("40.00 20.00 4.00 0 64.00 0.00"), GeneralLedgerKafkaTest.reporting(ledger, "SELECT "
                + "sum(consumption), sum(capacity), sum(capacity_overhead), sum(output), sum(written_off), "
                + "sum(ending_wip) FILTER (WHERE "
                + "period_start = (SELECT max(period_start) FROM production_order_wip_report)) "
                + "FROM production_order_wip_report WHERE order_no = '" + SetA.ORDER + "'"));

        // A replay of the whole input (another consumer group): no row more, no conflict.
        String counts = "SELECT (SELECT count(*) FROM general_ledger_entry), (SELECT count(*) FROM value_entry), "
                + "(SELECT count(*) FROM posting_conflict)";
        List<String> before = ledger.query(counts);
        GeneralLedgerKafkaTest.runJob(KAFKA, "wo-2", ledger);
        assertEquals(before, ledger.query(counts));
        assertEquals(List.of("10 3 0"), before, "3 value entries, 6 G/L entries and 4 of the write-off");
        assertEquals(trialBalance, GeneralLedgerKafkaTest.reporting(ledger, trialBalanceSql));
        assertEquals(writeOff, ledger.query(writeOffSql));
    }
}
