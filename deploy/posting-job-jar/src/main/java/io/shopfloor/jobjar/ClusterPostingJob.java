package io.shopfloor.jobjar;

import io.shopfloor.job.CheckpointSettings;
import io.shopfloor.job.KafkaPostingJob;
import io.shopfloor.ledger.LedgerStoreJob;
import io.shopfloor.ledger.LedgerStoreSchema;
import io.shopfloor.ledger.LedgerStoreSink;
import io.shopfloor.posting.PostingSettings;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.time.Duration;
import java.util.Arrays;

/**
 * The posting job as submitted to a Flink cluster: Kafka in, Kafka ledger topics and the PostgreSQL ledger store
 * out. State backend, checkpoint and savepoint directories and restart strategy come from the cluster's
 * configuration (the checkpoint interval too, unless job.checkpoints.interval or --checkpoint-interval-ms gives
 * it), so the same jar runs on a standalone session cluster and under the Kubernetes operator. Every operator has a
 * uid (set by the job's definition), which is what lets a savepoint restore into a new version.
 */
public final class ClusterPostingJob {
    static final String JOB_NAME = "shopfloor-posting-job";

    private ClusterPostingJob() {
    }

    public static void main(String[] args) throws Exception {
        JobArguments arguments;
        try {
            arguments = JobArguments.parse(Arrays.asList(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        LedgerStoreSchema.Roles roles = new LedgerStoreSchema.Roles(arguments.writer(), arguments.writerPassword(),
                LedgerStoreSchema.Roles.defaults().reporting(), LedgerStoreSchema.Roles.defaults().reportingPassword());
        if (arguments.migrate()) {
            LedgerStoreSchema.migrate(arguments.jdbcUrl(), arguments.owner(), arguments.ownerPassword(), roles,
                    PostingSettings.DEFAULTS.deviationBasis());
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        define(env, arguments);
        env.execute(JOB_NAME);
    }

    /** The job on {@code env}: the Kafka posting job with the ledger store's sinks attached. */
    public static void define(StreamExecutionEnvironment env, JobArguments arguments) {
        define(env, arguments, false);
    }

    /**
     * The same job; {@code bounded}: read the topics up to their end at the start, then finish (a replay into
     * another ledger, or a reference run in a test).
     */
    public static void define(StreamExecutionEnvironment env, JobArguments arguments, boolean bounded) {
        // Exactly-once Kafka sinks commit on checkpoints: a job without them would never commit a ledger entry.
        CheckpointSettings checkpoints = arguments.checkpoints();
        if (arguments.checkpointInterval() == null && env.getCheckpointConfig().isCheckpointingEnabled()) {
            checkpoints = checkpoints.withInterval(
                    Duration.ofMillis(env.getCheckpointConfig().getCheckpointInterval()));
        }
        checkpoints.enable(env);
        KafkaPostingJob.Config config = bounded ? arguments.jobConfig().readingToTheEnd() : arguments.jobConfig();
        KafkaPostingJob.Streams streams = KafkaPostingJob.define(env, config);
        LedgerStoreJob.attach(streams,
                LedgerStoreSink.Settings.of(arguments.jdbcUrl(), arguments.writer(), arguments.writerPassword()));
    }
}
