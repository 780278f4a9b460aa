package io.shopfloor.job.operator;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.base.IntSerializer;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.ListSerializer;
import org.apache.flink.streaming.api.TimerService;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Keyed inputs held until the watermark passes their event time, then released in an order that does not depend on
 * their arrival: what makes a keyed operator deterministic. One event-time timer per distinct time.
 */
final class EventTimeBuffer<T> {
    private final MapState<Long, List<T>> buffer;
    /** How many inputs the key holds (absent: none, or state restored from before this count existed). */
    private final ValueState<Integer> size;
    /** Inputs of one time: by rank, then by id (computed once per input: a sort compares each many times). */
    private final ToIntFunction<T> rank;
    private final Function<T, String> id;
    private final int maxSize;

    /**
     * @param writeBack where the buffer's state stays between checkpoints
     * @param elements the serializer of one input: it copies the buffer under checkpoints (copy-on-write), so on a
     *                 hot path it should be Flink's own (records of records), not Java serialization
     */
    EventTimeBuffer(RuntimeContext context, WriteBackStates writeBack, TypeSerializer<T> elements,
                    ToIntFunction<T> rank, Function<T, String> id, int maxSize) {
        this.buffer = writeBack.map(context.getMapState(new MapStateDescriptor<>("buffer", LongSerializer.INSTANCE,
                new ListSerializer<>(elements))));
        this.size = writeBack.value(context.getState(new ValueStateDescriptor<>("buffer-size",
                IntSerializer.INSTANCE)));
        this.rank = rank;
        this.id = id;
        this.maxSize = maxSize;
    }

    /** The number of inputs the current key holds. */
    int size() throws Exception {
        Integer held = size.value();
        return held == null ? 0 : held;
    }

    /** Holds the input until {@code time}; false, holding nothing, when the key already holds the maximum. */
    boolean add(long time, T input, TimerService timers) throws Exception {
        int held = size();
        if (held >= maxSize) {
            return false;
        }
        size.update(held + 1);
        List<T> atTime = buffer.get(time);
        if (atTime == null) {
            atTime = new ArrayList<>();
            timers.registerEventTimeTimer(time);
        }
        atTime.add(input);
        buffer.put(time, atTime);
        return true;
    }

    /** The inputs of {@code time}, in their deterministic order (empty if the timer was not a buffer timer). */
    List<T> release(long time) throws Exception {
        List<T> stored = buffer.get(time);
        if (stored == null) {
            return List.of();
        }
        buffer.remove(time);
        int left = size() - stored.size();
        if (left > 0) {
            size.update(left);
        } else {
            size.clear();
        }
        if (stored.size() == 1) {
            return List.of(stored.get(0));
        }
        List<Ordered<T>> ordered = new ArrayList<>(stored.size());
        for (T input : stored) {
            ordered.add(new Ordered<>(rank.applyAsInt(input), id.apply(input), input));
        }
        ordered.sort(Comparator.comparingInt((Ordered<T> input) -> input.rank()).thenComparing(Ordered::id));
        List<T> due = new ArrayList<>(ordered.size());
        ordered.forEach(input -> due.add(input.input()));
        return due;
    }

    private record Ordered<T>(int rank, String id, T input) {
    }
}
