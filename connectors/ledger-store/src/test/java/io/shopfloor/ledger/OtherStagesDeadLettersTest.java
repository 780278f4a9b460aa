package io.shopfloor.ledger;

import io.shopfloor.job.DeadLetters;
import io.shopfloor.job.Example1Plant;
import io.shopfloor.job.KafkaPostingJob;
import io.shopfloor.schema.EmbeddedKafka;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.common.DeadLetter;
import io.shopfloor.schema.signal.CounterKind;
import io.shopfloor.schema.signal.MachineCounterReading;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The ledger store keeps the dead letters of every stage in one table: the job's come directly from its streams,
 * those of the MQTT bridge, the ERP CDC connector and the dashboard from the {@code dead-letters} topic (read
 * committed); the job's own letters on the topic are not stored a second time, and a letter delivered twice is
 * stored once without a conflict.
 */
class OtherStagesDeadLettersTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());
    @RegisterExtension
    static final LedgerDatabase POSTGRES = new LedgerDatabase();
    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    static final Instant AT = Instant.parse("2026-03-02T08:00:00Z");

    @Test
    void lettersOfOtherStagesAreStoredOnceBesideTheJobsOwn() throws Exception {
        KafkaTopics.createMissing(KAFKA.bootstrapServers(), 2, (short) 1);
        KAFKA.awaitPartitions(KafkaTopics.ALL, Duration.ofSeconds(30));
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        DeadLetter bridge = letter("mqtt/plant/s/a/l1/CUT-1/counter/good/BAD_JSON/00aa11bb22cc33dd", "mqtt-bridge",
                "BAD_JSON");
        records.add(deadLetter(bridge));
        records.add(deadLetter(bridge)); // the bridge's producer retried: the same letter twice
        // The broker delivered the same bad message again later: the same letter, written at another time and
        // with other words (a circumstance, not a conflict).
        records.add(deadLetter(DeadLetter.newBuilder(bridge).setFailedAt(AT.plusSeconds(3600))
                .setReasonDetail("received again").setAttempt(2).build()));
        records.add(deadLetter(letter("cdc/erp.prod_order_line/17", "erp-cdc", "ROW_DOES_NOT_FIT")));
        records.add(deadLetter(letter("dashboard/state/1", "dashboard", "UNDECODABLE_AVRO")));
        // A letter of the job's own on the topic (written by an earlier run): it reaches the store directly.
        records.add(deadLetter(letter("machine/CUT-1/LATE/1/0011223344556677", DeadLetters.MACHINE_STAGE, "LATE")));
        // And a reading a year ahead, which this run dead-letters itself.
        MachineCounterReading future = MachineCounterReading.newBuilder().setMachineId("PRESS-9")
                .setCounterName("good").setCounterKind(CounterKind.GOOD).setValue(1).setWidthBits(32).setBootEpoch(1)
                .setSourceTimestamp(AT.plus(Duration.ofDays(365))).setReceivedTimestamp(AT).build();
        records.add(new ProducerRecord<>(KafkaTopics.MACHINE_COUNTERS, 0, null, bytes("PRESS-9"),
                ShopfloorSchemas.encoder(MachineCounterReading.class).encode(future).array()));
        KAFKA.produce(records);

        LedgerDatabase.Ledger ledger = POSTGRES.newLedger();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(300);
        KafkaPostingJob.Streams streams = KafkaPostingJob.define(env, KafkaPostingJob.Config
                .defaults(KAFKA.bootstrapServers()).boundedTo("other-stages", Example1Plant.SETTINGS));
        LedgerStoreJob.attach(streams, ledger.writerSettings());
        env.execute("other stages' dead letters");

        assertEquals(List.of(
                        "cdc/erp.prod_order_line/17 erp-cdc ROW_DOES_NOT_FIT",
                        "dashboard/state/1 dashboard UNDECODABLE_AVRO",
                        "event-time/machine-counters/0/0 event-time FUTURE_TIMESTAMP",
                        "mqtt/plant/s/a/l1/CUT-1/counter/good/BAD_JSON/00aa11bb22cc33dd mqtt-bridge BAD_JSON"),
                ledger.query("SELECT idempotency_key, stage, reason_code FROM dead_letter ORDER BY 1"));
        assertEquals(List.of("0"), ledger.query("SELECT count(*) FROM posting_conflict"));
    }

    private static DeadLetter letter(String id, String stage, String reason) {
        return DeadLetter.newBuilder().setId(id).setSourceTopic("plant/s/a/l1/CUT-1/counter/good")
                .setKey(ByteBuffer.wrap(bytes("CUT-1"))).setPayload(ByteBuffer.wrap(bytes("{\"value\": ")))
                .setReasonCode(reason).setReasonDetail("detail").setFailedAt(AT).setStage(stage).setAttempt(1)
                .build();
    }

    private static ProducerRecord<byte[], byte[]> deadLetter(DeadLetter letter) throws Exception {
        return new ProducerRecord<>(KafkaTopics.DEAD_LETTERS, bytes(letter.getId()),
                ShopfloorSchemas.encoder(DeadLetter.class).encode(letter).array());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
