package io.shopfloor.job;

import io.shopfloor.job.machine.MachineInput;
import io.shopfloor.job.machine.MachineTimeline;
import io.shopfloor.job.machine.ShopCalendar;
import io.shopfloor.job.machine.Rejected;
import io.shopfloor.job.machine.ReportedLine;
import io.shopfloor.job.machine.MachineKpi;
import io.shopfloor.job.machine.WindowTotals;
import io.shopfloor.job.masterdata.MasterDataChange;
import io.shopfloor.job.masterdata.MasterDataChangeSerializer;
import io.shopfloor.job.types.LocalDateTypeInfoFactory;
import io.shopfloor.job.types.VersionedTypeInfo;
import io.shopfloor.job.operator.MachineSignalFunction;
import io.shopfloor.job.operator.MachineSignalOperator;
import io.shopfloor.job.operator.OrderPostingFunction;
import io.shopfloor.job.operator.OrderPostingOperator;
import io.shopfloor.job.operator.StateLimits;
import io.shopfloor.job.order.OrderInput;
import io.shopfloor.job.order.OrderCostPlan;
import io.shopfloor.job.order.OrderLedger;
import io.shopfloor.job.order.PostedEntry;
import io.shopfloor.job.order.Rejection;
import io.shopfloor.job.types.MachineInputTypeInfo;
import io.shopfloor.job.types.OrderInputTypeInfo;
import io.shopfloor.posting.Notice;
import io.shopfloor.posting.PostingSettings;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.Serializable;
import java.time.Duration;

/**
 * The posting job's data flow (design.md): machine inputs keyed by machine become reported lines; those and the
 * order inputs (CDC definitions, status changes, journal lines entered by people), keyed by order, are posted
 * with the shared master data broadcast to every order. It takes its sources as streams and returns its outputs
 * as streams, so that tests run it on finite collections and {@code main} on Kafka.
 */
public final class PostingJob {

    /**
     * Everything configurable about the posting.
     *
     * @param limits           what the keyed operators hold at most (README "State and upgrades")
     * @param plannedStopCodes stop codes that are planned downtime where the ERP's stop codes do not know the code
     *                         (the ERP's {@code planned} flag decides for every code it knows; default none: an
     *                         unknown code is a loss)
     */
    public record Settings(MachineTimeline.Settings machines, Duration allowedLateness, PostingSettings posting,
                           OrderLedger.Settings orders, Duration finishedOrderRetention, ShopCalendar calendar,
                           StateLimits limits, java.util.Set<String> plannedStopCodes)
            implements Serializable {
        public Settings {
            plannedStopCodes = plannedStopCodes == null ? java.util.Set.of() : java.util.Set.copyOf(plannedStopCodes);
        }

        /** No planned stop codes of the job's own (only the ERP's). */
        public Settings(MachineTimeline.Settings machines, Duration allowedLateness, PostingSettings posting,
                        OrderLedger.Settings orders, Duration finishedOrderRetention, ShopCalendar calendar,
                        StateLimits limits) {
            this(machines, allowedLateness, posting, orders, finishedOrderRetention, calendar, limits, null);
        }

        /** With the default state limits. */
        public Settings(MachineTimeline.Settings machines, Duration allowedLateness, PostingSettings posting,
                        OrderLedger.Settings orders, Duration finishedOrderRetention, ShopCalendar calendar) {
            this(machines, allowedLateness, posting, orders, finishedOrderRetention, calendar, StateLimits.DEFAULTS);
        }

        /** Without a shop calendar: every shift worked every day, no breaks (all time planned). */
        public Settings(MachineTimeline.Settings machines, Duration allowedLateness, PostingSettings posting,
                        OrderLedger.Settings orders, Duration finishedOrderRetention) {
            this(machines, allowedLateness, posting, orders, finishedOrderRetention,
                    ShopCalendar.allPlanned(machines.shifts()));
        }
    }

    /** Stream types of the inputs machines cause, the hot path: serializers written for them. */
    public static final TypeInformation<MachineInput> MACHINE_INPUT_TYPE = MachineInputTypeInfo.INSTANCE;
    public static final TypeInformation<OrderInput> ORDER_INPUT_TYPE = OrderInputTypeInfo.INSTANCE;
    /** Stream type of the low-volume master data. */
    public static final TypeInformation<MasterDataChange> MASTER_DATA_TYPE =
            new VersionedTypeInfo<>(MasterDataChange.class, MasterDataChangeSerializer.INSTANCE);

    /** The inputs, with event-time timestamps and watermarks assigned (use the types above). */
    public record Sources(DataStream<MachineInput> machineInputs, DataStream<OrderInput> orderInputs,
                          DataStream<MasterDataChange> masterData) {
    }

    /** The outputs: ledger entries, what could not be posted (with reasons), KPIs, policy notices, cost plans. */
    public record Outputs(DataStream<PostedEntry> entries, DataStream<Rejected> machineRejections,
                          DataStream<Rejection> orderRejections, DataStream<WindowTotals> machineTotals,
                          DataStream<MachineKpi> machineKpis, DataStream<Notice> notices,
                          DataStream<OrderCostPlan> costPlans) {
    }

    private PostingJob() {
    }

    /**
     * Makes building the job fail when any stream or state type would fall back to Kryo (Flink's generic types,
     * {@code pipeline.generic-types: false}): every type the job keeps has a serializer of its own with a versioned
     * format (README "State and upgrades"), and a type without one would make savepoints unreadable after the
     * smallest change of that class. Dates inside records get Flink's LocalDate type (before extraction).
     */
    public static void configureSerialization(StreamExecutionEnvironment env) {
        Configuration serialization = new Configuration();
        serialization.set(PipelineOptions.GENERIC_TYPES, false);
        env.getConfig().getSerializerConfig().configure(serialization, PostingJob.class.getClassLoader());
        LocalDateTypeInfoFactory.register();
    }

    public static Outputs build(Sources sources, Settings settings) {
        configureSerialization(sources.machineInputs().getExecutionEnvironment());
        SingleOutputStreamOperator<ReportedLine> reported = sources.machineInputs()
                .keyBy(MachineInput::machineId)
                .transform("machine signals", TypeInformation.of(ReportedLine.class), new MachineSignalOperator(
                        new MachineSignalFunction(settings.machines(), settings.allowedLateness(),
                                settings.limits())))
                .name("machine signals").uid("machine-signals");

        DataStream<WindowTotals> totals = reported.getSideOutput(MachineSignalFunction.TOTALS);
        DataStream<OrderInput> orderInputs = reported
                .map(line -> (OrderInput) new OrderInput.MachineLine(line), ORDER_INPUT_TYPE)
                .name("reported lines").uid("reported-lines")
                .union(sources.orderInputs(), totals
                        .map(windowTotals -> (OrderInput) new OrderInput.Totals(windowTotals), ORDER_INPUT_TYPE)
                        .name("window totals").uid("window-totals"));

        SingleOutputStreamOperator<PostedEntry> entries = orderInputs
                .keyBy(OrderInput::key)
                .connect(sources.masterData().broadcast())
                .transform("order postings", TypeInformation.of(PostedEntry.class), new OrderPostingOperator(
                        new OrderPostingFunction(settings.posting(), settings.orders(),
                                settings.finishedOrderRetention(), settings.allowedLateness(), settings.limits(),
                                settings.calendar(), settings.plannedStopCodes())))
                .name("order postings").uid("order-postings");

        return new Outputs(entries, reported.getSideOutput(MachineSignalFunction.REJECTED),
                entries.getSideOutput(OrderPostingFunction.REJECTED), totals,
                entries.getSideOutput(OrderPostingFunction.KPIS), entries.getSideOutput(OrderPostingFunction.NOTICES),
                entries.getSideOutput(OrderPostingFunction.COST_PLANS));
    }
}
