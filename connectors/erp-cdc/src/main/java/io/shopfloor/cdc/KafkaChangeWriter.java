package io.shopfloor.cdc;

import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debezium's batches to Kafka, at least once: every record of a batch is sent, the broker's acknowledgement of
 * all of them is awaited, and only then are they marked processed, which lets Debezium store the offsets (and
 * confirm the log position to PostgreSQL). A crash in between re-sends on restart instead of losing a change;
 * the repeats are harmless on compacted topics (same key, same value). A send that fails stops the engine.
 *
 * <p>Partitions: {@code murmur2(partitionKey) mod partitions}, as Kafka's default partitioner does for the key. For
 * the order tables the partition key is the order number, so an order's rows stay in commit order in each topic.
 */
public final class KafkaChangeWriter implements DebeziumEngine.ChangeConsumer<RecordChangeEvent<SourceRecord>> {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaChangeWriter.class);

    private final Producer<byte[], byte[]> producer;
    private final Function<SourceRecord, List<OutgoingRecord>> mapper;
    private final Map<String, Integer> partitionCounts = new HashMap<>();
    private long written;

    /** @param mapper one source record to what Kafka gets (nothing for heartbeats and other non-row records) */
    public KafkaChangeWriter(Producer<byte[], byte[]> producer, Function<SourceRecord, List<OutgoingRecord>> mapper) {
        this.producer = producer;
        this.mapper = mapper;
    }

    /** The usual mapping: Debezium row changes of the ERP tables through {@link ChangeMapper}. */
    public static Function<SourceRecord, List<OutgoingRecord>> erpMapping() {
        DebeziumChanges changes = new DebeziumChanges();
        ChangeMapper mapper = new ChangeMapper();
        return record -> changes.of(record).map(mapper::map).orElse(List.of());
    }

    @Override
    public void handleBatch(List<RecordChangeEvent<SourceRecord>> events,
                            DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer)
            throws InterruptedException {
        List<Future<RecordMetadata>> acknowledgements = new ArrayList<>();
        for (RecordChangeEvent<SourceRecord> event : events) {
            for (OutgoingRecord record : mapper.apply(event.record())) {
                acknowledgements.add(producer.send(new ProducerRecord<>(record.topic(), partition(record),
                        record.timestamp(), record.key().getBytes(StandardCharsets.UTF_8), record.payload())));
            }
        }
        producer.flush();
        for (Future<RecordMetadata> acknowledgement : acknowledgements) {
            try {
                acknowledgement.get();
            } catch (ExecutionException e) {
                // Nothing of this batch is marked processed: a restart reads it again from the stored offsets.
                throw new IllegalStateException("Kafka refused a master-data record; the batch stays unconfirmed",
                        e.getCause());
            }
        }
        for (RecordChangeEvent<SourceRecord> event : events) {
            committer.markProcessed(event);
        }
        committer.markBatchFinished();
        written += acknowledgements.size();
        LOG.debug("{} change events written as {} records ({} in all)", events.size(), acknowledgements.size(),
                written);
    }

    /** Debezium's bare tombstones are switched off (tombstones.on.delete); one that came would map to nothing. */
    @Override
    public boolean supportsTombstoneEvents() {
        return true;
    }

    private int partition(OutgoingRecord record) {
        int partitions = partitionCounts.computeIfAbsent(record.topic(), topic -> producer.partitionsFor(topic).size());
        return Utils.toPositive(Utils.murmur2(record.partitionKey().getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
