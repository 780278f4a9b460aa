package io.shopfloor.job.machine;

import io.shopfloor.job.machine.CounterReading.CounterKind;
import io.shopfloor.job.machine.MachineSignal.OperationChanged;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One machine's time, in event time: which state it was in (setup, running, stopped, no signal), what it worked
 * on (an operation, or an activity such as maintenance), and the parts it counted, cut into posting windows that
 * never straddle a shift start. Signals are {@link #accept accepted} in event-time order; {@link #advanceTo}
 * finalizes time up to the watermark minus a horizon (the longer of the micro-stop threshold and the no-signal
 * timeout), so that every stop and every silence it finalizes has a known length. Plain Java: the Flink operator
 * keeps one per machine in keyed state ({@link MachineTimelineSerializer}; its fields are package-private for it).
 */
public final class MachineTimeline {
    private static final long MILLIS_PER_MINUTE = 60_000;
    private static final Duration SILENCE_REPORTED_FOR = Duration.ofMinutes(30);
    /**
     * Stop codes a window keeps its stop time by (a window is a minute or so: a handful at most); the time of further
     * codes stays in the window's stop time without a code, which the order stage counts as a loss.
     */
    public static final int MAX_STOP_CODES_PER_WINDOW = 32;

    /**
     * The posting policy and the thresholds of one machine. Which stop codes are planned downtime is not the
     * machine stage's to say: it keeps stop time by code, the order stage classifies it (the ERP's stop codes).
     */
    public record Settings(Duration postingInterval, Duration microStopThreshold, Duration noSignalTimeout,
                           ShiftCalendar shifts) implements Serializable {

        Duration horizon() {
            return microStopThreshold.compareTo(noSignalTimeout) >= 0 ? microStopThreshold : noSignalTimeout;
        }

        /** How long after a moment its time is final. */
        public long horizonMillis() {
            return horizon().toMillis();
        }

        /**
         * The end of the posting window that contains {@code time}: windows are counted from the start of the
         * shift (as a plant counts them) and never straddle the next shift start.
         */
        public Instant windowEnd(Instant time) {
            long interval = postingInterval.toMillis();
            long shiftStart = shifts.shiftStartAtOrBefore(time).toEpochMilli();
            long end = shiftStart + (Math.floorDiv(time.toEpochMilli() - shiftStart, interval) + 1) * interval;
            return Instant.ofEpochMilli(Math.min(end, shifts.nextShiftStart(time).toEpochMilli()));
        }
    }

    /** Everything a call to {@link #advanceTo} finalized. */
    public record Output(List<ReportedLine> lines, List<Unattributed> unattributed, List<WindowTotals> totals) implements Serializable {
        public boolean isEmpty() {
            return lines.isEmpty() && unattributed.isEmpty() && totals.isEmpty();
        }
    }

    final String machineId;
    /** Not state (since format 2): the operator's settings, given again after every read from state. */
    Settings settings;
    /** The wake-up (epoch millis) last asked for, {@link Long#MIN_VALUE} for none (format 2). */
    long wakeUpAskedMillis = Long.MIN_VALUE;

    Instant finalizedUntil;
    Instant windowStart;
    Instant windowEnd;
    Instant lastSignal;
    /** When the last silence (no signal) ended: parts counted then have no known production time (format 3). */
    Instant silenceEndedAt;
    MachineState state = MachineState.UNKNOWN;
    String stopCode;
    Instant stateSince;
    MachineState stateBeforeStop = MachineState.UNKNOWN;
    Context context = Context.NONE;
    Context suspended;
    final List<MachineSignal> pending = new ArrayList<>();
    final TreeMap<String, Accumulation> accumulations = new TreeMap<>();
    final Accumulation unattributed = new Accumulation(Context.NONE);
    final Totals totals = new Totals();

    /** Not state: the output of the running {@link #advanceTo} call. */
    private Output output;
    /** Not state: the accumulation of the context last asked for (nearly every slice of time goes to it). */
    private Context cachedContext;
    private Accumulation cachedAccumulation;

    public MachineTimeline(String machineId, Settings settings) {
        this.machineId = machineId;
        this.settings = settings;
    }

    /**
     * The settings to work with: the operator's, after reading the timeline from state (they are not state, so a
     * restart with other thresholds or shifts applies them from the restore on). Returns this timeline.
     */
    public MachineTimeline useSettings(Settings current) {
        this.settings = current;
        return this;
    }

    /** The event time of the wake-up last asked for (epoch millis), {@link Long#MIN_VALUE} if none. */
    public long wakeUpAskedMillis() {
        return wakeUpAskedMillis;
    }

    public void wakeUpAsked(long timeMillis) {
        wakeUpAskedMillis = timeMillis;
    }

    /**
     * Takes a signal for later finalization. Returns false, and takes nothing, when its time is already final:
     * the caller sends it to the dead letters as late.
     */
    public boolean accept(MachineSignal signal) {
        if (finalizedUntil != null && signal.eventTime().isBefore(finalizedUntil)) {
            return false;
        }
        int position = pending.size();
        while (position > 0 && pending.get(position - 1).eventTime().isAfter(signal.eventTime())) {
            position--;
        }
        pending.add(position, signal);
        return true;
    }

    /** The time before which signals are no longer accepted (null before the first signal). */
    public Instant finalizedUntil() {
        return finalizedUntil;
    }

    /**
     * Whether time still has to pass for something to be reported: signals to finalize, a window holding
     * postings or totals, or a silence (reported as no-signal time for 30 minutes, then only when the machine speaks
     * again, so a retired machine costs nothing). Bounded by event time only, so replays report the same
     * windows; and short enough that KPI timestamps stay within what Kafka accepts ahead of its clock (1 h).
     */
    public boolean needsTime() {
        boolean recentlySilent = lastSignal != null && finalizedUntil != null
                && Duration.between(lastSignal, finalizedUntil).compareTo(SILENCE_REPORTED_FOR) < 0;
        return !pending.isEmpty() || !accumulations.isEmpty() || unattributed.any() || totals.any() || recentlySilent;
    }

    /**
     * {@link Settings#windowEnd}, from the open window when {@code time} falls in it: the window of a moment that is
     * about to become final is nearly always the open one, and this spares the calendar arithmetic.
     */
    public Instant windowEndAt(Instant time) {
        if (windowStart != null && !time.isBefore(windowStart) && time.isBefore(windowEnd)) {
            return windowEnd;
        }
        return settings.windowEnd(time);
    }

    public Output advanceTo(Instant newWatermark) {
        output = new Output(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        Instant until = newWatermark.minus(settings.horizon());
        if (finalizedUntil == null) {
            if (pending.isEmpty() || pending.get(0).eventTime().isAfter(until)) {
                return output;
            }
            // Nothing is known before the first signal.
            finalizedUntil = pending.get(0).eventTime();
            startWindow(finalizedUntil);
        }
        while (!pending.isEmpty() && !pending.get(0).eventTime().isAfter(until)) {
            MachineSignal signal = pending.get(0);
            // A reading counts parts up to its instant: a window ending at that instant takes it before closing.
            boolean reading = signal instanceof MachineSignal.PartsCounted || signal instanceof MachineSignal.Heartbeat;
            accountUntil(signal.eventTime(), !reading); // still pending: the signal ends the silence before it
            pending.remove(0);
            apply(signal);
        }
        accountUntil(until, true);
        return output;
    }

    /** Accounts time up to {@code time}, closing each window whose end it reaches (at {@code time} only if asked). */
    private void accountUntil(Instant time, boolean closeAtTime) {
        while (true) {
            Instant boundary = windowEnd;
            if (finalizedUntil.equals(boundary)) {
                if (!boundary.isBefore(time) && !closeAtTime) {
                    return;
                }
                closeWindow(boundary);
                startWindow(boundary);
                continue;
            }
            if (!finalizedUntil.isBefore(time)) {
                return;
            }
            Instant sliceEnd = time.isBefore(boundary) ? time : boundary;
            account(finalizedUntil, sliceEnd);
            finalizedUntil = sliceEnd;
        }
    }

    private void startWindow(Instant start) {
        windowStart = start;
        windowEnd = settings.windowEnd(start); // computed once per window, not per signal
    }

    private void account(Instant from, Instant to) {
        long millis = Duration.between(from, to).toMillis();
        if (millis <= 0) {
            return;
        }
        MachineState effective = effectiveState();
        switch (effective) {
            case NO_SIGNAL -> totals.noSignalMillis += millis;
            case SETUP, RUNNING, UNKNOWN -> accountProductive(effective, millis);
            case STOPPED, IDLE -> accountStop(effective == MachineState.IDLE ? "IDLE" : codeOr("STOP"), millis,
                    effective == MachineState.IDLE);
            case MAINTENANCE -> accountMaintenance(codeOr("MAINTENANCE"), millis);
        }
    }

    /** The state that counts: a silence beyond the timeout is no signal; a stop shorter than the threshold is not. */
    private MachineState effectiveState() {
        Instant nextSignal = pending.isEmpty() ? null : pending.get(0).eventTime();
        // With no next signal, the silence has lasted at least the horizon, which is at least the timeout.
        if (lastSignal != null && (nextSignal == null
                || Duration.between(lastSignal, nextSignal).compareTo(settings.noSignalTimeout()) >= 0)) {
            return MachineState.NO_SIGNAL;
        }
        if (state == MachineState.STOPPED) {
            Instant stopEnd = null;
            for (MachineSignal signal : pending) { // a loop, not a stream: this runs for every slice of a stop
                if (signal instanceof MachineSignal.StateChanged) {
                    stopEnd = signal.eventTime();
                    break;
                }
            }
            if (stopEnd != null && Duration.between(stateSince, stopEnd).compareTo(settings.microStopThreshold()) < 0) {
                return stateBeforeStop; // a micro-stop stays run time
            }
        }
        return state;
    }

    private void accountProductive(MachineState effective, long millis) {
        if (context.isOperation()) {
            Accumulation accumulation = accumulation(context);
            if (effective == MachineState.SETUP || context.inSetup()) {
                accumulation.setupMillis += millis;
                totals.setupMillis += millis;
            } else {
                accumulation.runMillis += millis;
                totals.runMillis += millis;
            }
        } else if (context.isActivity()) {
            accumulation(context).addStop(context.activityCode(), millis);
            addStopToTotals(context.activityCode(), millis);
        } else if (effective != MachineState.UNKNOWN) {
            unattributed.runMillis += millis; // running without anything to run: for the dead letters
        }
    }

    private void accountStop(String code, long millis, boolean idle) {
        if (idle) {
            totals.idleMillis += millis;
        } else {
            addStopToTotals(context.isActivity() ? context.activityCode() : code, millis);
        }
        if (context.isOperation()) {
            accumulation(context).addStop(code, millis);
        } else if (context.isActivity()) {
            accumulation(context).addStop(context.activityCode(), millis);
        }
    }

    /** Maintenance is a declared activity even without an order: capacity stop time with its code. */
    private void accountMaintenance(String code, long millis) {
        addStopToTotals(context.isActivity() ? context.activityCode() : code, millis);
        if (context.isActivity()) {
            accumulation(context).addStop(context.activityCode(), millis);
        } else if (context.isOperation()) {
            accumulation(context).addStop(code, millis);
        } else {
            accumulation(Context.MAINTENANCE).addStop(code, millis);
        }
    }

    /** Stop time under a code (an activity's, else the stop's), kept by code for the order stage to classify. */
    private void addStopToTotals(String code, long millis) {
        totals.addStop(code, millis);
    }

    private void apply(MachineSignal signal) {
        if (lastSignal != null && Duration.between(lastSignal, signal.eventTime())
                .compareTo(settings.noSignalTimeout()) >= 0) {
            silenceEndedAt = signal.eventTime(); // what it counts now was made in the silence, at unknown times
        }
        lastSignal = signal.eventTime();
        if (signal instanceof MachineSignal.StateChanged change) {
            if (change.state() == MachineState.STOPPED && state != MachineState.STOPPED) {
                stateBeforeStop = state;
            }
            if (change.state() != state) {
                // A state said again (a Sparkplug rebirth, a gateway's re-send) goes on since it began: restarting
                // it would turn the end of a long stop into a micro-stop.
                stateSince = change.eventTime();
            }
            state = change.state();
            stopCode = change.stopCode();
        } else if (signal instanceof MachineSignal.PartsCounted parts) {
            Accumulation target = context.isOperation() ? accumulation(context) : unattributed;
            if (parts.kind() == CounterKind.SCRAP) {
                target.scrap += parts.count();
                totals.scrap += parts.count();
            } else if (parts.kind() == CounterKind.GOOD) {
                target.good += parts.count();
                totals.good += parts.count();
            }
            if (parts.eventTime().equals(silenceEndedAt)) {
                totals.unclockedParts += parts.count();
            }
        } else if (signal instanceof OperationChanged change) {
            applyOperation(change);
        }
    }

    private void applyOperation(OperationChanged change) {
        switch (change.type()) {
            case SETUP_STARTED, OPERATION_STARTED -> {
                context = Context.operation(change.orderNo(), change.orderLineNo(), change.operationNo(),
                        change.type() == OperationChanged.Type.SETUP_STARTED, change.operatorId());
                suspended = null;
            }
            case OPERATION_FINISHED -> {
                Context finished = Context.operation(change.orderNo(), change.orderLineNo(), change.operationNo(),
                        false, change.operatorId());
                emitFinished(finished, change.eventTime());
                if (context.sameOperation(finished)) {
                    context = Context.NONE;
                }
                if (suspended != null && suspended.sameOperation(finished)) {
                    suspended = null;
                }
            }
            case ACTIVITY_STARTED -> {
                if (context.isOperation()) {
                    suspended = context;
                }
                context = Context.activity(change.activityCode());
            }
            case ACTIVITY_FINISHED -> {
                context = suspended != null ? suspended : Context.NONE;
                suspended = null;
            }
        }
    }

    /** An operation's finish cuts its window: what it accumulated so far goes out now, with the Finished flag. */
    private void emitFinished(Context finished, Instant at) {
        Accumulation accumulation = accumulations.remove(finished.key());
        cachedContext = null;
        if (accumulation == null) {
            accumulation = new Accumulation(finished);
        }
        emit(accumulation, windowStart, at, "finish/" + at.toEpochMilli(), true);
    }

    private void closeWindow(Instant end) {
        for (Accumulation accumulation : accumulations.values()) {
            emit(accumulation, windowStart, end, String.valueOf(end.toEpochMilli()), false);
        }
        if (unattributed.any()) {
            output.unattributed().add(new Unattributed(machineId + "/unattributed/" + end.toEpochMilli(), machineId,
                    windowStart, end, state, unattributed.runMillis, unattributed.good, unattributed.scrap));
        }
        if (totals.any()) {
            Context current = context.isOperation() ? context : Context.NONE;
            output.totals().add(new WindowTotals(machineId, windowStart, end, current.orderNo(), current.orderLineNo(),
                    current.operationNo(), totals.good, totals.scrap, totals.setupMillis, totals.runMillis,
                    totals.stopMillis, totals.noSignalMillis, totals.idleMillis, totals.plannedStopMillis,
                    totals.unclockedParts, totals.stopMillisByCode));
        }
        accumulations.clear();
        cachedContext = null;
        unattributed.clear();
        totals.clear();
    }

    private void emit(Accumulation a, Instant from, Instant to, String suffix, boolean finished) {
        Context c = a.context;
        String base = machineId + "/" + c.key() + "/" + suffix;
        var date = settings.shifts().date(from);
        String shift = settings.shifts().shiftCode(from);
        if (c.isOperation()) {
            if (finished || a.setupMillis > 0 || a.runMillis > 0 || a.good > 0 || a.scrap > 0) {
                output.lines().add(new ReportedLine(base, ReportedLine.Kind.OUTPUT, machineId, c.orderNo(),
                        c.orderLineNo(), c.operationNo(), from, to, date, shift, minutes(a.setupMillis),
                        minutes(a.runMillis), BigDecimal.ZERO, null, a.good, a.scrap, finished, c.operatorId()));
            }
            // Stop time always goes on its own line (spec §4.4).
            for (Map.Entry<String, Long> stop : a.stopMillis.entrySet()) {
                output.lines().add(new ReportedLine(base + "/stop/" + stop.getKey(), ReportedLine.Kind.STOP, machineId,
                        c.orderNo(), c.orderLineNo(), c.operationNo(), from, to, date, shift, BigDecimal.ZERO,
                        BigDecimal.ZERO, minutes(stop.getValue()), stop.getKey(), 0, 0, false, c.operatorId()));
            }
        } else {
            for (Map.Entry<String, Long> stop : a.stopMillis.entrySet()) {
                output.lines().add(new ReportedLine(base + "/stop/" + stop.getKey(), ReportedLine.Kind.CAPACITY_STOP,
                        machineId, null, 0, null, from, to, date, shift, BigDecimal.ZERO, BigDecimal.ZERO,
                        minutes(stop.getValue()), stop.getKey(), 0, 0, false, null));
            }
        }
    }

    private Accumulation accumulation(Context c) {
        if (c != cachedContext) {
            cachedAccumulation = accumulations.computeIfAbsent(c.key(), k -> new Accumulation(c));
            cachedContext = c;
        }
        return cachedAccumulation;
    }

    private String codeOr(String fallback) {
        return stopCode != null && !stopCode.isBlank() ? stopCode : fallback;
    }

    private static BigDecimal minutes(long millis) {
        return BigDecimal.valueOf(millis).divide(BigDecimal.valueOf(MILLIS_PER_MINUTE), 5, RoundingMode.HALF_UP);
    }

    /** What the machine works on: an operation (in setup or run), an activity, or nothing. */
    record Context(Kind kind, String orderNo, int orderLineNo, String operationNo, boolean inSetup,
                   String activityCode, String operatorId) {
        enum Kind { NONE, OPERATION, ACTIVITY, MAINTENANCE }

        static final Context NONE = new Context(Kind.NONE, null, 0, null, false, null, null);
        static final Context MAINTENANCE = new Context(Kind.MAINTENANCE, null, 0, null, false, null, null);

        static Context operation(String orderNo, int line, String operationNo, boolean setup, String operatorId) {
            return new Context(Kind.OPERATION, orderNo, line, operationNo, setup, null, operatorId);
        }

        static Context activity(String code) {
            return new Context(Kind.ACTIVITY, null, 0, null, false, code, null);
        }

        boolean isOperation() {
            return kind == Kind.OPERATION;
        }

        boolean isActivity() {
            return kind == Kind.ACTIVITY;
        }

        boolean sameOperation(Context other) {
            return isOperation() && key().equals(other.key());
        }

        /** Setup and run of one operation share a key: they are posted on the same line. */
        String key() {
            return switch (kind) {
                case OPERATION -> orderNo + "/" + orderLineNo + "/" + operationNo;
                case ACTIVITY -> "activity/" + activityCode;
                case MAINTENANCE -> "maintenance";
                case NONE -> "none";
            };
        }
    }

    /** Time and parts of one context in the open window. */
    static final class Accumulation {
        final Context context;
        long setupMillis;
        long runMillis;
        long good;
        long scrap;
        final TreeMap<String, Long> stopMillis = new TreeMap<>();

        Accumulation(Context context) {
            this.context = context;
        }

        boolean any() {
            return setupMillis > 0 || runMillis > 0 || good > 0 || scrap > 0 || !stopMillis.isEmpty();
        }

        void addStop(String code, long millis) {
            stopMillis.merge(code, millis, Long::sum);
        }

        void clear() {
            setupMillis = 0;
            runMillis = 0;
            good = 0;
            scrap = 0;
            stopMillis.clear();
        }
    }

    /** The machine's totals in the open window. */
    static final class Totals {
        long good;
        long scrap;
        long setupMillis;
        long runMillis;
        long stopMillis;
        long noSignalMillis;
        long idleMillis;
        /**
         * The part of {@code stopMillis} the machine stage declared planned: only in a window restored from format 3
         * (when the configuration's planned stop codes were applied here); the order stage adds the ERP's.
         */
        long plannedStopMillis;
        /** Parts counted when a silence ended (made in it): in the counts, not in performance. */
        long unclockedParts;
        /** {@code stopMillis} by code, at most {@link #MAX_STOP_CODES_PER_WINDOW} codes (format 4). */
        final TreeMap<String, Long> stopMillisByCode = new TreeMap<>();

        void addStop(String code, long millis) {
            stopMillis += millis;
            if (code != null && (stopMillisByCode.size() < MAX_STOP_CODES_PER_WINDOW
                    || stopMillisByCode.containsKey(code))) {
                stopMillisByCode.merge(code, millis, Long::sum);
            }
        }

        boolean any() {
            return good + scrap + setupMillis + runMillis + stopMillis + noSignalMillis + idleMillis > 0;
        }

        void clear() {
            good = 0;
            scrap = 0;
            setupMillis = 0;
            runMillis = 0;
            stopMillis = 0;
            noSignalMillis = 0;
            idleMillis = 0;
            plannedStopMillis = 0;
            unclockedParts = 0;
            stopMillisByCode.clear();
        }
    }
}
