package io.shopfloor.job.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.common.DeadLetter;
import io.shopfloor.schema.signal.MachineCounterReading;
import io.shopfloor.schema.signal.OperationEvent;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** The decoding rules, without Kafka or Flink: every input gives exactly one Decoded, none throws. */
class AvroKafkaDeserializerTest {
    private static final long TIMESTAMP = 1_772_431_200_123L;
    private final AvroKafkaDeserializer<MachineCounterReading> deserializer =
            new AvroKafkaDeserializer<>(MachineCounterReading.class);

    @Test
    void decodesTheCurrentSchemaWithItsKafkaPosition() {
        MachineCounterReading reading = TestReadings.reading(7);

        Decoded<MachineCounterReading> decoded = deserializer.decode(record(TestReadings.encode(reading)));

        assertTrue(decoded.isRecord());
        assertEquals(reading, decoded.record());
        assertEquals("machine-counters", decoded.topic());
        assertEquals(3, decoded.partition());
        assertEquals(17L, decoded.offset());
        assertEquals(TIMESTAMP, decoded.timestamp());
        assertThrows(IllegalStateException.class, decoded::deadLetter);
    }

    @Test
    void decodesAReleasedOlderSchema() throws Exception {
        Schema v1 = ShopfloorSchemas.history(MachineCounterReading.class.getName()).get(0);
        GenericRecord old = new GenericData.Record(v1);
        old.put("machineId", "M-1");
        old.put("counterName", "good");
        old.put("counterKind", new GenericData.EnumSymbol(v1.getField("counterKind").schema(), "GOOD"));
        old.put("value", 99L);
        old.put("widthBits", 16);
        old.put("bootEpoch", 1L);
        old.put("sourceTimestamp", 1_000L);
        old.put("sourceTopic", null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old, bytes);

        MachineCounterReading decoded = deserializer.decode(record(bytes.toByteArray())).record();

        assertEquals(99L, decoded.getValue());
        assertNull(decoded.getSequenceNumber()); // added in v2: the default
        assertEquals(Instant.ofEpochSecond(1), decoded.getSourceTimestamp());
    }

    @Test
    void garbageIsUndecodableWithTheRawBytesAndKafkaTimestamp() {
        byte[] garbage = "{\"machineId\":\"M-1\"}".getBytes(StandardCharsets.UTF_8);

        DeadLetter dead = deadLetter(garbage, AvroKafkaDeserializer.UNDECODABLE_AVRO);

        assertNull(dead.getPayloadSchemaFingerprint());
        assertEquals("machine-counters/3/17", dead.getId());
        assertEquals("machine-counters", dead.getSourceTopic());
        assertEquals(3, dead.getSourcePartition());
        assertEquals(17L, dead.getSourceOffset());
        assertArrayEquals("M-1".getBytes(StandardCharsets.UTF_8), bytes(dead.getKey()));
        assertEquals(Instant.ofEpochMilli(TIMESTAMP), dead.getFailedAt()); // not the wall clock
        assertEquals("decode", dead.getStage());
        assertEquals(1, dead.getAttempt());
        assertFalse(dead.getReasonDetail().isBlank());
    }

    @Test
    void emptyAndHeaderOnlyPayloadsAreUndecodable() {
        deadLetter(new byte[0], AvroKafkaDeserializer.UNDECODABLE_AVRO);
        deadLetter(new byte[] {(byte) 0xC3, 0x01, 1, 2}, AvroKafkaDeserializer.UNDECODABLE_AVRO);
    }

    @Test
    void unknownFingerprintIsUnknownSchemaAndKeepsTheFingerprint() {
        byte[] payload = header(0x0123_4567_89AB_CDEFL, new byte[] {2, 'x'});

        DeadLetter dead = deadLetter(payload, AvroKafkaDeserializer.UNKNOWN_SCHEMA);

        assertEquals(0x0123_4567_89AB_CDEFL, dead.getPayloadSchemaFingerprint());
    }

    @Test
    void anotherRecordTypeIsAnUnknownSchema() {
        // An OperationEvent on the counters topic: its fingerprint is not in MachineCounterReading's history.
        long operationEventFingerprint = fingerprintOf(OperationEvent.getClassSchema());
        byte[] payload = header(operationEventFingerprint, new byte[] {0});

        assertEquals(operationEventFingerprint,
                deadLetter(payload, AvroKafkaDeserializer.UNKNOWN_SCHEMA).getPayloadSchemaFingerprint());
    }

    @Test
    void truncatedOrCorruptBodiesAreUndecodable() {
        byte[] valid = TestReadings.encode(TestReadings.reading(1));
        deadLetter(Arrays.copyOf(valid, valid.length - 3), AvroKafkaDeserializer.UNDECODABLE_AVRO);

        byte[] badEnum = valid.clone();
        // machineId "M-1" (len 3) and counterName "good" (len 4): the enum index follows them
        int enumAt = 10 + 1 + 3 + 1 + 4;
        badEnum[enumAt] = 0x7E; // index 63: no such symbol
        deadLetter(badEnum, AvroKafkaDeserializer.UNDECODABLE_AVRO);
    }

    @Test
    void aHugeDeclaredLengthIsRefusedWithoutAllocatingIt() {
        long fingerprint = AvroKafkaDeserializer.fingerprint(TestReadings.encode(TestReadings.reading(1)));
        // machineId declares a string of 10^9 bytes (zig-zag varint 2*10^9); the payload ends right after.
        // Avro alone would allocate 1 GB first (OutOfMemoryError on a small TaskManager heap).
        byte[] payload = header(fingerprint, new byte[] {(byte) 0x80, (byte) 0xA8, (byte) 0xD6, (byte) 0xB9, 0x07});
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();

        deadLetter(payload, AvroKafkaDeserializer.UNDECODABLE_AVRO);

        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        assertTrue(allocated < 50_000_000, "allocated " + allocated + " bytes");
    }

    @Test
    void aTombstoneIsANullPayloadDeadLetter() {
        DeadLetter dead = deserializer.decode(record(null)).deadLetter();

        assertEquals(AvroKafkaDeserializer.NULL_PAYLOAD, dead.getReasonCode());
        assertEquals(0, dead.getPayload().remaining());
    }

    private DeadLetter deadLetter(byte[] payload, String reasonCode) {
        Decoded<MachineCounterReading> decoded = deserializer.decode(record(payload));
        assertFalse(decoded.isRecord(), "expected a dead letter");
        DeadLetter dead = decoded.deadLetter();
        assertEquals(reasonCode, dead.getReasonCode(), dead.getReasonDetail());
        assertArrayEquals(payload, bytes(dead.getPayload()));
        return dead;
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] value) {
        byte[] key = "M-1".getBytes(StandardCharsets.UTF_8);
        return new ConsumerRecord<>("machine-counters", 3, 17L, TIMESTAMP, TimestampType.CREATE_TIME,
                key.length, value == null ? -1 : value.length, key, value, new RecordHeaders(), Optional.empty());
    }

    private static byte[] header(long fingerprint, byte[] body) {
        return ByteBuffer.allocate(10 + body.length).order(ByteOrder.LITTLE_ENDIAN)
                .put((byte) 0xC3).put((byte) 0x01).putLong(fingerprint).put(body).array();
    }

    private static long fingerprintOf(Schema schema) {
        return org.apache.avro.SchemaNormalization.parsingFingerprint64(schema);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
