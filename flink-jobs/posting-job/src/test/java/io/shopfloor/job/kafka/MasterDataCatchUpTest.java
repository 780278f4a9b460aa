package io.shopfloor.job.kafka;

import io.shopfloor.schema.EmbeddedKafka;
import io.shopfloor.schema.signal.MachineCounterReading;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link MasterDataCatchUp}: a master-data topic's watermark and idleness are held back until every partition was
 * read up to its last record at the start, then released; and {@link LastRecordOffsets} on a real broker.
 */
class MasterDataCatchUpTest {
    private static final String TOPIC = "md-items";

    @Test
    void holdsTheWatermarkAndIdlenessUntilEveryPartitionIsReadUpToItsLastRecord() throws Exception {
        try (var harness = harness(Map.of(0, 2L, 1, 0L))) {
            harness.processWatermark(new Watermark(100));
            harness.processWatermarkStatus(WatermarkStatus.IDLE);
            harness.processElement(record(0, 0));
            harness.processElement(record(0, 1));
            harness.processElement(record(0, 2));
            // Partition 0 is read, partition 1 is not: records pass, the watermark and the idleness do not.
            assertEquals(List.of("record 0/0", "record 0/1", "record 0/2"), output(harness));
            assertFalse(((MasterDataCatchUp<?>) harness.getOperator()).caughtUp());

            harness.processElement(record(1, 0));
            assertEquals(List.of("record 0/0", "record 0/1", "record 0/2", "record 1/0", "watermark 100",
                    "status IDLE"), output(harness));

            harness.processWatermarkStatus(WatermarkStatus.ACTIVE);
            harness.processWatermark(new Watermark(200));
            assertEquals(List.of("status ACTIVE", "watermark 200"), output(harness).subList(6, 8));
        }
    }

    /**
     * After a restore the source does not read again what it read before the checkpoint: what the operator passed
     * on counts (state), so a topic read to its end before the failure holds nothing back, and one read half-way
     * waits for the rest only.
     */
    @Test
    void afterARestoreWhatWasReadBeforeCounts() throws Exception {
        org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot;
        try (var harness = harness(Map.of(0, 4L, 1, 1L))) {
            harness.processElement(record(0, 3));
            harness.processElement(record(0, 4));
            harness.processElement(record(1, 0));
            snapshot = harness.snapshot(1, 1);
        }
        try (var restored = restored(snapshot, Map.of(0, 4L, 1, 1L))) {
            restored.processWatermark(new Watermark(100));
            assertEquals(List.of(), output(restored), "partition 1 still waits for offset 1");
            restored.processElement(record(1, 1));
            assertEquals(List.of("record 1/1", "watermark 100"), output(restored));
        }
        try (var restored = restored(snapshot, Map.of(0, 4L, 1, 0L))) {
            restored.processWatermark(new Watermark(100));
            assertEquals(List.of("watermark 100"), output(restored), "everything was read before the failure");
        }
    }

    /**
     * A savepoint of a release without this operator (its source's position unknown): it does not wait. Its own
     * snapshot taken before any record (an empty topic then): it waits, since the source reads them all now.
     */
    @Test
    void restoredWithoutItsStateItDoesNotWaitButFromItsOwnEmptyStateItDoes() throws Exception {
        org.apache.flink.runtime.checkpoint.OperatorSubtaskState withoutThisOperator;
        try (var other = new OneInputStreamOperatorTestHarness<Decoded<MachineCounterReading>,
                Decoded<MachineCounterReading>>(new org.apache.flink.streaming.api.operators.StreamMap<>(x -> x))) {
            other.open();
            withoutThisOperator = other.snapshot(1, 1);
        }
        try (var restored = restored(withoutThisOperator, Map.of(0, 4L))) {
            restored.processWatermark(new Watermark(100));
            assertEquals(List.of("watermark 100"), output(restored));
        }
        org.apache.flink.runtime.checkpoint.OperatorSubtaskState readNothing;
        try (var harness = harness(Map.of())) {
            readNothing = harness.snapshot(1, 1);
        }
        try (var restored = restored(readNothing, Map.of(0, 4L))) {
            restored.processWatermark(new Watermark(100));
            assertEquals(List.of(), output(restored));
        }
    }

    @Test
    void aTopicWithoutRecordsHoldsNothingBack() throws Exception {
        try (var harness = harness(Map.of())) {
            harness.processWatermark(new Watermark(100));
            assertEquals(List.of("watermark 100"), output(harness));
        }
    }

    @Test
    void theEndOfABoundedReadReleasesIt() throws Exception {
        try (var harness = harness(Map.of(0, 5L))) {
            harness.processWatermark(new Watermark(100));
            harness.processElement(record(0, 3));
            harness.processWatermark(Watermark.MAX_WATERMARK);
            assertEquals(List.of("record 0/3", "watermark 100", "watermark " + Long.MAX_VALUE), output(harness));
        }
    }

    @Test
    void itWaitsAtMostMaxWait() throws Exception {
        try (var harness = harness(Map.of(0, 5L))) {
            harness.setProcessingTime(0);
            harness.processWatermark(new Watermark(100));
            harness.setProcessingTime(MasterDataCatchUp.MAX_WAIT.toMillis() - 1);
            assertEquals(List.of(), output(harness));
            harness.setProcessingTime(MasterDataCatchUp.MAX_WAIT.toMillis());
            assertEquals(List.of("watermark 100"), output(harness));
        }
    }

    /**
     * On a real broker: a plain partition's last offset; a transactional partition's last committed record, with
     * the commit marker and an aborted transaction after it (offsets no consumer receives); an empty partition.
     */
    @Test
    void lastRecordOffsetsSkipTransactionMarkersAndAbortedRecords() throws Exception {
        try (EmbeddedKafka kafka = new EmbeddedKafka().start()) {
            kafka.createTopics(3, TOPIC);
            kafka.produce(List.of(new ProducerRecord<>(TOPIC, 0, null, bytes("a")),
                    new ProducerRecord<>(TOPIC, 0, null, bytes("b")), new ProducerRecord<>(TOPIC, 0, null, bytes("c"))));
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.TRANSACTIONAL_ID_CONFIG, "catch-up-test"),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(TOPIC, 1, null, bytes("d")));
                producer.send(new ProducerRecord<>(TOPIC, 1, null, bytes("e")));
                producer.commitTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>(TOPIC, 1, null, bytes("aborted")));
                producer.flush();
                producer.abortTransaction();
            }
            // Partition 1: d at 0, e at 1, commit marker at 2, the aborted record at 3, its marker at 4.
            assertEquals(Map.of(0, 2L, 1, 1L),
                    LastRecordOffsets.onKafka(kafka.bootstrapServers(), Duration.ofSeconds(30)).of(TOPIC));
            assertEquals(Map.of(), LastRecordOffsets.onKafka(kafka.bootstrapServers(), Duration.ofSeconds(30))
                    .of("md-no-such-topic-yet"));
        }
    }

    private static OneInputStreamOperatorTestHarness<Decoded<MachineCounterReading>, Decoded<MachineCounterReading>>
            harness(Map<Integer, Long> lastRecordOffsets) throws Exception {
        var harness = new OneInputStreamOperatorTestHarness<>(new MasterDataCatchUp<MachineCounterReading>(TOPIC,
                topic -> lastRecordOffsets));
        harness.open();
        return harness;
    }

    private static OneInputStreamOperatorTestHarness<Decoded<MachineCounterReading>, Decoded<MachineCounterReading>>
            restored(org.apache.flink.runtime.checkpoint.OperatorSubtaskState snapshot,
                     Map<Integer, Long> lastRecordOffsets) throws Exception {
        var harness = new OneInputStreamOperatorTestHarness<>(new MasterDataCatchUp<MachineCounterReading>(TOPIC,
                topic -> lastRecordOffsets));
        harness.initializeState(snapshot);
        harness.open();
        return harness;
    }

    private static StreamRecord<Decoded<MachineCounterReading>> record(int partition, long offset) {
        return new StreamRecord<>(Decoded.ofRecord(TestReadings.reading(offset), TOPIC, partition, offset, 0), 1);
    }

    /** What the operator emitted, as text. */
    private static List<String> output(OneInputStreamOperatorTestHarness<?, ?> harness) {
        List<String> out = new ArrayList<>();
        for (Object element : harness.getOutput()) {
            if (element instanceof StreamRecord<?> r) {
                Decoded<?> decoded = (Decoded<?>) r.getValue();
                out.add("record " + decoded.partition() + "/" + decoded.offset());
            } else if (element instanceof Watermark w) {
                out.add("watermark " + w.getTimestamp());
            } else if (element instanceof WatermarkStatus s) {
                out.add("status " + (s.isIdle() ? "IDLE" : "ACTIVE"));
            }
        }
        assertTrue(out.size() == harness.getOutput().size(), "only records, watermarks and statuses");
        return out;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
