package io.shopfloor.ledger;

import io.shopfloor.job.Example1GlSetup;
import io.shopfloor.job.Example1Plant;
import io.shopfloor.job.KafkaPostingJob;
import io.shopfloor.job.KafkaPostingJobTest;
import io.shopfloor.job.machine.MachineInput;
import io.shopfloor.schema.EmbeddedKafka;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.ledger.GeneralLedgerEntry;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Example 1 with set A's posting setup by CDC on a real Kafka broker, the posting job with the ledger store on a
 * MiniCluster, real PostgreSQL: the G/L entries reach ledger-gl-entries and general_ledger_entry exactly once, the
 * per-account totals are the example's to the cent, the trial balance balances, every value entry is posted to G/L
 * and carries its posting groups and default dimensions; every ledger topic equals its table field by field; a
 * replay of the same input adds no G/L row and no conflict.
 */
class GeneralLedgerKafkaTest {
    @RegisterExtension
    static final LedgerDatabase POSTGRES = new LedgerDatabase();
    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    @Test
    void example1PostsItsGlEntriesOnceToKafkaAndTheLedgerStore() throws Exception {
        produceExample1(KAFKA, UnaryOperator.identity());
        LedgerDatabase.Ledger ledger = POSTGRES.newLedger();
        runJob(KAFKA, "gl-1", ledger);

        assertEquals(List.of(), ledger.query("SELECT stage, reason_code, reason_detail FROM dead_letter"));
        List<String> trialBalance = reporting(ledger, "SELECT account_no, debit_amount, credit_amount, net_change "
                + "FROM trial_balance ORDER BY account_no");
        assertEquals(Example1GlSetup.TRIAL_BALANCE, trialBalance);
        assertEquals(List.of("3173.95 3173.95 0.00"), reporting(ledger, "SELECT sum(debit_amount), "
                + "sum(credit_amount), sum(net_change) FROM trial_balance"));
        assertEquals(List.of("0"), reporting(ledger, "SELECT count(*) FROM value_entry_not_posted_to_gl"));
        assertEquals(List.of("INVENTORY 316.55 316.55 0.00", "INVENTORY_INTERIM 0.00 0.00 0.00",
                        "WIP 0.00 0.00 0.00"), reporting(ledger, "SELECT account_type, gl_amount, ledger_amount, "
                        + "difference FROM inventory_to_gl_reconciliation ORDER BY account_type"));
        String glCounts = "SELECT count(*), count(DISTINCT value_entry_key) FROM general_ledger_entry";
        List<String> glRows = ledger.query(glCounts);
        assertEquals(List.of("46 21"), glRows, "all 21 value entries: two G/L entries each, four for the outputs' "
                + "adjustments (expected cost reversed on Inventory (Interim), actual cost posted)");
        // Value entries carry their posting groups and the centers' and items' default dimensions as of posting.
        assertEquals(List.of(
                        "WORK_CENTER  MANUFACT FINISHED CUT ",
                        "OUTPUT  RETAIL FINISHED PROD ",
                        "MACHINE_CENTER  MANUFACT FINISHED ASSY ",
                        "CONSUMPTION  RAW MAT RAW MAT  "),
                ledger.query("SELECT DISTINCT coalesce(item_ledger_entry_type, type), gen_bus_posting_group, "
                        + "gen_prod_posting_group, inventory_posting_group, global_dimension_1_code, "
                        + "global_dimension_2_code FROM value_entry ORDER BY 1 DESC, 4"));
        // The topic holds the same G/L entries, once (read committed).
        List<String> topic = new ArrayList<>();
        var decoder = ShopfloorSchemas.decoder(GeneralLedgerEntry.class);
        for (ConsumerRecord<byte[], byte[]> record : KAFKA.readAll(KafkaTopics.LEDGER_GL_ENTRIES, true,
                Duration.ofSeconds(5))) {
            topic.add(decoder.decode(record.value()).getIdempotencyKey().toString());
        }
        assertEquals(ledger.query("SELECT idempotency_key FROM general_ledger_entry ORDER BY 1"),
                topic.stream().sorted().toList());

        // Every ledger topic equals its table field by field: both come from the ledger model.
        assertEquals(List.of("ITEM_LEDGER_ENTRY=7", "CAPACITY_LEDGER_ENTRY=4", "VALUE_ENTRY=21", "WAREHOUSE_ENTRY=0",
                        "ORDER_STATUS_CHANGE=2", "GENERAL_LEDGER_ENTRY=46", "ITEM_COST_UPDATE=0"),
                LedgerTopicsAndTables.counts(LedgerTopicsAndTables.assertEqual(KAFKA, ledger)));

        // A replay of the whole input (another consumer group): no G/L row more, no conflict.
        runJob(KAFKA, "gl-2", ledger);
        assertEquals(glRows, ledger.query(glCounts));
        assertEquals(List.of("0 21"), ledger.query("SELECT (SELECT count(*) FROM posting_conflict), "
                + "(SELECT count(*) FROM value_entry)"));
        assertEquals(trialBalance, reporting(ledger, "SELECT account_no, debit_amount, credit_amount, net_change "
                + "FROM trial_balance ORDER BY account_no"));
    }

    static List<String> reporting(LedgerDatabase.Ledger ledger, String sql) throws Exception {
        return ledger.query(LedgerDatabase.ROLES.reporting(), LedgerDatabase.ROLES.reportingPassword(), sql);
    }

    /**
     * Example 1 with set A's posting setup and default dimensions onto the broker's topics (created here), each master-data record through
     * {@code masterData} (to change a card).
     */
    static void produceExample1(EmbeddedKafka kafka, UnaryOperator<ProducerRecord<byte[], byte[]>> masterData)
            throws Exception {
        KafkaTopics.createMissing(kafka.bootstrapServers(), 2, (short) 1);
        kafka.awaitPartitions(KafkaTopics.ALL, Duration.ofSeconds(30));
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        Example1GlSetup.kafkaMasterData(records, true);
        records.replaceAll(masterData);
        KafkaPostingJobTest.order(records);
        for (MachineInput input : Example1Plant.machineInputs()) {
            records.add(KafkaPostingJobTest.signal(input));
        }
        kafka.produce(records);
    }

    /** The bounded posting job with the ledger store, on the topics, as consumer group {@code group}. */
    static void runJob(EmbeddedKafka kafka, String group, LedgerDatabase.Ledger ledger) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(300);
        KafkaPostingJob.Config bounded = KafkaPostingJob.Config.defaults(kafka.bootstrapServers())
                .boundedTo(group, Example1Plant.SETTINGS);
        // The job's own idleness: master data is read before anything is posted (MasterDataCatchUp).
        KafkaPostingJob.Streams streams = KafkaPostingJob.define(env, bounded);
        LedgerStoreJob.attach(streams, ledger.writerSettings());
        env.execute(group);
    }
}
