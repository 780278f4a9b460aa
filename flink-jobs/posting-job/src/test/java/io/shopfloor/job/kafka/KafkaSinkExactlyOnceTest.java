package io.shopfloor.job.kafka;

import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.EmbeddedKafka;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.signal.MachineCounterReading;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * KafkaSink with {@link AvroKafkaSerializer}: exactly once across a failure (the records of the aborted
 * transaction are written again after the restart, and a read_committed consumer sees each record once), and
 * the at-least-once sink without failures.
 */
class KafkaSinkExactlyOnceTest {
    private static final int READINGS = 120;
    /** Static: the MiniCluster runs in this JVM, so the restarted task sees that it already failed once. */
    private static final AtomicBoolean FAILED_ONCE = new AtomicBoolean();

    @RegisterExtension
    @Order(1)
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    @RegisterExtension
    @Order(2)
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @Test
    void exactlyOnceAcrossAFailure() throws Exception {
        String topic = "eo-" + KafkaTopics.MACHINE_COUNTERS;
        KAFKA.createTopics(3, topic);
        StreamExecutionEnvironment env = environment();
        env.enableCheckpointing(200);

        env.fromSource(readingsReleasedPerCheckpoint(), WatermarkStrategy.noWatermarks(), "readings")
                .map(new FailInSecondCheckpointOnce(), new AvroRecordTypeInfo<>(MachineCounterReading.class))
                .sinkTo(KafkaSinks.exactlyOnce(KAFKA.bootstrapServers(),
                        new AvroKafkaSerializer<>(topic, MachineCounterReading.class,
                                MachineCounterReading::getMachineId),
                        "eo-test"));
        env.execute("exactly-once sink");

        assertTrue(FAILED_ONCE.get(), "the failure was injected");
        assertEachReadingOnceWithItsKey(KAFKA.readAll(topic, true, Duration.ofSeconds(10)));
        // The aborted transaction's records are in the log too: proof that the replay happened.
        int uncommitted = KAFKA.readAll(topic, false, Duration.ofSeconds(10)).size();
        assertTrue(uncommitted > READINGS, "read_uncommitted saw " + uncommitted);
    }

    /**
     * Fails checkpoint 2 once, in the synchronous snapshot phase. The sink writer has already flushed that
     * checkpoint's transaction to the broker (pre-barrier), so its records are in the log but never committed;
     * the job restarts from checkpoint 1, aborts that transaction and writes the records again.
     */
    static final class FailInSecondCheckpointOnce
            implements MapFunction<MachineCounterReading, MachineCounterReading>, CheckpointedFunction {
        @Override
        public MachineCounterReading map(MachineCounterReading reading) {
            return reading;
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) {
            if (context.getCheckpointId() == 2 && FAILED_ONCE.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure in checkpoint 2");
            }
        }

        @Override
        public void initializeState(FunctionInitializationContext context) {}
    }

    @Test
    void atLeastOnceWithoutFailuresWritesEachOnce() throws Exception {
        String topic = "alo-" + KafkaTopics.MACHINE_COUNTERS;
        KAFKA.createTopics(3, topic);
        StreamExecutionEnvironment env = environment();
        env.enableCheckpointing(200);

        env.fromSource(readingsReleasedPerCheckpoint(), WatermarkStrategy.noWatermarks(), "readings")
                .sinkTo(KafkaSinks.atLeastOnce(KAFKA.bootstrapServers(),
                        new AvroKafkaSerializer<>(topic, MachineCounterReading.class,
                                MachineCounterReading::getMachineId)));
        env.execute("at-least-once sink");

        assertEachReadingOnceWithItsKey(KAFKA.readAll(topic, false, Duration.ofSeconds(10)));
    }

    private static StreamExecutionEnvironment environment() {
        Configuration config = new Configuration();
        // One immediate restart: the failure test needs it, and the default backoff would cost seconds.
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 1);
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ZERO);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        return env;
    }

    /**
     * Readings 0..READINGS-1 with sequenceNumber = index, at most 20 per checkpoint: the records spread over
     * several checkpoints (transactions), so the failure falls after committed ones. No sleeping involved.
     */
    private static DataGeneratorSource<MachineCounterReading> readingsReleasedPerCheckpoint() {
        return new DataGeneratorSource<>(
                index -> {
                    MachineCounterReading reading = TestReadings.reading(index);
                    reading.setSequenceNumber(index);
                    return reading;
                },
                READINGS, RateLimiterStrategy.perCheckpoint(20),
                new AvroRecordTypeInfo<>(MachineCounterReading.class));
    }

    private static void assertEachReadingOnceWithItsKey(List<ConsumerRecord<byte[], byte[]>> records)
            throws Exception {
        BinaryMessageDecoder<MachineCounterReading> decoder = ShopfloorSchemas.decoder(MachineCounterReading.class);
        Map<Long, Integer> timesSeen = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            MachineCounterReading reading = decoder.decode(record.value());
            assertEquals(reading.getMachineId(), new String(record.key(), StandardCharsets.UTF_8));
            long index = reading.getSequenceNumber();
            MachineCounterReading expected = TestReadings.reading(index);
            expected.setSequenceNumber(index);
            assertEquals(expected, reading);
            timesSeen.merge(index, 1, Integer::sum);
        }
        assertEquals(READINGS, timesSeen.size(), "distinct readings");
        timesSeen.forEach((index, times) -> assertEquals(1, times, "reading " + index + " seen " + times + " times"));
    }
}
