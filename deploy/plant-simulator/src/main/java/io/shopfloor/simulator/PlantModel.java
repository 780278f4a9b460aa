package io.shopfloor.simulator;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The plant model: what happens, without I/O. From {@link PlantSettings} it plans, round by round, orders on each
 * line as a planner releases them ({@code ordersPerLine} per line and round: op 10 with setup on the op 10 machine
 * free first, op 20 after it on the op 20 machine free first) and plays each machine on a 3 s grid: cycles with some
 * scrap, jams with stop codes, micro-stops, counter readings every 30 s, one controller restart (new boot epoch,
 * counters from 0), one gateway dropout (8 minutes without any message while the machine runs on), then duplicates
 * and reorders some readings of the other JSON machines. A round ends when its last operation does: every machine
 * waits idle until then, so no later round sends anything before it. Seeded: the same settings give the same rounds,
 * message for message, however many are planned at a time. Memory: the rounds' messages are handed out, and the
 * ground truth keeps the latest {@link #TRUTH_ORDERS_KEPT} orders (machine totals cover the whole time).
 */
public final class PlantModel {
    static final long TICK_MILLIS = 3_000;
    /** Shorter stops stay run time (the posting job's micro-stop threshold). */
    static final long MICRO_STOP_MILLIS = 30_000;
    static final long DROPOUT_MILLIS = 8 * 60_000;
    /** Orders (with their operations) the ground truth keeps; older ones drop out of it. */
    static final int TRUTH_ORDERS_KEPT = 1_000;
    /** How long the machines of a finite plant report idle after its last round. */
    private static final long FINAL_IDLE_MILLIS = 10 * 60_000;
    private static final double JAM_PER_TICK = 0.0015;
    private static final double MICRO_STOP_PER_TICK = 0.003;
    private static final double DUPLICATE_RATE = 0.02;
    private static final double REORDER_RATE = 0.02;
    private static final String[] STOP_CODES = {"JAM", "MAT", "TOOL"};

    /** The plan: layout, orders, messages in publishing order, ground truth. */
    public record PlantPlan(PlantSettings settings, PlantLayout layout, List<SimulatedOrder> orders,
                            List<MachineMessage> messages, GroundTruth truth) {

        /** The last counter message of each machine at or before {@code time} (null before its first). */
        public Map<String, MachineMessage> lastCountersAt(long time) {
            LastMessages last = new LastMessages();
            for (MachineMessage message : messages) {
                if (message.publishAtMillis() > time) {
                    break;
                }
                last.track(message);
            }
            return last.counters();
        }

        /** The last state message of each machine at or before {@code time}. */
        public Map<String, MachineMessage> lastStatesAt(long time) {
            LastMessages last = new LastMessages();
            for (MachineMessage message : messages) {
                if (message.publishAtMillis() > time) {
                    break;
                }
                last.track(message);
            }
            return last.states();
        }

        /** Simulated time of the last planned message. */
        public long endMillis() {
            return messages.isEmpty() ? settings.start().toEpochMilli()
                    : messages.get(messages.size() - 1).publishAtMillis();
        }
    }

    /**
     * One planning round: the orders released in it (to go into the ERP before its messages are sent), its
     * messages in publishing order, and the simulated time it ends at (every machine idle).
     */
    public record Round(int roundNo, List<SimulatedOrder> orders, List<MachineMessage> messages, long endMillis) {
    }

    /** Each machine's last counter reading (by reading time) and last state message among those tracked. */
    public static final class LastMessages {
        private final Map<String, MachineMessage> counters = new LinkedHashMap<>();
        private final Map<String, MachineMessage> states = new LinkedHashMap<>();

        public void track(MachineMessage message) {
            if (message.kind() == MachineMessage.Kind.COUNTERS) {
                MachineMessage last = counters.get(message.machineId());
                if (last == null || last.timeMillis() < message.timeMillis()) {
                    counters.put(message.machineId(), message);
                }
            } else if (message.kind() == MachineMessage.Kind.STATE) {
                states.put(message.machineId(), message);
            }
        }

        public Map<String, MachineMessage> counters() {
            return new LinkedHashMap<>(counters);
        }

        public Map<String, MachineMessage> states() {
            return new LinkedHashMap<>(states);
        }
    }

    private final PlantSettings settings;
    private final Random random;
    private final PlantLayout layout;
    private final Map<String, MachineRun> runs = new LinkedHashMap<>();
    private final List<GroundTruth.Incident> incidents = new ArrayList<>();
    /** The ground truth's orders and operations, oldest first, at most {@link #TRUTH_ORDERS_KEPT} orders. */
    private final ArrayDeque<SimulatedOrder> truthOrders = new ArrayDeque<>();
    private final Map<String, List<OperationBuilder>> operationsByOrder = new LinkedHashMap<>();
    private final Map<String, Long> orderFinished = new LinkedHashMap<>();
    private String restartMachine;
    private String dropoutMachine;
    private int roundNo;
    private int nextOrderNo = 5001;
    private long endMillis;
    private int duplicated;
    private int reordered;

    private PlantModel(PlantSettings settings) {
        this.settings = settings;
        this.random = new Random(settings.seed());
        this.layout = PlantLayout.of(settings.machines(), random);
        this.endMillis = settings.start().toEpochMilli();
    }

    /** A plant model before its first round. */
    public static PlantModel of(PlantSettings settings) {
        return new PlantModel(settings);
    }

    /**
     * The plan known at the start: every round of a finite plant, the first round of a continuous one (whose
     * planner goes on releasing orders: {@link #nextRound}).
     */
    public static PlantPlan plan(PlantSettings settings) {
        PlantModel model = new PlantModel(settings);
        List<SimulatedOrder> orders = new ArrayList<>();
        List<MachineMessage> messages = new ArrayList<>();
        do {
            Round round = model.nextRound();
            orders.addAll(round.orders());
            messages.addAll(round.messages()); // rounds do not overlap but for reordered readings: sort once
        } while (model.hasNextRound() && !settings.continuous());
        messages.sort(Comparator.comparingLong(MachineMessage::publishAtMillis)); // stable
        return new PlantPlan(settings, model.layout, List.copyOf(orders), List.copyOf(messages), model.truth());
    }

    public PlantSettings settings() {
        return settings;
    }

    public PlantLayout layout() {
        return layout;
    }

    /** Whether the planner releases another round (always, for a continuous plant). */
    public boolean hasNextRound() {
        return settings.continuous() || roundNo < settings.planningRounds();
    }

    /** Simulated time the planned rounds end at (the start before the first). */
    public long endMillis() {
        return endMillis;
    }

    /** Plans the next round: its orders, each machine played through it, its messages. */
    public Round nextRound() {
        if (!hasNextRound()) {
            throw new IllegalStateException("the plant has no more rounds after " + roundNo);
        }
        roundNo++;
        List<SimulatedOrder> orders = planOrders();
        if (roundNo == 1) {
            chooseIncidentMachines();
            long start = settings.start().toEpochMilli();
            for (SimulatedMachine machine : layout.machines()) {
                runs.put(machine.machineId(), new MachineRun(machine, start));
            }
        }
        for (int line = 1; line <= layout.lines(); line++) {
            runLine(line, orders);
        }
        long end = runs.values().stream().mapToLong(r -> r.now).max().orElse(endMillis)
                + (hasNextRound() ? 0 : FINAL_IDLE_MILLIS);
        runs.values().forEach(run -> run.idleUntil(end));
        endMillis = end;
        for (SimulatedOrder order : orders) {
            truthOrders.addLast(order);
        }
        while (truthOrders.size() > TRUTH_ORDERS_KEPT) {
            String dropped = truthOrders.removeFirst().orderNo();
            operationsByOrder.remove(dropped);
            orderFinished.remove(dropped);
        }
        return new Round(roundNo, List.copyOf(orders), deliver(), end);
    }

    /** The restart on the first op 10 machine of the first JSON line, the dropout on that of the last JSON line. */
    private void chooseIncidentMachines() {
        List<SimulatedMachine> json = layout.machines().stream().filter(m -> m.protocol() == Protocol.JSON)
                .filter(m -> m.role() == MachineRole.FIRST_OPERATION).toList();
        restartMachine = json.get(0).machineId();
        int lastJsonLine = json.get(json.size() - 1).lineNo();
        dropoutMachine = json.stream().filter(m -> m.lineNo() == lastJsonLine).findFirst().orElseThrow().machineId();
        if (dropoutMachine.equals(restartMachine)) {
            dropoutMachine = layout.machines().stream().filter(m -> m.protocol() == Protocol.JSON)
                    .filter(m -> m.role() == MachineRole.LAST_OPERATION).findFirst().orElseThrow().machineId();
        }
    }

    private List<SimulatedOrder> planOrders() {
        List<SimulatedOrder> orders = new ArrayList<>();
        for (int line = 1; line <= layout.lines(); line++) {
            Product product = line % 2 == 1 ? Product.FG_100 : Product.FG_200;
            if (settings.includeSampleOrders() && roundNo == 1 && line == 1) {
                orders.add(new SimulatedOrder("RPO-1003", Product.FG_100, 20, 1, true));
            }
            if (settings.includeSampleOrders() && roundNo == 1 && line == 2) {
                orders.add(new SimulatedOrder("RPO-1002", Product.FG_200, 50, 2, true));
            }
            for (int i = 0; i < settings.ordersPerLine(); i++) {
                int quantity = settings.minQuantity()
                        + random.nextInt(settings.maxQuantity() - settings.minQuantity() + 1);
                orders.add(new SimulatedOrder("RPO-" + nextOrderNo++, product, quantity, line, false));
            }
        }
        return orders;
    }

    /**
     * The machine an order goes to: the one free first; of machines free at once (all, at a round's start) the one
     * that ran the fewest operations, so that every machine gets work.
     */
    private static final Comparator<MachineRun> FREE_FIRST = Comparator.<MachineRun>comparingLong(r -> r.now)
            .thenComparingInt(r -> r.operationsRun);

    private void runLine(int line, List<SimulatedOrder> orders) {
        List<MachineRun> first = layout.onLine(line, MachineRole.FIRST_OPERATION).stream()
                .map(m -> runs.get(m.machineId())).toList();
        List<MachineRun> last = layout.onLine(line, MachineRole.LAST_OPERATION).stream()
                .map(m -> runs.get(m.machineId())).toList();
        Map<String, Long> firstDone = new LinkedHashMap<>();
        List<SimulatedOrder> lineOrders = orders.stream().filter(o -> o.lineNo() == line).toList();
        for (SimulatedOrder order : lineOrders) {
            MachineRun machine = first.stream().min(FREE_FIRST).orElseThrow();
            machine.idleUntil(machine.now + ticks(10 + random.nextInt(60)));
            int setupMinutes = order.product().minSetupMinutes()
                    + random.nextInt(order.product().maxSetupMinutes() - order.product().minSetupMinutes() + 1);
            machine.operate(order, setupMinutes * 60_000L, 0.05);
            firstDone.put(order.orderNo(), machine.now);
        }
        for (SimulatedOrder order : lineOrders.stream()
                .sorted(Comparator.comparingLong(o -> firstDone.get(o.orderNo()))).toList()) {
            MachineRun machine = last.stream().min(FREE_FIRST).orElseThrow();
            long transfer = firstDone.get(order.orderNo()) + ticks(20 + random.nextInt(40));
            machine.idleUntil(Math.max(machine.now + TICK_MILLIS, transfer));
            machine.operate(order, 0, 0.02);
            orderFinished.put(order.orderNo(), machine.now);
        }
    }

    private static long ticks(int count) {
        return count * TICK_MILLIS;
    }

    /** The round's messages of all machines by publishing time, each machine's own order kept at one instant. */
    private List<MachineMessage> deliver() {
        List<MachineMessage> all = new ArrayList<>();
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
            own.clear(); // handed out: the model keeps no messages of past rounds
        }
        all.sort(Comparator.comparingLong(MachineMessage::publishAtMillis)); // stable
        return List.copyOf(all);
    }

    /** What really happened through the planned rounds (the latest {@link #TRUTH_ORDERS_KEPT} orders). */
    public GroundTruth truth() {
        List<GroundTruth.OrderTruth> orderTruths = truthOrders.stream().map(o -> new GroundTruth.OrderTruth(
                o.orderNo(), o.product().itemNo(), o.quantity(), o.lineNo(), o.inSampleData(),
                Instant.ofEpochMilli(orderFinished.get(o.orderNo())))).toList();
        List<GroundTruth.OperationTruth> operationTruths = operationsByOrder.values().stream()
                .flatMap(List::stream).sorted(Comparator.comparingLong(o -> o.startedAt))
                .map(OperationBuilder::build).toList();
        List<GroundTruth.MachineTruth> machineTruths = runs.values().stream().map(r -> new GroundTruth.MachineTruth(
                r.machine.machineId(), r.total.good, r.total.scrap, r.total.setupMillis, r.total.runMillis,
                r.total.stopMillis(), r.total.noSignalMillis, r.idleMillis)).toList();
        List<GroundTruth.Incident> allIncidents = new ArrayList<>(incidents);
        allIncidents.add(new GroundTruth.Incident("DUPLICATES", null, null, null, duplicated
                + " readings delivered twice"));
        allIncidents.add(new GroundTruth.Incident("REORDERED", null, null, null, reordered
                + " readings delivered after the next one"));
        return new GroundTruth(settings.seed(), settings.start(), Instant.ofEpochMilli(endMillis), orderTruths,
                operationTruths, machineTruths, List.copyOf(allIncidents), duplicated, reordered);
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
        int operationsRun;

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
            operationsByOrder.computeIfAbsent(order.orderNo(), k -> new ArrayList<>()).add(operation);
            operationsRun++;
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

        /**
         * A real cycle: the routing's run time per piece is the ideal (the fastest the machine makes a piece), so a
         * cycle takes it up to 20 % longer, rounded up to the grid; never faster, or performance would pass 100 %.
         */
        private long nextCycle(long cycle) {
            long millis = Math.round(cycle * (1.0 + 0.2 * random.nextDouble()));
            return Math.max(TICK_MILLIS, Math.floorDiv(millis + TICK_MILLIS - 1, TICK_MILLIS) * TICK_MILLIS);
        }
    }

    private boolean restarted;
    private boolean droppedOut;

    static final String SETUP_STARTED = "SETUP_STARTED";
    static final String OPERATION_STARTED = "OPERATION_STARTED";
    static final String OPERATION_FINISHED = "OPERATION_FINISHED";
}
