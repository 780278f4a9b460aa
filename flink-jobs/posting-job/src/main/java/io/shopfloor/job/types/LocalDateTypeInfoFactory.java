package io.shopfloor.job.types;

import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

import java.lang.reflect.Type;
import java.time.LocalDate;
import java.util.Map;

/**
 * Flink's own LocalDate type (epoch day) for the dates inside records: Flink's type extraction does not know
 * LocalDate as a record field and would hand it to Kryo. Registered by {@code PostingJob.configureSerialization}.
 */
public final class LocalDateTypeInfoFactory extends TypeInfoFactory<LocalDate> {
    @Override
    public TypeInformation<LocalDate> createTypeInfo(Type type, Map<String, TypeInformation<?>> parameters) {
        return Types.LOCAL_DATE;
    }
}
