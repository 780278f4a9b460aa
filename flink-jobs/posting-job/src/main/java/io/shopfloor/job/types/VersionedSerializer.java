package io.shopfloor.job.types;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * A state serializer whose format has a version: every value starts with the version it was written in, and the
 * serializer reads every version it ever wrote (one {@code read} branch per version) and writes the current one.
 * Its snapshot records the current version. Restoring state of an older version is "compatible after migration":
 * Flink rewrites it in the current format (RocksDB during the restore, heap state at the next checkpoint); state of
 * a newer version (a savepoint of a later release) is refused with the versions in the message.
 *
 * <p>How to change a format (README "State and upgrades"): add the field to the class, raise {@link #version()},
 * write the new field in {@code write}, and in {@code read} read it only when {@code version} is the new one,
 * with its default for older values; a dropped field is still read (and ignored) for older versions.
 *
 * <p>Subclasses have a no-argument constructor (the snapshot creates one on restore) and no configuration.
 *
 * @param <T> the state value; mutable values are copied through the format
 */
public abstract class VersionedSerializer<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    /** The format version written now (counted from 1). */
    public abstract int version();

    protected abstract void write(T value, DataOutputView out) throws IOException;

    /** Reads a value written in format {@code version} (at most {@link #version()}). */
    protected abstract T read(int version, DataInputView in) throws IOException;

    @Override
    public final void serialize(T value, DataOutputView target) throws IOException {
        // A local buffer, written in one piece: checkpoint streams take single bytes slowly.
        DataOutputSerializer buffer = new DataOutputSerializer(256);
        buffer.writeByte(version());
        write(value, buffer);
        target.write(buffer.getSharedBuffer(), 0, buffer.length());
    }

    @Override
    public final T deserialize(DataInputView source) throws IOException {
        int valueVersion = source.readUnsignedByte();
        if (valueVersion < 1 || valueVersion > version()) {
            throw new IOException(getClass().getSimpleName() + " reads format versions 1 to " + version()
                    + ", not " + valueVersion + " (state of a later release?)");
        }
        return read(valueVersion, source);
    }

    @Override
    public final T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public T copy(T from) {
        if (from == null || isImmutableType()) {
            return from;
        }
        try {
            DataOutputSerializer out = new DataOutputSerializer(256);
            serialize(from, out);
            return deserialize(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new IllegalStateException("copy of " + from.getClass().getSimpleName(), e);
        }
    }

    @Override
    public final T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public final void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public final TypeSerializer<T> duplicate() {
        return this; // stateless: every call uses its own buffer
    }

    @Override
    public final int getLength() {
        return -1;
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass();
    }

    @Override
    public final int hashCode() {
        return getClass().hashCode();
    }

    @Override
    public final TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new Snapshot<>(this);
    }

    /** The format version of the state written, and which serializer class reads it. */
    public static final class Snapshot<T> implements TypeSerializerSnapshot<T> {
        private VersionedSerializer<T> serializer;
        private int writtenVersion;

        /** For Flink's restore (reflective). */
        public Snapshot() {
        }

        Snapshot(VersionedSerializer<T> serializer) {
            this.serializer = serializer;
            this.writtenVersion = serializer.version();
        }

        /** The format version the state was written in. */
        public int writtenVersion() {
            return writtenVersion;
        }

        @Override
        public int getCurrentVersion() {
            return 1; // of this snapshot's own layout: class name, then format version
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeUTF(serializer.getClass().getName());
            out.writeInt(writtenVersion);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
            String className = in.readUTF();
            writtenVersion = in.readInt();
            try {
                Class<?> type = Class.forName(className, true, classLoader);
                var constructor = type.getDeclaredConstructor();
                constructor.setAccessible(true);
                serializer = (VersionedSerializer<T>) constructor.newInstance(); // stateless: any instance will do
            } catch (ReflectiveOperationException e) {
                throw new IOException("state serializer " + className + " is gone: keep it (or a class of that "
                        + "name reading its formats) for as long as savepoints may hold its state", e);
            }
        }

        @Override
        public TypeSerializer<T> restoreSerializer() {
            return serializer; // reads every older version
        }

        @Override
        public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> old) {
            // Called on the new serializer's snapshot with the restored one.
            if (!(old instanceof Snapshot<T> written) || written.serializer.getClass() != serializer.getClass()) {
                return TypeSerializerSchemaCompatibility.incompatible();
            }
            if (written.writtenVersion == writtenVersion) {
                return TypeSerializerSchemaCompatibility.compatibleAsIs();
            }
            if (written.writtenVersion < writtenVersion) {
                return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
            }
            throw new IllegalStateException(serializer.getClass().getSimpleName() + ": the state was written in "
                    + "format version " + written.writtenVersion + ", this release reads up to " + writtenVersion
                    + " (restore a savepoint of this or an earlier release)");
        }
    }
}
