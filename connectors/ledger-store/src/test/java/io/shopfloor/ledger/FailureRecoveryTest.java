package io.shopfloor.ledger;

import io.shopfloor.job.PostingJob;
import io.shopfloor.job.determinism.FailOnce;
import io.shopfloor.job.determinism.RandomPlant;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Exactly once into PostgreSQL: a random plant's run whose source fails mid-stream (checkpoints every 200 ms,
 * restored from the last one) leaves the same ledger as an undisturbed run, entry by entry; replaying the whole
 * input against the same database adds nothing.
 */
class FailureRecoveryTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
    @RegisterExtension
    static final LedgerDatabase POSTGRES = new LedgerDatabase();

    static final RandomPlant PLANT = new RandomPlant(20261125L, 6);

    /**
     * Every stored row, by idempotency key, with its content hash (which covers the job's numbering) and the keys
     * of the entries it references through the store's entry numbers.
     */
    static final String LEDGER = """
            SELECT 'ILE', i.idempotency_key, i.content_hash, a.idempotency_key FROM item_ledger_entry i
                LEFT JOIN item_ledger_entry a ON a.entry_no = i.applies_to_entry
            UNION ALL SELECT 'CLE', idempotency_key, content_hash, NULL FROM capacity_ledger_entry
            UNION ALL SELECT 'VE', v.idempotency_key, v.content_hash, coalesce(i.idempotency_key, c.idempotency_key)
                FROM value_entry v LEFT JOIN item_ledger_entry i ON i.entry_no = v.item_ledger_entry_no
                LEFT JOIN capacity_ledger_entry c ON c.entry_no = v.capacity_ledger_entry_no
            UNION ALL SELECT 'STATUS', idempotency_key, content_hash, NULL FROM production_order_status_history
            UNION ALL SELECT 'PLAN', idempotency_key, content_hash, NULL FROM production_order_cost_plan
            UNION ALL SELECT 'KPI', idempotency_key, content_hash, NULL FROM machine_kpi
            UNION ALL SELECT 'CONFLICT', idempotency_key, replayed_hash, NULL FROM posting_conflict
            ORDER BY 1, 2""";

    @Test
    void aFailureMidStreamLeavesTheLedgerOfAnUndisturbedRunAndAReplayAddsNothing() throws Exception {
        LedgerDatabase.Ledger undisturbed = POSTGRES.newLedger();
        run(undisturbed, null);
        List<String> expected = undisturbed.query(LEDGER);
        assertTrue(expected.size() > 200, () -> "only " + expected.size() + " rows");
        assertEquals(List.of(), undisturbed.query("SELECT order_no, wip_amount FROM production_order_wip "
                + "WHERE wip_amount <> 0"), "every order finished and adjusted to zero WIP");
        assertEquals(List.of(String.valueOf(PLANT.quantities.size())),
                undisturbed.query("SELECT count(*) FROM production_order_status_history WHERE to_status = 'FINISHED'"));

        LedgerDatabase.Ledger restored = POSTGRES.newLedger();
        FailOnce.reset(PLANT.machineInputs.size() / 2);
        run(restored, new FailOnce());
        assertTrue(FailOnce.FAILED.get(), "the source never failed");
        assertTrue(FailOnce.CHECKPOINTS_BEFORE_FAILURE.get() > 0, "no checkpoint completed before the failure");
        System.out.println("failed at input " + FailOnce.FAILED_AT.get() + " of " + PLANT.machineInputs.size()
                + " after " + FailOnce.CHECKPOINTS_BEFORE_FAILURE.get() + " checkpoint(s)");
        assertEquals(expected, restored.query(LEDGER));

        run(undisturbed, null);
        assertEquals(expected, undisturbed.query(LEDGER), "a replay from the beginning");
    }

    private static void run(LedgerDatabase.Ledger target, FailOnce failure) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                FailOnce.jobConfiguration(failure));
        env.setParallelism(2);
        LedgerStoreJob.attach(PostingJob.build(PLANT.sources(env, failure), RandomPlant.SETTINGS),
                target.writerSettings());
        env.execute("random plant into the ledger store" + (failure != null ? ", failing once" : ""));
    }
}
