package io.shopfloor.terminal;

import io.shopfloor.job.KafkaPostingJob;
import io.shopfloor.job.avro.AvroFixtures;
import io.shopfloor.ledger.LedgerStoreJob;
import io.shopfloor.ledger.LedgerStoreSchema;
import io.shopfloor.ledger.LedgerStoreSink;
import io.shopfloor.posting.PostingSettings;
import io.shopfloor.schema.masterdata.CostingMethod;
import io.shopfloor.schema.EmbeddedKafka;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.common.ProductionOrderStatus;
import io.shopfloor.schema.common.RoutingFlushingMethod;
import io.shopfloor.schema.masterdata.Item;
import io.shopfloor.schema.masterdata.Location;
import io.shopfloor.schema.masterdata.ProdOutputWhseHandling;
import io.shopfloor.schema.masterdata.ProdOrderComponent;
import io.shopfloor.schema.masterdata.ProdOrderLine;
import io.shopfloor.schema.masterdata.ProdOrderRoutingLine;
import io.shopfloor.schema.masterdata.ProductionOrder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The terminal on a real plant's pieces, shared by the test classes (started once per test run, closed at its end):
 * an in-process Kafka broker holding set A's order RPO-1001, released, with its master data (as CDC writes it), a
 * PostgreSQL ledger store, the terminal with three users, and {@link #post()}, which runs the posting job on a Flink
 * MiniCluster over everything on the topics into the ledger store (bounded: from the earliest offsets to the current
 * end, so the final watermark passes every journal line; a rerun skips what the store holds, by idempotency key).
 */
public final class TerminalPlant implements BeforeAllCallback {
    private static final Logger LOG = LoggerFactory.getLogger(TerminalPlant.class);
    static final String ORDER = "RPO-1001";
    /** The same order again, for the browser test (each test class finishes its own order). */
    static final String BROWSER_ORDER = "RPO-1002";
    /** Set A's order at {@link #PUT_AWAY_LOCATION}, whose output an inventory put-away posts (API tests). */
    static final String PUT_AWAY_ORDER = "RPO-1003";
    /** The same at the same location, for the browser test. */
    static final String BROWSER_PUT_AWAY_ORDER = "RPO-1004";
    /**
     * Bin Mandatory, Prod. Output Whse. Handling = Inventory Put-away; bins for components but no from-production
     * bin, so the output has no default bin and the warehouse worker names one.
     */
    static final String PUT_AWAY_LOCATION = "WH";
    /** Set A's order at {@link #BIN_LOCATION}, whose output the production journal posts into a bin it names. */
    static final String BIN_ORDER = "RPO-1005";
    /**
     * Bin Mandatory without warehouse handling of output; bins for components but no from-production bin, so an
     * output line names its bin (docs/warehouse.md#bin-on-the-output-journal).
     */
    static final String BIN_LOCATION = "BINS";
    /** Every test user's password; hashed with few iterations to keep the tests fast (stored per user). */
    static final String PASSWORD = "correct horse battery";
    static final int TEST_ITERATIONS = 10_000;

    private Running running;

    @Override
    public void beforeAll(ExtensionContext context) {
        running = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Running.class, key -> Running.start(), Running.class);
    }

    public Running running() {
        return running;
    }

    public static final class Running implements AutoCloseable {
        final EmbeddedPostgres postgres;
        final EmbeddedKafka kafka;
        final String jdbcUrl;
        final LedgerStoreSchema.Roles roles;
        final Path usersFile;
        final Terminal terminal;
        private final AtomicInteger runs = new AtomicInteger();

        private Running(EmbeddedPostgres postgres, EmbeddedKafka kafka, String jdbcUrl, LedgerStoreSchema.Roles roles,
                        Path usersFile, Terminal terminal) {
            this.postgres = postgres;
            this.kafka = kafka;
            this.jdbcUrl = jdbcUrl;
            this.roles = roles;
            this.usersFile = usersFile;
            this.terminal = terminal;
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

                EmbeddedKafka kafka = new EmbeddedKafka().start();
                KafkaTopics.createMissing(kafka.bootstrapServers(), 1, (short) 1);
                kafka.awaitPartitions(KafkaTopics.ALL, Duration.ofSeconds(30));
                kafka.produce(masterData(Instant.now().minus(Duration.ofHours(1))));

                Path usersFile = Files.createTempDirectory("terminal-users").resolve("users");
                UsersFile.of(List.of(
                        user("olga", Role.OPERATOR, "WC-CUT"),
                        user("otto", Role.OPERATOR, "WC-ASSY"),
                        user("sam", Role.SUPERVISOR, null),
                        user("wanda", Role.WAREHOUSE_WORKER, null),
                        user("carla", Role.COST_CONTROLLER, null))).write(usersFile);
                Terminal terminal = Terminal.start(settings(kafka, jdbcUrl, roles, usersFile));
                LOG.info("terminal plant up in {} ms", (System.nanoTime() - started) / 1_000_000);
                return new Running(postgres, kafka, jdbcUrl, roles, usersFile, terminal);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the terminal plant", e);
            }
        }

        static TerminalSettings settings(EmbeddedKafka kafka, String jdbcUrl, LedgerStoreSchema.Roles roles,
                                         Path usersFile) {
            return new TerminalSettings(0, usersFile, jdbcUrl, roles.reporting(), roles.reportingPassword(),
                    kafka.bootstrapServers());
        }

        TerminalSettings settings() {
            return settings(kafka, jdbcUrl, roles, usersFile);
        }

        static User user(String name, Role role, String workCenter) {
            return PasswordHashing.newUser(name, role, workCenter, PASSWORD.toCharArray(), TEST_ITERATIONS);
        }

        /** Runs the posting job over the topics into the ledger store, to their current end. */
        synchronized void post() throws Exception {
            long started = System.nanoTime();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(1);
            env.enableCheckpointing(500);
            String group = "terminal-test-" + runs.incrementAndGet();
            KafkaPostingJob.Config config = KafkaPostingJob.Config.defaults(kafka.bootstrapServers());
            KafkaPostingJob.Streams streams = KafkaPostingJob.define(env, config.boundedTo(group, config.posting()));
            LedgerStoreJob.attach(streams,
                    LedgerStoreSink.Settings.of(jdbcUrl, roles.writer(), roles.writerPassword()));
            env.execute("terminal test postings " + group);
            LOG.info("posting job run {} in {} ms", group, (System.nanoTime() - started) / 1_000_000);
        }

        @Override
        public void close() throws Exception {
            terminal.close();
            kafka.close();
            postgres.close();
        }
    }

    /**
     * Set A (spec example 1's order) as the ERP's CDC writes it once released: every row with status Released,
     * routing flushed by hand; items, centers, location and the manufacturing setup.
     */
    static List<ProducerRecord<byte[], byte[]>> masterData(Instant defined) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        Item fg = Item.newBuilder(AvroFixtures.item("FG-100", "PCS", CostingMethod.STANDARD, "7.81", "1"))
                .setSingleLevelMaterialCost(AvroFixtures.q("4.55")).setSingleLevelCapacityCost(AvroFixtures.q("2.80"))
                .setSingleLevelCapacityOverheadCost(AvroFixtures.q("0.46")).build();
        for (Item item : List.of(fg, AvroFixtures.item("STEEL", "KG", CostingMethod.STANDARD, "1.50", "0.01"),
                AvroFixtures.item("BOLT", "PCS", CostingMethod.STANDARD, "0.10", "1"),
                AvroFixtures.item("PAINT", "L", CostingMethod.STANDARD, "20.00", "0.001"))) {
            records.add(record(KafkaTopics.MD_ITEMS, item.getNo(), item));
        }
        records.add(record(KafkaTopics.MD_WORK_CENTERS, "WC-CUT",
                AvroFixtures.workCenter("WC-CUT", "1.00", "10", "0.10", "1.20")));
        records.add(record(KafkaTopics.MD_WORK_CENTERS, "WC-ASSY",
                AvroFixtures.workCenter("WC-ASSY", "0.50", "0", "0", "0.50")));
        records.add(record(KafkaTopics.MD_MACHINE_CENTERS, "MC-ASSY",
                AvroFixtures.machineCenter("MC-ASSY", "WC-ASSY", "0.50")));
        records.add(record(KafkaTopics.MD_LOCATIONS, "MAIN", AvroFixtures.location("MAIN")));
        records.add(record(KafkaTopics.MD_LOCATIONS, PUT_AWAY_LOCATION,
                Location.newBuilder(AvroFixtures.location(PUT_AWAY_LOCATION))
                        .setBinMandatory(true)
                        .setProdOutputWhseHandling(ProdOutputWhseHandling.INVENTORY_PUT_AWAY)
                        .setOpenShopFloorBinCode("WH-OSF").setToProductionBinCode("WH-TOP")
                        .setFromProductionBinCode("").build()));
        records.add(record(KafkaTopics.MD_LOCATIONS, BIN_LOCATION,
                Location.newBuilder(AvroFixtures.location(BIN_LOCATION))
                        .setBinMandatory(true)
                        .setOpenShopFloorBinCode("BINS-OSF").setToProductionBinCode("BINS-TOP")
                        .setFromProductionBinCode("").build()));
        records.add(record(KafkaTopics.MD_MANUFACTURING_SETUP, "SETUP", AvroFixtures.manufacturingSetup()));

        for (String order : List.of(ORDER, BROWSER_ORDER)) {
            setA(records, order, "MAIN", defined);
        }
        for (String order : List.of(PUT_AWAY_ORDER, BROWSER_PUT_AWAY_ORDER)) {
            setA(records, order, PUT_AWAY_LOCATION, defined);
        }
        setA(records, BIN_ORDER, BIN_LOCATION, defined);
        return records;
    }

    /** Set A's order under the given number, released. */
    private static void setA(List<ProducerRecord<byte[], byte[]>> records, String order, String location,
                             Instant defined) {
        ProductionOrderStatus released = ProductionOrderStatus.RELEASED;
        records.add(record(KafkaTopics.MD_PROD_ORDER_LINES, "RELEASED|" + order + "|10000",
                ProdOrderLine.newBuilder(AvroFixtures.setALine()).setProdOrderNo(order).setStatus(released)
                        .setLocationCode(location)
                        .setSourceTimestamp(defined).build()));
        for (ProdOrderRoutingLine routing : AvroFixtures.setARouting()) {
            records.add(record(KafkaTopics.MD_PROD_ORDER_ROUTING_LINES,
                    "RELEASED|" + order + "|" + routing.getOperationNo(),
                    ProdOrderRoutingLine.newBuilder(routing).setProdOrderNo(order).setStatus(released)
                            .setSourceTimestamp(defined).setFlushingMethod(RoutingFlushingMethod.MANUAL).build()));
        }
        for (ProdOrderComponent component : AvroFixtures.setAComponents()) {
            records.add(record(KafkaTopics.MD_PROD_ORDER_COMPONENTS,
                    "RELEASED|" + order + "|10000|" + component.getLineNo(),
                    ProdOrderComponent.newBuilder(component).setProdOrderNo(order).setStatus(released)
                            .setLocationCode(location)
                            .setSourceTimestamp(defined).build()));
        }
        records.add(record(KafkaTopics.MD_PRODUCTION_ORDERS, "RELEASED|" + order,
                ProductionOrder.newBuilder(AvroFixtures.setAOrder()).setNo(order).setStatus(released)
                        .setLocationCode(location)
                        .setSourceLsn(42L).setSourceTimestamp(defined.plusSeconds(60)).build()));
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
