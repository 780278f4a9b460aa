package io.shopfloor.job;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.runtime.state.JavaSerializer;

import java.io.Serializable;

/**
 * Stream type information that serializes with Java serialization: for low-volume streams of sealed interfaces
 * and records (order inputs, master-data changes), which Flink would otherwise hand to Kryo, and Kryo mishandles
 * object references inside records.
 */
public final class JavaSerializableTypeInfo<T extends Serializable> extends OpaqueTypeInfo<T> {
    private static final long serialVersionUID = 1L;

    private JavaSerializableTypeInfo(Class<T> type) {
        super(type, type);
    }

    public static <T extends Serializable> JavaSerializableTypeInfo<T> forClass(Class<T> type) {
        return new JavaSerializableTypeInfo<>(type);
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return new JavaSerializer<>();
    }
}
