package io.shopfloor.job.kafka;

import io.shopfloor.schema.signal.MachineCounterReading;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink's own serializer contract tests (copy, reuse, snapshot and restore, duplicate, Java serialization). */
class AvroRecordSerializerTest extends SerializerTestBase<MachineCounterReading> {

    @Override
    protected TypeSerializer<MachineCounterReading> createSerializer() {
        return new AvroRecordSerializer<>(MachineCounterReading.class);
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<MachineCounterReading> getTypeClass() {
        return MachineCounterReading.class;
    }

    @Override
    protected MachineCounterReading[] getTestData() {
        return new MachineCounterReading[] {
            TestReadings.reading(0), TestReadings.reading(1), TestReadings.reading(2), TestReadings.reading(7)
        };
    }
}
