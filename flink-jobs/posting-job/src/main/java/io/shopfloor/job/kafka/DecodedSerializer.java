package io.shopfloor.job.kafka;

import io.shopfloor.schema.common.DeadLetter;
import java.io.IOException;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializer for {@link Decoded}: a flag, the Kafka position, then the record or the dead letter
 * through {@link AvroRecordSerializer}.
 */
public final class DecodedSerializer<T extends SpecificRecord> extends TypeSerializer<Decoded<T>> {
    private static final long serialVersionUID = 1L;

    private final AvroRecordSerializer<T> records;
    private final AvroRecordSerializer<DeadLetter> deadLetters = new AvroRecordSerializer<>(DeadLetter.class);

    public DecodedSerializer(Class<T> type) {
        this.records = new AvroRecordSerializer<>(type);
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<Decoded<T>> duplicate() {
        return new DecodedSerializer<>(records.type());
    }

    @Override
    public Decoded<T> createInstance() {
        // Decoded is immutable and has no "empty" value; Flink only needs an instance for reuse, which we ignore.
        return Decoded.ofDeadLetter(deadLetters.createInstance(), "", -1, -1L, -1L);
    }

    @Override
    public Decoded<T> copy(Decoded<T> from) {
        return from.isRecord()
                ? Decoded.ofRecord(records.copy(from.record()), from.key(),
                        from.topic(), from.partition(), from.offset(), from.timestamp())
                : Decoded.ofDeadLetter(deadLetters.copy(from.deadLetter()),
                        from.topic(), from.partition(), from.offset(), from.timestamp());
    }

    @Override
    public Decoded<T> copy(Decoded<T> from, Decoded<T> reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Decoded<T> value, DataOutputView target) throws IOException {
        target.writeBoolean(value.isRecord());
        target.writeUTF(value.topic());
        target.writeInt(value.partition());
        target.writeLong(value.offset());
        target.writeLong(value.timestamp());
        if (value.isRecord()) {
            writeKey(value.key(), target);
            records.serialize(value.record(), target);
        } else {
            deadLetters.serialize(value.deadLetter(), target);
        }
    }

    @Override
    public Decoded<T> deserialize(DataInputView source) throws IOException {
        boolean isRecord = source.readBoolean();
        String topic = source.readUTF();
        int partition = source.readInt();
        long offset = source.readLong();
        long timestamp = source.readLong();
        if (isRecord) {
            byte[] key = readKey(source);
            return Decoded.ofRecord(records.deserialize(source), key, topic, partition, offset, timestamp);
        }
        return Decoded.ofDeadLetter(deadLetters.deserialize(source), topic, partition, offset, timestamp);
    }

    @Override
    public Decoded<T> deserialize(Decoded<T> reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        boolean isRecord = source.readBoolean();
        target.writeBoolean(isRecord);
        target.writeUTF(source.readUTF());
        target.writeInt(source.readInt());
        target.writeLong(source.readLong());
        target.writeLong(source.readLong());
        if (isRecord) {
            writeKey(readKey(source), target);
        }
        (isRecord ? records : deadLetters).copy(source, target);
    }

    private static void writeKey(byte[] key, DataOutputView target) throws IOException {
        target.writeInt(key == null ? -1 : key.length);
        if (key != null) {
            target.write(key);
        }
    }

    private static byte[] readKey(DataInputView source) throws IOException {
        int length = source.readInt();
        if (length < 0) {
            return null;
        }
        byte[] key = new byte[length];
        source.readFully(key);
        return key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DecodedSerializer<?> other && records.equals(other.records);
    }

    @Override
    public int hashCode() {
        return Objects.hash(DecodedSerializer.class, records);
    }

    @Override
    public TypeSerializerSnapshot<Decoded<T>> snapshotConfiguration() {
        return new Snapshot<>(records.type());
    }

    /** Remembers the record class; both parts are single-object Avro, readable across schema versions. */
    public static final class Snapshot<T extends SpecificRecord> implements TypeSerializerSnapshot<Decoded<T>> {
        private final AvroRecordSerializer.Snapshot<T> recordSnapshot;

        /** For Flink's reflective instantiation on restore. */
        public Snapshot() {
            this.recordSnapshot = new AvroRecordSerializer.Snapshot<>();
        }

        Snapshot(Class<T> type) {
            this.recordSnapshot = new AvroRecordSerializer.Snapshot<>(type);
        }

        @Override
        public int getCurrentVersion() {
            return 1;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            recordSnapshot.writeSnapshot(out);
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
            recordSnapshot.readSnapshot(readVersion, in, classLoader);
        }

        @Override
        public TypeSerializer<Decoded<T>> restoreSerializer() {
            return new DecodedSerializer<>(((AvroRecordSerializer<T>) recordSnapshot.restoreSerializer()).type());
        }

        @Override
        public TypeSerializerSchemaCompatibility<Decoded<T>> resolveSchemaCompatibility(
                TypeSerializerSnapshot<Decoded<T>> old) {
            if (!(old instanceof Snapshot<T> previous)) {
                return TypeSerializerSchemaCompatibility.incompatible();
            }
            return recordSnapshot.resolveSchemaCompatibility(previous.recordSnapshot).isCompatibleAsIs()
                    ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
