package io.shopfloor.job.kafka;

import io.shopfloor.schema.signal.MachineCounterReading;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/** Flink's serializer contract tests for both kinds of Decoded. */
class DecodedSerializerTest extends SerializerTestBase<Decoded<MachineCounterReading>> {

    @Override
    protected TypeSerializer<Decoded<MachineCounterReading>> createSerializer() {
        return new DecodedSerializer<>(MachineCounterReading.class);
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Class<Decoded<MachineCounterReading>> getTypeClass() {
        return (Class<Decoded<MachineCounterReading>>) (Class<?>) Decoded.class;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Decoded<MachineCounterReading>[] getTestData() {
        AvroKafkaDeserializer<MachineCounterReading> deserializer =
                new AvroKafkaDeserializer<>(MachineCounterReading.class);
        return new Decoded[] {
            Decoded.ofRecord(TestReadings.reading(1), "machine-counters", 0, 0L, 1_000L),
            Decoded.ofRecord(TestReadings.reading(2), "machine-counters", 1, 5L, 2_000L),
            deserializer.decode(record("garbage".getBytes(StandardCharsets.UTF_8), "M-1".getBytes(StandardCharsets.UTF_8))),
            deserializer.decode(record(null, null)),
        };
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] value, byte[] key) {
        return new ConsumerRecord<>("machine-counters", 2, 9L, 3_000L, TimestampType.CREATE_TIME,
                -1, -1, key, value, new RecordHeaders(), Optional.empty());
    }
}
