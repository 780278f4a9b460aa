package io.shopfloor.job;

import io.shopfloor.job.machine.CounterReading;
import io.shopfloor.job.machine.CounterReading.CounterKind;
import io.shopfloor.job.machine.MachineInput;
import io.shopfloor.job.machine.MachineSignal;
import io.shopfloor.job.machine.MachineSignal.OperationChanged;
import io.shopfloor.job.machine.MachineState;
import io.shopfloor.job.machine.MachineTimeline;
import io.shopfloor.job.machine.ShiftCalendar;
import io.shopfloor.job.masterdata.MasterDataChange;
import io.shopfloor.job.order.OrderAssembly;
import io.shopfloor.job.order.OrderInput;
import io.shopfloor.job.order.OrderLedger;
import io.shopfloor.posting.PostingSettings;
import io.shopfloor.posting.SetA;
import io.shopfloor.posting.order.OrderDefinition;
import io.shopfloor.posting.order.OrderStatus;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Spec §13 example 1 as a plant would signal it: CUT-1 does op 10 (30 min setup, 120 min run, 60 good), MC-ASSY
 * op 20 (60 min, 60 good), CUT-1 op 10 again (86 min, 40 good, 3 scrap, finished), MC-ASSY op 20 (40 min, 40 good,
 * finished). Counters tick every minute; between the operations the machines are silent (no signal is not
 * posted). Posting windows of 150 minutes from midnight end where each of the example's postings ends.
 */
public final class Example1Plant {
    public static final Instant MIDNIGHT = Instant.parse("2026-03-02T00:00:00Z");
    public static final PostingJob.Settings SETTINGS = new PostingJob.Settings(
            new MachineTimeline.Settings(Duration.ofMinutes(150), Duration.ofSeconds(30), Duration.ofMinutes(5),
                    new ShiftCalendar(ZoneId.of("UTC"), Map.of(LocalTime.MIDNIGHT, "DAY"))),
            Duration.ofMinutes(10), PostingSettings.DEFAULTS, OrderLedger.Settings.DEFAULTS, Duration.ofDays(7));

    private Example1Plant() {
    }

    /** A value and its event time, for finite test sources. */
    public record Timed<T>(T value, long time) implements java.io.Serializable {

        /** A finite source of the values, each with its time as event time. */
        @SuppressWarnings({"unchecked", "rawtypes"})
        public static <T> DataStream<T> source(StreamExecutionEnvironment env, List<Timed<T>> values,
                                               TypeInformation<T> type) {
            // Flink's record serializer with the value's own type: no Kryo, no Java serialization.
            TypeInformation<Timed<T>> timedType = (TypeInformation) Types.POJO(Timed.class,
                    Map.of("value", type, "time", Types.LONG));
            return env.fromData(values, timedType)
                    .assignTimestampsAndWatermarks(WatermarkStrategy.<Timed<T>>forMonotonousTimestamps()
                            .withTimestampAssigner((timed, previous) -> timed.time()))
                    .map(Timed::value, type);
        }
    }

    static Instant at(int minute) {
        return MIDNIGHT.plusSeconds(60L * minute);
    }

    public static List<Timed<MasterDataChange>> masterData() {
        SetA setA = new SetA();
        List<Timed<MasterDataChange>> changes = new ArrayList<>();
        for (String item : List.of("FG-100", "STEEL", "BOLT", "PAINT")) {
            changes.add(new Timed<>(MasterDataChange.of(setA.masterData.item(item).orElseThrow()), 0));
        }
        changes.add(new Timed<>(MasterDataChange.of(setA.masterData.workCenter("WC-CUT").orElseThrow()), 0));
        changes.add(new Timed<>(MasterDataChange.of(setA.masterData.workCenter("WC-ASSY").orElseThrow()), 0));
        changes.add(new Timed<>(MasterDataChange.of(setA.masterData.machineCenter("MC-ASSY").orElseThrow()), 0));
        changes.add(new Timed<>(MasterDataChange.of(setA.masterData.location("MAIN").orElseThrow()), 0));
        return changes;
    }

    /** RPO-1001 defined an hour before midnight and released half an hour before. */
    public static List<Timed<OrderInput>> orderInputs() {
        OrderDefinition definition = new SetA().definition();
        long defined = at(-60).toEpochMilli();
        List<Timed<OrderInput>> inputs = new ArrayList<>();
        definition.lines().forEach(l -> inputs.add(new Timed<>(
                new OrderInput.Definition(SetA.ORDER, l, null, null, false, "cdc-line-" + l.lineNo()), defined)));
        definition.routingLines().forEach(r -> inputs.add(new Timed<>(
                new OrderInput.Definition(SetA.ORDER, null, r, null, false, "cdc-op-" + r.operationNo()), defined)));
        definition.components().forEach(c -> inputs.add(new Timed<>(
                new OrderInput.Definition(SetA.ORDER, null, null, c, false, "cdc-comp-" + c.lineNo()), defined)));
        inputs.add(new Timed<>(new OrderInput.Header(new OrderAssembly.Header(SetA.ORDER, "FG-100 x 100", "FG-100",
                "MAIN", false), OrderStatus.RELEASED, false, "cdc-release", SetA.D0), at(-30).toEpochMilli()));
        return inputs;
    }

    public static List<MachineInput> machineInputs() {
        List<MachineInput> inputs = new ArrayList<>();
        // E1: CUT-1 sets up op 10 for 30 min, then runs 120 min: 60 good.
        operation(inputs, "CUT-1", 0, OperationChanged.Type.SETUP_STARTED, "10");
        inputs.add(MachineInput.of("CUT-1", new MachineSignal.StateChanged(at(0), MachineState.RUNNING, null)));
        operation(inputs, "CUT-1", 30, OperationChanged.Type.OPERATION_STARTED, "10");
        counters(inputs, "CUT-1", 0, 150, minute -> minute <= 30 ? 0 : (minute - 30) / 2, minute -> 0L);
        // E2: MC-ASSY runs op 20 from 150 to 210 min: 60 good.
        operation(inputs, "MC-ASSY", 150, OperationChanged.Type.OPERATION_STARTED, "20");
        inputs.add(MachineInput.of("MC-ASSY", new MachineSignal.StateChanged(at(150), MachineState.RUNNING, null)));
        counters(inputs, "MC-ASSY", 150, 210, minute -> minute - 150L, minute -> 0L);
        // E3: CUT-1 runs op 10 again from 300 to 386 min: 40 more good, 3 scrap, then finishes it.
        inputs.add(MachineInput.of("CUT-1", new MachineSignal.StateChanged(at(300), MachineState.RUNNING, null)));
        counters(inputs, "CUT-1", 300, 386, minute -> 60 + Math.min(40, (minute - 300) * 40L / 80),
                minute -> minute >= 380 ? 3L : 0L);
        operation(inputs, "CUT-1", 386, OperationChanged.Type.OPERATION_FINISHED, "10");
        // E4: MC-ASSY runs op 20 from 450 to 490 min: 40 more good, then finishes it.
        inputs.add(MachineInput.of("MC-ASSY", new MachineSignal.StateChanged(at(450), MachineState.RUNNING, null)));
        counters(inputs, "MC-ASSY", 450, 490, minute -> 60 + (minute - 450L), minute -> 0L);
        operation(inputs, "MC-ASSY", 490, OperationChanged.Type.OPERATION_FINISHED, "20");
        // In event-time order (stable: same-time inputs keep the order above), as a gateway sends them. Unsorted, the
        // operation start at minute 30 would come before the readings of minutes 0-30, further out of order than the
        // sources' one-minute bound: whether those readings were late would depend on when a periodic watermark fell.
        inputs.sort(java.util.Comparator.comparing(MachineInput::eventTime));
        return inputs;
    }

    private static void operation(List<MachineInput> inputs, String machine, int minute, OperationChanged.Type type,
                                  String operationNo) {
        inputs.add(MachineInput.of(machine, new OperationChanged(at(minute), type, SetA.ORDER, SetA.LINE, operationNo,
                null, "OP-7")));
    }

    /** A good and a scrap reading every minute from {@code from} to {@code to} (cumulative values). */
    private static void counters(List<MachineInput> inputs, String machine, int from, int to,
                                 java.util.function.IntToLongFunction good, java.util.function.IntToLongFunction scrap) {
        for (int minute = from; minute <= to; minute++) {
            inputs.add(MachineInput.of(new CounterReading(machine, "good", CounterKind.GOOD, good.applyAsLong(minute),
                    32, 1, minute, at(minute))));
            inputs.add(MachineInput.of(new CounterReading(machine, "scrap", CounterKind.SCRAP,
                    scrap.applyAsLong(minute), 32, 1, minute, at(minute))));
        }
    }
}
