package io.shopfloor.job.operator;

import org.apache.flink.api.common.state.ValueState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The order ledger's state wrapper: one read and at most one write per call, whatever the call does in between. */
class ReadOnceValueStateTest {

    /** A keyed value of one key that records each access. */
    private static final class RecordingState implements ValueState<List<String>> {
        List<String> stored;
        final List<String> accesses = new ArrayList<>();

        @Override
        public List<String> value() {
            accesses.add("read");
            return stored == null ? null : new ArrayList<>(stored); // a copy, as RocksDB deserializes one
        }

        @Override
        public void update(List<String> value) {
            accesses.add("write " + value);
            stored = value == null ? null : new ArrayList<>(value);
        }

        @Override
        public void clear() {
            accesses.add("clear");
            stored = null;
        }
    }

    @Test
    void withinACallTheValueIsReadOnceSharedAndWrittenOnceAtTheEnd() throws Exception {
        RecordingState state = new RecordingState();
        state.stored = new ArrayList<>(List.of("a"));
        ReadOnceValueState<List<String>> ledger = new ReadOnceValueState<>(state);
        ledger.begin();
        List<String> first = ledger.value();
        first.add("b");
        ledger.update(first);
        assertSame(first, ledger.value(), "later reads see the value updated, not state");
        ledger.value().add("c");
        ledger.update(ledger.value());
        ledger.end();
        assertEquals(List.of("read", "write [a, b, c]"), state.accesses);
    }

    @Test
    void aCallThatOnlyReadsWritesNothingAndAClearedValueIsClearedOnce() throws Exception {
        RecordingState state = new RecordingState();
        state.stored = new ArrayList<>(List.of("a"));
        ReadOnceValueState<List<String>> ledger = new ReadOnceValueState<>(state);
        ledger.begin();
        ledger.value();
        ledger.value();
        ledger.end();
        ledger.begin();
        ledger.update(List.of("x"));
        ledger.clear();
        assertNull(ledger.value(), "cleared within the call: no read of state");
        ledger.end();
        assertEquals(List.of("read", "clear"), state.accesses);
    }

    @Test
    void outsideACallEveryAccessGoesToState() throws Exception {
        RecordingState state = new RecordingState();
        ReadOnceValueState<List<String>> ledger = new ReadOnceValueState<>(state);
        ledger.update(List.of("a"));
        ledger.value();
        ledger.value();
        ledger.clear();
        assertEquals(List.of("write [a]", "read", "read", "clear"), state.accesses);
    }
}
