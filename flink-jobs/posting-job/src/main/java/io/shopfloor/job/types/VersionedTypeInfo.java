package io.shopfloor.job.types;

import io.shopfloor.job.OpaqueTypeInfo;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink type of a stream whose elements a {@link VersionedSerializer} writes (never Kryo, never Java). */
public final class VersionedTypeInfo<T> extends OpaqueTypeInfo<T> {
    private static final long serialVersionUID = 1L;

    private final VersionedSerializer<T> serializer;

    public VersionedTypeInfo(Class<T> type, VersionedSerializer<T> serializer) {
        super(type, serializer.getClass());
        this.serializer = serializer;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return serializer;
    }
}
