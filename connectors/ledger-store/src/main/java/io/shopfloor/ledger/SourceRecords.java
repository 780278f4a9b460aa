package io.shopfloor.ledger;

import io.shopfloor.job.DeadLetters;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.journal.JournalLine;
import io.shopfloor.schema.journal.OrderStatusChange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The source records of the posting stage's refusals of journal lines and status changes: the stage keeps the input
 * only as text, so a re-drive looks the record up on its topic by order no. (the record's key) and source id (its
 * {@code sourceId} field; the letter's id is {@code order/<order no.>/<source id>/<reason>}). Only the selected
 * letters' records are kept, so the memory is bounded by the selection.
 */
final class SourceRecords {
    static final List<String> TOPICS = List.of(KafkaTopics.JOURNAL_LINES, KafkaTopics.ORDER_STATUS_CHANGES);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);

    record Found(String topic, byte[] key, byte[] value) {
    }

    private SourceRecords() {
    }

    static boolean isOrderInputRefusal(DeadLetterRedrive.StoredLetter letter) {
        return DeadLetters.ORDER_STAGE.equals(letter.stage())
                && !KafkaTopics.POSTING_INPUTS.contains(letter.sourceTopic()) && letter.key() != null;
    }

    /** The source record of each such letter, by the letter's id; letters whose record is gone are missing. */
    static Map<Long, Found> find(String bootstrapServers, Map<String, Object> properties,
                                 List<DeadLetterRedrive.StoredLetter> letters) {
        Map<String, Long> wanted = new HashMap<>();
        for (DeadLetterRedrive.StoredLetter letter : letters) {
            if (isOrderInputRefusal(letter)) {
                String key = new String(letter.key(), StandardCharsets.UTF_8);
                String prefix = "order/" + key + "/";
                String suffix = "/" + letter.reasonCode();
                String id = letter.idempotencyKey();
                if (id.startsWith(prefix) && id.endsWith(suffix) && id.length() > prefix.length() + suffix.length()) {
                    wanted.put(key + "\n" + id.substring(prefix.length(), id.length() - suffix.length()),
                            letter.id());
                }
            }
        }
        Map<Long, Found> found = new HashMap<>();
        if (wanted.isEmpty()) {
            return found;
        }
        Map<String, Object> config = new HashMap<>(properties);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        BinaryMessageDecoder<JournalLine> journal = ShopfloorSchemas.decoder(JournalLine.class);
        BinaryMessageDecoder<OrderStatusChange> status = ShopfloorSchemas.decoder(OrderStatusChange.class);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = TOPICS.stream().flatMap(topic -> consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && found.size() < wanted.size()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + TOPICS + " took longer than " + READ_TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() == null || record.value() == null) {
                        continue;
                    }
                    String sourceId;
                    try {
                        sourceId = record.topic().equals(KafkaTopics.JOURNAL_LINES)
                                ? journal.decode(record.value()).getSourceId().toString()
                                : status.decode(record.value()).getSourceId().toString();
                    } catch (IOException | RuntimeException e) {
                        continue; // not a record of the topic: the job dead-lettered it at decoding
                    }
                    Long letter = wanted.get(new String(record.key(), StandardCharsets.UTF_8) + "\n" + sourceId);
                    if (letter != null) {
                        found.putIfAbsent(letter, new Found(record.topic(), record.key(), record.value()));
                    }
                }
            }
        }
        return found;
    }
}
