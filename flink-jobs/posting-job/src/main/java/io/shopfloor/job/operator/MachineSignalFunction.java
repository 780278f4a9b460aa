package io.shopfloor.job.operator;

import io.shopfloor.job.machine.MachineTimelineSerializer;
import io.shopfloor.job.types.RejectedSerializer;
import io.shopfloor.job.types.VersionedTypeInfo;
import io.shopfloor.job.machine.CounterDelta;
import io.shopfloor.job.machine.CounterDeltas;
import io.shopfloor.job.machine.CounterReading;
import io.shopfloor.job.machine.MachineInput;
import io.shopfloor.job.machine.MachineSignal;
import io.shopfloor.job.machine.MachineTimeline;
import io.shopfloor.job.machine.Rejected;
import io.shopfloor.job.machine.ReportedLine;
import io.shopfloor.job.machine.Unattributed;
import io.shopfloor.job.machine.WindowTotals;
import io.shopfloor.job.types.MachineInputSerializer;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeutils.base.ListSerializer;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * Per machine (keyed by machine id): applies counter readings, states and operation events in event-time order
 * behind the watermark, turns readings into deltas, and lets the {@link MachineTimeline} cut them into reported
 * lines. Late, invalid and unattributed input goes to {@link #REJECTED}; per-window totals to {@link #TOTALS}.
 *
 * <p>Held inputs wait in a map keyed by their event time (one entry per instant, with one event-time timer each),
 * so that holding or releasing one touches only its instant: on RocksDB every state access is a (de)serialization,
 * and a machine may hold thousands of inputs while the watermark waits for the slowest partition. The counter
 * baselines and the number of held inputs are one small value ({@link MachineCounters}), the timeline another,
 * changed at every instant. What each instant emits carries that instant as its timestamp, as downstream
 * ordering expects.
 *
 * <p>Run by {@link MachineSignalOperator}, these values stay in memory between checkpoints ({@link
 * WriteBackStates}): a machine's timeline holds the signals of the last horizon, and on RocksDB reading and writing
 * it for each instant would cost more per reading the more readings a machine sends. Run by a plain {@code
 * KeyedProcessOperator}, every access goes to state (the same output).
 *
 * <p>Release 1 kept the held inputs and baselines in one value ({@code machine-inputs}, {@link MachineInputs}) with
 * one timer at the earliest input. A machine restored with such a value moves it into the map at its first access
 * (the value is read only while the machine has no {@code machine-counters} yet), registering a timer per instant.
 */
public class MachineSignalFunction extends KeyedProcessFunction<String, MachineInput, ReportedLine> {
    public static final OutputTag<Rejected> REJECTED =
            new OutputTag<>("machine-rejected", new VersionedTypeInfo<>(Rejected.class, RejectedSerializer.INSTANCE));
    /** The totals' own serializer: Flink's record serializer cannot take their stop time by code without Kryo. */
    public static final OutputTag<WindowTotals> TOTALS = new OutputTag<>("machine-window-totals",
            new io.shopfloor.job.types.VersionedTypeInfo<>(WindowTotals.class,
                    io.shopfloor.job.types.WindowTotalsSerializer.INSTANCE));

    private final MachineTimeline.Settings settings;
    private final Duration allowedLateness;
    private final StateLimits limits;

    private transient MapState<Long, List<MachineInput>> held;
    private transient ValueState<MachineCounters> counters;
    private transient ValueState<MachineTimeline> timeline;
    /** Release 1's held inputs and baselines: only read (and then cleared) to move them into the state above. */
    private transient ValueState<MachineInputs> release1Inputs;
    /** The timeline, counters and held inputs in memory between checkpoints (when the operator attaches it). */
    private transient WriteBackStates writeBack;

    public MachineSignalFunction(MachineTimeline.Settings settings, Duration allowedLateness, StateLimits limits) {
        this.settings = settings;
        this.allowedLateness = allowedLateness;
        this.limits = limits;
    }

    @Override
    public void open(OpenContext openContext) {
        writeBack = new WriteBackStates(limits.maxCachedKeysPerState(),
                limits.maxCachedEntriesPerMapState());
        held = writeBack.map(getRuntimeContext().getMapState(heldInputsState()));
        counters = writeBack.value(getRuntimeContext().getState(countersState()));
        timeline = writeBack.value(getRuntimeContext().getState(new ValueStateDescriptor<>("timeline",
                MachineTimelineSerializer.INSTANCE)));
        release1Inputs = getRuntimeContext().getState(new ValueStateDescriptor<>("machine-inputs",
                MachineInputsSerializer.INSTANCE));
    }

    WriteBackStates writeBackStates() {
        return writeBack;
    }

    /** The held inputs: per event time (epoch millis), the inputs of that instant in their arrival order. */
    static MapStateDescriptor<Long, List<MachineInput>> heldInputsState() {
        return new MapStateDescriptor<>("held-inputs", LongSerializer.INSTANCE,
                new ListSerializer<>(MachineInputSerializer.INSTANCE));
    }

    static ValueStateDescriptor<MachineCounters> countersState() {
        return new ValueStateDescriptor<>("machine-counters", MachineCountersSerializer.INSTANCE);
    }

    @Override
    public void processElement(MachineInput input, Context ctx, Collector<ReportedLine> out) throws Exception {
        long time = input.eventTime().toEpochMilli();
        long watermark = ctx.timerService().currentWatermark();
        if (time <= watermark) {
            if (time < watermark - allowedLateness.toMillis()) {
                reject(ctx, input, Rejected.Reason.LATE, "event time " + input.eventTime() + " is more than "
                        + allowedLateness + " behind the watermark " + Instant.ofEpochMilli(watermark));
            } else {
                // Late but allowed: its time has passed, apply it now.
                MachineCounters machineCounters = machineCounters(ctx);
                MachineTimeline machine = timeline(ctx.getCurrentKey());
                apply(input, machineCounters, machine, ctx);
                counters.update(machineCounters);
                timeline.update(machine);
            }
            return;
        }
        MachineCounters machineCounters = machineCounters(ctx);
        if (machineCounters.heldInputs >= limits.maxHeldInputsPerMachine()) {
            // The watermark has not moved for that long: hold no more, re-drive once it moves again.
            reject(ctx, input, Rejected.Reason.HELD_INPUT_LIMIT, ctx.getCurrentKey() + " already holds "
                    + machineCounters.heldInputs + " inputs waiting for the watermark (" + (watermark == Long.MIN_VALUE
                    ? "none yet" : Instant.ofEpochMilli(watermark)) + ") to pass them");
            return;
        }
        hold(time, input, ctx);
        machineCounters.heldInputs++;
        counters.update(machineCounters);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ReportedLine> out) throws Exception {
        MachineTimeline machine = timeline(ctx.getCurrentKey());
        MachineCounters machineCounters = machineCounters(ctx);
        List<MachineInput> due = held.get(timestamp);
        if (due != null) {
            held.remove(timestamp);
            if (due.size() > 1) {
                due = new ArrayList<>(due);
                due.sort(MachineInput.EVENT_ORDER); // their arrival order must not matter
            }
            for (MachineInput input : due) {
                apply(input, machineCounters, machine, ctx);
            }
            machineCounters.heldInputs = Math.max(0, machineCounters.heldInputs - due.size());
            counters.update(machineCounters);
        }
        MachineTimeline.Output output = machine.advanceTo(Instant.ofEpochMilli(timestamp));
        output.lines().forEach(out::collect);
        output.totals().forEach(totals -> ctx.output(TOTALS, totals));
        for (Unattributed u : output.unattributed()) {
            ctx.output(REJECTED, new Rejected(u.sourceId(), u.machineId(), Rejected.Reason.UNATTRIBUTED,
                    u.goodParts() + " good, " + u.scrapParts() + " scrap parts and " + u.milliseconds()
                            + " ms " + u.state() + " without operation or activity", u.to(), null, u.toString()));
        }
        // Without new input, the next window end becomes final one horizon later: wake up then. Registering the
        // same wake-up again costs a timer-queue lookup per instant, so it is skipped: a wake-up is always later
        // than the instant that asks for it, so one asked for before has not fired (the timeline keeps it).
        if (machine.needsTime()) {
            long finalUntil = timestamp - settings.horizonMillis();
            long wakeUp = machine.windowEndAt(Instant.ofEpochMilli(finalUntil)).toEpochMilli()
                    + settings.horizonMillis();
            if (machine.wakeUpAskedMillis() != wakeUp) {
                ctx.timerService().registerEventTimeTimer(wakeUp);
                machine.wakeUpAsked(wakeUp);
            }
        }
        timeline.update(machine);
    }

    /** Holds the input until the watermark passes {@code time}; the first input of an instant registers its timer. */
    private void hold(long time, MachineInput input, Context ctx) throws Exception {
        List<MachineInput> atTime = held.get(time);
        if (atTime == null) {
            atTime = new ArrayList<>(1);
            ctx.timerService().registerEventTimeTimer(time);
        }
        atTime.add(input);
        held.put(time, atTime);
    }

    private void apply(MachineInput input, MachineCounters machineCounters, MachineTimeline machine, Context ctx) {
        MachineSignal signal;
        if (input.reading() != null) {
            CounterReading reading = input.reading();
            CounterDelta delta = CounterDeltas.apply(machineCounters.baselines.get(reading.counterName()), reading);
            if (delta.kind() == CounterDelta.Kind.INVALID) {
                reject(ctx, input, Rejected.Reason.INVALID_COUNTER_VALUE, delta.detail());
                return;
            }
            machineCounters.baselines.put(reading.counterName(), delta.baseline());
            signal = delta.counts()
                    ? new MachineSignal.PartsCounted(reading.eventTime(), reading.kind(), delta.delta())
                    : new MachineSignal.Heartbeat(reading.eventTime());
        } else {
            signal = input.signal();
        }
        if (!machine.accept(signal)) {
            reject(ctx, input, Rejected.Reason.LATE, "its time was already posted (until "
                    + machine.finalizedUntil() + ")");
        }
    }

    /**
     * The machine's counters, new ones for a new machine. A machine restored from release 1 has none yet but a
     * {@code machine-inputs} value: its held inputs move into the map (a timer per instant; the one timer release 1
     * registered is among them) and its baselines into the counters.
     */
    private MachineCounters machineCounters(Context ctx) throws Exception {
        MachineCounters machineCounters = counters.value();
        if (machineCounters != null) {
            return machineCounters;
        }
        MachineInputs release1 = release1Inputs.value();
        if (release1 == null) {
            return new MachineCounters();
        }
        release1Inputs.clear();
        machineCounters = new MachineCounters(new HashMap<>(release1.baselines), release1.held.size());
        for (int i = 0; i < release1.held.size(); i++) {
            MachineInput input = release1.held.get(i);
            hold(input.eventTime().toEpochMilli(), input, ctx);
        }
        counters.update(machineCounters);
        return machineCounters;
    }

    private MachineTimeline timeline(String machineId) throws Exception {
        MachineTimeline machine = timeline.value();
        return machine != null ? machine.useSettings(settings) : new MachineTimeline(machineId, settings);
    }

    private static void reject(Context ctx, MachineInput input, Rejected.Reason reason, String detail) {
        ctx.output(REJECTED, Rejected.input(input, reason, detail));
    }
}
