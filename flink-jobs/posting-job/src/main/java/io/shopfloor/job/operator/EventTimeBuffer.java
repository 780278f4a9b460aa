package io.shopfloor.job.operator;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.runtime.state.JavaSerializer;
import org.apache.flink.streaming.api.TimerService;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Keyed inputs held until the watermark passes their event time, then released in an order that does not depend on
 * their arrival: what makes a keyed operator deterministic. One event-time timer per distinct time.
 */
final class EventTimeBuffer<T extends Serializable> {
    private final MapState<Long, ArrayList<T>> buffer;
    private final Comparator<T> sameTimeOrder;

    EventTimeBuffer(RuntimeContext context, Comparator<T> sameTimeOrder) {
        // Java serialization: the inputs are records and sealed interfaces, which Kryo mishandles.
        this.buffer = context.getMapState(new MapStateDescriptor<>("buffer", LongSerializer.INSTANCE,
                new JavaSerializer<ArrayList<T>>()));
        this.sameTimeOrder = sameTimeOrder;
    }

    void add(long time, T input, TimerService timers) throws Exception {
        ArrayList<T> atTime = buffer.get(time);
        if (atTime == null) {
            atTime = new ArrayList<>();
            timers.registerEventTimeTimer(time);
        }
        atTime.add(input);
        buffer.put(time, atTime);
    }

    /** The inputs of {@code time}, in their deterministic order (empty if the timer was not a buffer timer). */
    List<T> release(long time) throws Exception {
        ArrayList<T> due = buffer.get(time);
        if (due == null) {
            return List.of();
        }
        buffer.remove(time);
        due.sort(sameTimeOrder);
        return due;
    }
}
