package io.shopfloor.cluster;

import io.shopfloor.job.avro.AvroFixtures;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.SignalSender;
import io.shopfloor.schema.common.ProductionOrderStatus;
import io.shopfloor.schema.masterdata.CostingMethod;
import io.shopfloor.schema.masterdata.Item;
import io.shopfloor.schema.masterdata.Location;
import io.shopfloor.schema.masterdata.MachineCenter;
import io.shopfloor.schema.masterdata.ManufacturingSetup;
import io.shopfloor.schema.masterdata.ProdOrderComponent;
import io.shopfloor.schema.masterdata.ProdOrderLine;
import io.shopfloor.schema.masterdata.ProdOrderRoutingLine;
import io.shopfloor.schema.masterdata.ProductionOrder;
import io.shopfloor.schema.masterdata.WorkCenter;
import io.shopfloor.schema.signal.CounterKind;
import io.shopfloor.schema.signal.MachineState;
import io.shopfloor.schema.signal.OperationEventType;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A simulated plant on Kafka, as the MQTT bridge and the CDC connector would fill the topics: set A's master data,
 * two released orders (quantities too large to finish), and four machines (CUT-1/CUT-2 on op 10, ASSY-1/ASSY-2 on
 * op 20, one per order each) that report cumulative 32-bit good and scrap counters every {@link #TICK_SECONDS}
 * seconds and stop now and then. Runs live ({@link #runLive}: a tick every so many milliseconds), so that a test
 * can disturb the cluster while it runs; deterministic for a seed. Its ground truth: the parts each machine counted.
 * After {@link #ticks} working ticks come {@link #TAIL_TICKS} ticks of readings without parts, which move the
 * job's event time past the last part.
 */
final class LivePlant {
    static final int TICK_SECONDS = 5;
    static final int TAIL_TICKS = 120;
    static final BigDecimal ORDER_QUANTITY = new BigDecimal("1000000");
    private static final int LINE = 10000;
    private static final int SETUP_TICKS = 60;
    private static final String[] STOP_CODES = {"JAM", "MATERIAL", "TOOL"};

    /** One machine and what it counted. */
    static final class Machine {
        final String id;
        final String orderNo;
        final String operationNo;
        final int runsFromTick;
        long good;
        long scrap;
        long sequence;
        long goodCounted;
        long scrapCounted;
        int stoppedUntilTick = -1;

        Machine(String id, String orderNo, String operationNo, int runsFromTick, long good, long scrap) {
            this.id = id;
            this.orderNo = orderNo;
            this.operationNo = operationNo;
            this.runsFromTick = runsFromTick;
            this.good = good;
            this.scrap = scrap;
        }
    }

    final Instant start;
    final int ticks;
    final List<String> orders = List.of("RPO-7001", "RPO-7002");
    final List<Machine> machines = new ArrayList<>();
    private final SplittableRandom random;
    private final AtomicInteger ticksWritten = new AtomicInteger();
    private volatile SignalSender sender;

    /** {@code start}: the first tick's time, at least {@code (ticks + TAIL_TICKS) * TICK_SECONDS} in the past. */
    LivePlant(long seed, Instant start, int ticks) {
        this.start = start;
        this.ticks = ticks;
        this.random = new SplittableRandom(seed);
        machines.add(new Machine("CUT-1", orders.get(0), "10", SETUP_TICKS, random.nextLong(1L << 31), 0));
        machines.add(new Machine("CUT-2", orders.get(1), "10", SETUP_TICKS, 0xFFFF_FFFFL - 40, 7));
        machines.add(new Machine("ASSY-1", orders.get(0), "20", 0, random.nextLong(1L << 31), 100));
        machines.add(new Machine("ASSY-2", orders.get(1), "20", 0, random.nextLong(1L << 31), 0));
    }

    /** All ticks, working and tail. */
    int lastTick() {
        return ticks + TAIL_TICKS;
    }

    /** Event time of the last part any machine can have counted. */
    Instant lastPartTime() {
        return start.plusSeconds((long) ticks * TICK_SECONDS);
    }

    /** Good and scrap parts counted per order and operation ("RPO-7001/10" to {good, scrap}). */
    Map<String, long[]> counted() {
        Map<String, long[]> counted = new LinkedHashMap<>();
        for (Machine m : machines) {
            long[] parts = counted.computeIfAbsent(m.orderNo + "/" + m.operationNo, k -> new long[2]);
            parts[0] += m.goodCounted;
            parts[1] += m.scrapCounted;
        }
        return counted;
    }

    long records() {
        SignalSender current = sender;
        return current == null ? 0 : current.sent();
    }

    /**
     * Runs the plant live: the master data and tick 0 now, then one tick every {@code tickPeriod} on
     * {@code scheduler} (a gateway sends as time passes; no partition falls silent for longer than a tick period),
     * until the last tail tick. {@link #ticksWritten()} tells how far it is; the future completes when every record
     * is acknowledged, or fails with the first send failure.
     */
    CompletableFuture<Void> runLive(String bootstrapServers, ScheduledExecutorService scheduler,
                                    Duration tickPeriod) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, "5"), new ByteArraySerializer(), new ByteArraySerializer());
        AtomicReference<Exception> failure = new AtomicReference<>();
        SignalSender send = new SignalSender(producer, failure);
        sender = send;
        masterData(send);
        AtomicReference<ScheduledFuture<?>> schedule = new AtomicReference<>();
        schedule.set(scheduler.scheduleAtFixedRate(() -> {
            try {
                int tick = ticksWritten.get();
                tick(send, tick);
                producer.flush();
                ticksWritten.incrementAndGet();
                if (failure.get() != null || tick == lastTick()) {
                    producer.close();
                    schedule.get().cancel(false);
                    if (failure.get() != null) {
                        done.completeExceptionally(failure.get());
                    } else {
                        done.complete(null);
                    }
                }
            } catch (RuntimeException e) {
                producer.close();
                schedule.get().cancel(false);
                done.completeExceptionally(e);
            }
        }, 0, tickPeriod.toMillis(), TimeUnit.MILLISECONDS));
        return done;
    }

    /** How many ticks the live run has written (and had acknowledged). */
    int ticksWritten() {
        return ticksWritten.get();
    }

    private void masterData(SignalSender send) {
        Instant masterDataTime = start.minusSeconds(7200);
        Instant defined = start.minusSeconds(3600);
        Instant released = start.minusSeconds(1800);
        Item fg = Item.newBuilder(AvroFixtures.item("FG-100", "PCS", CostingMethod.STANDARD, "7.81", "1"))
                .setSingleLevelMaterialCost(AvroFixtures.q("4.55")).setSingleLevelCapacityCost(AvroFixtures.q("2.80"))
                .setSingleLevelCapacityOverheadCost(AvroFixtures.q("0.46")).build();
        for (Item item : List.of(fg, AvroFixtures.item("STEEL", "KG", CostingMethod.STANDARD, "1.50", "0.01"),
                AvroFixtures.item("BOLT", "PCS", CostingMethod.STANDARD, "0.10", "1"),
                AvroFixtures.item("PAINT", "L", CostingMethod.STANDARD, "20.00", "0.001"))) {
            send.record(KafkaTopics.MD_ITEMS, item.getNo(), Item.class,
                    Item.newBuilder(item).setSourceTimestamp(masterDataTime).build());
        }
        for (WorkCenter center : List.of(AvroFixtures.workCenter("WC-CUT", "1.00", "10", "0.10", "1.20"),
                AvroFixtures.workCenter("WC-ASSY", "0.50", "0", "0", "0.50"))) {
            send.record(KafkaTopics.MD_WORK_CENTERS, center.getNo(), WorkCenter.class,
                    WorkCenter.newBuilder(center).setSourceTimestamp(masterDataTime).build());
        }
        send.record(KafkaTopics.MD_MACHINE_CENTERS, "MC-ASSY", MachineCenter.class,
                MachineCenter.newBuilder(AvroFixtures.machineCenter("MC-ASSY", "WC-ASSY", "0.50"))
                        .setSourceTimestamp(masterDataTime).build());
        send.record(KafkaTopics.MD_LOCATIONS, "MAIN", Location.class,
                Location.newBuilder(AvroFixtures.location("MAIN")).setSourceTimestamp(masterDataTime).build());
        send.record(KafkaTopics.MD_MANUFACTURING_SETUP, "", ManufacturingSetup.class,
                ManufacturingSetup.newBuilder(AvroFixtures.manufacturingSetup()).setSourceTimestamp(masterDataTime)
                        .build());
        long lsn = 1000;
        BigDecimal quantity = ORDER_QUANTITY.setScale(5);
        for (String order : orders) {
            send.record(KafkaTopics.MD_PROD_ORDER_LINES, order, ProdOrderLine.class,
                    ProdOrderLine.newBuilder(AvroFixtures.setALine()).setProdOrderNo(order).setQuantity(quantity)
                            .setQuantityBase(quantity).setRemainingQuantity(quantity).setRemainingQtyBase(quantity)
                            .setSourceTimestamp(defined).build());
            for (ProdOrderRoutingLine routing : AvroFixtures.setARouting()) {
                send.record(KafkaTopics.MD_PROD_ORDER_ROUTING_LINES, order, ProdOrderRoutingLine.class,
                        ProdOrderRoutingLine.newBuilder(routing).setProdOrderNo(order).setSourceTimestamp(defined)
                                .build());
            }
            for (ProdOrderComponent component : AvroFixtures.setAComponents()) {
                send.record(KafkaTopics.MD_PROD_ORDER_COMPONENTS, order, ProdOrderComponent.class,
                        ProdOrderComponent.newBuilder(component).setProdOrderNo(order).setSourceTimestamp(defined)
                                .build());
            }
            send.record(KafkaTopics.MD_PRODUCTION_ORDERS, order, ProductionOrder.class,
                    ProductionOrder.newBuilder(AvroFixtures.setAOrder()).setStatus(ProductionOrderStatus.RELEASED)
                            .setNo(order).setDescription("FG-100 x " + ORDER_QUANTITY).setQuantity(quantity)
                            .setSourceLsn(lsn++).setSourceTimestamp(released).build());
        }
    }

    /**
     * Tick 0: every machine runs, CUT machines setting up first. Then each tick: a machine may stop (1 in 80, for
     * 30 s to 3 min), counts 0..3 good parts (1 in 15 ticks a scrap part instead) while running its operation, and
     * reports both counters (readings from tick 1 on; the first is the counter's baseline).
     */
    private void tick(SignalSender send, int tick) {
        Instant time = start.plusSeconds((long) tick * TICK_SECONDS);
        for (Machine m : machines) {
            if (tick == 0) {
                send.state(m.id, ++m.sequence, time, MachineState.RUNNING, null);
                send.operation(m.id, time, m.runsFromTick > 0 ? OperationEventType.SETUP_STARTED
                        : OperationEventType.OPERATION_STARTED, m.orderNo, LINE, m.operationNo);
                continue;
            }
            if (tick == m.runsFromTick) {
                send.operation(m.id, time, OperationEventType.OPERATION_STARTED, m.orderNo, LINE, m.operationNo);
            }
            boolean working = tick <= ticks;
            if (tick == m.stoppedUntilTick) {
                send.state(m.id, ++m.sequence, time, MachineState.RUNNING, null);
                m.stoppedUntilTick = -1;
            } else if (working && m.stoppedUntilTick < 0 && tick > m.runsFromTick && random.nextInt(80) == 0) {
                m.stoppedUntilTick = Math.min(ticks, tick + 6 + random.nextInt(31));
                send.state(m.id, ++m.sequence, time, MachineState.STOPPED, STOP_CODES[random.nextInt(STOP_CODES.length)]);
            }
            if (working && m.stoppedUntilTick < 0 && tick > Math.max(m.runsFromTick, 1)) {
                if (random.nextInt(15) == 0) {
                    m.scrap = (m.scrap + 1) & 0xFFFF_FFFFL;
                    m.scrapCounted++;
                } else {
                    int parts = random.nextInt(4);
                    m.good = (m.good + parts) & 0xFFFF_FFFFL;
                    m.goodCounted += parts;
                }
            }
            send.reading(m.id, ++m.sequence, time, "good", CounterKind.GOOD, m.good);
            send.reading(m.id, ++m.sequence, time, "scrap", CounterKind.SCRAP, m.scrap);
        }
    }

}
