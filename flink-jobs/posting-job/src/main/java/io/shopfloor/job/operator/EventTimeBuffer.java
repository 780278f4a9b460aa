package io.shopfloor.job.operator;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.ListSerializer;
import org.apache.flink.streaming.api.TimerService;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Keyed inputs held until the watermark passes their event time, then released in an order that does not depend on
 * their arrival: what makes a keyed operator deterministic. One event-time timer per distinct time.
 */
final class EventTimeBuffer<T> {
    private final MapState<Long, List<T>> buffer;
    private final Comparator<T> sameTimeOrder;

    /**
     * @param elements the serializer of one input: it copies the buffer under checkpoints (copy-on-write), so on a
     *                 hot path it should be Flink's own (records of records), not Java serialization
     */
    EventTimeBuffer(RuntimeContext context, TypeSerializer<T> elements, Comparator<T> sameTimeOrder) {
        this.buffer = context.getMapState(new MapStateDescriptor<>("buffer", LongSerializer.INSTANCE,
                new ListSerializer<>(elements)));
        this.sameTimeOrder = sameTimeOrder;
    }

    void add(long time, T input, TimerService timers) throws Exception {
        List<T> atTime = buffer.get(time);
        if (atTime == null) {
            atTime = new ArrayList<>();
            timers.registerEventTimeTimer(time);
        }
        atTime.add(input);
        buffer.put(time, atTime);
    }

    /** The inputs of {@code time}, in their deterministic order (empty if the timer was not a buffer timer). */
    List<T> release(long time) throws Exception {
        List<T> stored = buffer.get(time);
        if (stored == null) {
            return List.of();
        }
        buffer.remove(time);
        List<T> due = new ArrayList<>(stored);
        due.sort(sameTimeOrder);
        return due;
    }
}
