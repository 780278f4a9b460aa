package io.shopfloor.job.operator;

import io.shopfloor.job.types.LocalDateTypeInfoFactory;
import io.shopfloor.job.masterdata.AsOfMasterData;
import io.shopfloor.job.masterdata.AsOfPostingSetup;
import io.shopfloor.posting.gl.DefaultDimension;
import io.shopfloor.posting.gl.GeneralLedgerSetup;
import io.shopfloor.posting.gl.GeneralPostingSetup;
import io.shopfloor.posting.gl.GlEntry;
import io.shopfloor.posting.gl.InventoryCostToGl;
import io.shopfloor.posting.gl.InventoryPostingSetup;
import io.shopfloor.posting.gl.PostingGroups;
import io.shopfloor.posting.gl.ValuePostingGroups;
import io.shopfloor.posting.gl.WipBalances;
import io.shopfloor.job.order.HeldGlPostings;
import io.shopfloor.job.order.HeldGlPostingsSerializer;
import io.shopfloor.posting.ledger.ItemLedgerEntryType;
import io.shopfloor.posting.ledger.ValueEntry;
import io.shopfloor.job.masterdata.ErpCalendars;
import io.shopfloor.job.masterdata.MasterDataChange;
import io.shopfloor.job.masterdata.MasterDataVersions;
import io.shopfloor.job.order.MachineLines;
import io.shopfloor.job.order.OrderInput;
import io.shopfloor.job.order.OrderCostPlan;
import io.shopfloor.job.order.OrderLedger;
import io.shopfloor.job.masterdata.MasterDataVersionsSerializer;
import io.shopfloor.job.order.OrderLedgerSerializer;
import io.shopfloor.job.types.OrderCostPlanSerializer;
import io.shopfloor.job.types.VersionedTypeInfo;
import io.shopfloor.job.DeadLetters;
import io.shopfloor.job.avro.OrderInputMapping;
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
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.time.Duration;
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
            "master-data", StringSerializer.INSTANCE, MasterDataVersionsSerializer.INSTANCE);
    static {
        LocalDateTypeInfoFactory.register(); // before the tags below extract their types (MachineKpi has dates)
    }

    public static final OutputTag<Rejection> REJECTED = new OutputTag<>("order-rejected") { };
    public static final OutputTag<Notice> NOTICES = new OutputTag<>("order-notices") { };
    public static final OutputTag<MachineKpi> KPIS = new OutputTag<>("machine-kpis") { };
    public static final OutputTag<OrderCostPlan> COST_PLANS =
            new OutputTag<>("order-cost-plans", new VersionedTypeInfo<>(OrderCostPlan.class,
                    OrderCostPlanSerializer.INSTANCE));

    /** Reason code of the letter about master-data versions forgotten at {@link StateLimits#maxVersionsPerRecord}. */
    public static final String MASTER_DATA_VERSION_LIMIT = "MASTER_DATA_VERSION_LIMIT";

    /** Reason code of an input not held because its order holds {@link StateLimits#maxHeldInputsPerOrder}. */
    public static final String HELD_INPUT_LIMIT = "HELD_INPUT_LIMIT";

    /**
     * Value entries whose G/L posting the setup refused, per key, until a retry posts them
     * (docs/general-ledger.md#re-posting-after-the-setup-is-fixed).
     */
    public static final ValueStateDescriptor<HeldGlPostings> HELD_GL_POSTINGS = new ValueStateDescriptor<>(
            "gl-not-posted", HeldGlPostingsSerializer.INSTANCE);

    /** Reason code of the letter about an order's WIP beyond {@link WipBalances#MAX_GROUPS} not written off. */
    public static final String WIP_BALANCE_LIMIT = "WIP_BALANCE_LIMIT";

    /** Watermark progress (beyond the allowed lateness) between two sweeps over all master data. */
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);

    private final PostingSettings postingSettings;
    private final OrderLedger.Settings orderSettings;
    private final Duration retention;
    private final Duration allowedLateness;
    private final StateLimits limits;
    private final ShopCalendar calendar;
    /** Planned stop codes where the ERP's stop codes do not know the code (the job's setting). */
    private final java.util.Set<String> plannedStopCodes;
    private int maxHeldGlPostingsPerKey = HeldGlPostings.DEFAULT_MAX_PER_KEY;

    private transient PostingRules rules;
    private transient EventTimeBuffer<OrderInput> buffer;
    /** Read and written once per timer or late input, however many inputs and steps use it (RocksDB). */
    private transient ReadOnceValueState<OrderLedger> ledger;
    /** The horizon of the last sweep over all master data (not state: after a restore the first change sweeps). */
    private transient long sweptUntil;
    /** Which master-data keys are the rows of which shop calendar or center (derived from the broadcast state). */
    private transient ErpCalendars erpCalendars;
    /**
     * Not in {@link #writeBack}: a change of posting setup visits every key's held postings in the backend
     * ({@code applyToKeyedState}).
     */
    private transient ValueState<HeldGlPostings> heldGlPostings;
    /** The ledgers and held inputs in memory between checkpoints (when the operator attaches it). */
    private transient WriteBackStates writeBack;

    /** Without a shop calendar: all time planned, three shifts. */
    public OrderPostingFunction(PostingSettings postingSettings, OrderLedger.Settings orderSettings,
                                Duration retention, Duration allowedLateness, StateLimits limits) {
        this(postingSettings, orderSettings, retention, allowedLateness, limits,
                ShopCalendar.allPlanned(ShiftCalendar.threeShifts()));
    }

    /**
     * @param allowedLateness how far behind the watermark inputs may still come (the job's allowed lateness): master
     *                        data versions no input of that age can read are forgotten
     * @param calendar        the shop calendar that splits each KPI window into ISO 22400 time elements
     */
    public OrderPostingFunction(PostingSettings postingSettings, OrderLedger.Settings orderSettings,
                                Duration retention, Duration allowedLateness, StateLimits limits,
                                ShopCalendar calendar) {
        this(postingSettings, orderSettings, retention, allowedLateness, limits, calendar, java.util.Set.of());
    }

    /**
     * @param plannedStopCodes stop codes that are planned downtime where the ERP's stop codes do not know the code
     */
    public OrderPostingFunction(PostingSettings postingSettings, OrderLedger.Settings orderSettings,
                                Duration retention, Duration allowedLateness, StateLimits limits,
                                ShopCalendar calendar, java.util.Set<String> plannedStopCodes) {
        this.plannedStopCodes = java.util.Set.copyOf(plannedStopCodes);
        this.postingSettings = postingSettings;
        this.orderSettings = orderSettings;
        this.retention = retention;
        this.allowedLateness = allowedLateness;
        this.limits = limits;
        this.calendar = calendar;
    }

    /** Holds at most this many refused G/L postings per key (tests; the default is written once, in HeldGlPostings). */
    OrderPostingFunction withMaxHeldGlPostingsPerKey(int max) {
        this.maxHeldGlPostingsPerKey = max;
        return this;
    }

    @Override
    public void open(OpenContext openContext) {
        rules = new PostingRules(postingSettings);
        sweptUntil = Long.MIN_VALUE;
        erpCalendars = new ErpCalendars();
        writeBack = new WriteBackStates(limits.maxCachedKeysPerState(),
                limits.maxCachedEntriesPerMapState());
        buffer = new EventTimeBuffer<>(getRuntimeContext(), writeBack, OrderInputSerializer.INSTANCE, OrderInput::rank,
                OrderInput::sourceId,
                limits.maxHeldInputsPerOrder());
        ledger = new ReadOnceValueState<>(writeBack.value(getRuntimeContext().getState(
                new ValueStateDescriptor<>("order-ledger", OrderLedgerSerializer.INSTANCE))));
        heldGlPostings = getRuntimeContext().getState(HELD_GL_POSTINGS);
    }

    WriteBackStates writeBackStates() {
        return writeBack;
    }

    @Override
    public void processBroadcastElement(MasterDataChange change, Context ctx, Collector<PostedEntry> out)
            throws Exception {
        MasterDataVersions versions = ctx.getBroadcastState(MASTER_DATA).get(change.key());
        long validFrom = ctx.timestamp() == null ? Long.MIN_VALUE : ctx.timestamp();
        if (versions == null) {
            // The first version known (a CDC snapshot, stamped with the snapshot time) stands for all earlier time.
            versions = new MasterDataVersions();
            validFrom = change.validFromItsTime() ? validFrom : Long.MIN_VALUE;
        }
        versions.put(validFrom, change.deleted() ? null : change.value());
        if (erpCalendars.isBuilt()) {
            erpCalendars.index(change.key());
        }
        // Inputs still to come are at most the allowed lateness behind the watermark (the machine stage and the
        // sources' bounds): a version replaced before then can no longer be read. Every parallel instance prunes by
        // its own watermark; they differ only in versions none of them can read any more.
        long horizon = readableFrom(ctx.currentWatermark());
        if (horizon > Long.MIN_VALUE) {
            if (!versions.pruneBefore(horizon)) {
                ctx.getBroadcastState(MASTER_DATA).remove(change.key()); // deleted, and nothing can read it any more
                erpCalendars.forget(change.key());
                return;
            }
            if (sweptUntil == Long.MIN_VALUE || horizon - sweptUntil >= SWEEP_EVERY.plus(allowedLateness).toMillis()) {
                sweep(ctx.getBroadcastState(MASTER_DATA), horizon); // records that change no more
            }
        }
        List<Long> forgotten = versions.trimTo(limits.maxVersionsPerRecord());
        if (!forgotten.isEmpty() && getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0) {
            // Once, not from every instance the change was broadcast to.
            ctx.output(REJECTED, new Rejection(change.key() + "@" + validFrom, change.key(),
                    MASTER_DATA_VERSION_LIMIT, "more than " + limits.maxVersionsPerRecord() + " versions of "
                    + change.key() + " newer than the allowed lateness; forgot those valid from " + forgotten
                    + " (inputs of those times read the next version)", String.valueOf(change)));
        }
        ctx.getBroadcastState(MASTER_DATA).put(change.key(), versions);
        if (!change.deleted() && isPostingSetup(change.value())) {
            // The setup a refused G/L posting lacked may be this: retry every key's held value entries.
            ReadOnlyBroadcastState<String, MasterDataVersions> state = ctx.getBroadcastState(MASTER_DATA);
            ctx.applyToKeyedState(HELD_GL_POSTINGS, (key, held) -> {
                ledger.begin();
                repostHeld(key, reader(state), false, out);
                ledger.end();
            });
        }
    }

    private static boolean isPostingSetup(Object value) {
        return value instanceof PostingGroups || value instanceof InventoryPostingSetup
                || value instanceof GeneralPostingSetup || value instanceof GeneralLedgerSetup
                || value instanceof DefaultDimension;
    }

    /** The earliest event time an input may still read master data at, {@link Long#MIN_VALUE} before any. */
    private long readableFrom(long watermark) {
        return watermark > Long.MIN_VALUE + allowedLateness.toMillis() ? watermark - allowedLateness.toMillis()
                : Long.MIN_VALUE;
    }

    /** Prunes every record (it visits them all: not more often than {@link #SWEEP_EVERY} of watermark progress). */
    private void sweep(BroadcastState<String, MasterDataVersions> state, long horizon) throws Exception {
        List<String> gone = new java.util.ArrayList<>();
        for (java.util.Map.Entry<String, MasterDataVersions> entry : state.entries()) {
            if (entry.getValue().size() > 1 || entry.getValue().asOf(Long.MIN_VALUE) == null) {
                if (!entry.getValue().pruneBefore(horizon)) {
                    gone.add(entry.getKey());
                }
            }
        }
        for (String key : gone) {
            state.remove(key);
            erpCalendars.forget(key);
        }
        sweptUntil = horizon;
    }

    @Override
    public void processElement(OrderInput input, ReadOnlyContext ctx, Collector<PostedEntry> out) throws Exception {
        long time = ctx.timestamp() == null ? Long.MIN_VALUE : ctx.timestamp();
        if (time <= ctx.timerService().currentWatermark()) {
            ledger.begin();
            apply(input, time, ctx, out); // its time has passed: nothing earlier can still come for it
            finishIfComplete(time, ctx, out);
            ledger.end();
            return;
        }
        if (!buffer.add(time, input, ctx.timerService())) {
            // The watermark has not moved for that long: hold no more (the letter names the input).
            ctx.output(REJECTED, withSourceRecord(new Rejection(input.sourceId(), ctx.getCurrentKey(),
                    HELD_INPUT_LIMIT, ctx.getCurrentKey() + " already holds " + buffer.size()
                    + " inputs waiting for the watermark", String.valueOf(input)), input, time));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<PostedEntry> out) throws Exception {
        List<OrderInput> due = buffer.release(timestamp);
        ledger.begin();
        repostHeld(ctx.getCurrentKey(), reader(ctx.getBroadcastState(MASTER_DATA)), true, out); // its next timer
        for (OrderInput input : due) {
            apply(input, timestamp, ctx, out);
        }
        finishIfComplete(timestamp, ctx, out);
        OrderLedger current = ledger.value();
        if (due.isEmpty() && current != null && current.isFinished() && current.order() == null) {
            ledger.clear(); // the retention of a finished order's marker has passed
            heldGlPostings.clear(); // retried just now; still listed in value_entry_not_posted_to_gl
        }
        ledger.end();
    }

    private void apply(OrderInput input, long time, ReadOnlyContext ctx, Collector<PostedEntry> out) throws Exception {
        AsOfMasterData masterData = masterData(ctx, time);
        OrderLedger current = ledger.value();
        if (input instanceof OrderInput.Totals totals) {
            WindowTotals t = totals.totals();
            String workCenterNo = masterData.machineCenter(t.machineId())
                    .map(io.shopfloor.posting.model.MachineCenter::workCenterNo).orElse(null);
            ctx.output(KPIS, MachineKpis.of(t, idealCycleTimeMillis(current, t, masterData),
                    shopCalendar(ctx, t, workCenterNo), workCenterNo, plannedStopCode(ctx, t)));
            return; // KPIs read the order, they never create its state
        }
        if (current == null) {
            current = new OrderLedger(ctx.getCurrentKey());
        }
        OrderLedger.Result result = applyTo(current, input, masterData);
        withSourceRecords(result, input, time);
        emit(current, result, time, ctx, out);
    }

    /** Refusals of a person's journal line or status change carry its record, to re-drive them once fixed. */
    private static void withSourceRecords(OrderLedger.Result result, OrderInput input, long time) {
        if (result.rejections().isEmpty()) {
            return;
        }
        SpecificRecord record = OrderInputMapping.sourceRecord(input, java.time.Instant.ofEpochMilli(time));
        if (record != null) {
            byte[] payload = DeadLetters.singleObject(record);
            String topic = OrderInputMapping.sourceTopic(input);
            result.rejections().replaceAll(rejection -> rejection.sourceId().equals(input.sourceId())
                    ? rejection.withSource(topic, payload) : rejection);
        }
    }

    /** A refusal of the input itself (not by the rules), re-drivable as {@link #withSourceRecords}. */
    private static Rejection withSourceRecord(Rejection rejection, OrderInput input, long time) {
        SpecificRecord record = OrderInputMapping.sourceRecord(input, java.time.Instant.ofEpochMilli(time));
        return record == null ? rejection
                : rejection.withSource(OrderInputMapping.sourceTopic(input), DeadLetters.singleObject(record));
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
        current.noteStops(result.entries()); // every stop posted under this key may be re-coded later
        java.time.Instant at = java.time.Instant.ofEpochMilli(time);
        AsOfPostingSetup glSetup = null;
        java.time.LocalDate finishedOn = null;
        for (PostedEntry posted : PostedEntry.of(ctx.getCurrentKey(), at, result.entries())) {
            if (posted.statusChange() != null && posted.statusChange().toStatus() == OrderStatus.FINISHED) {
                finishedOn = posted.statusChange().postingDate();
            }
            if (posted.itemLedgerEntry() != null && posted.itemLedgerEntry().entryType() == ItemLedgerEntryType.OUTPUT
                    && ownsWip(ctx.getCurrentKey(), posted.itemLedgerEntry().orderNo())) {
                current.wip().add(posted.itemLedgerEntry()); // each line's net output, for the write-off
            }
            if (posted.valueEntry() == null) {
                out.collect(posted);
                continue;
            }
            if (glSetup == null) {
                glSetup = new AsOfPostingSetup(masterData(ctx, time)); // the setup as of posting
            }
            ValuePostingGroups groups = glSetup.groupsOf(posted.valueEntry());
            out.collect(posted.withPostingGroups(groups));
            if (glSetup.postsToGl()) {
                List<GlEntry> gl = glEntries(posted.valueEntry(), groups, glSetup, time, ctx, out);
                if (!gl.isEmpty() && ownsWip(ctx.getCurrentKey(), posted.valueEntry().orderNo())) {
                    current.wip().add(posted.valueEntry(), gl);
                }
            }
        }
        if (finishedOn != null && current.wipIfAny() != null) {
            writeOffWip(current, finishedOn, time, ctx, out);
        }
        result.itemCostUpdates().forEach(update -> out.collect(PostedEntry.of(ctx.getCurrentKey(), at, update)));
        result.notices().forEach(notice -> ctx.output(NOTICES, notice));
        result.rejections().forEach(rejection -> ctx.output(REJECTED, rejection));
        result.costPlans().forEach(plan -> ctx.output(COST_PLANS, plan.at(java.time.Instant.ofEpochMilli(time))));
        if (current.isFinished() && current.order() == null && !current.isMarker()) {
            current = current.finishedMarker(); // a finished, adjusted order keeps only that it was finished
            ctx.timerService().registerEventTimeTimer(time + retention.toMillis());
        }
        if (current.isEmpty()) {
            ledger.clear();
        } else {
            ledger.update(current);
        }
    }

    /**
     * The value entry's G/L entries, after it on the same stream; a setup that cannot post it (a card without
     * posting groups, a missing setup row or account) is a {@code posting} letter with the derivation's reason, id
     * {@code order/<key>/<value entry key>/<reason>}: the value entry stays posted, is listed as not posted to
     * G/L, and is held for a retry once the setup changes (at most {@link #maxHeldGlPostingsPerKey} per key).
     *
     * @return the G/L entries posted (none if refused)
     */
    private List<GlEntry> glEntries(ValueEntry valueEntry, ValuePostingGroups groups, AsOfPostingSetup glSetup,
                                    long time, ReadOnlyContext ctx, Collector<PostedEntry> out) throws Exception {
        InventoryCostToGl.Result gl = glSetup.post(valueEntry, groups);
        if (gl.refused()) {
            HeldGlPostings held = heldGlPostings.value();
            if (held == null) {
                held = new HeldGlPostings();
            }
            String detail = gl.refusal().detail();
            if (held.hold(valueEntry, time, maxHeldGlPostingsPerKey)) {
                heldGlPostings.update(held);
            } else {
                detail += " (not held for re-posting: " + ctx.getCurrentKey() + " already holds "
                        + maxHeldGlPostingsPerKey + " value entries waiting for their setup)";
            }
            ctx.output(REJECTED, new Rejection(valueEntry.idempotencyKey(), ctx.getCurrentKey(),
                    gl.refusal().reason().name(), detail, String.valueOf(valueEntry)));
            return List.of();
        }
        java.time.Instant at = java.time.Instant.ofEpochMilli(time);
        gl.entries().forEach(entry -> out.collect(PostedEntry.of(ctx.getCurrentKey(), at, entry)));
        return gl.entries();
    }

    /** Whether the key's ledger keeps the WIP of this order: an order's own key (capacity keys have no finish). */
    private static boolean ownsWip(String key, String orderNo) {
        return orderNo != null && !orderNo.isEmpty() && orderNo.equals(key);
    }

    /**
     * BC's write-off of the WIP of the lines finished without output (docs/general-ledger.md#wip), right after the
     * finish and the cost adjustment, with the setup as of the finish: what the order's G/L entries left on WIP goes
     * to Inventory Adjmt. A group the setup cannot write off, and WIP not kept at the bound, are letters.
     */
    private static void writeOffWip(OrderLedger current, java.time.LocalDate postingDate, long time,
                                    ReadOnlyContext ctx, Collector<PostedEntry> out) {
        AsOfPostingSetup glSetup = new AsOfPostingSetup(masterData(ctx, time));
        if (!glSetup.postsToGl()) {
            return;
        }
        java.time.Instant at = java.time.Instant.ofEpochMilli(time);
        WipBalances.WriteOff writeOff = current.wipIfAny().writeOff(ctx.getCurrentKey(), postingDate, glSetup);
        writeOff.entries().forEach(entry -> out.collect(PostedEntry.of(ctx.getCurrentKey(), at, entry)));
        for (WipBalances.Refused refused : writeOff.refused()) {
            ctx.output(REJECTED, new Rejection(refused.valueEntryKey() + "/WO", ctx.getCurrentKey(),
                    refused.refusal().reason().name(), refused.refusal().detail(), refused.valueEntryKey()));
        }
        if (writeOff.incomplete()) {
            ctx.output(REJECTED, new Rejection(ctx.getCurrentKey() + "/WO", ctx.getCurrentKey(), WIP_BALANCE_LIMIT,
                    "the WIP of value entries beyond " + WipBalances.MAX_GROUPS + " account/dimension groups of "
                    + ctx.getCurrentKey() + " was not kept and is not written off", ctx.getCurrentKey()));
        }
    }

    /**
     * Retries the key's value entries whose G/L posting was refused: with the setup as of the value entry's posting
     * if that posts it now (a row that arrived later stands for earlier time too), else with the latest setup known
     * (BC posts to G/L with the setup at the time of posting to G/L). Posted ones are forgotten; their G/L entries
     * carry the value entry's posting event time and keys, as if posted with it, so a replay adds nothing. Reads and
     * writes {@link #ledger} (between its begin and end) to add their WIP to the order's balances.
     *
     * @param mayClear whether the key's held state may be removed once empty: not while {@code applyToKeyedState}
     *                 streams the keys of that very state (Flink does not copy them first; a precaution: an update
     *                 changes no key, a removal would), so an emptied value stays until the key's next timer
     */
    private void repostHeld(String key, java.util.function.Function<String, MasterDataVersions> reader,
                            boolean mayClear, Collector<PostedEntry> out) throws Exception {
        HeldGlPostings held = heldGlPostings.value();
        if (held == null) {
            return;
        }
        if (held.isEmpty()) {
            if (mayClear) {
                heldGlPostings.clear();
            }
            return;
        }
        AsOfPostingSetup latest = new AsOfPostingSetup(new AsOfMasterData(reader, Long.MAX_VALUE));
        List<HeldGlPostings.Held> posted = new java.util.ArrayList<>();
        for (HeldGlPostings.Held entry : held.held()) {
            ValueEntry valueEntry = entry.valueEntry();
            AsOfPostingSetup asOfPosting = new AsOfPostingSetup(new AsOfMasterData(reader, entry.postedAtMillis()));
            InventoryCostToGl.Result gl = asOfPosting.postsToGl()
                    ? asOfPosting.post(valueEntry, asOfPosting.groupsOf(valueEntry)) : null;
            if ((gl == null || gl.refused()) && latest.postsToGl()) {
                gl = latest.post(valueEntry, latest.groupsOf(valueEntry));
            }
            if (gl == null || gl.refused()) {
                continue;
            }
            java.time.Instant at = java.time.Instant.ofEpochMilli(entry.postedAtMillis());
            gl.entries().forEach(glEntry -> out.collect(PostedEntry.of(key, at, glEntry)));
            OrderLedger current = ledger.value();
            if (current != null && !current.isMarker() && ownsWip(key, valueEntry.orderNo())) {
                current.wip().add(valueEntry, gl.entries());
                ledger.update(current);
            }
            posted.add(entry);
        }
        if (!posted.isEmpty()) {
            held.posted(posted);
            if (held.isEmpty() && mayClear) {
                heldGlPostings.clear();
            } else {
                heldGlPostings.update(held);
            }
        }
    }

    private static java.util.function.Function<String, MasterDataVersions> reader(
            ReadOnlyBroadcastState<String, MasterDataVersions> state) {
        return key -> {
            try {
                return state.get(key);
            } catch (Exception e) {
                throw new IllegalStateException("broadcast state read of " + key, e);
            }
        };
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

    /**
     * The machine's shop calendar from the ERP as of the window's start (its work center's calendar and the
     * absences), or the job's calendar where the ERP has none for it. The window's start, not the time its totals
     * are applied at (later, by the machine stage's lateness): a calendar changed at 11:00 applies from 11:00 on.
     */
    private ShopCalendar shopCalendar(ReadOnlyContext ctx, WindowTotals t, String workCenterNo)
            throws Exception {
        ReadOnlyBroadcastState<String, MasterDataVersions> state = ctx.getBroadcastState(MASTER_DATA);
        if (!erpCalendars.isBuilt()) {
            // After a restore: index what the broadcast state holds, once.
            for (java.util.Map.Entry<String, MasterDataVersions> entry : state.immutableEntries()) {
                erpCalendars.index(entry.getKey());
            }
            erpCalendars.markBuilt();
        }
        return erpCalendars.calendarOf(key -> {
            try {
                return state.get(key);
            } catch (Exception e) {
                throw new IllegalStateException("broadcast state read of " + key, e);
            }
        }, t.from().toEpochMilli(), t.machineId(), workCenterNo, t.from(), t.to(), calendar);
    }

    /**
     * Whether a stop code is planned downtime: the ERP's stop code as of the window's start (a flag changed, or a code
     * inserted, later applies from its own time on), else the job's {@code plannedStopCodes}; a code neither knows is
     * a loss (unplanned), so that a stop nobody declared never raises availability.
     */
    private java.util.function.Predicate<String> plannedStopCode(ReadOnlyContext ctx, WindowTotals t) {
        AsOfMasterData asOfWindow = masterData(ctx, t.from().toEpochMilli());
        return code -> asOfWindow.stopCode(code).map(io.shopfloor.job.masterdata.StopCode::planned)
                .orElse(plannedStopCodes.contains(code));
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
            return once(ledger, input, () -> ledger.post(output.line(), rules, masterData, orderSettings)
                    .postedBy(output.postedBy()));
        }
        if (input instanceof OrderInput.PutAway putAway) {
            return once(ledger, input, () -> ledger.post(putAway.line(), rules, masterData)
                    .postedBy(putAway.postedBy()));
        }
        if (input instanceof OrderInput.Consumption consumption) {
            return once(ledger, input, () -> ledger.post(consumption.line(), rules, masterData)
                    .postedBy(consumption.postedBy()));
        }
        if (input instanceof OrderInput.Capacity capacity) {
            return once(ledger, input, () -> ledger.post(capacity.line(), rules, masterData)
                    .postedBy(capacity.postedBy()));
        }
        if (input instanceof OrderInput.StopRecode recode) {
            return once(ledger, input, () -> ledger.recodeStop(recode.line(), rules, masterData));
        }
        if (input instanceof OrderInput.Definition definition) {
            if (definition.line() != null) {
                ledger.assembly().put(definition.line(), definition.deleted());
            } else if (definition.routingLine() != null) {
                ledger.assembly().put(definition.routingLine(), definition.deleted());
            } else {
                ledger.assembly().put(definition.component(), definition.deleted());
            }
            return ledger.definitionChanged(rules, masterData);
        }
        if (input instanceof OrderInput.StatusChange change) {
            return changeStatus(ledger, change.status(), change.sourceId(), change.postingDate(), masterData);
        }
        OrderInput.Header header = (OrderInput.Header) input;
        ledger.header(header.header(), header.deleted());
        if (header.deleted()) {
            return OrderLedger.Result.none();
        }
        return ledger.definitionChanged(rules, masterData)
                .then(changeStatus(ledger, header.status(), header.sourceId(), header.postingDate(), masterData));
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
