package io.shopfloor.job;

import org.apache.flink.api.common.typeinfo.TypeInformation;

import java.util.Objects;

/**
 * Type information for a stream element that Flink treats as one value with a serializer of our choosing (Avro
 * records, decode results, Java-serialized inputs): subclasses only pick the serializer.
 *
 * @param <T> the stream element type; {@code parameter} tells instances apart (e.g. the Avro record class)
 */
public abstract class OpaqueTypeInfo<T> extends TypeInformation<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> typeClass;
    private final Class<?> parameter;

    protected OpaqueTypeInfo(Class<T> typeClass, Class<?> parameter) {
        this.typeClass = Objects.requireNonNull(typeClass, "typeClass");
        this.parameter = Objects.requireNonNull(parameter, "parameter");
    }

    protected Class<?> parameter() {
        return parameter;
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
        return typeClass;
    }

    @Override
    public boolean isKeyType() {
        return false; // key streams by a field, not by the whole value
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "<" + parameter.getName() + ">";
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && parameter.equals(((OpaqueTypeInfo<?>) o).parameter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), parameter);
    }

    @Override
    public boolean canEqual(Object o) {
        return o != null && o.getClass() == getClass();
    }
}
