package io.shopfloor.dashboard;

import io.shopfloor.job.Example1Plant;
import io.shopfloor.job.Example1Plant.Timed;
import io.shopfloor.job.PostingJob;
import io.shopfloor.job.avro.AvroFixtures;
import io.shopfloor.job.machine.MachineInput;
import io.shopfloor.ledger.LedgerStoreJob;
import io.shopfloor.ledger.LedgerStoreSchema;
import io.shopfloor.ledger.LedgerStoreSink;
import io.shopfloor.posting.PostingSettings;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.EmbeddedKafka;
import io.shopfloor.schema.common.ProductionOrderStatus;
import io.shopfloor.schema.common.RoutingFlushingMethod;
import io.shopfloor.schema.masterdata.ProdOrderComponent;
import io.shopfloor.schema.masterdata.ProdOrderLine;
import io.shopfloor.schema.masterdata.ProdOrderRoutingLine;
import io.shopfloor.schema.masterdata.ProductionOrder;
import io.shopfloor.schema.masterdata.RoutingStatus;
import io.shopfloor.schema.signal.MachineKpi;
import io.shopfloor.schema.signal.MachineState;
import io.shopfloor.schema.signal.MachineStateChange;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.shopfloor.job.avro.AvroFixtures.q;

/**
 * The dashboard on spec example 1, shared by the integration test classes (started once per test run, closed at its
 * end): a real PostgreSQL ledger store with example 1 posted by the posting job on a Flink MiniCluster, a real
 * in-process Kafka broker with set A's released order as master data and two machines' states and KPIs, and the
 * dashboard reading both as the reporting role.
 */
public final class Example1Dashboard implements BeforeAllCallback {
    private static final Logger LOG = LoggerFactory.getLogger(Example1Dashboard.class);
    static final String ORDER = "RPO-1001";
    static final Instant MIDNIGHT = Example1Plant.MIDNIGHT;

    private Running running;

    @Override
    public void beforeAll(ExtensionContext context) {
        running = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Running.class, key -> Running.start(), Running.class);
    }

    public Running running() {
        return running;
    }

    /** The started plant; closed by JUnit when the whole run ends. */
    public static final class Running implements AutoCloseable {
        final EmbeddedPostgres postgres;
        final EmbeddedKafka kafka;
        final String jdbcUrl;
        final Dashboard dashboard;

        private Running(EmbeddedPostgres postgres, EmbeddedKafka kafka, String jdbcUrl, Dashboard dashboard) {
            this.postgres = postgres;
            this.kafka = kafka;
            this.jdbcUrl = jdbcUrl;
            this.dashboard = dashboard;
        }

        static Running start() {
            try {
                long started = System.nanoTime();
                EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                try (Connection connection = postgres.getPostgresDatabase().getConnection();
                     Statement statement = connection.createStatement()) {
                    statement.execute("CREATE DATABASE ledger");
                }
                String jdbcUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/ledger";
                LedgerStoreSchema.Roles roles = LedgerStoreSchema.Roles.defaults();
                LedgerStoreSchema.migrate(jdbcUrl, "postgres", "", roles, PostingSettings.DeviationBasis.STANDARD);
                postExample1(LedgerStoreSink.Settings.of(jdbcUrl, roles.writer(), roles.writerPassword()));
                writeDeadLetters(jdbcUrl, roles);

                EmbeddedKafka kafka = new EmbeddedKafka().start();
                KafkaTopics.createMissing(kafka.bootstrapServers(), 1, (short) 1);
                kafka.awaitPartitions(KafkaTopics.ALL, Duration.ofSeconds(30));
                Running running = new Running(postgres, kafka, jdbcUrl, null);
                running.publish(masterData());
                running.publish(List.of(
                        record(KafkaTopics.MACHINE_STATES, "CUT-1", state("CUT-1", MachineState.STOPPED, "BREAK", 390)),
                        record(KafkaTopics.MACHINE_STATES, "MC-ASSY",
                                state("MC-ASSY", MachineState.NO_SIGNAL, null, 490)),
                        record(KafkaTopics.MACHINE_KPIS, "CUT-1", kpi("CUT-1", 0, 150, 60, 0, 30, 120, 0.8, 1.0, 1.0)),
                        record(KafkaTopics.MACHINE_KPIS, "MC-ASSY",
                                kpi("MC-ASSY", 150, 300, 60, 0, 0, 60, 1.0, 1.0, 1.0))));

                Dashboard dashboard = Dashboard.start(new DashboardSettings(0, jdbcUrl, roles.reporting(),
                        roles.reportingPassword(), kafka.bootstrapServers()));
                LOG.info("example 1 plant and dashboard up in {} ms", (System.nanoTime() - started) / 1_000_000);
                return new Running(postgres, kafka, jdbcUrl, dashboard);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the example 1 plant", e);
            }
        }

        /**
         * Three dead letters as the pipeline writes them: two readings of CUT-1 the MQTT bridge could not read, one
         * journal line of an order the job does not know (example 1 itself posts without any).
         */
        static void writeDeadLetters(String jdbcUrl, LedgerStoreSchema.Roles roles) throws Exception {
            try (Connection connection = DriverManager.getConnection(jdbcUrl, roles.writer(), roles.writerPassword());
                 Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO dead_letter (idempotency_key, source_topic, key, payload, reason_code, "
                        + "reason_detail, failed_at, stage, attempt, content_hash) VALUES "
                        + "('bridge/1', 'plant/site1/area1/L1/CUT-1/counter/good', 'CUT-1', '\\x7b', "
                        + "'INVALID_JSON', 'Unexpected end-of-input', '2026-03-02T07:00:00Z', 'bridge', 1, '\\x01'),"
                        + "('bridge/2', 'plant/site1/area1/L1/CUT-1/counter/good', 'CUT-1', '\\x7b', "
                        + "'INVALID_JSON', 'Unexpected end-of-input', '2026-03-02T07:01:00Z', 'bridge', 1, '\\x02'),"
                        + "('order/RPO-9999/line-1', 'order-inputs', NULL, '\\x7b', 'ORDER_NOT_RELEASED', "
                        + "'RPO-9999 is not a released order', '2026-03-02T08:30:00Z', 'posting', 1, '\\x03')");
            }
        }

        void publish(List<ProducerRecord<byte[], byte[]>> records) throws Exception {
            kafka.produce(records);
        }

        @Override
        public void close() throws Exception {
            if (dashboard != null) {
                dashboard.close();
            }
            kafka.close();
            postgres.close();
        }
    }

    /** Spec example 1 from machine signals through the posting job into the ledger store. */
    private static void postExample1(LedgerStoreSink.Settings store) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        PostingJob.Outputs outputs = PostingJob.build(new PostingJob.Sources(
                env.fromData(Example1Plant.machineInputs(), TypeInformation.of(MachineInput.class))
                        .assignTimestampsAndWatermarks(WatermarkStrategy
                                .<MachineInput>forBoundedOutOfOrderness(Duration.ofMinutes(1))
                                .withTimestampAssigner((input, previous) -> input.eventTime().toEpochMilli())),
                Timed.source(env, Example1Plant.orderInputs(), PostingJob.ORDER_INPUT_TYPE),
                Timed.source(env, Example1Plant.masterData(), PostingJob.MASTER_DATA_TYPE)),
                Example1Plant.SETTINGS);
        LedgerStoreJob.attach(outputs, store);
        env.execute("example 1 into the ledger store for the dashboard");
    }

    /** Set A's order RPO-1001 as the ERP holds it once released (expected quantities and needs filled in). */
    static List<ProducerRecord<byte[], byte[]>> masterData() {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        ProductionOrderStatus released = ProductionOrderStatus.RELEASED;
        ProductionOrder order = ProductionOrder.newBuilder(AvroFixtures.setAOrder()).setStatus(released).build();
        records.add(record(KafkaTopics.MD_PRODUCTION_ORDERS, ORDER, order));
        ProdOrderLine line = ProdOrderLine.newBuilder(AvroFixtures.setALine()).setStatus(released).build();
        records.add(record(KafkaTopics.MD_PROD_ORDER_LINES, ORDER + "/10000", line));
        List<String> needsMillis = List.of("13800000", "6000000"); // 230 and 100 minutes
        List<ProdOrderRoutingLine> routing = AvroFixtures.setARouting();
        for (int i = 0; i < routing.size(); i++) {
            ProdOrderRoutingLine operation = ProdOrderRoutingLine.newBuilder(routing.get(i)).setStatus(released)
                    .setExpectedCapacityNeed(q(needsMillis.get(i))).setRoutingStatus(RoutingStatus.PLANNED)
                    .setFlushingMethod(RoutingFlushingMethod.MANUAL).build();
            records.add(record(KafkaTopics.MD_PROD_ORDER_ROUTING_LINES, ORDER + "/" + operation.getOperationNo(),
                    operation));
        }
        List<String> expected = List.of("210", "400", "5");
        List<ProdOrderComponent> components = AvroFixtures.setAComponents();
        for (int i = 0; i < components.size(); i++) {
            ProdOrderComponent component = ProdOrderComponent.newBuilder(components.get(i)).setStatus(released)
                    .setExpectedQuantity(q(expected.get(i))).setExpectedQtyBase(q(expected.get(i))).build();
            records.add(record(KafkaTopics.MD_PROD_ORDER_COMPONENTS, ORDER + "/" + component.getLineNo(),
                    component));
        }
        records.add(record(KafkaTopics.MD_WORK_CENTERS, "WC-CUT",
                AvroFixtures.workCenter("WC-CUT", "1.00", "10", "0.10", "1.20")));
        records.add(record(KafkaTopics.MD_WORK_CENTERS, "WC-ASSY",
                AvroFixtures.workCenter("WC-ASSY", "0.50", "0", "0", "0.50")));
        records.add(record(KafkaTopics.MD_MACHINE_CENTERS, "MC-ASSY",
                io.shopfloor.schema.masterdata.MachineCenter.newBuilder(
                        AvroFixtures.machineCenter("MC-ASSY", "WC-ASSY", "0.50")).setName("Assembly cell").build()));
        return records;
    }

    static MachineStateChange state(String machine, MachineState state, String stopCode, int minute) {
        Instant at = MIDNIGHT.plusSeconds(60L * minute);
        return MachineStateChange.newBuilder().setMachineId(machine).setState(state).setStopCode(stopCode)
                .setBootEpoch(1).setSequenceNumber(minute).setSourceTimestamp(at).setReceivedTimestamp(at).build();
    }

    static final io.shopfloor.job.machine.ShiftCalendar SHIFTS = io.shopfloor.job.machine.ShiftCalendar.threeShifts();

    static MachineKpi kpi(String machine, int fromMinute, int toMinute, long good, long scrap, int setupMinutes,
                          int runMinutes, double availability, double performance, double quality) {
        return MachineKpi.newBuilder().setMachineId(machine)
                .setWindowStart(MIDNIGHT.plusSeconds(60L * fromMinute))
                .setWindowEnd(MIDNIGHT.plusSeconds(60L * toMinute))
                .setOrderNo(ORDER).setOrderLineNo(10000).setOperationNo(machine.equals("CUT-1") ? "10" : "20")
                .setGoodParts(good).setScrapParts(scrap).setSetupMillis(setupMinutes * 60_000L)
                .setRunMillis(runMinutes * 60_000L).setStopMillis(0).setIdleMillis(0).setNoSignalMillis(0)
                .setIdealCycleTimeMillis(machine.equals("CUT-1") ? 120_000L : 60_000L)
                .setAvailability(availability).setPerformance(performance).setQuality(quality)
                .setOee(availability * performance * quality)
                // v2: the shift of the window's start, all time planned (no breaks), ideal time of its parts
                .setShiftDate(SHIFTS.date(SHIFTS.shiftStartAtOrBefore(MIDNIGHT.plusSeconds(60L * fromMinute))))
                .setShiftCode(SHIFTS.shiftCode(MIDNIGHT.plusSeconds(60L * fromMinute)))
                .setPlannedBusyMillis((setupMinutes + runMinutes) * 60_000L)
                .setIdealProductionMillis((machine.equals("CUT-1") ? 120_000L : 60_000L) * (good + scrap))
                .setRunMillisWithIdealCycleTime(runMinutes * 60_000L).build();
    }

    @SuppressWarnings("unchecked")
    static <T extends SpecificRecord> ProducerRecord<byte[], byte[]> record(String topic, String key, T value) {
        try {
            ByteBuffer buffer = ShopfloorSchemas.encoder((Class<T>) value.getClass()).encode(value);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
