package io.shopfloor.job.types;

import io.shopfloor.job.OpaqueTypeInfo;
import io.shopfloor.job.machine.MachineInput;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink type of a stream of {@link MachineInput}: serialized by {@link MachineInputSerializer}. */
public final class MachineInputTypeInfo extends OpaqueTypeInfo<MachineInput> {
    private static final long serialVersionUID = 1L;

    public static final MachineInputTypeInfo INSTANCE = new MachineInputTypeInfo();

    private MachineInputTypeInfo() {
        super(MachineInput.class, MachineInput.class);
    }

    @Override
    public TypeSerializer<MachineInput> createSerializer(SerializerConfig config) {
        return MachineInputSerializer.INSTANCE;
    }
}
