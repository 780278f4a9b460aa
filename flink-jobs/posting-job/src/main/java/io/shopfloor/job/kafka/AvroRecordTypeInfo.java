package io.shopfloor.job.kafka;

import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
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
public final class AvroRecordTypeInfo<T extends SpecificRecord> extends TypeInformation<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;

    public AvroRecordTypeInfo(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<T> getTypeClass() {
        return type;
    }

    @Override
    public boolean isKeyType() {
        return false; // key streams by a field (keyBy(r -> r.getMachineId())), not by the whole record
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return new AvroRecordSerializer<>(type);
    }

    @Override
    public String toString() {
        return "AvroRecord<" + type.getName() + ">";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AvroRecordTypeInfo<?> other && type.equals(other.type);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof AvroRecordTypeInfo;
    }
}
