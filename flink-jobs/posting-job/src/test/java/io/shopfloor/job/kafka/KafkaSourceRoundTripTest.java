package io.shopfloor.job.kafka;

import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.EmbeddedKafka;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopfloor.schema.common.DeadLetter;
import io.shopfloor.schema.signal.MachineCounterReading;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Single-object Avro through a real broker, a KafkaSource with {@link AvroKafkaDeserializer} and a Flink
 * MiniCluster; the Decoded values cross a network shuffle (DecodedSerializer) and a chained operator
 * (copy, object reuse off).
 */
class KafkaSourceRoundTripTest {
    private static final String TOPIC = KafkaTopics.MACHINE_COUNTERS;
    private static final int READINGS = 200;
    private static final long KAFKA_TIME = Instant.parse("2026-03-02T07:00:00Z").toEpochMilli();

    @RegisterExtension
    @Order(1)
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    @RegisterExtension
    @Order(2)
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @Test
    void readingsDecodeAndBadPayloadsBecomeDeadLetters() throws Exception {
        KAFKA.createTopics(2, TOPIC);
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        byte[] unknownSchema = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN)
                .put((byte) 0xC3).put((byte) 0x01).putLong(0x5EED_F00D_CAFE_BABEL).put((byte) 2).put((byte) 'x')
                .array();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < READINGS; i++) {
            MachineCounterReading reading = TestReadings.reading(i);
            records.add(new ProducerRecord<>(TOPIC, null, KAFKA_TIME + i, key(reading.getMachineId()),
                    TestReadings.encode(reading)));
        }
        records.add(new ProducerRecord<>(TOPIC, 0, KAFKA_TIME - 1, key("M-garbage"), garbage));
        records.add(new ProducerRecord<>(TOPIC, 1, KAFKA_TIME - 2, key("M-unknown"), unknownSchema));
        KAFKA.produce(records);

        List<Decoded<MachineCounterReading>> decoded = readAllWithFlink();

        assertEquals(READINGS + 2, decoded.size());
        List<Decoded<MachineCounterReading>> readings = decoded.stream()
                .filter(Decoded::isRecord)
                .sorted(Comparator.comparing(d -> d.timestamp()))
                .toList();
        assertEquals(READINGS, readings.size());
        for (int i = 0; i < READINGS; i++) {
            Decoded<MachineCounterReading> d = readings.get(i);
            assertEquals(TestReadings.reading(i), d.record(), "reading " + i);
            assertEquals(KAFKA_TIME + i, d.timestamp());
            assertEquals(TOPIC, d.topic());
        }
        // Kafka's key hash keeps each machine in one partition
        for (String machine : List.of("M-0", "M-1", "M-2")) {
            assertEquals(1, readings.stream().filter(d -> d.record().getMachineId().equals(machine))
                    .map(Decoded::partition).distinct().count(), machine);
        }

        DeadLetter garbageLetter = deadLetterWithKey(decoded, "M-garbage");
        assertEquals(AvroKafkaDeserializer.UNDECODABLE_AVRO, garbageLetter.getReasonCode());
        assertArrayEquals(garbage, bytes(garbageLetter.getPayload()));
        assertEquals(TOPIC, garbageLetter.getSourceTopic());
        assertEquals(0, garbageLetter.getSourcePartition());
        assertEquals(Instant.ofEpochMilli(KAFKA_TIME - 1), garbageLetter.getFailedAt());
        assertEquals("decode", garbageLetter.getStage());

        DeadLetter unknownLetter = deadLetterWithKey(decoded, "M-unknown");
        assertEquals(AvroKafkaDeserializer.UNKNOWN_SCHEMA, unknownLetter.getReasonCode());
        assertArrayEquals(unknownSchema, bytes(unknownLetter.getPayload()));
        assertEquals(0x5EED_F00D_CAFE_BABEL, unknownLetter.getPayloadSchemaFingerprint());
        assertEquals(1, unknownLetter.getSourcePartition());
        assertEquals(TOPIC + "/1/" + unknownLetter.getSourceOffset(), unknownLetter.getId());
    }

    private static List<Decoded<MachineCounterReading>> readAllWithFlink() throws Exception {
        Configuration config = new Configuration();
        config.set(PipelineOptions.OBJECT_REUSE, false); // the default; the copy path must work
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        KafkaSource<Decoded<MachineCounterReading>> source = KafkaSource.<Decoded<MachineCounterReading>>builder()
                .setBootstrapServers(KAFKA.bootstrapServers())
                .setTopics(TOPIC)
                .setGroupId("round-trip-test")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setDeserializer(new AvroKafkaDeserializer<>(MachineCounterReading.class))
                .build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "machine counters")
                .filter(d -> d.isRecord() || !d.deadLetter().getReasonCode().isEmpty()) // a chained operator
                .executeAndCollect("kafka round trip", READINGS + 10);
    }

    private static DeadLetter deadLetterWithKey(List<Decoded<MachineCounterReading>> decoded, String key) {
        List<DeadLetter> letters = decoded.stream()
                .filter(d -> !d.isRecord())
                .map(Decoded::deadLetter)
                .filter(dl -> new String(bytes(dl.getKey()), StandardCharsets.UTF_8).equals(key))
                .toList();
        assertEquals(1, letters.size(), "dead letters with key " + key);
        assertFalse(letters.get(0).getReasonDetail().isBlank());
        return letters.get(0);
    }

    private static byte[] key(String machineId) {
        return machineId.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        assertTrue(bytes.length > 0);
        return bytes;
    }
}
