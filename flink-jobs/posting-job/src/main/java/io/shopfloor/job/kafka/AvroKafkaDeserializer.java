package io.shopfloor.job.kafka;

import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.common.DeadLetter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * KafkaSource deserializer for Avro single-object values ({@link ShopfloorSchemas#decoder}). It never throws on
 * bad input: a value that does not decode becomes a {@link Decoded} dead letter with the raw bytes and a reason
 * code, so the job can send it to the dead-letter topic instead of failing or dropping it.
 *
 * <p>Dead letters are deterministic (a replay gives the same dead letter): the id is
 * {@code topic/partition/offset} and {@code failedAt} is the Kafka record timestamp, never the wall clock.
 */
public final class AvroKafkaDeserializer<T extends SpecificRecord>
        implements KafkaRecordDeserializationSchema<Decoded<T>> {
    private static final long serialVersionUID = 1L;

    /** The header names a schema this build does not know (newer producer, or another record type). */
    public static final String UNKNOWN_SCHEMA = "UNKNOWN_SCHEMA";
    /** Not single-object Avro, or a body that does not match its schema. */
    public static final String UNDECODABLE_AVRO = "UNDECODABLE_AVRO";
    /** A null value (a tombstone); on a compacted master-data topic this means "deleted". */
    public static final String NULL_PAYLOAD = "NULL_PAYLOAD";
    public static final String STAGE = "decode";

    private static final byte[] SINGLE_OBJECT_MARKER = {(byte) 0xC3, (byte) 0x01};
    private static final int HEADER_LENGTH = 10; // marker + 8-byte little-endian CRC-64-AVRO fingerprint

    private final AvroRecordSerializer<T> avro;
    private transient Map<Long, Schema> writerSchemas; // by fingerprint, built on first use
    private transient Map<Long, WriterSchema<T>> readers; // by writer fingerprint, built on first use
    private transient long lastFingerprint; // nearly every record has the writer schema of the one before
    private transient WriterSchema<T> lastReader;
    private transient BinaryDecoder decoder; // reused: one per record would be garbage on the hot path

    public AvroKafkaDeserializer(Class<T> type) {
        this.avro = new AvroRecordSerializer<>(Objects.requireNonNull(type, "type"));
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> message, Collector<Decoded<T>> out) {
        out.collect(decode(message));
    }

    /** Decodes one Kafka record; never throws on bad input. */
    public Decoded<T> decode(ConsumerRecord<byte[], byte[]> message) {
        byte[] value = message.value();
        if (value == null) {
            return deadLetter(message, NULL_PAYLOAD, "record value is null");
        }
        try {
            WriterSchema<T> reader = hasHeader(value) ? reader(fingerprintOf(value)) : null;
            // Without a known writer schema the message decoder says what is wrong (header, unknown schema).
            T record = reader == null ? avro.decode(value) : decodeBody(value, reader);
            return Decoded.ofRecord(record, message.key(), message.topic(), message.partition(), message.offset(),
                    message.timestamp());
        } catch (MissingSchemaException e) {
            return deadLetter(message, UNKNOWN_SCHEMA, describe(e));
        } catch (IOException | RuntimeException e) {
            // AvroRuntimeException (bad header, bad body), EOF, or anything a corrupt body provokes
            return deadLetter(message, UNDECODABLE_AVRO, describe(e));
        }
    }

    private Decoded<T> deadLetter(ConsumerRecord<byte[], byte[]> message, String reasonCode, String detail) {
        byte[] value = message.value() == null ? new byte[0] : message.value();
        DeadLetter deadLetter = DeadLetter.newBuilder()
                .setId(message.topic() + "/" + message.partition() + "/" + message.offset())
                .setSourceTopic(message.topic())
                .setSourcePartition(message.partition())
                .setSourceOffset(message.offset())
                .setKey(message.key() == null ? null : ByteBuffer.wrap(message.key()))
                .setPayload(ByteBuffer.wrap(value))
                .setPayloadSchemaFingerprint(fingerprint(value))
                .setReasonCode(reasonCode)
                .setReasonDetail(detail)
                .setFailedAt(Instant.ofEpochMilli(message.timestamp()))
                .setStage(STAGE)
                .setAttempt(1)
                .build();
        return Decoded.ofDeadLetter(deadLetter,
                message.topic(), message.partition(), message.offset(), message.timestamp());
    }

    /**
     * Decodes the body after a single-object header whose writer schema is known, as
     * {@link ShopfloorSchemas#decoder} would (the same datum reader from writer to reader schema), but from the
     * array directly rather than through streams.
     *
     * <p>Avro allocates a string's or bytes' declared length before reading it, so a few corrupt bytes declaring
     * a 1 GB string would kill the TaskManager (OutOfMemoryError), and again after every restart. Skipping
     * through the body first checks each declared length against the bytes really there, allocating nothing
     * (EOFException if one does not fit).
     */
    private T decodeBody(byte[] value, WriterSchema<T> writer) throws IOException {
        decoder = DecoderFactory.get().binaryDecoder(value, HEADER_LENGTH, value.length - HEADER_LENGTH, decoder);
        writer.skipper().skip(decoder);
        decoder = DecoderFactory.get().binaryDecoder(value, HEADER_LENGTH, value.length - HEADER_LENGTH, decoder);
        try {
            return writer.reader().read(null, decoder);
        } catch (IOException e) {
            throw new AvroRuntimeException("Decoding datum failed", e); // as the message decoder reports it
        }
    }

    /** How to skip and read a body of the writer schema of {@code fingerprint}; null if none is known. */
    private WriterSchema<T> reader(long fingerprint) {
        if (lastReader != null && fingerprint == lastFingerprint) {
            return lastReader;
        }
        if (readers == null) {
            readers = new HashMap<>();
        }
        WriterSchema<T> reader = readers.get(fingerprint);
        if (reader == null) {
            Schema writer = writerSchemas().get(fingerprint);
            if (writer == null) {
                return null;
            }
            SpecificData model = SpecificData.getForClass(avro.type()); // carries the decimal/time conversions
            @SuppressWarnings("unchecked")
            GenericDatumReader<T> datumReader =
                    (GenericDatumReader<T>) model.createDatumReader(writer, model.getSchema(avro.type()));
            reader = new WriterSchema<>(AvroSkipper.of(writer), datumReader);
            readers.put(fingerprint, reader);
        }
        lastFingerprint = fingerprint;
        lastReader = reader;
        return reader;
    }

    private Map<Long, Schema> writerSchemas() {
        if (writerSchemas == null) {
            Map<Long, Schema> byFingerprint = new HashMap<>();
            for (Schema schema : ShopfloorSchemas.history(avro.type().getName())) {
                byFingerprint.put(SchemaNormalization.parsingFingerprint64(schema), schema);
            }
            writerSchemas = byFingerprint;
        }
        return writerSchemas;
    }

    /** The fingerprint from a single-object header, or null when the bytes have none. */
    static Long fingerprint(byte[] value) {
        return hasHeader(value) ? fingerprintOf(value) : null;
    }

    private static boolean hasHeader(byte[] value) {
        return value.length >= HEADER_LENGTH
                && value[0] == SINGLE_OBJECT_MARKER[0] && value[1] == SINGLE_OBJECT_MARKER[1];
    }

    private static long fingerprintOf(byte[] value) {
        long fingerprint = 0;
        for (int i = HEADER_LENGTH - 1; i >= 2; i--) { // little-endian
            fingerprint = (fingerprint << 8) | (value[i] & 0xFF);
        }
        return fingerprint;
    }

    private static String describe(Exception e) {
        StringBuilder detail = new StringBuilder(e.getClass().getSimpleName()).append(": ").append(e.getMessage());
        if (e.getCause() != null && e.getCause() != e) {
            detail.append(" (caused by ").append(e.getCause()).append(')');
        }
        return detail.toString();
    }

    /** What one writer schema needs: a skipper that checks declared lengths, and the reader into the record. */
    private record WriterSchema<T>(AvroSkipper skipper, GenericDatumReader<T> reader) {
    }

    @Override
    public TypeInformation<Decoded<T>> getProducedType() {
        return new DecodedTypeInfo<>(avro.type());
    }
}
