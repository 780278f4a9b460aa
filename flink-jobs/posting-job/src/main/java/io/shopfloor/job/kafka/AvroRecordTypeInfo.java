package io.shopfloor.job.kafka;

import io.shopfloor.job.OpaqueTypeInfo;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink type of a stream of Avro records (e.g. {@code DataStream<JournalLine>}, the dead-letter side output).
 * Serializes with {@link AvroRecordSerializer}.
 *
 * <p>Give it to the operator itself: {@code map(fn, new AvroRecordTypeInfo<>(JournalLine.class))}, likewise
 * {@code flatMap}, {@code process}, {@code new OutputTag<>(name, info)}, {@code fromData(info, ...)}. Chaining
 * {@code .returns(info)} is too late: without flink-avro, Flink's type extractor already fails inside
 * {@code map(fn)} with "Could not load the AvroTypeInfo class" when it meets an Avro record.
 */
public final class AvroRecordTypeInfo<T extends SpecificRecord> extends OpaqueTypeInfo<T> {
    private static final long serialVersionUID = 1L;

    public AvroRecordTypeInfo(Class<T> type) {
        super(type, type);
    }

    @Override
    @SuppressWarnings("unchecked")
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return new AvroRecordSerializer<>((Class<T>) getTypeClass());
    }
}
