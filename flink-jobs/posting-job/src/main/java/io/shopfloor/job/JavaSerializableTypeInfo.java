package io.shopfloor.job;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.runtime.state.JavaSerializer;

import java.io.Serializable;

/**
 * Stream type information that serializes with Java serialization: for low-volume streams of sealed interfaces
 * and records (order inputs, master-data changes), which Flink would otherwise hand to Kryo, and Kryo mishandles
 * object references inside records.
 */
public final class JavaSerializableTypeInfo<T extends Serializable> extends TypeInformation<T> {
    private final Class<T> type;

    private JavaSerializableTypeInfo(Class<T> type) {
        this.type = type;
    }

    public static <T extends Serializable> JavaSerializableTypeInfo<T> forClass(Class<T> type) {
        return new JavaSerializableTypeInfo<>(type);
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
        return false;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return new JavaSerializer<>();
    }

    @Override
    public String toString() {
        return "JavaSerializable<" + type.getName() + ">";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JavaSerializableTypeInfo<?> info && info.type.equals(type);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof JavaSerializableTypeInfo;
    }
}
