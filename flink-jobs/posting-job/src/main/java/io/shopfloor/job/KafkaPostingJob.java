package io.shopfloor.job;

import io.shopfloor.job.avro.KpiMapping;
import io.shopfloor.job.avro.LedgerMapping;
import io.shopfloor.job.avro.MappingResult;
import io.shopfloor.job.avro.OrderInputMapping;
import io.shopfloor.job.avro.PostingSetupMapping;
import io.shopfloor.job.avro.SignalMapping;
import io.shopfloor.job.kafka.AvroKafkaDeserializer;
import io.shopfloor.job.kafka.AvroKafkaSerializer;
import io.shopfloor.job.kafka.AvroRecordTypeInfo;
import io.shopfloor.job.kafka.Decoded;
import io.shopfloor.job.kafka.FutureSafeWatermarks;
import io.shopfloor.job.kafka.InputTimes;
import io.shopfloor.job.kafka.KafkaSinks;
import io.shopfloor.job.kafka.LastRecordOffsets;
import io.shopfloor.job.kafka.MasterDataCatchUp;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.job.machine.MachineInput;
import io.shopfloor.job.machine.MachineTimeline;
import io.shopfloor.job.machine.ShiftCalendar;
import io.shopfloor.job.masterdata.MasterDataChange;
import io.shopfloor.schema.masterdata.CalendarAbsenceEntry;
import io.shopfloor.schema.masterdata.ShopCalendarHoliday;
import io.shopfloor.schema.masterdata.ShopCalendarWorkingDay;
import io.shopfloor.job.order.OrderInput;
import io.shopfloor.job.order.OrderLedger;
import io.shopfloor.job.order.PostedEntry;
import io.shopfloor.posting.PostingSettings;
import io.shopfloor.schema.common.DeadLetter;
import io.shopfloor.schema.journal.JournalLine;
import io.shopfloor.schema.journal.OrderStatusChange;
import io.shopfloor.schema.ledger.CapacityLedgerEntry;
import io.shopfloor.schema.ledger.GeneralLedgerEntry;
import io.shopfloor.schema.ledger.ItemCostUpdate;
import io.shopfloor.schema.ledger.ItemLedgerEntry;
import io.shopfloor.schema.ledger.ValueEntry;
import io.shopfloor.schema.ledger.WarehouseEntry;
import io.shopfloor.schema.masterdata.Item;
import io.shopfloor.schema.masterdata.Location;
import io.shopfloor.schema.masterdata.MachineCenter;
import io.shopfloor.schema.masterdata.ManufacturingSetup;
import io.shopfloor.schema.masterdata.ProdOrderComponent;
import io.shopfloor.schema.masterdata.ProdOrderLine;
import io.shopfloor.schema.masterdata.ProdOrderRoutingLine;
import io.shopfloor.schema.masterdata.ProductionOrder;
import io.shopfloor.schema.masterdata.WorkCenter;
import io.shopfloor.schema.signal.MachineCounterReading;
import io.shopfloor.schema.signal.MachineKpi;
import io.shopfloor.schema.signal.MachineStateChange;
import io.shopfloor.schema.signal.OperationEvent;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.flink.util.function.SerializableFunction;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The posting job on Kafka: reads the signal, journal, status and master-data topics (Avro single-object
 * encoding), runs {@link PostingJob}, and writes ledger entries and dead letters back to Kafka exactly once.
 * {@link #define} returns the streams, so that the PostgreSQL ledger store can attach its sinks too. {@code main}
 * only wires this to the command line.
 */
public final class KafkaPostingJob {

    /**
     * Where the job reads and writes, and how it posts. {@code maxAhead}: an input whose event time is more than
     * this ahead of its receiving time is a {@code FUTURE_TIMESTAMP} dead letter and never moves a watermark.
     */
    public record Config(String bootstrapServers, String groupId, String transactionalIdPrefix,
                         Duration outOfOrderness, Duration idleness, Duration maxAhead, ZoneId plantZone,
                         PostingJob.Settings posting, boolean bounded) implements Serializable {

        /**
         * One-minute postings over three UTC shifts; 5 s out of order; idle partitions after 10 s; event times at
         * most 5 minutes ahead of their receipt; unbounded.
         */
        public static Config defaults(String bootstrapServers) {
            return new Config(bootstrapServers, "shopfloor-posting-job", "shopfloor-posting-job", Duration.ofSeconds(5),
                    Duration.ofSeconds(10), Duration.ofMinutes(5), ZoneId.of("UTC"), new PostingJob.Settings(
                    new MachineTimeline.Settings(Duration.ofSeconds(60), Duration.ofSeconds(30), Duration.ofMinutes(2),
                            ShiftCalendar.threeShifts()),
                    Duration.ofMinutes(5), PostingSettings.DEFAULTS, OrderLedger.Settings.DEFAULTS, Duration.ofDays(7)),
                    false);
        }

        /** The same job reading the topics up to their current end, then finishing (a replay into another ledger). */
        public Config readingToTheEnd() {
            return new Config(bootstrapServers, groupId, transactionalIdPrefix, outOfOrderness, idleness, maxAhead,
                    plantZone, posting, true);
        }

        /** Read the topics up to their current end, then finish (a replay, or a test). */
        public Config boundedTo(String newGroupId, PostingJob.Settings newPosting) {
            return new Config(bootstrapServers, newGroupId, newGroupId, outOfOrderness, idleness, maxAhead, plantZone,
                    newPosting, true);
        }
    }

    private static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", new AvroRecordTypeInfo<>(DeadLetter.class));
    private static final TypeInformation<MachineInput> MACHINE_INPUT_TYPE = PostingJob.MACHINE_INPUT_TYPE;
    /** The topics with a receiving time of the bridge's in their records (operation events have none). */
    private static final java.util.Set<String> MACHINE_SIGNAL_TOPICS = java.util.Set.of(KafkaTopics.MACHINE_COUNTERS,
            KafkaTopics.MACHINE_STATES);

    private KafkaPostingJob() {
    }

    /**
     * Arguments: bootstrap servers (default {@link JobConfiguration#DEFAULT_BOOTSTRAP_SERVERS}), checkpoint directory
     * (default {@link CheckpointSettings#LOCAL_DIRECTORY}), and optionally the configuration file (docs/configuration.md:
     * the kafka, plant and job sections; the first two arguments take the place of its kafka.bootstrapServers and
     * job.checkpoints.directory). Shop calendars come from the ERP's master-data topics.
     */
    public static void main(String[] args) throws Exception {
        java.util.Map<String, String> overrides = new java.util.LinkedHashMap<>();
        overrides.put("kafka.bootstrapServers", quoted(args.length > 0 ? args[0]
                : JobConfiguration.DEFAULT_BOOTSTRAP_SERVERS));
        if (args.length > 1) {
            overrides.put("job.checkpoints.directory", quoted(args[1]));
        }
        io.shopfloor.config.Section root = args.length > 2
                ? io.shopfloor.config.ConfigFile.load(java.nio.file.Path.of(args[2]), overrides)
                : io.shopfloor.config.ConfigFile.defaults(overrides);
        Config config = JobConfiguration.read(root);
        CheckpointSettings checkpoints = JobConfiguration.checkpoints(root);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                checkpoints.storage(new Configuration(), CheckpointSettings.LOCAL_DIRECTORY));
        checkpoints.enable(env);
        define(env, config);
        env.execute("shopfloor-posting-job");
    }

    /** A YAML string, whatever the text looks like. */
    private static String quoted(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /**
     * The job's streams, for further sinks (the PostgreSQL ledger store attaches to these), and the configuration it
     * was defined with (where further sinks and sources find Kafka).
     */
    public record Streams(PostingJob.Outputs outputs, DataStream<DeadLetter> deadLetters, Config config) {
    }

    /**
     * Adds the job with its Kafka sources and sinks to {@code env}. Turns on Flink's object reuse for {@code env}:
     * chained operators then hand records on as they are instead of copying each one, which is safe here because no
     * function of the job changes or keeps a record it was handed (they are immutable records, or Avro records that
     * are only read; the ledger store's sink turns each into its row as it arrives).
     */
    public static Streams define(StreamExecutionEnvironment env, Config config) {
        env.getConfig().enableObjectReuse();
        PostingJob.configureSerialization(env);
        List<DataStream<DeadLetter>> deadLetters = new ArrayList<>();
        Sources sources = new Sources(env, config, deadLetters);

        // Receiving time: the bridge's clock where the record carries it, else the Kafka record timestamp.
        DataStream<MachineInput> machineInputs = sources.read(KafkaTopics.MACHINE_COUNTERS, MachineCounterReading.class,
                        r -> MappingResult.mapped(SignalMapping.counterReading(r)), r -> r.getSourceTimestamp(),
                        r -> r.getReceivedTimestamp(), MACHINE_INPUT_TYPE)
                .union(sources.read(KafkaTopics.MACHINE_STATES, MachineStateChange.class,
                        s -> MappingResult.mapped(SignalMapping.stateChange(s)), s -> s.getSourceTimestamp(),
                        s -> s.getReceivedTimestamp(), MACHINE_INPUT_TYPE),
                        sources.read(KafkaTopics.OPERATION_EVENTS, OperationEvent.class,
                        e -> MappingResult.mapped(SignalMapping.operationEvent(e)), e -> e.getSourceTimestamp(),
                        MACHINE_INPUT_TYPE));

        ZoneId zone = config.plantZone();
        TypeInformation<OrderInput> orderType = PostingJob.ORDER_INPUT_TYPE;
        DataStream<OrderInput> orderInputs = sources.read(KafkaTopics.JOURNAL_LINES, JournalLine.class,
                        OrderInputMapping::journalLine, null, orderType)
                .union(sources.read(KafkaTopics.ORDER_STATUS_CHANGES, OrderStatusChange.class,
                                OrderInputMapping::statusChange, c -> c.getEventTime(), orderType),
                        sources.read(KafkaTopics.MD_PRODUCTION_ORDERS, ProductionOrder.class,
                                o -> MappingResult.mapped(OrderInputMapping.header(o, sourceTime(o.getSourceTimestamp()), zone)),
                                o -> o.getSourceTimestamp(), orderType),
                        sources.read(KafkaTopics.MD_PROD_ORDER_LINES, ProdOrderLine.class,
                                l -> MappingResult.mapped(OrderInputMapping.line(l)), l -> l.getSourceTimestamp(), orderType),
                        sources.read(KafkaTopics.MD_PROD_ORDER_ROUTING_LINES, ProdOrderRoutingLine.class,
                                r -> MappingResult.mapped(OrderInputMapping.routingLine(r)), r -> r.getSourceTimestamp(), orderType),
                        sources.read(KafkaTopics.MD_PROD_ORDER_COMPONENTS, ProdOrderComponent.class,
                                c -> MappingResult.mapped(OrderInputMapping.component(c)), c -> c.getSourceTimestamp(), orderType));

        TypeInformation<MasterDataChange> masterType = PostingJob.MASTER_DATA_TYPE;
        DataStream<MasterDataChange> masterData = sources.read(KafkaTopics.MD_ITEMS, Item.class,
                        i -> MappingResult.mapped(OrderInputMapping.item(i)), i -> i.getSourceTimestamp(), masterType)
                .union(sources.read(KafkaTopics.MD_WORK_CENTERS, WorkCenter.class,
                                w -> new MappingResult.MappedAll<>(OrderInputMapping.workCenterWithCalendar(w)),
                                w -> w.getSourceTimestamp(), masterType),
                        sources.read(KafkaTopics.MD_MACHINE_CENTERS, MachineCenter.class,
                                m -> MappingResult.mapped(OrderInputMapping.machineCenter(m)), m -> m.getSourceTimestamp(), masterType),
                        sources.read(KafkaTopics.MD_LOCATIONS, Location.class,
                                l -> MappingResult.mapped(OrderInputMapping.location(l)), l -> l.getSourceTimestamp(), masterType),
                        sources.read(KafkaTopics.MD_MANUFACTURING_SETUP, ManufacturingSetup.class,
                                s -> MappingResult.mapped(OrderInputMapping.manufacturingSetup(s)), s -> s.getSourceTimestamp(), masterType),
                        postingSetup(sources, masterType));

        // Shop calendars (docs: the KPI windows are split by the machine's calendar as of the window's time).
        masterData = masterData.union(
                sources.read(KafkaTopics.MD_SHOP_CALENDAR_WORKING_DAYS, ShopCalendarWorkingDay.class,
                        d -> MappingResult.mapped(OrderInputMapping.workingDay(d)), d -> d.getSourceTimestamp(),
                        masterType),
                sources.read(KafkaTopics.MD_SHOP_CALENDAR_HOLIDAYS, ShopCalendarHoliday.class,
                        h -> MappingResult.mapped(OrderInputMapping.holiday(h)), h -> h.getSourceTimestamp(),
                        masterType),
                sources.read(KafkaTopics.MD_CALENDAR_ABSENCE_ENTRIES, CalendarAbsenceEntry.class,
                        a -> MappingResult.mapped(OrderInputMapping.absence(a)), a -> a.getSourceTimestamp(),
                        masterType));
        // Which stop codes are planned downtime: the ERP's time model (README, OEE).
        masterData = masterData.union(sources.read(KafkaTopics.MD_STOP_CODES,
                io.shopfloor.schema.masterdata.StopCode.class,
                c -> MappingResult.mapped(OrderInputMapping.stopCode(c)), c -> c.getSourceTimestamp(), masterType));
        PostingJob.Outputs outputs = PostingJob.build(new PostingJob.Sources(machineInputs, orderInputs, masterData),
                config.posting());

        writeLedger(outputs.entries(), config);
        // KPIs restate a window: a repeat after a restart is harmless, so at-least-once is enough.
        outputs.machineKpis().map(KpiMapping::machineKpi, new AvroRecordTypeInfo<>(MachineKpi.class)).name("machine KPIs")
                .sinkTo(KafkaSinks.atLeastOnce(config.bootstrapServers(),
                        new AvroKafkaSerializer<>(KafkaTopics.MACHINE_KPIS, MachineKpi.class, MachineKpi::getMachineId)))
                .name("machine KPIs sink").uid("machine-kpis-sink");
        TypeInformation<DeadLetter> deadLetterType = new AvroRecordTypeInfo<>(DeadLetter.class);
        deadLetters.add(outputs.machineRejections().map(DeadLetters::of, deadLetterType).name("machine rejections"));
        deadLetters.add(outputs.orderRejections().process(new ProcessFunction<io.shopfloor.job.order.Rejection, DeadLetter>() {
            @Override
            public void processElement(io.shopfloor.job.order.Rejection rejection, Context ctx, Collector<DeadLetter> out) {
                out.collect(DeadLetters.of(rejection, Instant.ofEpochMilli(ctx.timestamp() == null ? 0 : ctx.timestamp())));
            }
        }, deadLetterType).name("order rejections"));
        DataStream<DeadLetter> allDeadLetters = deadLetters.get(0);
        for (int i = 1; i < deadLetters.size(); i++) {
            allDeadLetters = allDeadLetters.union(deadLetters.get(i));
        }
        allDeadLetters.sinkTo(KafkaSinks.exactlyOnce(config.bootstrapServers(),
                        new AvroKafkaSerializer<>(KafkaTopics.DEAD_LETTERS, DeadLetter.class, DeadLetter::getId,
                                letter -> letter.getFailedAt().toEpochMilli()),
                        config.transactionalIdPrefix() + "-dead-letters"))
                .name("dead letters").uid("dead-letters-sink");
        return new Streams(outputs, allDeadLetters, config);
    }

    /**
     * The G/L posting setup (docs/general-ledger.md#setup): the posting groups of items and centers are read from the
     * card topics a second time (their own sources), next to the setup tables, the general ledger setup and the
     * default dimensions.
     */
    private static DataStream<MasterDataChange> postingSetup(Sources sources, TypeInformation<MasterDataChange> type) {
        return sources.read(KafkaTopics.MD_ITEMS + "-posting-groups", KafkaTopics.MD_ITEMS, Item.class,
                        i -> MappingResult.mapped(PostingSetupMapping.itemPostingGroups(i)), i -> i.getSourceTimestamp(),
                        null, type)
                .union(sources.read(KafkaTopics.MD_WORK_CENTERS + "-posting-groups", KafkaTopics.MD_WORK_CENTERS,
                                WorkCenter.class, w -> MappingResult.mapped(PostingSetupMapping.workCenterPostingGroups(w)),
                                w -> w.getSourceTimestamp(), null, type),
                        sources.read(KafkaTopics.MD_MACHINE_CENTERS + "-posting-groups", KafkaTopics.MD_MACHINE_CENTERS,
                                MachineCenter.class,
                                m -> MappingResult.mapped(PostingSetupMapping.machineCenterPostingGroups(m)),
                                m -> m.getSourceTimestamp(), null, type),
                        sources.read(KafkaTopics.MD_INVENTORY_POSTING_SETUP,
                                io.shopfloor.schema.masterdata.InventoryPostingSetup.class,
                                r -> MappingResult.mapped(PostingSetupMapping.inventoryPostingSetup(r)),
                                r -> r.getSourceTimestamp(), type),
                        sources.read(KafkaTopics.MD_GENERAL_POSTING_SETUP,
                                io.shopfloor.schema.masterdata.GeneralPostingSetup.class,
                                r -> MappingResult.mapped(PostingSetupMapping.generalPostingSetup(r)),
                                r -> r.getSourceTimestamp(), type),
                        sources.read(KafkaTopics.MD_GENERAL_LEDGER_SETUP,
                                io.shopfloor.schema.masterdata.GeneralLedgerSetup.class,
                                r -> MappingResult.mapped(PostingSetupMapping.generalLedgerSetup(r)),
                                r -> r.getSourceTimestamp(), type),
                        sources.read(KafkaTopics.MD_DEFAULT_DIMENSIONS,
                                io.shopfloor.schema.masterdata.DefaultDimension.class,
                                PostingSetupMapping::defaultDimension, r -> r.getSourceTimestamp(), type));
    }

    private static final OutputTag<CapacityLedgerEntry> CAPACITY_ENTRIES =
            new OutputTag<>("capacity-entries", new AvroRecordTypeInfo<>(CapacityLedgerEntry.class));
    private static final OutputTag<ValueEntry> VALUE_ENTRIES =
            new OutputTag<>("value-entries", new AvroRecordTypeInfo<>(ValueEntry.class));
    private static final OutputTag<WarehouseEntry> WAREHOUSE_ENTRIES =
            new OutputTag<>("warehouse-entries", new AvroRecordTypeInfo<>(WarehouseEntry.class));
    private static final OutputTag<OrderStatusChange> STATUS_CHANGES =
            new OutputTag<>("status-changes", new AvroRecordTypeInfo<>(OrderStatusChange.class));
    private static final OutputTag<GeneralLedgerEntry> GL_ENTRIES =
            new OutputTag<>("gl-entries", new AvroRecordTypeInfo<>(GeneralLedgerEntry.class));
    private static final OutputTag<ItemCostUpdate> ITEM_COST_UPDATES =
            new OutputTag<>("item-cost-updates", new AvroRecordTypeInfo<>(ItemCostUpdate.class));

    /** Ledger entries to their topics, keyed by order (or capacity) so each key's entries stay in order. */
    private static void writeLedger(DataStream<PostedEntry> entries, Config config) {
        SingleOutputStreamOperator<ItemLedgerEntry> items = entries
                .process(new LedgerRecords(), new AvroRecordTypeInfo<>(ItemLedgerEntry.class))
                .name("ledger records").uid("ledger-records");
        sink(items, config, KafkaTopics.LEDGER_ITEM_ENTRIES, ItemLedgerEntry.class);
        sink(items.getSideOutput(CAPACITY_ENTRIES), config, KafkaTopics.LEDGER_CAPACITY_ENTRIES, CapacityLedgerEntry.class);
        sink(items.getSideOutput(VALUE_ENTRIES), config, KafkaTopics.LEDGER_VALUE_ENTRIES, ValueEntry.class);
        sink(items.getSideOutput(WAREHOUSE_ENTRIES), config, KafkaTopics.LEDGER_WAREHOUSE_ENTRIES, WarehouseEntry.class);
        sink(items.getSideOutput(STATUS_CHANGES), config, KafkaTopics.LEDGER_ORDER_STATUS, OrderStatusChange.class);
        sink(items.getSideOutput(GL_ENTRIES), config, KafkaTopics.LEDGER_GL_ENTRIES, GeneralLedgerEntry.class);
        sink(items.getSideOutput(ITEM_COST_UPDATES), config, KafkaTopics.LEDGER_ITEM_COST_UPDATES,
                ItemCostUpdate.class);
    }

    private static <R extends SpecificRecord> void sink(DataStream<R> records, Config config, String topic,
                                                        Class<R> type) {
        records.sinkTo(KafkaSinks.exactlyOnce(config.bootstrapServers(),
                        new AvroKafkaSerializer<>(topic, type, KafkaPostingJob::keyOf),
                        config.transactionalIdPrefix() + "-" + topic))
                .name(topic + " sink").uid(topic + "-sink");
    }

    /**
     * Each posted entry as the Avro record of its ledger (item entries on the main output), made from the ledger
     * model's fields as the ledger store's rows are. Warehouse requests have no record: they reach the store only.
     */
    private static final class LedgerRecords extends ProcessFunction<PostedEntry, ItemLedgerEntry> {
        @Override
        public void processElement(PostedEntry e, Context ctx, Collector<ItemLedgerEntry> out) {
            SpecificRecord record = LedgerMapping.record(e);
            if (record instanceof ItemLedgerEntry item) {
                out.collect(item);
            } else if (record instanceof CapacityLedgerEntry capacity) {
                ctx.output(CAPACITY_ENTRIES, capacity);
            } else if (record instanceof ValueEntry value) {
                ctx.output(VALUE_ENTRIES, value);
            } else if (record instanceof WarehouseEntry warehouse) {
                ctx.output(WAREHOUSE_ENTRIES, warehouse);
            } else if (record instanceof OrderStatusChange status) {
                ctx.output(STATUS_CHANGES, status);
            } else if (record instanceof GeneralLedgerEntry gl) {
                ctx.output(GL_ENTRIES, gl);
            } else if (record instanceof ItemCostUpdate update) {
                ctx.output(ITEM_COST_UPDATES, update);
            }
        }
    }

    private static String keyOf(SpecificRecord record) {
        Object orderNo = record.getSchema().getField("orderNo") != null
                ? record.get(record.getSchema().getField("orderNo").pos()) : null;
        return orderNo == null || orderNo.toString().isEmpty() ? "capacity" : orderNo.toString();
    }

    private static Instant sourceTime(Instant time) {
        return time == null ? Instant.EPOCH : time;
    }

    /** How long the look-up of a master-data topic's last records may take at the job's start. */
    private static final Duration CATCH_UP_LOOKUP_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Reads topics: decoded records become job inputs; undecodable or unmappable ones become dead letters. A
     * master-data topic is read by one reader and held back until it is caught up ({@link MasterDataCatchUp}).
     */
    private static final class Sources {
        private final StreamExecutionEnvironment env;
        private final Config config;
        private final List<DataStream<DeadLetter>> deadLetters;

        Sources(StreamExecutionEnvironment env, Config config, List<DataStream<DeadLetter>> deadLetters) {
            this.env = env;
            this.config = config;
            this.deadLetters = deadLetters;
        }

        /** A topic whose receiving time is the Kafka record timestamp. */
        <A extends SpecificRecord, T> DataStream<T> read(String topic, Class<A> type,
                                                         SerializableFunction<A, MappingResult<T>> map,
                                                         InputTimes.TimeOf<A> eventTime,
                                                         TypeInformation<T> outputType) {
            return read(topic, type, map, eventTime, null, outputType);
        }

        /**
         * @param eventTime    the record's event time; null, or a null result, means the Kafka timestamp
         * @param receivedTime when it was received; null, or a null result, means the Kafka timestamp
         */
        <A extends SpecificRecord, T> DataStream<T> read(String topic, Class<A> type,
                                                         SerializableFunction<A, MappingResult<T>> map,
                                                         InputTimes.TimeOf<A> eventTime,
                                                         InputTimes.TimeOf<A> receivedTime,
                                                         TypeInformation<T> outputType) {
            return read(topic, topic, type, map, eventTime, receivedTime, outputType);
        }

        /** @param name names the source and its operators (uids): a topic read twice needs a second name */
        <A extends SpecificRecord, T> DataStream<T> read(String name, String topic, Class<A> type,
                                                         SerializableFunction<A, MappingResult<T>> map,
                                                         InputTimes.TimeOf<A> eventTime,
                                                         InputTimes.TimeOf<A> receivedTime,
                                                         TypeInformation<T> outputType) {
            var builder = KafkaSource.<Decoded<A>>builder()
                    .setBootstrapServers(config.bootstrapServers())
                    .setTopics(topic)
                    .setGroupId(config.groupId())
                    .setStartingOffsets(OffsetsInitializer.earliest())
                    .setProperty("isolation.level", "read_committed")
                    .setDeserializer(new AvroKafkaDeserializer<>(type));
            if (config.bounded()) {
                builder.setBounded(OffsetsInitializer.latest());
            }
            KafkaSource<Decoded<A>> source = builder.build();
            // Machine signals the bridge received later than this after they happened would be late even for a live
            // job: a gateway's backlog, which must not keep its partition active (module README, watermarks).
            Duration maxBehind = MACHINE_SIGNAL_TOPICS.contains(topic)
                    ? config.outOfOrderness().plus(config.posting().allowedLateness()) : null;
            InputTimes<A> times = new InputTimes<>(eventTime, receivedTime, config.maxAhead(), maxBehind);
            // One generator per partition (split): see the module README on watermarks.
            WatermarkStrategy<Decoded<A>> watermarks = FutureSafeWatermarks.strategy(times, config.outOfOrderness(),
                    config.idleness());
            SingleOutputStreamOperator<Decoded<A>> read = env.fromSource(source, watermarks, name)
                    .uid(name + "-source");
            DataStream<Decoded<A>> decoded = read;
            boolean masterData = KafkaTopics.MASTER_DATA.contains(topic);
            if (masterData) {
                // Nothing is posted before the master data that was there at the start (MasterDataCatchUp).
                read.setParallelism(1);
                decoded = read.transform(name + " catch-up", read.getType(), new MasterDataCatchUp<A>(topic,
                                LastRecordOffsets.onKafka(config.bootstrapServers(), CATCH_UP_LOOKUP_TIMEOUT)))
                        .uid(name + "-catch-up").setParallelism(1);
            }
            SingleOutputStreamOperator<T> inputs = decoded
                    .process(new Route<>(topic, map, times), outputType).name(name + " inputs")
                    .uid(name + "-inputs");
            if (masterData) {
                inputs.setParallelism(1);
            }
            deadLetters.add(inputs.getSideOutput(DEAD_LETTERS));
            return inputs;
        }
    }

    /**
     * Decoded records through their mapping; everything else to the dead letters, with the reason: undecodable,
     * too far in the future (never reaches an operator, as it never moved a watermark), or refused by the mapping.
     */
    private static final class Route<A extends SpecificRecord, T> extends ProcessFunction<Decoded<A>, T> {
        private final String topic;
        private final SerializableFunction<A, MappingResult<T>> map;
        private final InputTimes<A> times;

        Route(String topic, SerializableFunction<A, MappingResult<T>> map, InputTimes<A> times) {
            this.topic = topic;
            this.map = map;
            this.times = times;
        }

        @Override
        public void processElement(Decoded<A> decoded, Context ctx, Collector<T> out) {
            if (!decoded.isRecord()) {
                ctx.output(DEAD_LETTERS, decoded.deadLetter());
                return;
            }
            if (times.isFuture(decoded)) {
                // Failed at the input's Kafka timestamp: the broker accepted it once, so it accepts the letter too.
                ctx.output(DEAD_LETTERS, DeadLetters.futureTimestamp(topic, decoded.record(), decoded.key(),
                        Instant.ofEpochMilli(times.eventTimeMillis(decoded)),
                        Instant.ofEpochMilli(times.receivedTimeMillis(decoded)),
                        Duration.ofMillis(times.maxAheadMillis()), Instant.ofEpochMilli(decoded.timestamp()),
                        decoded.partition(), decoded.offset()));
                return;
            }
            MappingResult<T> mapped;
            try {
                mapped = map.apply(decoded.record());
            } catch (RuntimeException e) {
                mapped = MappingResult.failed(e.toString());
            }
            if (mapped instanceof MappingResult.Mapped<T> value) {
                out.collect(value.value());
            } else if (mapped instanceof MappingResult.MappedAll<T> values) {
                values.values().forEach(out::collect);
            } else {
                ctx.output(DEAD_LETTERS, DeadLetters.mappingFailed(topic, ((MappingResult.Failed<T>) mapped).reason(),
                        decoded.record(), decoded.key(), Instant.ofEpochMilli(times.eventTimeMillis(decoded)),
                        decoded.partition(), decoded.offset()));
            }
        }
    }
}
