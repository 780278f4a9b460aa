package io.shopfloor.job.types;

import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.TypeExtractor;

import java.lang.reflect.Type;
import java.time.LocalDate;
import java.util.Map;

/**
 * Flink's own LocalDate type (epoch day) for the dates inside records: Flink's type extraction does not know
 * LocalDate as a record field and would hand it to Kryo. Registered by {@code PostingJob.configureSerialization}, and
 * by every class that extracts a type holding dates when it is loaded (an output tag's type is extracted once, at
 * class load: registered later, it would stay a generic type).
 */
public final class LocalDateTypeInfoFactory extends TypeInfoFactory<LocalDate> {

    /** What pipeline.serialization-config would register, once per JVM (a second registration throws). */
    public static void register() {
        synchronized (LocalDateTypeInfoFactory.class) {
            if (TypeExtractor.getTypeInfoFactory(LocalDate.class) == null) {
                TypeExtractor.registerFactory(LocalDate.class, LocalDateTypeInfoFactory.class);
            }
        }
    }
    @Override
    public TypeInformation<LocalDate> createTypeInfo(Type type, Map<String, TypeInformation<?>> parameters) {
        return Types.LOCAL_DATE;
    }
}
