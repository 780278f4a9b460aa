package io.shopfloor.job.types;

import io.shopfloor.job.OpaqueTypeInfo;
import io.shopfloor.job.order.OrderInput;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink type of a stream of {@link OrderInput}: serialized by {@link OrderInputSerializer}. */
public final class OrderInputTypeInfo extends OpaqueTypeInfo<OrderInput> {
    private static final long serialVersionUID = 1L;

    public static final OrderInputTypeInfo INSTANCE = new OrderInputTypeInfo();

    private OrderInputTypeInfo() {
        super(OrderInput.class, OrderInput.class);
    }

    @Override
    public TypeSerializer<OrderInput> createSerializer(SerializerConfig config) {
        return OrderInputSerializer.INSTANCE;
    }
}
