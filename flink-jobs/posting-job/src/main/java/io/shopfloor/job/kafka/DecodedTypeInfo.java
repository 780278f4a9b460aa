package io.shopfloor.job.kafka;

import io.shopfloor.job.OpaqueTypeInfo;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink type of {@code Decoded<T>}. Why not {@code TypeInformation.of(new TypeHint<Decoded<T>>() {})}: Decoded
 * is no POJO, so Flink falls back to Kryo, which fails on Java 17 on the dead letter's ByteBuffer
 * ("module java.base does not opens java.nio"); and without flink-avro Flink has no Avro serializer at all.
 */
public final class DecodedTypeInfo<T extends SpecificRecord> extends OpaqueTypeInfo<Decoded<T>> {
    private static final long serialVersionUID = 1L;

    @SuppressWarnings("unchecked")
    public DecodedTypeInfo(Class<T> recordType) {
        super((Class<Decoded<T>>) (Class<?>) Decoded.class, recordType);
    }

    @Override
    @SuppressWarnings("unchecked")
    public TypeSerializer<Decoded<T>> createSerializer(SerializerConfig config) {
        return new DecodedSerializer<>((Class<T>) parameter());
    }
}
