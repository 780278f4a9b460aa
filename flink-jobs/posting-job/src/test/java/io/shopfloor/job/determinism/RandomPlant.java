package io.shopfloor.job.determinism;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import io.shopfloor.job.Example1Plant.Timed;
import io.shopfloor.job.PostingJob;
import io.shopfloor.job.machine.CounterReading;
import io.shopfloor.job.machine.CounterReading.CounterKind;
import io.shopfloor.job.machine.MachineInput;
import io.shopfloor.job.machine.MachineSignal.OperationChanged;
import io.shopfloor.job.machine.MachineSignal.StateChanged;
import io.shopfloor.job.machine.MachineState;
import io.shopfloor.job.machine.MachineTimeline;
import io.shopfloor.job.machine.ShiftCalendar;
import io.shopfloor.job.masterdata.MasterDataChange;
import io.shopfloor.job.order.OrderAssembly;
import io.shopfloor.job.order.OrderInput;
import io.shopfloor.job.order.OrderLedger;
import io.shopfloor.posting.PostingSettings;
import io.shopfloor.posting.SetA;
import io.shopfloor.posting.model.CapacityCost;
import io.shopfloor.posting.model.MachineCenter;
import io.shopfloor.posting.order.OrderDefinition;
import io.shopfloor.posting.order.OrderStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A reproducible random plant (seeded {@link Random}): production orders copied from set A's definition
 * (RPO-2001.., 50..300 pieces each, released before the shift), cutting machines CUT-1..4 working op 10 and
 * assembly machines MC-ASSY and MC-ASSY-2 working op 20, each order's op 20 finishing with the order's full
 * quantity so that the job finishes the order itself. The machines send cumulative 16-bit good/scrap counters every
 * {@link #TICK_MILLIS} ms and state/operation events, with everything a real gateway does: stops with codes (JAM,
 * MAT), micro-stops shorter than the threshold, a maintenance period without order (a capacity stop on the
 * machine center named like the machine), a silence longer than the no-signal timeout, counters that wrap, a
 * controller restart (new boot epoch, counting from 0), test pieces counted without operation, a value too wide
 * for the counter, duplicated readings and adjacent readings swapped in arrival order (within the out-of-orderness
 * bound). {@link #machineInputs} is in arrival order; event times are in the inputs.
 */
public final class RandomPlant {
    public static final Instant START = Instant.parse("2026-03-02T06:00:00Z");
    public static final long TICK_MILLIS = 10_000;
    /** Bound of the machine source's watermark strategy; swapped readings are at most {@link #MAX_SWAP} apart. */
    public static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(30);
    static final Duration MAX_SWAP = Duration.ofSeconds(20);
    static final int WIDTH = 16;
    static final long RANGE = 1L << WIDTH;

    public static final PostingJob.Settings SETTINGS = new PostingJob.Settings(
            new MachineTimeline.Settings(Duration.ofMinutes(15), Duration.ofSeconds(30), Duration.ofMinutes(5),
                    ShiftCalendar.threeShifts()),
            Duration.ofMinutes(10), PostingSettings.DEFAULTS, OrderLedger.Settings.DEFAULTS, Duration.ofDays(7));

    public static final List<String> CUTTING = List.of("CUT-1", "CUT-2", "CUT-3", "CUT-4");
    public static final List<String> ASSEMBLY = List.of("MC-ASSY", "MC-ASSY-2");

    /** Order number to quantity, in order number order. */
    public final Map<String, Integer> quantities = new LinkedHashMap<>();
    /** Order number to the good parts its op 10 made (about the quantity). */
    public final Map<String, Integer> op10Good = new LinkedHashMap<>();
    public final List<Timed<MasterDataChange>> masterData = new ArrayList<>();
    public final List<Timed<OrderInput>> orderInputs = new ArrayList<>();
    public final List<MachineInput> machineInputs = new ArrayList<>();
    /** What the plant contains, for the report. */
    public final Map<String, Integer> counts = new LinkedHashMap<>();

    private final Random random;

    /**
     * The plant as the job's sources, with event-time watermarks. With a {@code failure}, the machine inputs come in
     * list order from a checkpointed position, a twentieth of them per checkpoint, so that checkpoints complete
     * mid-stream however loaded the machine is; the failing map at parallelism 1, chained to the source, keeps that
     * order. (The job needs checkpointing enabled then, or the source stalls after the first twentieth.)
     */
    public PostingJob.Sources sources(StreamExecutionEnvironment env, FailOnce failure) {
        DataStream<MachineInput> inputs;
        if (failure != null) {
            List<MachineInput> all = machineInputs;
            inputs = env.fromSource(new DataGeneratorSource<>(index -> all.get((int) (long) index), all.size(),
                            RateLimiterStrategy.perCheckpoint(Math.max(1, all.size() / 20)),
                            TypeInformation.of(MachineInput.class)),
                            WatermarkStrategy.noWatermarks(), "machine inputs").setParallelism(1)
                    .map(failure, TypeInformation.of(MachineInput.class)).setParallelism(1).name("fail once");
        } else {
            inputs = env.fromData(machineInputs, TypeInformation.of(MachineInput.class));
        }
        inputs = inputs.assignTimestampsAndWatermarks(WatermarkStrategy
                .<MachineInput>forBoundedOutOfOrderness(OUT_OF_ORDERNESS)
                .withTimestampAssigner((input, previous) -> input.eventTime().toEpochMilli()));
        return new PostingJob.Sources(inputs, Timed.source(env, orderInputs, PostingJob.ORDER_INPUT_TYPE),
                Timed.source(env, masterData, PostingJob.MASTER_DATA_TYPE));
    }

    public RandomPlant(long seed, int orderCount) {
        this.random = new Random(seed);
        for (int i = 0; i < orderCount; i++) {
            quantities.put("RPO-" + (2001 + i), 50 + random.nextInt(251));
        }
        buildMasterData();
        buildOrders();
        buildMachines();
    }

    private void count(String what) {
        counts.merge(what, 1, Integer::sum);
    }

    private void buildMasterData() {
        SetA setA = new SetA();
        for (String item : List.of("FG-100", "STEEL", "BOLT", "PAINT")) {
            masterData.add(new Timed<>(MasterDataChange.of(setA.masterData.item(item).orElseThrow()), 0));
        }
        masterData.add(new Timed<>(MasterDataChange.of(setA.masterData.workCenter("WC-CUT").orElseThrow()), 0));
        masterData.add(new Timed<>(MasterDataChange.of(setA.masterData.workCenter("WC-ASSY").orElseThrow()), 0));
        masterData.add(new Timed<>(MasterDataChange.of(setA.masterData.machineCenter("MC-ASSY").orElseThrow()), 0));
        masterData.add(new Timed<>(MasterDataChange.of(setA.masterData.location("MAIN").orElseThrow()), 0));
        // Order-less stop time (maintenance) posts on the machine center whose number is the machine id.
        for (String machine : CUTTING) {
            masterData.add(new Timed<>(MasterDataChange.of(
                    MachineCenter.of(machine, "WC-CUT", CapacityCost.of("1.00", "10", "0.10"))), 0));
        }
        masterData.add(new Timed<>(MasterDataChange.of(
                MachineCenter.of("MC-ASSY-2", "WC-ASSY", CapacityCost.of("0.50", "0", "0"))), 0));
    }

    private void buildOrders() {
        long defined = START.minus(Duration.ofMinutes(60)).toEpochMilli();
        long released = START.minus(Duration.ofMinutes(30)).toEpochMilli();
        for (Map.Entry<String, Integer> order : quantities.entrySet()) {
            String no = order.getKey();
            SetA setA = new SetA();
            setA.quantity = String.valueOf(order.getValue());
            OrderDefinition a = setA.definition();
            OrderDefinition definition = new OrderDefinition(no, a.description(), a.sourceNo(), a.locationCode(),
                    false, a.lines(), a.routingLines(), a.components());
            definition.lines().forEach(l -> orderInputs.add(new Timed<>(
                    new OrderInput.Definition(no, l, null, null, false, no + "/cdc-line-" + l.lineNo()), defined)));
            definition.routingLines().forEach(r -> orderInputs.add(new Timed<>(
                    new OrderInput.Definition(no, null, r, null, false, no + "/cdc-op-" + r.operationNo()), defined)));
            definition.components().forEach(c -> orderInputs.add(new Timed<>(
                    new OrderInput.Definition(no, null, null, c, false, no + "/cdc-comp-" + c.lineNo()), defined)));
            orderInputs.add(new Timed<>(new OrderInput.Header(new OrderAssembly.Header(no, definition.description(),
                    definition.sourceNo(), definition.locationCode(), false), OrderStatus.RELEASED, false,
                    no + "/cdc-release", SetA.D1), released));
        }
    }

    /** One machine's gateway: true part counts, the counters it reports, and its inputs in event-time order. */
    private final class Machine {
        final String id;
        final List<MachineInput> inputs = new ArrayList<>();
        long time;
        long good;
        long scrap;
        long goodOffset;
        long scrapOffset;
        long epoch = 1;
        long sequence;
        long lastGoodValue = -1;
        int silentTicks;
        boolean reported;

        Machine(String id, long phaseMillis, long goodOffset) {
            this.id = id;
            this.time = START.toEpochMilli() + phaseMillis;
            this.goodOffset = goodOffset;
            this.scrapOffset = random.nextInt(1000);
            state(0, MachineState.IDLE, null);
            readings();
        }

        Instant at(long offsetMillis) {
            return Instant.ofEpochMilli(time + offsetMillis);
        }

        /** Ten seconds pass, with parts made; then the gateway reports both counters (unless it is silent). */
        void tick(int goodParts, int scrapParts) {
            time += TICK_MILLIS;
            good += goodParts;
            scrap += scrapParts;
            reported = silentTicks == 0;
            if (silentTicks > 0) {
                silentTicks--;
                return;
            }
            readings();
        }

        void readings() {
            long goodValue = (goodOffset + good) % RANGE;
            if (goodValue < lastGoodValue) {
                count("counter wraps");
            }
            lastGoodValue = goodValue;
            inputs.add(MachineInput.of(new CounterReading(id, "good", CounterKind.GOOD, goodValue, WIDTH, epoch,
                    ++sequence, at(0))));
            inputs.add(MachineInput.of(new CounterReading(id, "scrap", CounterKind.SCRAP,
                    (scrapOffset + scrap) % RANGE, WIDTH, epoch, ++sequence, at(0))));
            count("counter readings");
            count("counter readings");
        }

        void idle(int ticks) {
            for (int i = 0; i < ticks; i++) {
                tick(0, 0);
            }
        }

        void state(long offsetMillis, MachineState state, String stopCode) {
            inputs.add(MachineInput.of(id, new StateChanged(at(offsetMillis), state, stopCode)));
            count("state changes");
        }

        void operation(OperationChanged.Type type, String order, String operationNo) {
            inputs.add(MachineInput.of(id, new OperationChanged(at(0), type, order, SetA.LINE, operationNo, null,
                    "OP-" + (1 + random.nextInt(9)))));
            count("operation events");
        }

        /**
         * Runs an operation until {@code target} good parts are made: a few parts a tick, with stops (JAM or MAT,
         * one to five minutes, nothing made) and micro-stops (under the 30 s threshold). {@code restartAt} and
         * {@code silenceAt} are the good part counts at which the controller restarts or the gateway goes silent;
         * the last part is not made before {@code lastPartFrom} (epoch millis).
         */
        void run(int target, int maxPerTick, double scrapRate, int restartAt, int silenceAt, long lastPartFrom) {
            state(0, MachineState.RUNNING, null);
            int made = 0;
            boolean restarted = false;
            boolean silenced = false;
            while (made < target) {
                double event = random.nextDouble();
                if (silentTicks == 0 && made > 0 && made < target - maxPerTick && event < 0.015) {
                    String code = random.nextBoolean() ? "JAM" : "MAT";
                    state(3_000, MachineState.STOPPED, code);
                    count("stops " + code);
                    int stopTicks = 6 + random.nextInt(25);
                    idle(stopTicks);
                    state(3_000, MachineState.RUNNING, null);
                } else if (silentTicks == 0 && made > 0 && event < 0.035) {
                    // A few seconds, under the 30 s threshold: within this tick, or across one reading.
                    long stoppedAt = 500 + random.nextInt(1_500);
                    state(stoppedAt, MachineState.STOPPED, "JAM");
                    if (random.nextBoolean()) {
                        tick(0, 0);
                        state(1_000 + random.nextInt(8_000), MachineState.RUNNING, null);
                    } else {
                        state(stoppedAt + 3_000 + random.nextInt(5_000), MachineState.RUNNING, null);
                    }
                    count("micro-stops");
                }
                int parts = Math.min(target - made - (time + TICK_MILLIS < lastPartFrom ? 1 : 0),
                        random.nextInt(maxPerTick + 1));
                int scrapParts = random.nextDouble() < scrapRate ? 1 : 0;
                made += parts;
                tick(parts, scrapParts);
                if (!restarted && made >= restartAt && made < target && silentTicks == 0) {
                    // The controller restarts right after a report: it counts again from 0 in a new boot epoch.
                    restarted = true;
                    epoch++;
                    good = 0;
                    scrap = 0;
                    goodOffset = 0;
                    scrapOffset = 0;
                    lastGoodValue = -1;
                    count("controller restarts");
                }
                if (!silenced && made >= silenceAt && made < target - 3 * maxPerTick) {
                    silenced = true;
                    silentTicks = 48; // 8 minutes without any signal, while the machine keeps making parts
                    count("silent gaps");
                }
            }
            if (silenced && !reported) {
                // The last parts were made in the silence: the gateway reports them before the operation ends.
                while (!reported) {
                    tick(0, 0);
                }
            }
        }
    }

    private void buildMachines() {
        List<String> orders = new ArrayList<>(quantities.keySet());
        Map<String, Long> op10Started = new LinkedHashMap<>();
        Map<String, Long> op10Finished = new LinkedHashMap<>();
        List<Machine> machines = new ArrayList<>();
        for (int m = 0; m < CUTTING.size(); m++) {
            String id = CUTTING.get(m);
            // CUT-1's good counter is 40 parts short of wrapping.
            Machine machine = new Machine(id, 1_300L * m, m == 0 ? RANGE - 40 : random.nextInt(30_000));
            machines.add(machine);
            if (m == 2) {
                // Planned maintenance before the first order: stop time without an order.
                machine.idle(6);
                machine.state(0, MachineState.MAINTENANCE, "PM");
                count("maintenance periods");
                machine.idle(150);
                machine.state(0, MachineState.IDLE, null);
            }
            for (int o = m; o < orders.size(); o += CUTTING.size()) {
                String order = orders.get(o);
                machine.idle(1 + random.nextInt(12));
                machine.state(0, MachineState.SETUP, null);
                machine.operation(OperationChanged.Type.SETUP_STARTED, order, "10");
                machine.idle(18 + random.nextInt(30));
                machine.operation(OperationChanged.Type.OPERATION_STARTED, order, "10");
                op10Started.put(order, machine.time);
                // Op 10 makes about the order quantity (a few more or less): it does not finish the order.
                int target = quantities.get(order) + random.nextInt(11) - 5;
                op10Good.put(order, target);
                machine.run(target, 3, 0.05, m == 1 && o == m ? target / 2 : Integer.MAX_VALUE,
                        m == 3 && o == m ? target / 3 : Integer.MAX_VALUE, Long.MIN_VALUE);
                machine.state(0, MachineState.IDLE, null);
                machine.operation(OperationChanged.Type.OPERATION_FINISHED, order, "10");
                op10Finished.put(order, machine.time);
            }
            if (m == 3) {
                // Test pieces counted with no operation: unattributed, for the dead letters.
                machine.idle(3);
                machine.tick(2, 0);
                count("unattributed test pieces");
            }
            machine.idle(30 + random.nextInt(30)); // then the gateway is switched off
        }
        List<String> byOp10 = new ArrayList<>(orders);
        byOp10.sort(Comparator.comparing(op10Finished::get));
        for (int m = 0; m < ASSEMBLY.size(); m++) {
            String id = ASSEMBLY.get(m);
            Machine machine = new Machine(id, 700L + 1_300L * m, m == 0 ? RANGE - 25 : random.nextInt(30_000));
            machines.add(machine);
            for (int o = m; o < byOp10.size(); o += ASSEMBLY.size()) {
                String order = byOp10.get(o);
                // Assembly starts after cutting has finished, or (every other time) while it still runs: then
                // both machines report on the order in the same windows, and op 20 waits for op 10's last part.
                boolean overlapping = random.nextBoolean();
                long earliest = overlapping ? op10Started.get(order) + 60_000L * (5 + random.nextInt(10))
                        : op10Finished.get(order) + 60_000L * (2 + random.nextInt(6));
                if (overlapping && earliest < op10Finished.get(order)) {
                    count("overlapping op 10/op 20");
                }
                machine.idle((int) Math.max(1, (earliest - machine.time + TICK_MILLIS - 1) / TICK_MILLIS));
                machine.operation(OperationChanged.Type.OPERATION_STARTED, order, "20");
                // Op 20 makes exactly the order quantity: its finish completes the order.
                machine.run(quantities.get(order), 4, 0.0, Integer.MAX_VALUE, Integer.MAX_VALUE,
                        op10Finished.get(order) + 60_000L);
                machine.state(0, MachineState.IDLE, null);
                machine.operation(OperationChanged.Type.OPERATION_FINISHED, order, "20");
            }
            if (m == 1) {
                // A value a 16-bit counter cannot have: rejected as invalid, the baseline stays.
                machine.inputs.add(MachineInput.of(new CounterReading(id, "good", CounterKind.GOOD, 70_000, WIDTH,
                        machine.epoch, ++machine.sequence, machine.at(4_000))));
                count("invalid readings");
            }
            machine.idle(30 + random.nextInt(30));
        }

        // Arrival: all gateways merged by event time (stable: each machine's own order at one instant stays) ...
        List<MachineInput> merged = new ArrayList<>();
        machines.forEach(machine -> merged.addAll(machine.inputs));
        merged.sort(Comparator.comparing(MachineInput::eventTime));
        // ... with some readings delivered twice ...
        List<MachineInput> arrival = new ArrayList<>();
        for (MachineInput input : merged) {
            arrival.add(input);
            if (input.reading() != null && random.nextDouble() < 0.02) {
                arrival.add(input);
                count("duplicated readings");
            }
        }
        // ... and some adjacent pairs swapped (both well within the out-of-orderness bound).
        for (int i = 0; i + 1 < arrival.size(); i++) {
            MachineInput first = arrival.get(i);
            MachineInput second = arrival.get(i + 1);
            if (random.nextDouble() < 0.02 && !first.equals(second)
                    && Duration.between(first.eventTime(), second.eventTime()).compareTo(MAX_SWAP) <= 0) {
                arrival.set(i, second);
                arrival.set(i + 1, first);
                count(first.machineId().equals(second.machineId()) ? "swapped pairs (same machine)"
                        : "swapped pairs (two machines)");
                i++;
            }
        }
        machineInputs.addAll(arrival);
        counts.put("machine inputs", machineInputs.size());
        counts.put("orders", quantities.size());
        counts.put("order quantity total", quantities.values().stream().mapToInt(Integer::intValue).sum());
        counts.put("simulated minutes", (int) Duration.between(START,
                merged.get(merged.size() - 1).eventTime()).toMinutes());
    }
}
