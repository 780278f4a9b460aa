package io.shopfloor.job.determinism;

import io.shopfloor.job.machine.MachineInput;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Passes machine inputs through, and throws once at the {@code failAt}-th input, but only after a checkpoint
 * completed (the source emits a share of its inputs per checkpoint, so that one completes mid-stream). Static
 * state survives the restore, so it does not throw again.
 */
public final class FailOnce implements MapFunction<MachineInput, MachineInput>, CheckpointListener {
    public static final AtomicBoolean FAILED = new AtomicBoolean();
    public static final AtomicInteger CHECKPOINTS = new AtomicInteger();
    public static final AtomicInteger CHECKPOINTS_BEFORE_FAILURE = new AtomicInteger();
    public static final AtomicInteger FAILED_AT = new AtomicInteger();
    public static final AtomicInteger SEEN_AFTER_FAILURE = new AtomicInteger();
    static volatile int failAt;

    private int seen;

    /** A job with a {@code failure} checkpoints every 200 ms and restarts at once; without one, it never restarts. */
    public static Configuration jobConfiguration(FailOnce failure) {
        Configuration configuration = new Configuration();
        if (failure != null) {
            configuration.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(200));
            configuration.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
            configuration.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
            configuration.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ZERO);
        } else {
            configuration.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        }
        return configuration;
    }

    public static void reset(int at) {
        FAILED.set(false);
        CHECKPOINTS.set(0);
        CHECKPOINTS_BEFORE_FAILURE.set(0);
        FAILED_AT.set(0);
        SEEN_AFTER_FAILURE.set(0);
        failAt = at;
    }

    @Override
    public MachineInput map(MachineInput input) throws Exception {
        seen++;
        if (FAILED.get()) {
            SEEN_AFTER_FAILURE.incrementAndGet();
            return input;
        }
        if (seen >= failAt && CHECKPOINTS.get() > 0) {
            FAILED_AT.set(seen);
            CHECKPOINTS_BEFORE_FAILURE.set(CHECKPOINTS.get());
            FAILED.set(true);
            throw new IllegalStateException("injected failure at machine input " + seen);
        }
        return input;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        CHECKPOINTS.incrementAndGet();
    }
}
