package io.shopfloor.job.kafka;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.eventtime.BoundedOutOfOrdernessWatermarks;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.eventtime.WatermarksWithIdleness;
import org.apache.flink.util.clock.RelativeClock;

import java.time.Duration;

/**
 * Watermarks of one Kafka partition (the Kafka source runs one generator per split) that only live inputs with a
 * believable event time move: bounded out-of-orderness over the decoded inputs that are neither future nor stale
 * ({@link InputTimes#movesWatermark}), and idle after {@code idleness} without such an input. Inputs that do not
 * count are invisible here, also to the idleness timer: a partition that carries only a burst of future records,
 * a gateway's backlog or undecodable records becomes idle as if it were silent, instead of holding every other
 * partition back.
 */
public final class FutureSafeWatermarks<A extends SpecificRecord> implements WatermarkGenerator<Decoded<A>> {
    private final InputTimes<A> times;
    private final WatermarkGenerator<Decoded<A>> watermarks;

    public FutureSafeWatermarks(InputTimes<A> times, Duration outOfOrderness, Duration idleness,
                                RelativeClock activityClock) {
        this.times = times;
        this.watermarks = new WatermarksWithIdleness<>(new BoundedOutOfOrdernessWatermarks<>(outOfOrderness),
                idleness, activityClock);
    }

    /** The strategy for a topic's source: these watermarks, and the input's event time as its timestamp. */
    public static <A extends SpecificRecord> WatermarkStrategy<Decoded<A>> strategy(
            InputTimes<A> times, Duration outOfOrderness, Duration idleness) {
        return WatermarkStrategy.<Decoded<A>>forGenerator(context -> new FutureSafeWatermarks<>(times,
                        outOfOrderness, idleness, context.getInputActivityClock()))
                .withTimestampAssigner((decoded, kafkaTime) -> times.eventTimeMillis(decoded));
    }

    @Override
    public void onEvent(Decoded<A> event, long eventTimestamp, WatermarkOutput output) {
        if (times.movesWatermark(event)) {
            watermarks.onEvent(event, eventTimestamp, output);
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        watermarks.onPeriodicEmit(output);
    }
}
