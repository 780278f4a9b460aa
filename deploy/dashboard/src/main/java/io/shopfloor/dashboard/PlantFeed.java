package io.shopfloor.dashboard;

import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.masterdata.Item;
import io.shopfloor.schema.masterdata.MachineCenter;
import io.shopfloor.schema.masterdata.ProdOrderComponent;
import io.shopfloor.schema.masterdata.ProdOrderLine;
import io.shopfloor.schema.masterdata.ProdOrderRoutingLine;
import io.shopfloor.schema.masterdata.ProductionOrder;
import io.shopfloor.schema.masterdata.WorkCenter;
import io.shopfloor.schema.signal.MachineKpi;
import io.shopfloor.schema.signal.MachineStateChange;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads machine states, machine KPIs and the master data the job cards need from Kafka into the machine board and
 * the master-data cache, from the beginning of each topic (no consumer group: every dashboard sees everything).
 * Topics that do not exist yet are looked for again every few seconds. A record that does not decode goes to the
 * dead-letter topic with its reason and bytes; the feed goes on.
 */
public final class PlantFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PlantFeed.class);
    private static final Duration TOPIC_LOOKUP_INTERVAL = Duration.ofSeconds(2);

    /** Per topic: how its values decode. */
    private static final Map<String, BinaryMessageDecoder<? extends SpecificRecord>> DECODERS = decoders();

    private final MachineBoard board;
    private final MasterData masterData;
    private final Consumer<MachineView> onMachineChange;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> deadLetterProducer;
    private final Clock clock;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long recordsRead;
    private volatile long deadLetters;

    public PlantFeed(String bootstrapServers, MachineBoard board, MasterData masterData,
                     Consumer<MachineView> onMachineChange, Clock clock) {
        this.board = board;
        this.masterData = masterData;
        this.onMachineChange = onMachineChange;
        this.clock = clock;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.CLIENT_ID_CONFIG, "dashboard-feed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.deadLetterProducer = deadLetterProducer(bootstrapServers);
        this.thread = new Thread(this::run, "dashboard-plant-feed");
        this.thread.setDaemon(true);
    }

    private KafkaProducer<byte[], byte[]> deadLetterProducer(String bootstrapServers) {
        try {
            return new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.CLIENT_ID_CONFIG, "dashboard-dead-letters"),
                    new ByteArraySerializer(), new ByteArraySerializer());
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
    }

    public PlantFeed start() {
        thread.start();
        return this;
    }

    public long recordsRead() {
        return recordsRead;
    }

    public long deadLetters() {
        return deadLetters;
    }

    private void run() {
        Set<TopicPartition> assigned = new HashSet<>();
        long nextLookup = 0;
        try {
            while (running) {
                if (System.nanoTime() - nextLookup >= 0 && foundTopics(assigned) < DECODERS.size()) {
                    assignNewPartitions(assigned);
                    nextLookup = System.nanoTime() + TOPIC_LOOKUP_INTERVAL.toNanos();
                }
                if (assigned.isEmpty()) {
                    // Nothing to poll yet; wait on the lookup interval without busy-looping the broker.
                    synchronized (this) {
                        wait(TOPIC_LOOKUP_INTERVAL.toMillis());
                    }
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    handle(record);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.error("plant feed woken up unexpectedly", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("plant feed stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Until every topic was found, keep looking for the missing ones. */
    private static long foundTopics(Set<TopicPartition> assigned) {
        return assigned.stream().map(TopicPartition::topic).distinct().count();
    }

    private void assignNewPartitions(Set<TopicPartition> assigned) {
        Map<String, List<PartitionInfo>> topics = consumer.listTopics(Duration.ofSeconds(5));
        Set<TopicPartition> added = new HashSet<>();
        for (String topic : DECODERS.keySet()) {
            for (PartitionInfo info : topics.getOrDefault(topic, List.of())) {
                TopicPartition partition = new TopicPartition(topic, info.partition());
                if (!assigned.contains(partition)) {
                    added.add(partition);
                }
            }
        }
        if (!added.isEmpty()) {
            assigned.addAll(added);
            consumer.assign(assigned);
            consumer.seekToBeginning(added);
            LOG.info("dashboard reads {} partitions of {} topics", assigned.size(),
                    assigned.stream().map(TopicPartition::topic).distinct().count());
        }
    }

    void handle(ConsumerRecord<byte[], byte[]> record) {
        recordsRead++;
        SpecificRecord value;
        try {
            if (record.value() == null || record.value().length == 0) {
                throw new IllegalArgumentException("no value");
            }
            value = DECODERS.get(record.topic()).decode(record.value());
        } catch (Exception e) {
            deadLetter(record, e, DeadLetters.reasonCode(record.value(), e));
            return;
        }
        try {
            if (value instanceof MachineStateChange change) {
                onMachineChange.accept(board.apply(change));
            } else if (value instanceof MachineKpi kpi) {
                onMachineChange.accept(board.apply(kpi));
            } else {
                masterData.apply(value);
            }
        } catch (RuntimeException e) {
            // A record that decodes but cannot be applied must not stop the feed either.
            deadLetter(record, e, "UNPROCESSABLE");
        }
    }

    private void deadLetter(ConsumerRecord<byte[], byte[]> record, Exception failure, String reasonCode) {
        deadLetters++;
        LOG.warn("dead letter from {}-{}@{}: {} {}", record.topic(), record.partition(), record.offset(), reasonCode,
                failure.toString());
        byte[] letter = DeadLetters.encode(DeadLetters.of(record, failure, reasonCode, clock.instant()));
        deadLetterProducer.send(new ProducerRecord<>(DeadLetters.topic(), record.key(), letter), (metadata, e) -> {
            if (e != null) {
                LOG.error("could not write the dead letter of {}-{}@{}", record.topic(), record.partition(),
                        record.offset(), e);
            }
        });
    }

    private static Map<String, BinaryMessageDecoder<? extends SpecificRecord>> decoders() {
        Map<String, BinaryMessageDecoder<? extends SpecificRecord>> decoders = new LinkedHashMap<>();
        decoders.put(KafkaTopics.MACHINE_STATES, ShopfloorSchemas.decoder(MachineStateChange.class));
        decoders.put(KafkaTopics.MACHINE_KPIS, ShopfloorSchemas.decoder(MachineKpi.class));
        decoders.put(KafkaTopics.MD_PRODUCTION_ORDERS, ShopfloorSchemas.decoder(ProductionOrder.class));
        decoders.put(KafkaTopics.MD_PROD_ORDER_LINES, ShopfloorSchemas.decoder(ProdOrderLine.class));
        decoders.put(KafkaTopics.MD_PROD_ORDER_ROUTING_LINES, ShopfloorSchemas.decoder(ProdOrderRoutingLine.class));
        decoders.put(KafkaTopics.MD_PROD_ORDER_COMPONENTS, ShopfloorSchemas.decoder(ProdOrderComponent.class));
        decoders.put(KafkaTopics.MD_WORK_CENTERS, ShopfloorSchemas.decoder(WorkCenter.class));
        decoders.put(KafkaTopics.MD_MACHINE_CENTERS, ShopfloorSchemas.decoder(MachineCenter.class));
        decoders.put(KafkaTopics.MD_ITEMS, ShopfloorSchemas.decoder(Item.class));
        return Map.copyOf(decoders);
    }

    @Override
    public void close() {
        running = false;
        synchronized (this) {
            notifyAll();
        }
        if (thread.isAlive()) {
            consumer.wakeup();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (thread.getState() == Thread.State.NEW) {
            consumer.close(Duration.ZERO); // never started: the reading thread would have closed it
        }
        deadLetterProducer.close(Duration.ofSeconds(5));
    }
}
