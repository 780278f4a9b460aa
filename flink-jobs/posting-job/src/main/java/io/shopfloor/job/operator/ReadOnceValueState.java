package io.shopfloor.job.operator;

import org.apache.flink.api.common.state.ValueState;

import java.io.IOException;

/**
 * A keyed value read from state at most once and written at most once per call of a function (between {@link
 * #begin} and {@link #end}, for one key), however often the call reads and updates it: on RocksDB each read and
 * write is a full (de)serialization. In between, reads return the value last read or updated, the same object, as the
 * heap backend does anyway. Outside a begin/end pair every access goes to state.
 */
final class ReadOnceValueState<T> implements ValueState<T> {
    private final ValueState<T> state;
    private boolean open;
    private boolean loaded;
    private boolean changed;
    private T value;

    ReadOnceValueState(ValueState<T> state) {
        this.state = state;
    }

    /** From now on, until {@link #end}, the current key's value is read once and kept. */
    void begin() {
        open = true;
        loaded = false;
        changed = false;
        value = null;
    }

    /** Writes the value if it was updated or cleared since {@link #begin}, and forgets it. */
    void end() throws IOException {
        if (open && changed) {
            if (value == null) {
                state.clear();
            } else {
                state.update(value);
            }
        }
        open = false;
        loaded = false;
        changed = false;
        value = null;
    }

    @Override
    public T value() throws IOException {
        if (!open) {
            return state.value();
        }
        if (!loaded) {
            value = state.value();
            loaded = true;
        }
        return value;
    }

    @Override
    public void update(T newValue) throws IOException {
        if (!open) {
            state.update(newValue);
            return;
        }
        value = newValue;
        loaded = true;
        changed = true;
    }

    @Override
    public void clear() {
        if (!open) {
            state.clear();
            return;
        }
        value = null;
        loaded = true;
        changed = true;
    }
}
