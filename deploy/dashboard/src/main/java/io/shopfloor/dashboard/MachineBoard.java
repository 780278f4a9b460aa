package io.shopfloor.dashboard;

import io.shopfloor.schema.signal.MachineKpi;
import io.shopfloor.schema.signal.MachineStateChange;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The latest state and KPIs of every machine, from the machine-states and machine-kpis topics. State changes
 * arrive out of order and twice (QoS 1, store-and-forward): the one with the latest source time wins. A KPI
 * window seen again replaces the one before (a replay of the posting job). Thread-safe.
 */
public final class MachineBoard {
    /** Windows kept per machine for the charts; parts of older windows stay in the totals. */
    static final int HISTORY_WINDOWS = 96;
    /** Shifts whose sums are kept per machine (the current one and a few before it, for late windows). */
    static final int SHIFTS_KEPT = 3;
    /** The period of the rolling figure: the windows of the last hour (one-minute windows: within the history). */
    static final java.time.Duration LAST_HOUR = java.time.Duration.ofHours(1);

    /** State changes kept per machine for the stops by code (a shift of one-minute jams is some hundred). */
    static final int STATE_CHANGES_KEPT = 2_000;
    /** A stop shorter than this is a micro-stop, as the posting job's default {@code microStopThreshold}. */
    static final java.time.Duration MICRO_STOP = java.time.Duration.ofSeconds(30);

    private final Map<String, Machine> machines = new TreeMap<>();

    /** Applies a state change and returns the machine's tile as it is now. */
    public synchronized MachineView apply(MachineStateChange change) {
        Machine machine = machines.computeIfAbsent(change.getMachineId(), id -> new Machine());
        Instant at = change.getSourceTimestamp();
        machine.states.put(at, new StateAt(change.getState().name(), change.getStopCode()));
        while (machine.states.size() > STATE_CHANGES_KEPT) {
            machine.states.pollFirstEntry();
        }
        if (machine.stateSince == null || !at.isBefore(machine.stateSince)) {
            machine.state = change.getState().name();
            machine.stopCode = change.getStopCode();
            machine.stateSince = at;
        }
        return view(change.getMachineId(), machine);
    }

    /** Applies a KPI window and returns the machine's tile as it is now. */
    public synchronized MachineView apply(MachineKpi kpi) {
        Machine machine = machines.computeIfAbsent(kpi.getMachineId(), id -> new Machine());
        Instant start = kpi.getWindowStart();
        if (!machine.windows.isEmpty() && start.isBefore(machine.windows.firstKey()) && machine.trimmed) {
            return view(kpi.getMachineId(), machine); // older than the kept history: already in the totals
        }
        // The chart point is computed once here, not on every view of the tile.
        OeeSummary.Sums window = new OeeSummary.Sums();
        window.add(kpi, 1);
        machine.points.put(start, new MachineView.KpiPoint(kpi.getWindowEnd(), kpi.getGoodParts(),
                kpi.getScrapParts(), percent(kpi.getOee()), List.of(window.plannedBusy, window.production,
                window.ideal, window.runWithIdeal)));
        MachineKpi replaced = machine.windows.put(start, kpi);
        if (replaced != null) {
            machine.goodParts -= replaced.getGoodParts();
            machine.scrapParts -= replaced.getScrapParts();
            machine.shift(replaced).add(replaced, -1);
        }
        machine.goodParts += kpi.getGoodParts();
        machine.scrapParts += kpi.getScrapParts();
        machine.shift(kpi).add(kpi, 1);
        while (machine.windows.size() > HISTORY_WINDOWS) {
            machine.windows.pollFirstEntry();
            machine.points.pollFirstEntry();
            machine.trimmed = true;
        }
        return view(kpi.getMachineId(), machine);
    }

    /** One machine's tile, if it has reported. */
    public synchronized java.util.Optional<MachineView> machine(String machineId) {
        Machine machine = machines.get(machineId);
        return machine == null ? java.util.Optional.empty() : java.util.Optional.of(view(machineId, machine));
    }

    public synchronized List<MachineView> machines() {
        List<MachineView> views = new ArrayList<>();
        machines.forEach((id, machine) -> views.add(view(id, machine)));
        views.sort(Comparator.comparing(MachineView::machineId));
        return views;
    }

    private static MachineView view(String machineId, Machine machine) {
        MachineKpi latest = machine.windows.isEmpty() ? null : machine.windows.lastEntry().getValue();
        OeeSummary shiftToDate = null;
        OeeSummary lastHour = null;
        List<MachineView.StopMinutes> stops = List.of();
        if (latest != null) {
            OeeSummary.Sums shift = machine.shifts.get(shiftKey(latest));
            shiftToDate = shift == null ? null : shift.summary(latest.getShiftDate(), latest.getShiftCode());
            Instant shiftFrom = machine.shiftStarts.get(shiftKey(latest));
            stops = shiftFrom == null ? List.of() : stops(machine, shiftFrom, latest.getWindowEnd());
            OeeSummary.Sums hour = new OeeSummary.Sums();
            Instant hourStart = latest.getWindowEnd().minus(LAST_HOUR);
            for (MachineKpi window : machine.windows.descendingMap().values()) {
                if (window.getWindowEnd().isAfter(hourStart)) { // windows overlapping the hour
                    hour.add(window, 1);
                } else {
                    break;
                }
            }
            lastHour = hour.summary(null, null);
        }
        return new MachineView(machineId, line(machineId), machine.state == null ? "UNKNOWN" : machine.state,
                machine.stopCode, machine.stateSince,
                latest == null ? null : latest.getOrderNo(), latest == null ? null : latest.getOperationNo(),
                machine.goodParts, machine.scrapParts,
                latest == null ? null : percent(latest.getOee()),
                latest == null ? null : percent(latest.getAvailability()),
                latest == null ? null : percent(latest.getPerformance()),
                latest == null ? null : percent(latest.getQuality()),
                latest == null ? null : latest.getWindowEnd(), shiftToDate, lastHour,
                machine.points.values().stream().map(MachineView.KpiPoint::goodParts).toList(),
                latest == null ? null : latest.getIdealCycleTimeMillis(), stops);
    }

    /** The kept windows of a machine as the line trends read them (tests). */
    synchronized List<MachineView.KpiPoint> history(String machineId) {
        Machine machine = machines.get(machineId);
        return machine == null ? List.of() : List.copyOf(machine.points.values());
    }

    /** Trend buckets: ten minutes of KPI windows, summed over the machines of a line. */
    static final long TREND_BUCKET_MILLIS = 10 * 60_000L;

    /**
     * The charts of every line, by line: the line's good pieces cumulated over its window ends, and its OEE per ten
     * minutes from the summed time elements (a bucket without planned busy time, ideal cycle time or parts, or whose
     * performance is above 100 %: a wrong ideal cycle time, has no point).
     */
    public synchronized List<LineTrend> lineTrends() {
        Map<String, TreeMap<Long, long[]>> outputByLine = new TreeMap<>();
        Map<String, TreeMap<Long, long[]>> bucketsByLine = new TreeMap<>();
        machines.forEach((id, machine) -> {
            String line = line(id);
            TreeMap<Long, long[]> output = outputByLine.computeIfAbsent(line, l -> new TreeMap<>());
            TreeMap<Long, long[]> buckets = bucketsByLine.computeIfAbsent(line, l -> new TreeMap<>());
            for (MachineView.KpiPoint p : machine.points.values()) {
                long end = p.windowEnd().toEpochMilli();
                output.computeIfAbsent(end, x -> new long[1])[0] += p.goodParts();
                long x = Math.floorDiv(end + TREND_BUCKET_MILLIS - 1, TREND_BUCKET_MILLIS) * TREND_BUCKET_MILLIS;
                long[] b = buckets.computeIfAbsent(x, k -> new long[6]);
                List<Long> millis = p.oeeMillis(); // planned busy, production, ideal, production with ideal
                for (int i = 0; i < 4; i++) {
                    b[i] += millis.get(i);
                }
                b[4] += p.goodParts();
                b[5] += p.goodParts() + p.scrapParts();
            }
        });
        List<LineTrend> trends = new ArrayList<>();
        outputByLine.forEach((line, output) -> {
            List<LineTrend.Point> cumulated = new ArrayList<>(output.size());
            long total = 0;
            for (Map.Entry<Long, long[]> e : output.entrySet()) {
                total += e.getValue()[0];
                cumulated.add(new LineTrend.Point(e.getKey(), total));
            }
            List<LineTrend.Point> oee = new ArrayList<>();
            bucketsByLine.get(line).forEach((x, b) -> {
                if (b[0] == 0 || b[3] == 0 || b[5] == 0) {
                    return;
                }
                double performance = (double) b[2] / b[3];
                if (performance > 1) {
                    return;
                }
                double value = (double) b[1] / b[0] * performance * ((double) b[4] / b[5]);
                oee.add(new LineTrend.Point(x, Math.round(1000 * value) / 10.0));
            });
            if (!cumulated.isEmpty()) {
                trends.add(new LineTrend(line, cumulated, oee));
            }
        });
        return trends;
    }

    /**
     * Stop time from the state changes between {@code from} (the shift's first KPI window) and {@code to} (its latest
     * window's end), by stop code, most first: STOPPED and MAINTENANCE by their code ("STOPPED, no code" without
     * one), stops shorter than {@link #MICRO_STOP} as "micro-stops", NO_SIGNAL as "no signal". Minutes (0.1).
     */
    private static List<MachineView.StopMinutes> stops(Machine machine, Instant from, Instant to) {
        Map<String, Long> millisByCode = new TreeMap<>();
        Instant first = machine.states.floorKey(from);
        List<Map.Entry<Instant, StateAt>> changes = new ArrayList<>(
                machine.states.subMap(first == null ? from : first, true, to, false).entrySet());
        for (int i = 0; i < changes.size(); i++) {
            Instant start = changes.get(i).getKey();
            Instant next = i + 1 < changes.size() ? changes.get(i + 1).getKey() : to;
            long millis = Math.min(next.toEpochMilli(), to.toEpochMilli())
                    - Math.max(start.toEpochMilli(), from.toEpochMilli());
            StateAt state = changes.get(i).getValue();
            String label = switch (state.state()) {
                case "STOPPED", "MAINTENANCE" -> next.toEpochMilli() - start.toEpochMilli() < MICRO_STOP.toMillis()
                        && state.state().equals("STOPPED") ? "micro-stops"
                        : state.stopCode() == null || state.stopCode().isBlank() ? state.state() + ", no code"
                        : state.stopCode();
                case "NO_SIGNAL" -> "no signal";
                default -> null;
            };
            if (label != null && millis > 0) {
                millisByCode.merge(label, millis, Long::sum);
            }
        }
        List<MachineView.StopMinutes> stops = new ArrayList<>();
        millisByCode.forEach((code, millis) ->
                stops.add(new MachineView.StopMinutes(code, OeeSummary.minutes(millis))));
        stops.sort(Comparator.comparing(MachineView.StopMinutes::minutes).reversed()
                .thenComparing(MachineView.StopMinutes::code));
        return stops;
    }

    /** A machine's line: the part of its id before the first '-' (L1-CUT-1 is on L1), else the id. */
    static String line(String machineId) {
        int dash = machineId.indexOf('-');
        return dash > 0 ? machineId.substring(0, dash) : machineId;
    }

    private static String shiftKey(MachineKpi kpi) {
        return kpi.getShiftCode() == null ? "" : kpi.getShiftDate() + " " + kpi.getShiftCode();
    }

    /** A ratio as a percentage with one decimal, half-up (0.8752 → 87.5). */
    static BigDecimal percent(Double ratio) {
        if (ratio == null || ratio.isNaN() || ratio.isInfinite()) {
            return null;
        }
        return BigDecimal.valueOf(ratio).multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP);
    }

    /** A state as changed at an instant. */
    private record StateAt(String state, String stopCode) {
    }

    private static final class Machine {
        /** State changes by source time (out of order and repeated ones land in place), the latest few thousand. */
        final NavigableMap<Instant, StateAt> states = new TreeMap<>();
        /** The first KPI window's start of each kept shift: where its stops by code begin. */
        final Map<String, Instant> shiftStarts = new TreeMap<>();
        String state;
        String stopCode;
        Instant stateSince;
        final NavigableMap<Instant, MachineKpi> windows = new TreeMap<>();
        final NavigableMap<Instant, MachineView.KpiPoint> points = new TreeMap<>();
        boolean trimmed;
        long goodParts;
        long scrapParts;
        /** Time elements per shift (date and code), the latest few: a shift's sum outlives the kept windows. */
        final Map<String, OeeSummary.Sums> shifts = new TreeMap<>();

        OeeSummary.Sums shift(MachineKpi kpi) {
            OeeSummary.Sums sums = shifts.computeIfAbsent(shiftKey(kpi), key -> new OeeSummary.Sums());
            shiftStarts.merge(shiftKey(kpi), kpi.getWindowStart(), (a, b) -> a.isBefore(b) ? a : b);
            while (shifts.size() > SHIFTS_KEPT) {
                String oldest = ((TreeMap<String, OeeSummary.Sums>) shifts).firstKey();
                shifts.remove(oldest); // the oldest shift
                shiftStarts.remove(oldest);
            }
            return sums;
        }
    }
}
