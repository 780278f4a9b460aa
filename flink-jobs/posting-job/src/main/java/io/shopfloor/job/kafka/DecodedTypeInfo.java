package io.shopfloor.job.kafka;

import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink type of {@code Decoded<T>}. Why not {@code TypeInformation.of(new TypeHint<Decoded<T>>() {})}: Decoded
 * is no POJO, so Flink falls back to Kryo, which fails on Java 17 on the dead letter's ByteBuffer
 * ("module java.base does not opens java.nio"); and without flink-avro Flink has no Avro serializer at all.
 */
public final class DecodedTypeInfo<T extends SpecificRecord> extends TypeInformation<Decoded<T>> {
    private static final long serialVersionUID = 1L;

    private final Class<T> recordType;

    public DecodedTypeInfo(Class<T> recordType) {
        this.recordType = Objects.requireNonNull(recordType, "recordType");
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
    @SuppressWarnings("unchecked")
    public Class<Decoded<T>> getTypeClass() {
        return (Class<Decoded<T>>) (Class<?>) Decoded.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<Decoded<T>> createSerializer(SerializerConfig config) {
        return new DecodedSerializer<>(recordType);
    }

    @Override
    public String toString() {
        return "Decoded<" + recordType.getName() + ">";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecodedTypeInfo<?> other && recordType.equals(other.recordType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(DecodedTypeInfo.class, recordType);
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof DecodedTypeInfo;
    }
}
