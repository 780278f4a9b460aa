package io.shopfloor.launcher;

import static io.shopfloor.bridge.testing.TestBridgeConfig.counterPayload;
import static io.shopfloor.bridge.testing.TestBridgeConfig.counterTopic;
import static io.shopfloor.launcher.LedgerAgainstTruth.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopfloor.bridge.BridgeService;
import io.shopfloor.bridge.testing.BadInputCorpus;
import io.shopfloor.bridge.testing.KafkaTail;
import io.shopfloor.bridge.testing.Moquette;
import io.shopfloor.bridge.testing.TestPublisher;
import io.shopfloor.bridge.translate.SignalRecords;
import io.shopfloor.job.KafkaPostingJob;
import io.shopfloor.ledger.DeadLetterRedrive;
import io.shopfloor.ledger.LedgerStoreJob;
import io.shopfloor.ledger.LedgerStoreSchema;
import io.shopfloor.ledger.LedgerStoreSink;
import io.shopfloor.ledger.RedriveTargets;
import io.shopfloor.posting.PostingSettings;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.common.DeadLetter;
import io.shopfloor.schema.signal.CounterKind;
import io.shopfloor.schema.signal.MachineCounterReading;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input through the real parts, into the ledger store: the bridge's bad-input corpus published to an MQTT broker,
 * translated by the bridge, and bad records written straight to Kafka as a faulty producer would; the posting job with
 * the ledger store attached. Every bad input is a row of {@code dead_letter} with its reason, the ledger holds no
 * entry, nothing conflicts. Then the fix: a machine the bridge did not know is added to its registry, its dead
 * letters are re-driven, and its parts are counted once, also after a second re-drive.
 */
class DeadLettersEndToEndTest {
    private static final String NEW_MACHINE = "M-10"; // the corpus's registry has M-0 to M-9

    @TempDir
    Path directory;

    @Test
    void everyBadInputLandsInTheStoreWithItsReasonAndARedrivenLetterCountsOnce() throws Exception {
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        Clock bridgeClock = Clock.fixed(now, ZoneOffset.UTC);
        List<BadInputCorpus.Entry> entries = BadInputCorpus.entries(now.toEpochMilli());
        List<BadInputCorpus.Entry> cases = entries.stream().filter(e -> !e.isSetup()).toList();
        PlantCredentials logins = PlantCredentials.loadOrCreate(directory);
        LedgerStoreSchema.Roles roles = new LedgerStoreSchema.Roles("ledger_writer", logins.ledgerWriterPassword(),
                "ledger_reporting", logins.ledgerReportingPassword());
        try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(directory.resolve("kafka"), Duration.ofMinutes(2));
             EmbeddedPostgres postgres = EmbeddedLedgerDatabase.start(directory.resolve("postgres"),
                logins.postgresOwnerPassword());
             Moquette broker = Moquette.start(directory.resolve("mqtt"));
             TestPublisher gateway = TestPublisher.connect(broker.tcpUri(), "gateway", 3)) {
            KafkaTopics.createMissing(kafka.bootstrapServers(), 2, (short) 1);
            try (Connection owner = postgres.getPostgresDatabase().getConnection();
                 Statement statement = owner.createStatement()) {
                statement.execute("CREATE DATABASE ledger");
            }
            String ledgerUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/ledger";
            LedgerStoreSchema.migrate(ledgerUrl, PlantCredentials.POSTGRES_OWNER, logins.postgresOwnerPassword(),
                    roles, PostingSettings.DEFAULTS.deviationBasis());
            LedgerStoreSink.Settings store = LedgerStoreSink.Settings.of(ledgerUrl, roles.writer(),
                    roles.writerPassword());

            // The corpus and two readings of a machine the registry lacks, through the bridge.
            int bridgeLetters = cases.stream().mapToInt(c -> c.expectedReasons().size()).sum() + 2;
            String newMachineTopic = counterTopic(NEW_MACHINE, "good");
            try (BridgeService bridge = BridgeService.start(BadInputCorpus.bridgeConfig(broker.tcpUri(), 3, "plant",
                    kafka.bootstrapServers()).build(), bridgeClock);
                 KafkaTail<DeadLetter> deadLetters = new KafkaTail<>(kafka.bootstrapServers(),
                         KafkaTopics.DEAD_LETTERS, DeadLetter.class)) {
                assertTrue(bridge.awaitSubscribed(Duration.ofSeconds(30)));
                for (BadInputCorpus.Entry entry : entries) {
                    for (int copy = 0; copy < entry.copies(); copy++) {
                        gateway.publish(entry.topic(), entry.payload());
                    }
                }
                gateway.publish(newMachineTopic, counterPayload(now.toEpochMilli() - 30_000, 10, 1, 1));
                gateway.publish(newMachineTopic, counterPayload(now.toEpochMilli() - 20_000, 25, 1, 2));
                gateway.awaitAcknowledged();
                Map<String, String> seen = new TreeMap<>();
                deadLetters.awaitUntil(read -> {
                    read.forEach(r -> seen.put(r.key(), r.value().getReasonCode().toString()));
                    return seen.size() >= bridgeLetters;
                }, Duration.ofSeconds(60));
            }
            // A faulty producer: bytes that are no record, and a reading a year ahead of its own receipt.
            MachineCounterReading future = MachineCounterReading.newBuilder().setMachineId("M-1")
                    .setCounterName("good").setCounterKind(CounterKind.GOOD).setValue(7).setWidthBits(32)
                    .setBootEpoch(1).setSourceTimestamp(now.plus(Duration.ofDays(365))).setReceivedTimestamp(now)
                    .build();
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new ByteArraySerializer(),
                    new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(KafkaTopics.MACHINE_STATES, 0, null, bytes("M-1"),
                        bytes("not avro"))).get();
                producer.send(new ProducerRecord<>(KafkaTopics.MACHINE_COUNTERS, 1, null, bytes("M-1"),
                        ShopfloorSchemas.encoder(MachineCounterReading.class).encode(future).array())).get();
            }

            runJob(kafka.bootstrapServers(), "bad-input-1", store);
            try (Connection ledger = DriverManager.getConnection(ledgerUrl, PlantCredentials.POSTGRES_OWNER,
                    logins.postgresOwnerPassword())) {
                // Every case of the corpus: its dead letters, by reason, in the store.
                Map<String, List<String>> expected = new TreeMap<>();
                Map<String, List<String>> stored = new TreeMap<>();
                for (BadInputCorpus.Entry c : cases) {
                    expected.put(c.name(), c.expectedReasons().stream().sorted().toList());
                    stored.put(c.name(), query(ledger, "SELECT reason_code FROM dead_letter WHERE stage = "
                            + "'mqtt-bridge' AND source_topic = '" + c.topic().replace("'", "''") + "' AND "
                            + "idempotency_key LIKE '%/" + SignalRecords.payloadHash(c.payload()) + "' ORDER BY 1"));
                }
                assertEquals(expected, stored);
                assertEquals(List.of(String.valueOf(bridgeLetters)), query(ledger,
                        "SELECT count(*) FROM dead_letter WHERE stage = 'mqtt-bridge'"));
                assertEquals(List.of("UNKNOWN_MACHINE 2"), query(ledger, "SELECT reason_code, count(*) FROM "
                        + "dead_letter WHERE source_topic = '" + newMachineTopic + "' GROUP BY 1"));
                assertEquals(List.of("decode UNDECODABLE_AVRO 1", "event-time FUTURE_TIMESTAMP 1"), query(ledger,
                        "SELECT stage, reason_code, count(*) FROM dead_letter WHERE stage <> 'mqtt-bridge' "
                                + "GROUP BY 1, 2 ORDER BY 1, 2"));
                assertEquals(List.of("0 0 0 0"), query(ledger, "SELECT (SELECT count(*) FROM item_ledger_entry), "
                        + "(SELECT count(*) FROM capacity_ledger_entry), (SELECT count(*) FROM value_entry), "
                        + "(SELECT count(*) FROM posting_conflict)"));
                assertEquals(List.of(), query(ledger, "SELECT machine_id FROM machine_kpi WHERE machine_id = '"
                        + NEW_MACHINE + "'"));
            }

            // The fix: the machine joins the registry; its letters are re-driven, twice.
            try (BridgeService fixed = BridgeService.start(BadInputCorpus.bridgeConfig(broker.tcpUri(), 3, "fixed",
                    kafka.bootstrapServers()).jsonMachines(11).build(), bridgeClock);
                 KafkaTail<MachineCounterReading> readings = new KafkaTail<>(kafka.bootstrapServers(),
                         KafkaTopics.MACHINE_COUNTERS, MachineCounterReading.class)) {
                assertTrue(fixed.awaitSubscribed(Duration.ofSeconds(30)));
                for (int redrive = 1; redrive <= 2; redrive++) {
                    try (Connection writer = DriverManager.getConnection(ledgerUrl, roles.writer(),
                            roles.writerPassword());
                         DeadLetterRedrive.Target mqtt = RedriveTargets.mqtt(broker.tcpUri(), null, null)) {
                        List<DeadLetterRedrive.StoredLetter> letters = DeadLetterRedrive.select(writer,
                                new DeadLetterRedrive.Selection("UNKNOWN_MACHINE", DeadLetterRedrive.BRIDGE_STAGE,
                                        "mqtt/" + newMachineTopic + "/", redrive > 1, 100));
                        assertEquals(Map.of("mqtt:" + newMachineTopic, 2),
                                DeadLetterRedrive.redrive(writer, letters, mqtt, null, "test"));
                    }
                    int copies = 2 * redrive;
                    readings.awaitUntil(read -> read.stream().filter(r -> r.key().equals(NEW_MACHINE)).count()
                            >= copies, Duration.ofSeconds(60));
                    runJob(kafka.bootstrapServers(), "bad-input-redrive-" + redrive, store);
                    try (Connection ledger = DriverManager.getConnection(ledgerUrl, PlantCredentials.POSTGRES_OWNER,
                            logins.postgresOwnerPassword())) {
                        assertEquals(List.of("15"), query(ledger, "SELECT sum(good_parts) FROM machine_kpi WHERE "
                                + "machine_id = '" + NEW_MACHINE + "'"), "parts of the re-driven readings, once");
                        assertEquals(List.of("0"), query(ledger, "SELECT count(*) FROM posting_conflict"));
                        assertEquals(List.of(String.valueOf(copies)), query(ledger, "SELECT count(*) FROM "
                                + "dead_letter_redrive"));
                    }
                }
            }
        }
    }

    /** The posting job with the ledger store over everything on the topics, then finished. */
    private static void runJob(String bootstrapServers, String group, LedgerStoreSink.Settings store)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(300);
        KafkaPostingJob.Config defaults = KafkaPostingJob.Config.defaults(bootstrapServers);
        LedgerStoreJob.attach(KafkaPostingJob.define(env, defaults.boundedTo(group, defaults.posting())), store);
        env.execute(group);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
