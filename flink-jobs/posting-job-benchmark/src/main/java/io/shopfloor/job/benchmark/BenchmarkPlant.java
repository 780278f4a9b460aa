package io.shopfloor.job.benchmark;

import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.SignalSender;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A simulated plant on Kafka: set A's master data, {@code orders} released copies of set A's order (large
 * quantities, so none finishes), and {@code machines} machines that each run one operation of one order and report
 * a cumulative 32-bit good and scrap counter every second (Avro single-object records keyed by machine id, as the
 * MQTT bridge writes them), with occasional stops. Deterministic for a given seed, apart from the date.
 *
 * <p>Machine {@code i} (0-based) works on order {@code RPO-(5001 + i mod orders)}; the first half of the machines
 * ({@code CUT-1}, {@code CUT-2}, ...) run op 10 (work center WC-CUT), the others ({@code ASSY-1}, ...) op 20 (machine
 * center MC-ASSY): the routing line decides the capacity, the machine id is free text. CUT machines set up for
 * five minutes first.
 */
final class BenchmarkPlant {
    /**
     * Simulated time ends at least this long before the wall clock: at the end of its bounded input the job reports
     * a day of silence after each machine's last signal (no-signal KPI windows), and a Kafka 4 broker refuses
     * records stamped more than an hour ahead of its clock ({@code log.message.timestamp.after.max.ms}).
     */
    private static final Duration ENDS_BEFORE_NOW = Duration.ofHours(26);
    /**
     * And starts at most this long before it: the job stamps its ledger records with event time, and the broker
     * deletes records older than the topic's retention (7 days by default) within minutes.
     */
    private static final Duration STARTS_AFTER_NOW_MINUS = Duration.ofDays(7).minusHours(6);
    static final BigDecimal ORDER_QUANTITY = new BigDecimal("1000000");
    static final int SETUP_SECONDS = 300;
    private static final long COUNTER_MASK = 0xFFFF_FFFFL;
    private static final String[] STOP_CODES = {"JAM", "MATERIAL", "TOOL"};

    /** One simulated machine. */
    static final class Machine {
        final String id;
        final String orderNo;
        final String operationNo;
        final int runsFrom; // first second in which it counts parts (after setup)
        final double partChance;
        long good;
        long scrap;
        long sequence;
        long goodCounted;
        long scrapCounted;
        int stoppedUntil = -1;

        Machine(String id, String orderNo, String operationNo, int runsFrom, double partChance, long goodStart,
                long scrapStart) {
            this.id = id;
            this.orderNo = orderNo;
            this.operationNo = operationNo;
            this.runsFrom = runsFrom;
            this.partChance = partChance;
            this.good = goodStart;
            this.scrap = scrapStart;
        }
    }

    /** What was written, per topic, and what the machines counted. */
    record Produced(long readings, long stateChanges, long operationEvents, long masterDataRecords, long seconds,
                    long goodCounted, long scrapCounted, double wallSeconds) {
    }

    final List<Machine> machines = new ArrayList<>();
    final List<String> orders = new ArrayList<>();
    /** The first simulated second: the start of an EARLY shift (06:00 UTC). */
    final Instant start;
    final Instant masterDataTime;
    final Instant defined;
    final Instant released;
    /** How many simulated seconds the readings span. */
    final long seconds;
    private final long readings;
    private final SplittableRandom random;

    /**
     * Simulated time starts at the latest 06:00 UTC from which the readings end {@link #ENDS_BEFORE_NOW} before
     * {@code now}; it must start less than {@link #STARTS_AFTER_NOW_MINUS} before {@code now} (at 2 readings per
     * machine and second: about 20 million readings with 20 machines).
     */
    BenchmarkPlant(long readings, int machineCount, int orderCount, long seed, Instant now) {
        if (machineCount < 1 || orderCount < 1 || readings < 2L * machineCount) {
            throw new IllegalArgumentException("need at least one machine, one order and two readings per machine");
        }
        this.readings = readings;
        this.seconds = (readings + 2L * machineCount - 1) / (2L * machineCount);
        Instant latestStart = now.minus(ENDS_BEFORE_NOW).minusSeconds(seconds);
        Instant shiftStart = latestStart.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(6));
        this.start = shiftStart.isAfter(latestStart) ? shiftStart.minus(Duration.ofDays(1)) : shiftStart;
        if (start.isBefore(now.minus(STARTS_AFTER_NOW_MINUS))) {
            throw new IllegalArgumentException(readings + " readings from " + machineCount + " machines span "
                    + Duration.ofSeconds(seconds) + " of simulated time: too long to fit between the broker's"
                    + " retention and the wall clock; use more machines or fewer readings");
        }
        this.masterDataTime = start.minusSeconds(7200);
        this.defined = start.minusSeconds(3600);
        this.released = start.minusSeconds(1800);
        this.random = new SplittableRandom(seed);
        for (int o = 0; o < orderCount; o++) {
            orders.add("RPO-" + (5001 + o));
        }
        int cutMachines = (machineCount + 1) / 2;
        for (int i = 0; i < machineCount; i++) {
            boolean cut = i < cutMachines;
            String id = cut ? "CUT-" + (i + 1) : "ASSY-" + (i - cutMachines + 1);
            // Random counter start values; the first machine's good counter wraps (2^32) early in the run.
            long goodStart = i == 0 ? COUNTER_MASK - 25 : random.nextLong(COUNTER_MASK + 1);
            long scrapStart = random.nextLong(1_000_000);
            machines.add(new Machine(id, orders.get(i % orderCount), cut ? "10" : "20", cut ? SETUP_SECONDS : 0,
                    cut ? 0.5 : 0.8, goodStart, scrapStart));
        }
    }

    /** Writes the master data, the orders, and the machines' signals; returns what it wrote. */
    Produced produceTo(String bootstrapServers) throws Exception {
        long started = System.nanoTime();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                // One batch in flight per partition: a retried batch never lands behind a later one.
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1",
                ProducerConfig.LINGER_MS_CONFIG, "10",
                ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024),
                ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(128L * 1024 * 1024)),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            SignalSender send = new SignalSender(producer, failure);
            masterData(send);
            machinesAtStart(send);
            long seconds = signals(send);
            producer.flush();
            if (failure.get() != null) {
                throw failure.get();
            }
            long masterData = KafkaTopics.MASTER_DATA.stream().mapToLong(t -> send.sent(t)).sum();
            return new Produced(send.sent(KafkaTopics.MACHINE_COUNTERS),
                    send.sent(KafkaTopics.MACHINE_STATES),
                    send.sent(KafkaTopics.OPERATION_EVENTS), masterData, seconds,
                    machines.stream().mapToLong(m -> m.goodCounted).sum(),
                    machines.stream().mapToLong(m -> m.scrapCounted).sum(),
                    (System.nanoTime() - started) / 1e9);
        }
    }

    private void masterData(SignalSender send) {
        SetAAvro.items(masterDataTime).forEach(i -> send.record(KafkaTopics.MD_ITEMS, i.getNo(), Item.class, i));
        SetAAvro.workCenters(masterDataTime)
                .forEach(w -> send.record(KafkaTopics.MD_WORK_CENTERS, w.getNo(), WorkCenter.class, w));
        send.record(KafkaTopics.MD_MACHINE_CENTERS, "MC-ASSY", MachineCenter.class,
                SetAAvro.machineCenter(masterDataTime));
        send.record(KafkaTopics.MD_LOCATIONS, "MAIN", Location.class, SetAAvro.location(masterDataTime));
        send.record(KafkaTopics.MD_MANUFACTURING_SETUP, "", ManufacturingSetup.class,
                SetAAvro.manufacturingSetup(masterDataTime));
        long lsn = 1000;
        for (String order : orders) {
            send.record(KafkaTopics.MD_PROD_ORDER_LINES, order, ProdOrderLine.class,
                    SetAAvro.line(order, ORDER_QUANTITY, defined));
            for (ProdOrderRoutingLine routing : SetAAvro.routing(order, defined)) {
                send.record(KafkaTopics.MD_PROD_ORDER_ROUTING_LINES, order, ProdOrderRoutingLine.class, routing);
            }
            for (ProdOrderComponent component : SetAAvro.components(order, defined)) {
                send.record(KafkaTopics.MD_PROD_ORDER_COMPONENTS, order, ProdOrderComponent.class, component);
            }
            send.record(KafkaTopics.MD_PRODUCTION_ORDERS, order, ProductionOrder.class,
                    SetAAvro.releasedOrder(order, ORDER_QUANTITY, released, lsn++));
        }
    }

    /** At the start every machine runs: CUT machines set up their operation first, ASSY machines start it. */
    private void machinesAtStart(SignalSender send) {
        for (Machine m : machines) {
            send.state(m.id, ++m.sequence, start, MachineState.RUNNING, null);
            if (m.runsFrom > 0) {
                send.operation(m.id, start, OperationEventType.SETUP_STARTED, m.orderNo, SetAAvro.LINE, m.operationNo);
                send.operation(m.id, start.plusSeconds(m.runsFrom), OperationEventType.OPERATION_STARTED, m.orderNo, SetAAvro.LINE, m.operationNo);
            } else {
                send.operation(m.id, start, OperationEventType.OPERATION_STARTED, m.orderNo, SetAAvro.LINE, m.operationNo);
            }
        }
    }

    /**
     * Every simulated second, each machine reports its good and its scrap counter (readings from second 1 on,
     * so the operation is known before the first part; the first reading is the counter's baseline, so parts
     * count from second 2). About every 15 minutes a machine stops for 10 s to 4 min
     * (stops under 30 s are micro-stops, still run time); it counts nothing while stopped.
     */
    private long signals(SignalSender send) {
        long written = 0;
        int second = 0;
        while (written < readings) {
            second++;
            Instant time = start.plusSeconds(second);
            for (Machine m : machines) {
                if (written >= readings) {
                    break;
                }
                if (second == m.stoppedUntil) {
                    send.state(m.id, ++m.sequence, time, MachineState.RUNNING, null);
                    m.stoppedUntil = -1;
                } else if (m.stoppedUntil < 0 && second > m.runsFrom && random.nextInt(900) == 0) {
                    m.stoppedUntil = second + 10 + random.nextInt(230);
                    send.state(m.id, ++m.sequence, time, MachineState.STOPPED, STOP_CODES[random.nextInt(STOP_CODES.length)]);
                }
                if (m.stoppedUntil < 0 && second > Math.max(m.runsFrom, 1) && random.nextDouble() < m.partChance) {
                    if (random.nextInt(50) == 0) {
                        m.scrap = (m.scrap + 1) & COUNTER_MASK;
                        m.scrapCounted++;
                    } else {
                        m.good = (m.good + 1) & COUNTER_MASK;
                        m.goodCounted++;
                    }
                }
                send.reading(m.id, ++m.sequence, time, "good", CounterKind.GOOD, m.good);
                written++;
                if (written < readings) {
                    send.reading(m.id, ++m.sequence, time, "scrap", CounterKind.SCRAP, m.scrap);
                    written++;
                }
            }
        }
        return second;
    }

}
