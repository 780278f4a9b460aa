package io.shopfloor.job.operator;

import io.shopfloor.job.masterdata.AsOfMasterData;
import io.shopfloor.job.masterdata.MasterDataChange;
import io.shopfloor.job.masterdata.MasterDataVersions;
import io.shopfloor.job.order.MachineLines;
import io.shopfloor.job.order.OrderInput;
import io.shopfloor.job.order.OrderCostPlan;
import io.shopfloor.job.order.OrderLedger;
import io.shopfloor.job.JavaSerializableTypeInfo;
import io.shopfloor.job.order.PostedEntry;
import io.shopfloor.job.order.Rejection;
import io.shopfloor.job.types.OrderInputSerializer;
import io.shopfloor.job.machine.MachineKpi;
import io.shopfloor.job.machine.MachineKpis;
import io.shopfloor.job.machine.ReportedLine;
import io.shopfloor.job.machine.ShiftCalendar;
import io.shopfloor.job.machine.ShopCalendar;
import io.shopfloor.job.machine.WindowTotals;
import io.shopfloor.posting.Notice;
import io.shopfloor.posting.PostingRules;
import io.shopfloor.posting.PostingSettings;
import io.shopfloor.posting.journal.FinishOrder;
import io.shopfloor.posting.journal.ReleaseOrder;
import io.shopfloor.posting.order.OrderStatus;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.runtime.state.JavaSerializer;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * Per production order (keyed by order number): applies its definition changes, status changes and journal lines
 * in event-time order behind the watermark, with shared master data as of each input's event time (broadcast,
 * kept as versions), and emits the ledger entries the posting rules produce, tagged with the order. Refusals go to {@link #REJECTED},
 * policy notices to {@link #NOTICES}. A finished order keeps only a marker, dropped after {@code retention}.
 */
public class OrderPostingFunction
        extends KeyedBroadcastProcessFunction<String, OrderInput, MasterDataChange, PostedEntry> {
    public static final MapStateDescriptor<String, MasterDataVersions> MASTER_DATA = new MapStateDescriptor<>(
            "master-data", StringSerializer.INSTANCE, new JavaSerializer<MasterDataVersions>());
    public static final OutputTag<Rejection> REJECTED = new OutputTag<>("order-rejected") { };
    public static final OutputTag<Notice> NOTICES = new OutputTag<>("order-notices") { };
    public static final OutputTag<MachineKpi> KPIS = new OutputTag<>("machine-kpis") { };
    public static final OutputTag<OrderCostPlan> COST_PLANS =
            new OutputTag<>("order-cost-plans", JavaSerializableTypeInfo.forClass(OrderCostPlan.class));

    static final Comparator<OrderInput> EVENT_ORDER = Comparator.comparingInt(OrderInput::rank)
            .thenComparing(OrderInput::sourceId);

    private final PostingSettings postingSettings;
    private final OrderLedger.Settings orderSettings;
    private final Duration retention;
    private final ShopCalendar calendar;

    private transient PostingRules rules;
    private transient EventTimeBuffer<OrderInput> buffer;
    private transient ValueState<OrderLedger> ledger;

    /** Without a shop calendar: all time planned, three shifts. */
    public OrderPostingFunction(PostingSettings postingSettings, OrderLedger.Settings orderSettings,
                                Duration retention) {
        this(postingSettings, orderSettings, retention, ShopCalendar.allPlanned(ShiftCalendar.threeShifts()));
    }

    public OrderPostingFunction(PostingSettings postingSettings, OrderLedger.Settings orderSettings,
                                Duration retention, ShopCalendar calendar) {
        this.postingSettings = postingSettings;
        this.orderSettings = orderSettings;
        this.retention = retention;
        this.calendar = calendar;
    }

    @Override
    public void open(OpenContext openContext) {
        rules = new PostingRules(postingSettings);
        buffer = new EventTimeBuffer<>(getRuntimeContext(), OrderInputSerializer.INSTANCE, EVENT_ORDER);
        // Java serialization: the posting state is records and plain classes, which Kryo mishandles.
        ledger = getRuntimeContext().getState(new ValueStateDescriptor<>("order-ledger",
                new JavaSerializer<OrderLedger>()));
    }

    @Override
    public void processBroadcastElement(MasterDataChange change, Context ctx, Collector<PostedEntry> out)
            throws Exception {
        MasterDataVersions versions = ctx.getBroadcastState(MASTER_DATA).get(change.key());
        long validFrom = ctx.timestamp() == null ? Long.MIN_VALUE : ctx.timestamp();
        if (versions == null) {
            // The first version known (a CDC snapshot, stamped with the snapshot time) stands for all earlier time.
            versions = new MasterDataVersions();
            validFrom = Long.MIN_VALUE;
        }
        versions.put(validFrom, change.deleted() ? null : change.value());
        ctx.getBroadcastState(MASTER_DATA).put(change.key(), versions);
    }

    @Override
    public void processElement(OrderInput input, ReadOnlyContext ctx, Collector<PostedEntry> out) throws Exception {
        long time = ctx.timestamp() == null ? Long.MIN_VALUE : ctx.timestamp();
        if (time <= ctx.timerService().currentWatermark()) {
            apply(input, time, ctx, out); // its time has passed: nothing earlier can still come for it
            finishIfComplete(time, ctx, out);
            return;
        }
        buffer.add(time, input, ctx.timerService());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PostedEntry> out) throws Exception {
        List<OrderInput> due = buffer.release(timestamp);
        for (OrderInput input : due) {
            apply(input, timestamp, ctx, out);
        }
        finishIfComplete(timestamp, ctx, out);
        OrderLedger current = ledger.value();
        if (due.isEmpty() && current != null && current.isFinished() && current.order() == null) {
            ledger.clear(); // the retention of a finished order's marker has passed
        }
    }

    private void apply(OrderInput input, long time, ReadOnlyContext ctx, Collector<PostedEntry> out) throws Exception {
        AsOfMasterData masterData = masterData(ctx, time);
        OrderLedger current = ledger.value();
        if (input instanceof OrderInput.Totals totals) {
            WindowTotals t = totals.totals();
            String workCenterNo = masterData.machineCenter(t.machineId())
                    .map(io.shopfloor.posting.model.MachineCenter::workCenterNo).orElse(null);
            ctx.output(KPIS, MachineKpis.of(t, idealCycleTimeMillis(current, t, masterData), calendar, workCenterNo));
            return; // KPIs read the order, they never create its state
        }
        if (current == null) {
            current = new OrderLedger(ctx.getCurrentKey());
        }
        emit(current, applyTo(current, input, masterData), time, ctx, out);
    }

    /** After all inputs of an instant: the auto-finish an output line noted (spec §6 policy). */
    private void finishIfComplete(long time, ReadOnlyContext ctx, Collector<PostedEntry> out) throws Exception {
        OrderLedger current = ledger.value();
        if (current != null) {
            emit(current, current.finishIfComplete(rules, masterData(ctx, time), orderSettings), time, ctx, out);
        }
    }

    private void emit(OrderLedger current, OrderLedger.Result result, long time, ReadOnlyContext ctx,
                      Collector<PostedEntry> out) throws Exception {
        PostedEntry.of(ctx.getCurrentKey(), java.time.Instant.ofEpochMilli(time), result.entries()).forEach(out::collect);
        result.notices().forEach(notice -> ctx.output(NOTICES, notice));
        result.rejections().forEach(rejection -> ctx.output(REJECTED, rejection));
        result.costPlans().forEach(plan -> ctx.output(COST_PLANS, plan.at(java.time.Instant.ofEpochMilli(time))));
        if (current.isFinished() && current.order() == null && !current.isMarker()) {
            current = current.finishedMarker(); // a finished, adjusted order keeps only that it was finished
            ctx.timerService().registerEventTimeTimer(time + retention.toMillis());
        }
        ledger.update(current);
    }

    private static AsOfMasterData masterData(ReadOnlyContext ctx, long time) {
        ReadOnlyBroadcastState<String, MasterDataVersions> state = ctx.getBroadcastState(MASTER_DATA);
        return new AsOfMasterData(key -> {
            try {
                return state.get(key);
            } catch (Exception e) {
                throw new IllegalStateException("broadcast state read of " + key, e);
            }
        }, time);
    }

    /** The routing line's run time per order-line unit, in milliseconds; null if the order is not released. */
    private static Long idealCycleTimeMillis(OrderLedger ledger, WindowTotals totals, AsOfMasterData masterData) {
        if (ledger == null || ledger.order() == null || totals.operationNo() == null) {
            return null;
        }
        return ledger.order().line(totals.orderLineNo()).flatMap(line -> line.routingLine(totals.operationNo())
                .flatMap(operation -> masterData.workCenter(operation.workCenterNo())
                        .flatMap(wc -> masterData.capacityUnitOfMeasure(wc.unitOfMeasureCode()))
                        .map(unit -> operation.runTime().multiply(unit.minutesPerUnit()).multiply(line.qtyPerUnitOfMeasure())
                                .multiply(java.math.BigDecimal.valueOf(60_000))
                                .divide(operation.lotSize(), 0, java.math.RoundingMode.HALF_UP).longValue())))
                .orElse(null);
    }

    /** A journal line posts once per source id: a copy of one posted before is a DUPLICATE_INPUT rejection. */
    private static OrderLedger.Result once(OrderLedger ledger, OrderInput input,
                                           java.util.function.Supplier<OrderLedger.Result> post) {
        if (ledger.journalLinePosted(input.sourceId())) {
            return ledger.duplicateJournalLine(input.sourceId(), input);
        }
        OrderLedger.Result result = post.get();
        ledger.journalLinePosted(input.sourceId(), result);
        return result;
    }

    private OrderLedger.Result applyTo(OrderLedger ledger, OrderInput input, AsOfMasterData masterData) {
        if (input instanceof OrderInput.MachineLine machine) {
            ReportedLine line = machine.line();
            return line.kind() == ReportedLine.Kind.CAPACITY_STOP
                    ? ledger.post(MachineLines.capacityLine(line), rules, masterData)
                    : ledger.post(MachineLines.outputLine(line), rules, masterData, orderSettings);
        }
        if (input instanceof OrderInput.Output output) {
            return once(ledger, input, () -> ledger.post(output.line(), rules, masterData, orderSettings));
        }
        if (input instanceof OrderInput.Consumption consumption) {
            return once(ledger, input, () -> ledger.post(consumption.line(), rules, masterData));
        }
        if (input instanceof OrderInput.Capacity capacity) {
            return once(ledger, input, () -> ledger.post(capacity.line(), rules, masterData));
        }
        if (input instanceof OrderInput.Definition definition) {
            if (definition.line() != null) {
                ledger.assembly().put(definition.line(), definition.deleted());
            } else if (definition.routingLine() != null) {
                ledger.assembly().put(definition.routingLine(), definition.deleted());
            } else {
                ledger.assembly().put(definition.component(), definition.deleted());
            }
            return OrderLedger.Result.none();
        }
        if (input instanceof OrderInput.StatusChange change) {
            return changeStatus(ledger, change.status(), change.sourceId(), change.postingDate(), masterData);
        }
        OrderInput.Header header = (OrderInput.Header) input;
        ledger.header(header.header(), header.deleted());
        if (header.deleted()) {
            return OrderLedger.Result.none();
        }
        return changeStatus(ledger, header.status(), header.sourceId(), header.postingDate(), masterData);
    }

    private OrderLedger.Result changeStatus(OrderLedger ledger, OrderStatus status, String sourceId,
                                            java.time.LocalDate postingDate, AsOfMasterData masterData) {
        if (status == OrderStatus.RELEASED) {
            return ledger.release(new ReleaseOrder(sourceId, postingDate), rules, masterData);
        }
        if (status == OrderStatus.FINISHED) {
            return ledger.finish(FinishOrder.on(sourceId, postingDate), rules, masterData, orderSettings);
        }
        return OrderLedger.Result.none();
    }
}
