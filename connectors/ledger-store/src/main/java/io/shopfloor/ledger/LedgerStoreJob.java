package io.shopfloor.ledger;

import io.shopfloor.job.KafkaPostingJob;
import io.shopfloor.job.PostingJob;
import io.shopfloor.posting.PostingSettings;
import io.shopfloor.schema.common.DeadLetter;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.time.Duration;

/**
 * The posting job writing to the PostgreSQL ledger store as well as to Kafka: ledger entries, cost plans, machine
 * KPIs and dead letters each through a {@link LedgerStoreSink}. {@code main} wires it to the command line.
 */
public final class LedgerStoreJob {

    private LedgerStoreJob() {
    }

    /** Attaches the ledger store's sinks to the job's streams. */
    public static void attach(PostingJob.Outputs outputs, DataStream<DeadLetter> deadLetters,
                              LedgerStoreSink.Settings settings) {
        attach(outputs, settings);
        deadLetters.sinkTo(new LedgerStoreSink<>(settings, StoreRows::of))
                .name("ledger store: dead letters").uid("ledger-store-dead-letters");
    }

    /** Attaches the sinks of the job's own outputs (entries, cost plans, machine KPIs). */
    public static void attach(PostingJob.Outputs outputs, LedgerStoreSink.Settings settings) {
        outputs.entries().sinkTo(new LedgerStoreSink<>(settings, StoreRows::of))
                .name("ledger store: entries").uid("ledger-store-entries");
        outputs.costPlans().sinkTo(new LedgerStoreSink<>(settings, StoreRows::of))
                .name("ledger store: cost plans").uid("ledger-store-cost-plans");
        outputs.machineKpis().sinkTo(new LedgerStoreSink<>(settings, StoreRows::of))
                .name("ledger store: machine KPIs").uid("ledger-store-machine-kpis");
    }

    /**
     * Arguments: Kafka bootstrap servers, JDBC URL of the ledger database, owner user, owner password, checkpoint
     * directory. Migrates the schema (as the owner), then runs the job writing as the pipeline role.
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: LedgerStoreJob <kafka bootstrap> <jdbc url> <owner> <owner password> "
                    + "[checkpoint dir]");
            System.exit(2);
        }
        LedgerStoreSchema.Roles roles = LedgerStoreSchema.Roles.defaults();
        LedgerStoreSchema.migrate(args[1], args[2], args[3], roles, PostingSettings.DEFAULTS.deviationBasis());
        Configuration configuration = new Configuration();
        configuration.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        configuration.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                args.length > 4 ? args[4] : "file:///tmp/shopfloor-posting-job/checkpoints");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration);
        env.enableCheckpointing(Duration.ofSeconds(10).toMillis());
        KafkaPostingJob.Streams streams = KafkaPostingJob.define(env, KafkaPostingJob.Config.defaults(args[0]));
        attach(streams.outputs(), streams.deadLetters(),
                LedgerStoreSink.Settings.of(args[1], roles.writer(), roles.writerPassword()));
        env.execute("shopfloor-posting-job");
    }
}
