package io.shopfloor.job.kafka;

import io.shopfloor.schema.ShopfloorSchemas;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Objects;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializer for one Avro record class, as length-prefixed Avro single-object bytes.
 *
 * <p>Why single-object and not plain binary: every value carries its writer schema's fingerprint, and
 * {@link ShopfloorSchemas#decoder} knows every released schema, so state written by an older job version
 * stays readable after a schema change without any serializer migration. Why not Kryo/flink-avro: Kryo
 * cannot be trusted with Avro records (ByteBuffer, logical types), and flink-avro is not a dependency.
 */
public final class AvroRecordSerializer<T extends SpecificRecord> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    private final Class<T> type;
    // Not serializable; rebuilt where the serializer is used (they are cheap and thread-safe).
    private transient BinaryMessageEncoder<T> encoder;
    private transient BinaryMessageDecoder<T> decoder;

    public AvroRecordSerializer(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    public Class<T> type() {
        return type;
    }

    /** Single-object bytes of {@code record}, as written to Kafka. */
    byte[] encode(T record) throws IOException {
        if (encoder == null) {
            encoder = ShopfloorSchemas.encoder(type);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        encoder.encode(record, out);
        return out.toByteArray();
    }

    /** Decodes single-object bytes; throws Avro's exceptions on bad input (callers decide what that means). */
    T decode(byte[] bytes) throws IOException {
        if (decoder == null) {
            decoder = ShopfloorSchemas.decoder(type);
        }
        return decoder.decode(bytes);
    }

    @Override
    public boolean isImmutableType() {
        return false; // Avro records have setters
    }

    @Override
    public TypeSerializer<T> duplicate() {
        return new AvroRecordSerializer<>(type);
    }

    @Override
    public T createInstance() {
        @SuppressWarnings("unchecked")
        T instance = (T) SpecificData.newInstance(type, null);
        return instance;
    }

    @Override
    public T copy(T from) {
        return SpecificData.getForClass(type).deepCopy(from.getSchema(), from);
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        byte[] bytes = encode(record);
        target.writeInt(bytes.length);
        target.write(bytes);
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        byte[] bytes = new byte[source.readInt()];
        source.readFully(bytes);
        return decode(bytes);
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int length = source.readInt();
        target.writeInt(length);
        target.write(source, length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AvroRecordSerializer<?> other && type.equals(other.type);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<T> snapshotConfiguration() {
        return new Snapshot<>(type);
    }

    /** Remembers only the record class: the schemas travel inside the data (fingerprints). */
    public static final class Snapshot<T extends SpecificRecord> implements TypeSerializerSnapshot<T> {
        private Class<T> type;

        /** For Flink's reflective instantiation on restore. */
        public Snapshot() {}

        Snapshot(Class<T> type) {
            this.type = type;
        }

        @Override
        public int getCurrentVersion() {
            return 1;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeUTF(type.getName());
        }

        @Override
        @SuppressWarnings("unchecked")
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
            String name = in.readUTF();
            try {
                type = (Class<T>) Class.forName(name, false, classLoader);
            } catch (ClassNotFoundException e) {
                throw new IOException("Avro record class " + name + " is gone", e);
            }
        }

        @Override
        public TypeSerializer<T> restoreSerializer() {
            return new AvroRecordSerializer<>(type);
        }

        @Override
        public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> old) {
            // Any released writer schema is readable, so the same record class is compatible as is.
            return old instanceof Snapshot<T> previous && type.equals(previous.type)
                    ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
