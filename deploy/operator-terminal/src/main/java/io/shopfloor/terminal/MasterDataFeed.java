package io.shopfloor.terminal;

import io.shopfloor.job.avro.MasterDataMapping;
import io.shopfloor.job.avro.OrderInputMapping;
import io.shopfloor.job.masterdata.AsOfMasterData;
import io.shopfloor.job.masterdata.MasterDataChange;
import io.shopfloor.job.masterdata.MasterDataVersions;
import io.shopfloor.job.order.OrderAssembly;
import io.shopfloor.posting.model.MasterData;
import io.shopfloor.posting.order.OrderDefinition;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.masterdata.Item;
import io.shopfloor.schema.masterdata.Location;
import io.shopfloor.schema.masterdata.MachineCenter;
import io.shopfloor.schema.masterdata.ManufacturingSetup;
import io.shopfloor.schema.masterdata.ProdOrderComponent;
import io.shopfloor.schema.masterdata.ProdOrderLine;
import io.shopfloor.schema.masterdata.ProdOrderRoutingLine;
import io.shopfloor.schema.masterdata.ProductionOrder;
import io.shopfloor.schema.masterdata.WorkCenter;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The ERP's master data as the posting job sees it: the compacted {@code md-*} topics read from the beginning and
 * followed, mapped with the job's own mapping, so that a preview refreshes an order exactly as the job did. Holds the
 * latest row per key (as many as the ERP has); an order is described by the rows of its current status.
 */
public final class MasterDataFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MasterDataFeed.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Map<String, MasterDataVersions> shared = new ConcurrentHashMap<>();
    private final Map<String, OrderRows> orders = new ConcurrentHashMap<>();
    private final BinaryMessageDecoder<ProductionOrder> orderDecoder = ShopfloorSchemas.decoder(ProductionOrder.class);
    private final BinaryMessageDecoder<ProdOrderLine> lineDecoder = ShopfloorSchemas.decoder(ProdOrderLine.class);
    private final BinaryMessageDecoder<ProdOrderRoutingLine> routingDecoder =
            ShopfloorSchemas.decoder(ProdOrderRoutingLine.class);
    private final BinaryMessageDecoder<ProdOrderComponent> componentDecoder =
            ShopfloorSchemas.decoder(ProdOrderComponent.class);
    private final BinaryMessageDecoder<Item> itemDecoder = ShopfloorSchemas.decoder(Item.class);
    private final BinaryMessageDecoder<WorkCenter> workCenterDecoder = ShopfloorSchemas.decoder(WorkCenter.class);
    private final BinaryMessageDecoder<MachineCenter> machineCenterDecoder =
            ShopfloorSchemas.decoder(MachineCenter.class);
    private final BinaryMessageDecoder<Location> locationDecoder = ShopfloorSchemas.decoder(Location.class);
    private final BinaryMessageDecoder<ManufacturingSetup> setupDecoder =
            ShopfloorSchemas.decoder(ManufacturingSetup.class);
    private volatile boolean running = true;

    /** The rows of one order, each by its Kafka key (which carries the status), deleted rows removed. */
    static final class OrderRows {
        final Map<String, ProductionOrder> headers = new TreeMap<>();
        final Map<String, ProdOrderLine> lines = new TreeMap<>();
        final Map<String, ProdOrderRoutingLine> routingLines = new TreeMap<>();
        final Map<String, ProdOrderComponent> components = new TreeMap<>();
    }

    /** A released order as the terminal lists it. */
    public record ReleasedOrder(String no, String description, String sourceNo, List<ProdOrderLine> lines,
                                List<ProdOrderRoutingLine> routingLines, List<ProdOrderComponent> components,
                                OrderDefinition definition) {
        public List<String> workCenters() {
            return routingLines.stream().map(r -> String.valueOf(r.getWorkCenterNo())).distinct().toList();
        }
    }

    public MasterDataFeed(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "operator-terminal-master-data",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        thread = new Thread(this::run, "terminal-master-data");
        thread.setDaemon(true);
    }

    public MasterDataFeed start() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : KafkaTopics.MASTER_DATA) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread.start();
        return this;
    }

    /** Waits until what the topics held at start is read. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        apply(record);
                    } catch (Exception e) {
                        LOG.warn("master data record {}@{}/{} skipped: {}", record.topic(), record.partition(),
                                record.offset(), e.toString());
                    }
                }
                if (caughtUp.getCount() > 0 && ends.entrySet().stream()
                        .allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("master data feed stopped", e);
        } finally {
            consumer.close();
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) throws Exception {
        if (record.value() == null) {
            return; // a tombstone: compaction's, the rows carry their own deleted flag
        }
        String key = record.key() == null ? "" : new String(record.key(), java.nio.charset.StandardCharsets.UTF_8);
        switch (record.topic()) {
            case KafkaTopics.MD_PRODUCTION_ORDERS -> {
                ProductionOrder o = orderDecoder.decode(record.value());
                put(rows(o.getNo()).headers, key, o, o.getDeleted());
            }
            case KafkaTopics.MD_PROD_ORDER_LINES -> {
                ProdOrderLine l = lineDecoder.decode(record.value());
                put(rows(l.getProdOrderNo()).lines, key, l, l.getDeleted());
            }
            case KafkaTopics.MD_PROD_ORDER_ROUTING_LINES -> {
                ProdOrderRoutingLine r = routingDecoder.decode(record.value());
                put(rows(r.getProdOrderNo()).routingLines, key, r, r.getDeleted());
            }
            case KafkaTopics.MD_PROD_ORDER_COMPONENTS -> {
                ProdOrderComponent c = componentDecoder.decode(record.value());
                put(rows(c.getProdOrderNo()).components, key, c, c.getDeleted());
            }
            case KafkaTopics.MD_ITEMS -> shared(OrderInputMapping.item(itemDecoder.decode(record.value())));
            case KafkaTopics.MD_WORK_CENTERS ->
                    shared(OrderInputMapping.workCenter(workCenterDecoder.decode(record.value())));
            case KafkaTopics.MD_MACHINE_CENTERS ->
                    shared(OrderInputMapping.machineCenter(machineCenterDecoder.decode(record.value())));
            case KafkaTopics.MD_LOCATIONS -> shared(OrderInputMapping.location(locationDecoder.decode(record.value())));
            case KafkaTopics.MD_MANUFACTURING_SETUP ->
                    shared(OrderInputMapping.manufacturingSetup(setupDecoder.decode(record.value())));
            default -> { }
        }
    }

    private OrderRows rows(String orderNo) {
        return orders.computeIfAbsent(orderNo, no -> new OrderRows());
    }

    private static <T> void put(Map<String, T> rows, String key, T row, boolean deleted) {
        synchronized (rows) {
            if (deleted) {
                rows.remove(key);
            } else {
                rows.put(key, row);
            }
        }
    }

    private void shared(MasterDataChange change) {
        // The latest row only: a preview posts now, against the master data as it is now.
        MasterDataVersions versions = new MasterDataVersions();
        versions.put(0, change.deleted() ? null : change.value());
        shared.put(change.key(), versions);
    }

    /** The current master data shared by all orders (items, centers, locations, setup). */
    public MasterData masterData() {
        return new AsOfMasterData(shared::get, Long.MAX_VALUE);
    }

    /** Released orders by number. */
    public List<ReleasedOrder> releasedOrders() {
        return orders.keySet().stream().sorted().map(this::releasedOrder).flatMap(Optional::stream).toList();
    }

    public Optional<ReleasedOrder> releasedOrder(String orderNo) {
        OrderRows rows = orders.get(orderNo);
        if (rows == null) {
            return Optional.empty();
        }
        synchronized (rows.headers) {
            Optional<ProductionOrder> header = rows.headers.values().stream()
                    .filter(h -> "RELEASED".equals(String.valueOf(h.getStatus()))).findFirst();
            if (header.isEmpty()) {
                return Optional.empty();
            }
            ProductionOrder h = header.get();
            List<ProdOrderLine> lines = released(rows.lines, l -> String.valueOf(l.getStatus()));
            List<ProdOrderRoutingLine> routing = released(rows.routingLines, r -> String.valueOf(r.getStatus()));
            List<ProdOrderComponent> components = released(rows.components, c -> String.valueOf(c.getStatus()));
            if (lines.isEmpty()) {
                return Optional.empty();
            }
            OrderAssembly assembly = new OrderAssembly();
            assembly.put(new OrderAssembly.Header(h.getNo(), h.getDescription(), h.getSourceNo(), h.getLocationCode(),
                    h.getBlocked()));
            lines.forEach(l -> assembly.put(MasterDataMapping.line(l), false));
            routing.forEach(r -> assembly.put(MasterDataMapping.routingLine(r), false));
            components.forEach(c -> assembly.put(MasterDataMapping.component(c), false));
            return Optional.of(new ReleasedOrder(h.getNo(), h.getDescription(), h.getSourceNo(), lines, routing,
                    components, assembly.definition()));
        }
    }

    private static <T> List<T> released(Map<String, T> rows, java.util.function.Function<T, String> status) {
        synchronized (rows) {
            return rows.values().stream().filter(r -> "RELEASED".equals(status.apply(r))).toList();
        }
    }

    /** The work center of a work or machine center (a machine center's own work center). */
    public Optional<String> workCenterOf(String type, String no) {
        MasterData md = masterData();
        if ("MACHINE_CENTER".equals(type)) {
            return md.machineCenter(no).map(io.shopfloor.posting.model.MachineCenter::workCenterNo);
        }
        return md.workCenter(no).map(io.shopfloor.posting.model.WorkCenter::no);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
