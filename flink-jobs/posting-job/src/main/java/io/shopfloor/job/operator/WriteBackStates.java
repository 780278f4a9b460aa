package io.shopfloor.job.operator;

import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Keyed state kept in memory between checkpoints: values read once from the state backend, changed in memory, and
 * written back before the operator's snapshot ({@link #flush}). On RocksDB every read and write is a
 * (de)serialization and a native call, and the machine and order stages read and change the same values (a machine's
 * timeline, an order's ledger) for every input: written once per checkpoint instead, a value costs the same however
 * many inputs change it in between. Nothing is lost by a failure: what is only in memory came after the last
 * snapshot, and the restore replays it.
 *
 * <p>Each value state keeps at most {@code maxValuesPerState} keys in memory, each map state at most {@code
 * maxMapEntriesPerState} entries. When full, further keys or entries are read and written in the backend directly
 * (nothing is evicted): the entries in memory stay until they are removed, so that a buffer of held inputs, which
 * leave in the order they came, keeps its oldest in memory, and a plant larger than the bound still has most of its
 * values in memory. A map state reads all of a key's entries at its first access (up to a quarter of its bound), so
 * that a new map key costs no read of the backend.
 *
 * <p>On RocksDB, which serializes what it is given, the values stay in memory after a flush. On other backends (the
 * heap backend keeps the objects themselves, and its snapshot runs while the task goes on) a flush forgets them, so
 * that an object in a snapshot is never changed afterwards.
 *
 * <p>The operator running the function calls {@link #attach} in its {@code open} and {@link #flush} in its {@code
 * snapshotState}, which Flink calls before it snapshots the keyed backend. Not attached (a function run by a plain
 * operator, as in most tests), every access goes to the backend. As on RocksDB, a value changed must be written with
 * {@code update} or {@code put}: only those are flushed.
 */
public final class WriteBackStates {
    /** The key context of the operator: the backend's current key. */
    public interface KeyContext {
        Object currentKey();

        void setCurrentKey(Object key);

        /** Whether the backend serializes values when they are written (RocksDB): then they may stay in memory. */
        boolean backendCopiesValues();
    }

    private final int maxValuesPerState;
    private final int maxMapEntriesPerState;
    private final List<Entries<?, ?>> states = new ArrayList<>();
    private KeyContext keys;

    public WriteBackStates(int maxValuesPerState, int maxMapEntriesPerState) {
        if (maxValuesPerState < 1 || maxMapEntriesPerState < 4) {
            throw new IllegalArgumentException("at least 1 value and 4 map entries per state: " + maxValuesPerState
                    + ", " + maxMapEntriesPerState);
        }
        this.maxValuesPerState = maxValuesPerState;
        this.maxMapEntriesPerState = maxMapEntriesPerState;
    }

    /** The key context of a keyed operator. */
    public static KeyContext keyContextOf(AbstractStreamOperator<?> operator) {
        KeyedStateBackend<?> backend = operator.getKeyedStateBackend();
        // By name: RocksDB is a test dependency of this module. Any other backend (heap, changelog) forgets at flush.
        boolean copies = backend != null
                && backend.getClass().getName().equals("org.apache.flink.state.rocksdb.RocksDBKeyedStateBackend");
        return new KeyContext() {
            @Override
            public Object currentKey() {
                return operator.getCurrentKey();
            }

            @Override
            public void setCurrentKey(Object key) {
                operator.setCurrentKey(key);
            }

            @Override
            public boolean backendCopiesValues() {
                return copies;
            }
        };
    }

    /** From now on accesses are kept in memory until {@link #flush}. */
    public void attach(KeyContext keyContext) {
        this.keys = keyContext;
    }

    /** Writes every changed entry to the backend; the current key stays as it was. */
    public void flush() throws Exception {
        if (keys == null) {
            return;
        }
        Object current = keys.currentKey();
        try {
            for (Entries<?, ?> state : states) {
                state.flush(keys.backendCopiesValues());
            }
        } finally {
            if (current != null) {
                keys.setCurrentKey(current);
            }
        }
    }

    /** Entries held in memory, all states together (tests). */
    int entriesInMemory() {
        return states.stream().mapToInt(state -> state.cached.size()).sum();
    }

    public <T> ValueState<T> value(ValueState<T> state) {
        CachedValue<T> cached = new CachedValue<>(state);
        states.add(cached.entries);
        return cached;
    }

    public <K, V> MapState<K, V> map(MapState<K, V> state) {
        CachedMap<K, V> cached = new CachedMap<>(state);
        states.add(cached.entries);
        return cached;
    }

    /** One key's (and map key's) place in a state. */
    private record Slot(Object key, Object mapKey) {
        /**
         * Mixed: keys are machine ids or order numbers whose hashes differ in a few low bits, map keys instants a
         * second apart; the record's own hash (31 x a + b) makes long chains of them.
         */
        @Override
        public int hashCode() {
            long mixed = key.hashCode() * 0x9E3779B97F4A7C15L
                    ^ (mapKey == null ? 0 : mapKey.hashCode() * 0xC2B2AE3D27D4EB4FL);
            return (int) (mixed ^ (mixed >>> 29) ^ (mixed >>> 47));
        }
    }

    private static final class Entry<V> {
        V value;
        /** Changed since read or flushed: to be written. */
        boolean changed;
        /** The backend may hold a value: a removal must reach it. */
        boolean stored;

        Entry(V value, boolean stored) {
            this.value = value;
            this.stored = stored;
        }
    }

    /** The entries of one state in memory. */
    private abstract class Entries<K, V> {
        final Map<Slot, Entry<V>> cached = new HashMap<>();
        private final int max;
        /** The entry found last: a call usually reads and then writes the same one. */
        private Object lastKey;
        private Object lastMapKey;
        private Entry<V> last;

        Entries(int max) {
            this.max = max;
        }

        abstract V load(K mapKey) throws Exception;

        abstract void store(K mapKey, V value) throws Exception;

        abstract void remove(K mapKey) throws Exception;

        /** Whether all the backend's entries of the key are in memory (then one not in memory is absent). */
        boolean allInMemory(Object key) throws Exception {
            return false;
        }

        /** The key's entries are no longer all in memory ({@code null}: no key's are). */
        void notAllInMemory(Object key) {
        }

        boolean hasRoom() {
            return cached.size() < max;
        }

        /** The entry in memory, or null. */
        Entry<V> find(Slot slot) {
            if (last != null && slot.key() == lastKey && Objects.equals(slot.mapKey(), lastMapKey)) {
                return last;
            }
            Entry<V> entry = cached.get(slot);
            if (entry != null) {
                lastKey = slot.key();
                lastMapKey = slot.mapKey();
                last = entry;
            }
            return entry;
        }

        void forget(Slot slot) {
            cached.remove(slot);
            last = null;
        }

        /** The current key's value, read from the backend if not in memory. */
        V read(K mapKey) throws Exception {
            Slot slot = new Slot(keys.currentKey(), mapKey);
            Entry<V> entry = find(slot);
            if (entry != null) {
                return entry.value;
            }
            if (allInMemory(slot.key())) {
                entry = cached.get(slot);
                return entry == null ? null : entry.value;
            }
            V value = load(mapKey);
            if (value != null && hasRoom()) {
                cached.put(slot, new Entry<>(value, true));
            }
            return value;
        }

        /** Sets the current key's value ({@code null}: none). */
        void write(K mapKey, V value) throws Exception {
            Slot slot = new Slot(keys.currentKey(), mapKey);
            Entry<V> entry = find(slot);
            if (entry == null) {
                boolean whole = allInMemory(slot.key());
                entry = cached.get(slot);
                if (entry == null) {
                    if (value == null && whole) {
                        return; // absent already
                    }
                    if (!hasRoom()) {
                        notAllInMemory(slot.key());
                        writeBack(slot, new Entry<>(value, true));
                        return;
                    }
                    entry = new Entry<>(null, !whole); // not read: the backend may hold one
                    cached.put(slot, entry);
                }
            }
            if (value == null && !entry.stored) {
                forget(slot); // never reached the backend: nothing to remove there
                return;
            }
            entry.value = value;
            entry.changed = true;
        }

        @SuppressWarnings("unchecked")
        void writeBack(Slot slot, Entry<V> entry) throws Exception {
            if (entry.value != null) {
                store((K) slot.mapKey(), entry.value);
            } else if (entry.stored) {
                remove((K) slot.mapKey());
            }
        }

        void flush(boolean keep) throws Exception {
            last = null;
            Iterator<Map.Entry<Slot, Entry<V>>> all = cached.entrySet().iterator();
            while (all.hasNext()) {
                Map.Entry<Slot, Entry<V>> slot = all.next();
                Entry<V> entry = slot.getValue();
                if (entry.changed) {
                    keys.setCurrentKey(slot.getKey().key());
                    writeBack(slot.getKey(), entry);
                    entry.changed = false;
                    entry.stored = true;
                }
                if (!keep || entry.value == null) {
                    all.remove();
                }
            }
            if (!keep) {
                notAllInMemory(null);
            }
        }
    }

    private final class CachedValue<T> implements ValueState<T> {
        private final ValueState<T> state;
        private final Entries<Object, T> entries;

        CachedValue(ValueState<T> state) {
            this.state = state;
            this.entries = new Entries<>(maxValuesPerState) {
                @Override
                T load(Object mapKey) throws IOException {
                    return state.value();
                }

                @Override
                void store(Object mapKey, T value) throws IOException {
                    state.update(value);
                }

                @Override
                void remove(Object mapKey) {
                    state.clear();
                }
            };
        }

        @Override
        public T value() throws IOException {
            return keys == null ? state.value() : unchecked(() -> entries.read(null));
        }

        @Override
        public void update(T value) throws IOException {
            if (keys == null) {
                state.update(value);
                return;
            }
            unchecked(() -> {
                entries.write(null, value);
                return null;
            });
        }

        @Override
        public void clear() {
            if (keys == null) {
                state.clear();
                return;
            }
            try {
                entries.write(null, null);
            } catch (Exception e) {
                throw new IllegalStateException("could not clear " + keys.currentKey() + "'s value", e);
            }
        }
    }

    /**
     * A map state kept entry by entry. Iterating a key's entries goes to the backend, after writing the key's changed
     * entries and forgetting them (not used on a hot path).
     */
    private final class CachedMap<K, V> implements MapState<K, V> {
        private final MapState<K, V> state;
        private final Entries<K, V> entries;

        CachedMap(MapState<K, V> state) {
            this.state = state;
            this.entries = new Entries<>(maxMapEntriesPerState) {
                /** Keys whose entries are all in memory; keys with too many to read at once. */
                private final Set<Object> whole = new HashSet<>();
                private final Set<Object> tooMany = new HashSet<>();

                @Override
                boolean allInMemory(Object key) throws Exception {
                    if (whole.contains(key)) {
                        return true;
                    }
                    if (tooMany.contains(key)) {
                        return false;
                    }
                    int room = Math.min(maxMapEntriesPerState / 4, maxMapEntriesPerState - cached.size());
                    List<Map.Entry<K, V>> stored = new ArrayList<>();
                    for (Map.Entry<K, V> entry : state.entries()) {
                        if (stored.size() >= room) {
                            if (tooMany.size() >= maxValuesPerState) {
                                tooMany.clear();
                            }
                            tooMany.add(key);
                            return false;
                        }
                        stored.add(Map.entry(entry.getKey(), entry.getValue()));
                    }
                    for (Map.Entry<K, V> entry : stored) {
                        cached.putIfAbsent(new Slot(key, entry.getKey()), new Entry<>(entry.getValue(), true));
                    }
                    if (whole.size() >= maxValuesPerState) {
                        whole.clear(); // only costs a read of a key's entries again
                    }
                    whole.add(key);
                    return true;
                }

                @Override
                void notAllInMemory(Object key) {
                    if (key == null) {
                        whole.clear();
                        tooMany.clear();
                    } else {
                        whole.remove(key);
                    }
                }

                @Override
                V load(K mapKey) throws Exception {
                    return state.get(mapKey);
                }

                @Override
                void store(K mapKey, V value) throws Exception {
                    state.put(mapKey, value);
                }

                @Override
                void remove(K mapKey) throws Exception {
                    state.remove(mapKey);
                }
            };
        }

        @Override
        public V get(K key) throws Exception {
            return keys == null ? state.get(key) : entries.read(key);
        }

        @Override
        public void put(K key, V value) throws Exception {
            if (keys == null) {
                state.put(key, value);
            } else {
                entries.write(key, Objects.requireNonNull(value, "a map state value (remove instead)"));
            }
        }

        @Override
        public void putAll(Map<K, V> map) throws Exception {
            for (Map.Entry<K, V> entry : map.entrySet()) {
                put(entry.getKey(), entry.getValue());
            }
        }

        @Override
        public void remove(K key) throws Exception {
            if (keys == null) {
                state.remove(key);
            } else {
                entries.write(key, null);
            }
        }

        @Override
        public boolean contains(K key) throws Exception {
            return get(key) != null;
        }

        @Override
        public Iterable<Map.Entry<K, V>> entries() throws Exception {
            return backend().entries();
        }

        @Override
        public Iterable<K> keys() throws Exception {
            return backend().keys();
        }

        @Override
        public Iterable<V> values() throws Exception {
            return backend().values();
        }

        @Override
        public Iterator<Map.Entry<K, V>> iterator() throws Exception {
            return backend().iterator();
        }

        @Override
        public boolean isEmpty() throws Exception {
            return backend().isEmpty();
        }

        @Override
        public void clear() {
            try {
                backend().clear();
            } catch (Exception e) {
                throw new IllegalStateException("could not clear " + keys.currentKey() + "'s entries", e);
            }
        }

        /** The backend's map of the current key, with the key's changed entries written and forgotten first. */
        private MapState<K, V> backend() throws Exception {
            if (keys == null) {
                return state;
            }
            Object current = keys.currentKey();
            entries.last = null;
            Iterator<Map.Entry<Slot, Entry<V>>> all = entries.cached.entrySet().iterator();
            while (all.hasNext()) {
                Map.Entry<Slot, Entry<V>> entry = all.next();
                if (Objects.equals(entry.getKey().key(), current)) {
                    if (entry.getValue().changed) {
                        entries.writeBack(entry.getKey(), entry.getValue());
                    }
                    all.remove();
                }
            }
            entries.notAllInMemory(current);
            return state;
        }
    }

    private interface Access<T> {
        T run() throws Exception;
    }

    /** ValueState's methods may throw only IOException. */
    private static <T> T unchecked(Access<T> access) throws IOException {
        try {
            return access.run();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }
}
