package io.shopfloor.job;

import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.Serializable;
import java.time.Duration;

/**
 * When and where the job checkpoints ({@code job.checkpoints} of the configuration file, read by
 * {@link JobConfiguration#checkpoints}); every runner of the job (its own main, the ledger store's, the cluster jar,
 * the embedded plant) sets its checkpoints up here. Always exactly once: the Kafka ledger topics' transactions commit
 * on checkpoints, and an at-least-once checkpoint would let a restore write entries to them twice.
 *
 * @param interval  how often; the Kafka ledger topics lag the postings by up to this much
 * @param timeout   a checkpoint not complete by then is aborted (and the next one tried)
 * @param directory where checkpoints go (a Flink file system URI); null: the runner's own place
 */
public record CheckpointSettings(Duration interval, Duration timeout, String directory) implements Serializable {
    /** Every 10 s, aborted after 10 minutes (Flink's own timeout), in the runner's own directory. */
    public static final CheckpointSettings DEFAULTS = new CheckpointSettings(Duration.ofSeconds(10),
            Duration.ofMinutes(10), null);
    /** Where a job run from a main (not on a cluster, not in the embedded plant) checkpoints without a directory. */
    public static final String LOCAL_DIRECTORY = "file:///tmp/shopfloor-posting-job/checkpoints";
    /** Flink's smallest checkpoint interval. */
    static final Duration MIN_INTERVAL = Duration.ofMillis(10);

    public CheckpointSettings withInterval(Duration newInterval) {
        return new CheckpointSettings(newInterval, timeout, directory);
    }

    public CheckpointSettings withDirectory(String newDirectory) {
        return new CheckpointSettings(interval, timeout, newDirectory);
    }

    /**
     * File-system checkpoint storage in {@link #directory} (else in {@code otherwise}) on {@code configuration}, for
     * the environment to be created with. Keyed state outgrows the JobManager's 5 MB in-memory storage in minutes.
     */
    public Configuration storage(Configuration configuration, String otherwise) {
        configuration.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        configuration.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, directory != null ? directory : otherwise);
        return configuration;
    }

    /** Exactly-once checkpoints every {@link #interval}, each aborted after {@link #timeout}. */
    public void enable(StreamExecutionEnvironment env) {
        env.enableCheckpointing(interval.toMillis());
        env.getCheckpointConfig().setCheckpointTimeout(timeout.toMillis());
    }
}
