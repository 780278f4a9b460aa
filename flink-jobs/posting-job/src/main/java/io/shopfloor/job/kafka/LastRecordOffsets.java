package io.shopfloor.job.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.Serializable;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The offset of the last committed record of each partition of a topic, as a read_committed consumer sees it now.
 * Not simply the end offset minus one: a transactional producer leaves commit markers (and aborted records) at the
 * end of the log, which no consumer ever receives, so the tail is read back until a committed record turns up.
 * Partitions without a committed record are left out.
 */
public interface LastRecordOffsets extends Serializable {

    /** Partition number to the offset of its last committed record. */
    Map<Integer, Long> of(String topic);

    /** Looks the offsets up on the broker, within {@code timeout}. */
    static LastRecordOffsets onKafka(String bootstrapServers, Duration timeout) {
        return topic -> lookUp(bootstrapServers, topic, timeout);
    }

    private static Map<Integer, Long> lookUp(String bootstrapServers, String topic, Duration timeout) {
        Map<String, Object> properties = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "shopfloor-last-record-" + topic);
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<Integer, Long> last = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null) {
                return Map.of();
            }
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions, timeout);
            for (TopicPartition partition : partitions) {
                long end = ends.get(partition);
                long begin = begins.get(partition);
                consumer.assign(List.of(partition));
                // Read back from the end in growing steps until a committed record is found or the log's start.
                for (long step = 64, from = end; from > begin && !last.containsKey(partition.partition()); step *= 8) {
                    long to = from;
                    from = Math.max(begin, to - step);
                    consumer.seek(partition, from);
                    while (consumer.position(partition) < to) {
                        if (System.nanoTime() > deadline) {
                            throw new IllegalStateException("could not read the end of " + partition + " within "
                                    + timeout);
                        }
                        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                            if (record.offset() < to) {
                                last.merge(partition.partition(), record.offset(), Math::max);
                            }
                        }
                    }
                }
            }
        }
        return last;
    }
}
