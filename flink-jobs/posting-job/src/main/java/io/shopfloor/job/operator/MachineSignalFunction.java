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
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Per machine (keyed by machine id): applies counter readings, states and operation events in event-time order
 * behind the watermark, turns readings into deltas, and lets the {@link MachineTimeline} cut them into reported
 * lines. Late, invalid and unattributed input goes to {@link #REJECTED}; per-window totals to {@link #TOTALS}.
 *
 * <p>Held inputs wait in one sorted value per machine ({@link PendingInputs}, kept with the counter baselines in
 * {@link MachineInputs}), and only the earliest of them has an event-time timer (the next one is registered when
 * it fires), so the timer queue stays as small as the number of machines. Every instant with inputs, and every
 * wake-up the timeline asks for, is still its own timer, in event time order: what each one emits carries that
 * instant as its timestamp, as downstream ordering expects.
 */
public class MachineSignalFunction extends KeyedProcessFunction<String, MachineInput, ReportedLine> {
    public static final OutputTag<Rejected> REJECTED =
            new OutputTag<>("machine-rejected", new VersionedTypeInfo<>(Rejected.class, RejectedSerializer.INSTANCE));
    public static final OutputTag<WindowTotals> TOTALS = new OutputTag<>("machine-window-totals") { };

    private final MachineTimeline.Settings settings;
    private final Duration allowedLateness;
    private final StateLimits limits;

    private transient ValueState<MachineInputs> inputs;
    private transient ValueState<MachineTimeline> timeline;
    private transient List<MachineInput> due;

    public MachineSignalFunction(MachineTimeline.Settings settings, Duration allowedLateness, StateLimits limits) {
        this.settings = settings;
        this.allowedLateness = allowedLateness;
        this.limits = limits;
    }

    @Override
    public void open(OpenContext openContext) {
        inputs = getRuntimeContext().getState(new ValueStateDescriptor<>("machine-inputs",
                MachineInputsSerializer.INSTANCE));
        timeline = getRuntimeContext().getState(new ValueStateDescriptor<>("timeline",
                MachineTimelineSerializer.INSTANCE));
        due = new ArrayList<>();
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
                MachineInputs machineInputs = machineInputs();
                MachineTimeline machine = timeline(ctx.getCurrentKey());
                apply(input, machineInputs, machine, ctx);
                inputs.update(machineInputs);
                timeline.update(machine);
            }
            return;
        }
        MachineInputs machineInputs = machineInputs();
        if (machineInputs.held.size() >= limits.maxHeldInputsPerMachine()) {
            // The watermark has not moved for that long: hold no more, re-drive once it moves again.
            reject(ctx, input, Rejected.Reason.HELD_INPUT_LIMIT, ctx.getCurrentKey() + " already holds "
                    + machineInputs.held.size() + " inputs waiting for the watermark (" + (watermark == Long.MIN_VALUE
                    ? "none yet" : Instant.ofEpochMilli(watermark)) + ") to pass them");
            return;
        }
        if (time < machineInputs.held.firstTime()) {
            ctx.timerService().registerEventTimeTimer(time); // the new earliest: it wakes this machine up
        }
        machineInputs.held.add(input);
        inputs.update(machineInputs);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ReportedLine> out) throws Exception {
        MachineTimeline machine = timeline(ctx.getCurrentKey());
        MachineInputs machineInputs = inputs.value();
        if (machineInputs != null) {
            due.clear();
            machineInputs.held.release(timestamp, due);
            for (MachineInput input : due) {
                apply(input, machineInputs, machine, ctx);
            }
            due.clear();
            inputs.update(machineInputs);
            if (!machineInputs.held.isEmpty()) {
                ctx.timerService().registerEventTimeTimer(machineInputs.held.firstTime());
            }
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

    private void apply(MachineInput input, MachineInputs machineInputs, MachineTimeline machine, Context ctx) {
        MachineSignal signal;
        if (input.reading() != null) {
            CounterReading reading = input.reading();
            CounterDelta delta = CounterDeltas.apply(machineInputs.baselines.get(reading.counterName()), reading);
            if (delta.kind() == CounterDelta.Kind.INVALID) {
                reject(ctx, input, Rejected.Reason.INVALID_COUNTER_VALUE, delta.detail());
                return;
            }
            machineInputs.baselines.put(reading.counterName(), delta.baseline());
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

    private MachineInputs machineInputs() throws Exception {
        MachineInputs machineInputs = inputs.value();
        return machineInputs != null ? machineInputs : new MachineInputs();
    }

    private MachineTimeline timeline(String machineId) throws Exception {
        MachineTimeline machine = timeline.value();
        return machine != null ? machine.useSettings(settings) : new MachineTimeline(machineId, settings);
    }

    private static void reject(Context ctx, MachineInput input, Rejected.Reason reason, String detail) {
        ctx.output(REJECTED, Rejected.input(input, reason, detail));
    }
}
