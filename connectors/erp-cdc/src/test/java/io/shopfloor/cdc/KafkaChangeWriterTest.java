package io.shopfloor.cdc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.shopfloor.schema.KafkaTopics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** The writer alone, with a mock producer: what it sends where, and that it confirms only acknowledged batches. */
class KafkaChangeWriterTest {
    static final Node BROKER = new Node(0, "localhost", 9092);
    static final int PARTITIONS = 4;

    final SourceRecord header = source("header");
    final SourceRecord line = source("line");
    final SourceRecord heartbeat = source("heartbeat");
    final Map<SourceRecord, List<OutgoingRecord>> mapped = new IdentityHashMap<>();

    KafkaChangeWriterTest() {
        mapped.put(header, List.of(
                outgoing(KafkaTopics.MD_PRODUCTION_ORDERS, "FIRM_PLANNED|RPO-1001", "RPO-1001", 10),
                outgoing(KafkaTopics.MD_PRODUCTION_ORDERS, "RELEASED|RPO-1001", "RPO-1001", 10)));
        mapped.put(line, List.of(outgoing(KafkaTopics.MD_ITEMS, "BOLT", "BOLT", 11)));
        mapped.put(heartbeat, List.of());
    }

    @Test
    void sendsEveryRecordToItsPartitionAndConfirmsTheBatchOnlyOnceKafkaAcknowledgedIt() throws Exception {
        CompletingOnFlush producer = new CompletingOnFlush(null);
        RecordingCommitter committer = new RecordingCommitter(producer);
        new KafkaChangeWriter(producer, mapped::get).handleBatch(events(header, line, heartbeat), committer);

        List<ProducerRecord<byte[], byte[]>> sent = producer.history();
        assertEquals(List.of("FIRM_PLANNED|RPO-1001", "RELEASED|RPO-1001", "BOLT"),
                sent.stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)).toList());
        int orderPartition = Utils.toPositive(Utils.murmur2("RPO-1001".getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
        int boltPartition = Utils.toPositive(Utils.murmur2("BOLT".getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
        assertEquals(List.of(orderPartition, orderPartition, boltPartition),
                sent.stream().map(ProducerRecord::partition).toList());
        assertEquals(List.of(10L, 10L, 11L), sent.stream().map(ProducerRecord::timestamp).toList());
        assertArrayEquals(mapped.get(line).get(0).payload(), sent.get(2).value());
        // Every event is confirmed, the heartbeat that wrote nothing too, after all sends completed.
        assertEquals(List.of("header", "line", "heartbeat", "batch finished"), committer.calls);
        assertEquals(List.of(true, true, true, true), committer.allAcknowledgedAtCall);
    }

    @Test
    void aRefusedSendLeavesTheWholeBatchUnconfirmed() {
        CompletingOnFlush producer = new CompletingOnFlush(new TimeoutException("no broker"));
        RecordingCommitter committer = new RecordingCommitter(producer);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new KafkaChangeWriter(producer, mapped::get).handleBatch(events(header, line), committer));
        assertEquals(TimeoutException.class, e.getCause().getClass());
        assertEquals(List.of(), committer.calls);
    }

    /** Completes the sends when the writer flushes; the first with {@code error} if one is given. */
    static final class CompletingOnFlush extends MockProducer<byte[], byte[]> {
        private final RuntimeException error;

        CompletingOnFlush(RuntimeException error) {
            super(cluster(), false, null, new ByteArraySerializer(), new ByteArraySerializer());
            this.error = error;
        }

        @Override
        public synchronized void flush() {
            if (error != null) {
                errorNext(error);
            }
            super.flush();
        }

        boolean nothingPending() {
            return !completeNext();
        }
    }

    static final class RecordingCommitter implements DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> {
        final List<String> calls = new ArrayList<>();
        final List<Boolean> allAcknowledgedAtCall = new ArrayList<>();
        private final CompletingOnFlush producer;

        RecordingCommitter(CompletingOnFlush producer) {
            this.producer = producer;
        }

        @Override
        public void markProcessed(RecordChangeEvent<SourceRecord> event) {
            calls.add(event.record().topic());
            allAcknowledgedAtCall.add(producer.nothingPending());
        }

        @Override
        public void markBatchFinished() {
            calls.add("batch finished");
            allAcknowledgedAtCall.add(producer.nothingPending());
        }

        @Override
        public void markProcessed(RecordChangeEvent<SourceRecord> event, DebeziumEngine.Offsets offsets) {
            throw new UnsupportedOperationException();
        }

        @Override
        public DebeziumEngine.Offsets buildOffsets() {
            throw new UnsupportedOperationException();
        }
    }

    private static List<RecordChangeEvent<SourceRecord>> events(SourceRecord... records) {
        List<RecordChangeEvent<SourceRecord>> events = new ArrayList<>();
        for (SourceRecord record : records) {
            events.add(() -> record);
        }
        return events;
    }

    private static SourceRecord source(String name) {
        return new SourceRecord(Map.of(), Map.of(), name, null, null);
    }

    private static OutgoingRecord outgoing(String topic, String key, String partitionKey, long timestamp) {
        return new OutgoingRecord(topic, key, partitionKey, null, (topic + "/" + key).getBytes(StandardCharsets.UTF_8),
                timestamp);
    }

    private static Cluster cluster() {
        List<PartitionInfo> partitions = new ArrayList<>();
        for (String topic : KafkaTopics.ALL) {
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new PartitionInfo(topic, p, BROKER, new Node[] {BROKER}, new Node[] {BROKER}));
            }
        }
        return new Cluster("test", List.of(BROKER), partitions, java.util.Set.of(), java.util.Set.of());
    }
}
