package io.shopfloor.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The plant model: what happens, without I/O. From {@link PlantSettings} it plans every order on its line (op 10
 * with setup on the op 10 machine free first, op 20 after it on the op 20 machine free first) and plays each machine
 * on a 3 s grid: cycles with some scrap, jams with stop codes, micro-stops, counter readings every 30 s, one
 * controller restart (new boot epoch, counters from 0), one gateway dropout (8 minutes without any message while
 * the machine runs on), then duplicates and reorders some readings of the other JSON machines. The result is the
 * messages in publishing order and the {@link GroundTruth}. Seeded: the same settings give the same plan.
 */
public final class PlantModel {
    static final long TICK_MILLIS = 3_000;
    /** Shorter stops stay run time (the posting job's micro-stop threshold). */
    static final long MICRO_STOP_MILLIS = 30_000;
    static final long DROPOUT_MILLIS = 8 * 60_000;
    private static final double JAM_PER_TICK = 0.0015;
    private static final double MICRO_STOP_PER_TICK = 0.003;
    private static final double DUPLICATE_RATE = 0.02;
    private static final double REORDER_RATE = 0.02;
    private static final String[] STOP_CODES = {"JAM", "MAT", "TOOL"};

    /** The plan: layout, orders, messages in publishing order, ground truth, each machine's last counters. */
    public record PlantPlan(PlantSettings settings, PlantLayout layout, List<SimulatedOrder> orders,
                            List<MachineMessage> messages, GroundTruth truth) {

        /** The last counter message of each machine at or before {@code time} (null before its first). */
        public Map<String, MachineMessage> lastCountersAt(long time) {
            Map<String, MachineMessage> last = new LinkedHashMap<>();
            for (MachineMessage message : messages) {
                if (message.publishAtMillis() > time) {
                    break;
                }
                if (message.kind() == MachineMessage.Kind.COUNTERS
                        && (!last.containsKey(message.machineId())
                        || last.get(message.machineId()).timeMillis() < message.timeMillis())) {
                    last.put(message.machineId(), message);
                }
            }
            return last;
        }

        /** The last state message of each machine at or before {@code time}. */
        public Map<String, MachineMessage> lastStatesAt(long time) {
            Map<String, MachineMessage> last = new LinkedHashMap<>();
            for (MachineMessage message : messages) {
                if (message.publishAtMillis() > time) {
                    break;
                }
                if (message.kind() == MachineMessage.Kind.STATE) {
                    last.put(message.machineId(), message);
                }
            }
            return last;
        }

        /** Simulated time of the last planned message. */
        public long endMillis() {
            return messages.isEmpty() ? settings.start().toEpochMilli()
                    : messages.get(messages.size() - 1).publishAtMillis();
        }
    }

    private final PlantSettings settings;
    private final Random random;
    private final PlantLayout layout;
    private final List<SimulatedOrder> orders = new ArrayList<>();
    private final Map<String, MachineRun> runs = new LinkedHashMap<>();
    private final List<GroundTruth.Incident> incidents = new ArrayList<>();
    private final List<OperationBuilder> operations = new ArrayList<>();
    private final Map<String, Long> orderFinished = new LinkedHashMap<>();
    private String restartMachine;
    private String dropoutMachine;

    private PlantModel(PlantSettings settings) {
        this.settings = settings;
        this.random = new Random(settings.seed());
        this.layout = PlantLayout.of(settings.machines(), random);
    }

    public static PlantPlan plan(PlantSettings settings) {
        return new PlantModel(settings).build();
    }

    private PlantPlan build() {
        planOrders();
        // The restart on the first op 10 machine of the first JSON line, the dropout on the first op 10 machine of
        // the last JSON line (the machines that get their line's first order).
        List<SimulatedMachine> json = layout.machines().stream().filter(m -> m.protocol() == Protocol.JSON)
                .filter(m -> m.role() == MachineRole.FIRST_OPERATION).toList();
        restartMachine = json.get(0).machineId();
        int lastJsonLine = json.get(json.size() - 1).lineNo();
        dropoutMachine = json.stream().filter(m -> m.lineNo() == lastJsonLine).findFirst().orElseThrow().machineId();
        if (dropoutMachine.equals(restartMachine)) {
            dropoutMachine = layout.machines().stream().filter(m -> m.protocol() == Protocol.JSON)
                    .filter(m -> m.role() == MachineRole.LAST_OPERATION).findFirst().orElseThrow().machineId();
        }
        long start = settings.start().toEpochMilli();
        for (SimulatedMachine machine : layout.machines()) {
            runs.put(machine.machineId(), new MachineRun(machine, start));
        }
        for (int line = 1; line <= layout.lines(); line++) {
            runLine(line);
        }
        long end = runs.values().stream().mapToLong(r -> r.now).max().orElse(start) + 10 * 60_000;
        runs.values().forEach(run -> run.idleUntil(end));
        List<MachineMessage> messages = deliver();
        return new PlantPlan(settings, layout, List.copyOf(orders), messages, truth(end, messages));
    }

    private void planOrders() {
        int next = 5001;
        for (int line = 1; line <= layout.lines(); line++) {
            Product product = line % 2 == 1 ? Product.FG_100 : Product.FG_200;
            if (settings.includeSampleOrders() && line == 1) {
                orders.add(new SimulatedOrder("RPO-1003", Product.FG_100, 20, 1, true));
            }
            if (settings.includeSampleOrders() && line == 2) {
                orders.add(new SimulatedOrder("RPO-1002", Product.FG_200, 50, 2, true));
            }
            for (int i = 0; i < settings.ordersPerLine(); i++) {
                int quantity = settings.minQuantity()
                        + random.nextInt(settings.maxQuantity() - settings.minQuantity() + 1);
                orders.add(new SimulatedOrder("RPO-" + next++, product, quantity, line, false));
            }
        }
    }

    private void runLine(int line) {
        List<MachineRun> first = layout.onLine(line, MachineRole.FIRST_OPERATION).stream()
                .map(m -> runs.get(m.machineId())).toList();
        List<MachineRun> last = layout.onLine(line, MachineRole.LAST_OPERATION).stream()
                .map(m -> runs.get(m.machineId())).toList();
        Map<String, Long> firstDone = new LinkedHashMap<>();
        List<SimulatedOrder> lineOrders = orders.stream().filter(o -> o.lineNo() == line).toList();
        for (SimulatedOrder order : lineOrders) {
            MachineRun machine = first.stream().min(Comparator.comparingLong(r -> r.now)).orElseThrow();
            machine.idleUntil(machine.now + ticks(10 + random.nextInt(60)));
            int setupMinutes = order.product().minSetupMinutes()
                    + random.nextInt(order.product().maxSetupMinutes() - order.product().minSetupMinutes() + 1);
            machine.operate(order, setupMinutes * 60_000L, 0.05);
            firstDone.put(order.orderNo(), machine.now);
        }
        for (SimulatedOrder order : lineOrders.stream()
                .sorted(Comparator.comparingLong(o -> firstDone.get(o.orderNo()))).toList()) {
            MachineRun machine = last.stream().min(Comparator.comparingLong(r -> r.now)).orElseThrow();
            long transfer = firstDone.get(order.orderNo()) + ticks(20 + random.nextInt(40));
            machine.idleUntil(Math.max(machine.now + TICK_MILLIS, transfer));
            machine.operate(order, 0, 0.02);
            orderFinished.put(order.orderNo(), machine.now);
        }
    }

    private static long ticks(int count) {
        return count * TICK_MILLIS;
    }

    /** All machines' messages by publishing time, each machine's own order kept at one instant. */
    private List<MachineMessage> deliver() {
        List<MachineMessage> all = new ArrayList<>();
        int duplicated = 0;
        int reordered = 0;
        for (MachineRun run : runs.values()) {
            List<MachineMessage> own = run.messages;
            boolean disturbable = run.machine.protocol() == Protocol.JSON
                    && !run.machine.machineId().equals(restartMachine)
                    && !run.machine.machineId().equals(dropoutMachine) && run.machine.counterWidthBits() == 32;
            for (int i = 0; i < own.size(); i++) {
                MachineMessage message = own.get(i);
                if (disturbable && message.kind() == MachineMessage.Kind.COUNTERS) {
                    double draw = random.nextDouble();
                    if (draw < DUPLICATE_RATE) {
                        message = message.twice();
                        duplicated++;
                    } else if (draw < DUPLICATE_RATE + REORDER_RATE) {
                        // Delivered after the next reading (a gateway's store-and-forward retry).
                        message = message.delayedTo(message.timeMillis() + PlantLayout.READING_INTERVAL_MILLIS
                                + TICK_MILLIS / 2);
                        reordered++;
                    }
                }
                all.add(message);
            }
        }
        incidents.add(new GroundTruth.Incident("DUPLICATES", null, null, null, duplicated
                + " readings delivered twice"));
        incidents.add(new GroundTruth.Incident("REORDERED", null, null, null, reordered
                + " readings delivered after the next one"));
        this.duplicated = duplicated;
        this.reordered = reordered;
        List<MachineMessage> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingLong(MachineMessage::publishAtMillis)); // stable
        return List.copyOf(sorted);
    }

    private int duplicated;
    private int reordered;

    private GroundTruth truth(long end, List<MachineMessage> messages) {
        List<GroundTruth.OrderTruth> orderTruths = orders.stream().map(o -> new GroundTruth.OrderTruth(o.orderNo(),
                o.product().itemNo(), o.quantity(), o.lineNo(), o.inSampleData(),
                Instant.ofEpochMilli(orderFinished.get(o.orderNo())))).toList();
        List<GroundTruth.OperationTruth> operationTruths = operations.stream().map(OperationBuilder::build).toList();
        List<GroundTruth.MachineTruth> machineTruths = runs.values().stream().map(r -> new GroundTruth.MachineTruth(
                r.machine.machineId(), r.total.good, r.total.scrap, r.total.setupMillis, r.total.runMillis,
                r.total.stopMillis(), r.total.noSignalMillis, r.idleMillis)).toList();
        return new GroundTruth(settings.seed(), settings.start(), Instant.ofEpochMilli(end), orderTruths,
                operationTruths, machineTruths, List.copyOf(incidents), duplicated, reordered);
    }

    /** Time and parts of one operation (or of a machine in total). */
    private static final class OperationBuilder {
        final String orderNo;
        final String operationNo;
        final String machineId;
        long good;
        long scrap;
        long setupMillis;
        long runMillis;
        final TreeMap<String, Long> stopMillis = new TreeMap<>();
        long noSignalMillis;
        long startedAt;
        long finishedAt;

        OperationBuilder(String orderNo, String operationNo, String machineId) {
            this.orderNo = orderNo;
            this.operationNo = operationNo;
            this.machineId = machineId;
        }

        long stopMillis() {
            return stopMillis.values().stream().mapToLong(Long::longValue).sum();
        }

        GroundTruth.OperationTruth build() {
            return new GroundTruth.OperationTruth(orderNo, operationNo, machineId, good, scrap, setupMillis, runMillis,
                    Map.copyOf(stopMillis), noSignalMillis, Instant.ofEpochMilli(startedAt),
                    Instant.ofEpochMilli(finishedAt));
        }
    }

    /** One machine played forward in time: its state, counters, the messages it sends and its true time. */
    private final class MachineRun {
        final SimulatedMachine machine;
        final List<MachineMessage> messages = new ArrayList<>();
        final OperationBuilder total;
        final long counterRange;
        long now;
        long nextReading;
        long lastReading = Long.MIN_VALUE;
        long goodCounter;
        long scrapCounter;
        int bootEpoch = 1;
        String state = "IDLE";
        String stopCode;
        long stateSince;
        OperationBuilder context;
        boolean inSetup;
        long silentUntil = Long.MIN_VALUE;
        long idleMillis;
        int operatorNo;

        MachineRun(SimulatedMachine machine, long start) {
            this.machine = machine;
            this.total = new OperationBuilder(null, null, machine.machineId());
            this.counterRange = 1L << machine.counterWidthBits();
            this.goodCounter = machine.goodCounterStart();
            this.scrapCounter = machine.scrapCounterStart();
            this.now = start;
            this.stateSince = start;
            this.nextReading = start + machine.readingPhaseMillis();
            messages.add(MachineMessage.state(start, machine.machineId(), "IDLE", null, bootEpoch));
            operatorNo = 1 + random.nextInt(9);
        }

        /** Three seconds pass: the readings due in them are sent (unless the gateway is silent). */
        void step() {
            long until = now + TICK_MILLIS;
            while (nextReading < until) {
                if (nextReading >= silentUntil) {
                    messages.add(MachineMessage.counters(nextReading, machine.machineId(), goodCounter, scrapCounter,
                            bootEpoch));
                    lastReading = nextReading;
                }
                nextReading += PlantLayout.READING_INTERVAL_MILLIS;
            }
            now = until;
        }

        void idleUntil(long time) {
            while (now < time) {
                step();
            }
        }

        /** Closes the interval in the current state and context, then changes them. */
        void transition(String newState, String newStopCode, OperationBuilder newContext, boolean newInSetup) {
            long millis = now - stateSince;
            if (millis > 0) {
                account(millis);
            }
            if (!newState.equals(state) || newStopCode != null) {
                messages.add(MachineMessage.state(now, machine.machineId(), newState, newStopCode, bootEpoch));
            }
            state = newState;
            stopCode = newStopCode;
            stateSince = now;
            context = newContext;
            inSetup = newInSetup;
        }

        private void account(long millis) {
            switch (state) {
                case "IDLE" -> idleMillis += millis;
                case "SETUP" -> {
                    context.setupMillis += millis;
                    total.setupMillis += millis;
                }
                case "RUNNING" -> {
                    if (inSetup) {
                        context.setupMillis += millis;
                        total.setupMillis += millis;
                    } else {
                        context.runMillis += millis;
                        total.runMillis += millis;
                    }
                }
                case "STOPPED" -> {
                    if (millis < MICRO_STOP_MILLIS) { // a micro-stop stays run time
                        context.runMillis += millis;
                        total.runMillis += millis;
                    } else {
                        context.stopMillis.merge(stopCode, millis, Long::sum);
                        total.stopMillis.merge(stopCode, millis, Long::sum);
                    }
                }
                default -> throw new IllegalStateException(state);
            }
        }

        void operation(String eventType, SimulatedOrder order) {
            messages.add(MachineMessage.operation(now, machine.machineId(), eventType, order.orderNo(),
                    machine.operationNo(), "OP-" + operatorNo));
        }

        /** Runs one operation of {@code order}: setup (if any), then cycles until the order quantity is good. */
        void operate(SimulatedOrder order, long setupMillis, double scrapRate) {
            OperationBuilder operation = new OperationBuilder(order.orderNo(), machine.operationNo(),
                    machine.machineId());
            operations.add(operation);
            operation.startedAt = now;
            if (random.nextInt(4) == 0) {
                operatorNo = 1 + random.nextInt(9); // shift change at the terminal
            }
            if (setupMillis > 0) {
                operation(SETUP_STARTED, order);
                transition("SETUP", null, operation, true);
                idleUntil(now + setupMillis);
            }
            operation(OPERATION_STARTED, order);
            transition("RUNNING", null, operation, false);
            long cycle = machine.product().cycleMillis(machine.role());
            long cycleDone = 0;
            long cycleTarget = nextCycle(cycle);
            int made = 0;
            long lastPart = now;
            boolean restartHere = machine.machineId().equals(restartMachine) && !restarted;
            // A dropout may outlast the operation's parts: the machine then runs on until it reports again.
            boolean dropoutHere = machine.machineId().equals(dropoutMachine) && !droppedOut;
            while (made < order.quantity()) {
                boolean silent = now < silentUntil;
                boolean afterReading = lastReading == now - TICK_MILLIS / 2;
                double draw = random.nextDouble();
                if (!silent && made > 0 && draw < JAM_PER_TICK) {
                    transition("STOPPED", STOP_CODES[random.nextInt(STOP_CODES.length)], operation, false);
                    idleUntil(now + ticks(20 + random.nextInt(100)));
                    transition("RUNNING", null, operation, false);
                    continue;
                }
                if (!silent && made > 0 && draw < JAM_PER_TICK + MICRO_STOP_PER_TICK) {
                    transition("STOPPED", "JAM", operation, false);
                    idleUntil(now + ticks(2 + random.nextInt(7)));
                    transition("RUNNING", null, operation, false);
                    continue;
                }
                if (restartHere && !restarted && !silent && afterReading && made >= order.quantity() / 2) {
                    // The controller restarts right after a report: a new boot epoch, counters from 0.
                    restarted = true;
                    bootEpoch++;
                    goodCounter = 0;
                    scrapCounter = 0;
                    messages.add(MachineMessage.state(now, machine.machineId(), "RUNNING", null, bootEpoch));
                    incidents.add(new GroundTruth.Incident("CONTROLLER_RESTART", machine.machineId(),
                            Instant.ofEpochMilli(now), Instant.ofEpochMilli(now), "boot epoch " + bootEpoch
                            + ", counters from 0, during " + order.orderNo() + " op " + machine.operationNo()));
                }
                if (dropoutHere && !droppedOut && !silent && afterReading && made >= order.quantity() / 5) {
                    // The gateway goes quiet right after a report; the machine runs on and the counters keep
                    // counting. The next message is the reading DROPOUT_MILLIS after the last one.
                    droppedOut = true;
                    silentUntil = lastReading + DROPOUT_MILLIS;
                    operation.noSignalMillis += DROPOUT_MILLIS;
                    operation.runMillis -= DROPOUT_MILLIS;
                    total.noSignalMillis += DROPOUT_MILLIS;
                    total.runMillis -= DROPOUT_MILLIS;
                    incidents.add(new GroundTruth.Incident("GATEWAY_DROPOUT", machine.machineId(),
                            Instant.ofEpochMilli(lastReading), Instant.ofEpochMilli(silentUntil),
                            "no message for " + DROPOUT_MILLIS / 60_000 + " minutes during " + order.orderNo()
                                    + " op " + machine.operationNo()));
                }
                step();
                cycleDone += TICK_MILLIS;
                if (cycleDone >= cycleTarget) {
                    cycleDone = 0;
                    cycleTarget = nextCycle(cycle);
                    lastPart = now;
                    if (random.nextDouble() < scrapRate) {
                        scrapCounter = (scrapCounter + 1) % counterRange;
                        operation.scrap++;
                        total.scrap++;
                    } else {
                        goodCounter = (goodCounter + 1) % counterRange;
                        operation.good++;
                        total.good++;
                        made++;
                    }
                }
            }
            // The last part is reported before the operation is finished at the terminal.
            while (lastReading < lastPart || now < silentUntil) {
                step();
            }
            while (lastReading != now - TICK_MILLIS / 2) {
                step();
            }
            operation(OPERATION_FINISHED, order);
            transition("IDLE", null, null, false);
            operation.finishedAt = now;
        }

        private long nextCycle(long cycle) {
            long millis = Math.round(cycle * (0.9 + 0.2 * random.nextDouble()));
            return Math.max(TICK_MILLIS, millis / TICK_MILLIS * TICK_MILLIS);
        }
    }

    private boolean restarted;
    private boolean droppedOut;

    static final String SETUP_STARTED = "SETUP_STARTED";
    static final String OPERATION_STARTED = "OPERATION_STARTED";
    static final String OPERATION_FINISHED = "OPERATION_FINISHED";
}
