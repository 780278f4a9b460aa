package io.shopfloor.job;

import io.shopfloor.job.machine.MachineInput;
import io.shopfloor.schema.EmbeddedKafka;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.common.DeadLetter;
import io.shopfloor.schema.signal.CounterKind;
import io.shopfloor.schema.signal.MachineCounterReading;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static io.shopfloor.job.KafkaPostingJobTest.bytes;
import static io.shopfloor.job.KafkaPostingJobTest.read;
import static io.shopfloor.job.KafkaPostingJobTest.record;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Event-time safety on a real Kafka broker (one per test, topics of 2 partitions) and the job at parallelism 2:
 * a burst of readings from the future amid spec example 1's traffic, a partition that stalls, and a gateway that
 * comes back with a day of store-and-forward readings. The example's ledger must come out exactly as without them.
 */
class EventTimeSafetyTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    static final Duration YEAR = Duration.ofDays(365);

    @Test
    void aFutureBurstIsDeadLetteredReadingByReadingAndMovesNoWatermark() throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka().start()) {
            List<ProducerRecord<byte[], byte[]>> records = example1(kafka);
            // PRESS-9 sends 7 readings a year ahead (good and scrap at the same instants), amid CUT-1's readings of
            // minutes 5 to 8 on the same partition: without the bound they would move its watermark a year on.
            List<MachineCounterReading> burst = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                Instant received = Example1Plant.at(5 + i / 2);
                burst.add(MachineCounterReading.newBuilder().setMachineId("PRESS-9")
                        .setCounterName(i % 2 == 0 ? "good" : "scrap")
                        .setCounterKind(i % 2 == 0 ? CounterKind.GOOD : CounterKind.SCRAP).setValue(100 + i / 2)
                        .setWidthBits(32).setBootEpoch(1).setSequenceNumber((long) i)
                        .setSourceTimestamp(received.plus(YEAR)).setReceivedTimestamp(received)
                        .setSourceTopic("plant/s/a/l1/PRESS-9/counter").build());
            }
            int at = indexAfter(records, Example1Plant.at(5));
            for (MachineCounterReading reading : burst) {
                records.add(at++, onPartition0(record(KafkaTopics.MACHINE_COUNTERS, "PRESS-9",
                        MachineCounterReading.class, reading)));
            }
            kafka.produce(records);

            runBounded(kafka, "future-burst");

            KafkaPostingJobTest.assertExample1Ledger(kafka);
            List<DeadLetter> deadLetters = read(kafka, KafkaTopics.DEAD_LETTERS, DeadLetter.class);
            assertEquals(Map.of(DeadLetters.FUTURE_TIMESTAMP, 7), reasons(deadLetters));
            assertEquals(7, deadLetters.stream().map(DeadLetter::getId).distinct().count());
            var decoder = ShopfloorSchemas.decoder(MachineCounterReading.class);
            Set<MachineCounterReading> payloads = new HashSet<>();
            for (DeadLetter letter : deadLetters) {
                payloads.add(decoder.decode(letter.getPayload()));
                assertEquals(KafkaTopics.MACHINE_COUNTERS, letter.getSourceTopic());
                assertEquals(ByteBuffer.wrap(bytes("PRESS-9")), letter.getKey());
                assertEquals(0, letter.getSourcePartition());
            }
            assertEquals(Set.copyOf(burst), payloads);
        }
    }

    /**
     * Unbounded: partition 1 of the counters carries one early reading of LATHE-5 and then nothing, while
     * example 1 runs on partition 0; the job must post the example anyway (the stalled partition goes idle).
     * Then LATHE-5's gateway comes back with a day of readings it held: each is a LATE dead letter of its own.
     */
    @Test
    void aStalledPartitionHoldsNobodyBackAndAGatewaysBacklogIsDeadLetteredReadingByReading() throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka().start()) {
            List<ProducerRecord<byte[], byte[]>> records = example1(kafka);
            records.add(0, new ProducerRecord<>(KafkaTopics.MACHINE_COUNTERS, 1, null, bytes("LATHE-5"),
                    record(KafkaTopics.MACHINE_COUNTERS, "LATHE-5", MachineCounterReading.class,
                            lathe(Example1Plant.at(-10), "good", 0, Example1Plant.at(-10))).value()));
            // A machine reading the next day, so that the example's last windows become final without a bounded end.
            Instant nextDay = Example1Plant.at(24 * 60);
            records.add(onPartition0(record(KafkaTopics.MACHINE_COUNTERS, "TICK", MachineCounterReading.class,
                    MachineCounterReading.newBuilder(lathe(nextDay, "good", 0, nextDay)).setMachineId("TICK")
                            .build())));
            kafka.produce(records);

            KafkaPostingJob.Config defaults = KafkaPostingJob.Config.defaults(kafka.bootstrapServers());
            KafkaPostingJob.Config config = new KafkaPostingJob.Config(kafka.bootstrapServers(), "stalled", "stalled",
                    defaults.outOfOrderness(), Duration.ofSeconds(2), defaults.maxAhead(), defaults.plantZone(),
                    Example1Plant.SETTINGS, false);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            env.enableCheckpointing(300);
            KafkaPostingJob.define(env, config);
            JobClient job = env.executeAsync("stalled partition");
            try {
                awaitCount(kafka, KafkaTopics.LEDGER_VALUE_ENTRIES, 21, Duration.ofSeconds(120));
                awaitCount(kafka, KafkaTopics.LEDGER_ORDER_STATUS, 2, Duration.ofSeconds(30));
                KafkaPostingJobTest.assertExample1Ledger(kafka);

                // The gateway returns at minute 600 with LATHE-5's readings of the day before, good and scrap for
                // every minute, on the partition that had stalled.
                Instant back = Example1Plant.at(600);
                List<MachineCounterReading> backlog = new ArrayList<>();
                List<ProducerRecord<byte[], byte[]>> replay = new ArrayList<>();
                for (int minute = 0; minute < 24 * 60; minute++) {
                    Instant taken = Example1Plant.MIDNIGHT.minus(Duration.ofDays(1)).plusSeconds(60L * minute);
                    for (String counter : List.of("good", "scrap")) {
                        MachineCounterReading reading = lathe(taken, counter, minute, back);
                        backlog.add(reading);
                        replay.add(new ProducerRecord<>(KafkaTopics.MACHINE_COUNTERS, 1, null, bytes("LATHE-5"),
                                record(KafkaTopics.MACHINE_COUNTERS, "LATHE-5", MachineCounterReading.class, reading)
                                        .value()));
                    }
                }
                kafka.produce(replay);
                List<DeadLetter> deadLetters = awaitCount(kafka, KafkaTopics.DEAD_LETTERS, backlog.size(),
                        Duration.ofSeconds(120));

                // Nothing lost, nothing merged: one LATE dead letter per reading sent, each with its own id, and
                // their payloads are exactly the readings sent. The example's ledger is unchanged.
                assertEquals(Map.of("LATE", backlog.size()), reasons(deadLetters));
                assertEquals(backlog.size(), deadLetters.stream().map(DeadLetter::getId).distinct().count());
                var decoder = ShopfloorSchemas.decoder(MachineCounterReading.class);
                Set<MachineCounterReading> payloads = new HashSet<>();
                for (DeadLetter letter : deadLetters) {
                    payloads.add(decoder.decode(letter.getPayload()));
                }
                assertEquals(Set.copyOf(backlog), payloads);
                KafkaPostingJobTest.assertExample1Ledger(kafka);
            } finally {
                job.cancel().get();
            }
        }
    }

    /** Master data, order RPO-1001 and example 1's machine signals, the signals all on partition 0. */
    private static List<ProducerRecord<byte[], byte[]>> example1(EmbeddedKafka kafka) throws Exception {
        KafkaTopics.createMissing(kafka.bootstrapServers(), 2, (short) 1);
        kafka.awaitPartitions(KafkaTopics.ALL, Duration.ofSeconds(30));
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        KafkaPostingJobTest.masterData(records);
        KafkaPostingJobTest.order(records);
        for (MachineInput input : Example1Plant.machineInputs()) {
            records.add(onPartition0(KafkaPostingJobTest.signal(input)));
        }
        return records;
    }

    private static MachineCounterReading lathe(Instant taken, String counter, long value, Instant received) {
        return MachineCounterReading.newBuilder().setMachineId("LATHE-5").setCounterName(counter)
                .setCounterKind(counter.equals("good") ? CounterKind.GOOD : CounterKind.SCRAP).setValue(value)
                .setWidthBits(32).setBootEpoch(1).setSequenceNumber(null).setSourceTimestamp(taken)
                .setReceivedTimestamp(received).setSourceTopic(null).build();
    }

    private static ProducerRecord<byte[], byte[]> onPartition0(ProducerRecord<byte[], byte[]> record) {
        return new ProducerRecord<>(record.topic(), 0, null, record.key(), record.value());
    }

    /** The index after the last machine counter reading taken at {@code time} (they are in event-time order). */
    private static int indexAfter(List<ProducerRecord<byte[], byte[]>> records, Instant time) {
        var decoder = ShopfloorSchemas.decoder(MachineCounterReading.class);
        int index = -1;
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).topic().equals(KafkaTopics.MACHINE_COUNTERS)) {
                try {
                    if (decoder.decode(records.get(i).value()).getSourceTimestamp().equals(time)) {
                        index = i + 1;
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
        if (index < 0) {
            throw new IllegalStateException("no reading at " + time);
        }
        return index;
    }

    private static void runBounded(EmbeddedKafka kafka, String name) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(300);
        KafkaPostingJob.define(env, KafkaPostingJob.Config.defaults(kafka.bootstrapServers())
                .boundedTo(name, Example1Plant.SETTINGS));
        env.execute(name);
    }

    private static Map<String, Integer> reasons(List<DeadLetter> deadLetters) {
        Map<String, Integer> counts = new HashMap<>();
        deadLetters.forEach(letter -> counts.merge(letter.getReasonCode(), 1, Integer::sum));
        return counts;
    }

    /** Waits until {@code topic} holds at least {@code count} committed records; returns them (dead letters). */
    private static List<DeadLetter> awaitCount(EmbeddedKafka kafka, String topic, int count, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Predicate<Integer> reached = n -> n >= count;
        while (true) {
            int present = kafka.readAll(topic, true, Duration.ofSeconds(10)).size();
            if (reached.test(present)) {
                return topic.equals(KafkaTopics.DEAD_LETTERS) ? read(kafka, topic, DeadLetter.class) : List.of();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(topic + " holds " + present + " records after " + timeout + ", expected "
                        + count);
            }
            new java.util.concurrent.CountDownLatch(1).await(200, java.util.concurrent.TimeUnit.MILLISECONDS); // poll, within the deadline
        }
    }
}
