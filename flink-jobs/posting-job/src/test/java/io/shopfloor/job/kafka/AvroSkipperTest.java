package io.shopfloor.job.kafka;

import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.common.DeadLetter;
import io.shopfloor.schema.signal.MachineCounterReading;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The skipper reads as far as Avro's own skip, for every writer schema of a record, and fails where it fails. */
class AvroSkipperTest {

    @Test
    void skipsExactlyTheBodyOfEveryReleasedSchema() throws Exception {
        byte[] reading = body(TestReadings.reading(7));
        byte[] deadLetter = body(DeadLetter.newBuilder().setId("t/0/1").setSourceTopic("t").setSourcePartition(0)
                .setSourceOffset(1L).setKey(ByteBuffer.wrap(new byte[] {1, 2})).setPayload(ByteBuffer.wrap(new byte[9]))
                .setPayloadSchemaFingerprint(42L).setReasonCode("X").setReasonDetail("ä detail")
                .setFailedAt(Instant.EPOCH).setStage("decode").setAttempt(1).build());
        assertSkipsLikeAvro(currentSchema(MachineCounterReading.class), reading);
        assertSkipsLikeAvro(currentSchema(DeadLetter.class), deadLetter);
        for (Class<? extends SpecificRecord> type : ShopfloorSchemas.records()) {
            for (Schema writer : ShopfloorSchemas.history(type.getName())) {
                AvroSkipper.of(writer); // builds for every schema ever released
            }
        }
    }

    @Test
    void failsOnTruncatedBodiesAndHugeDeclaredLengthsLikeAvro() throws Exception {
        Schema schema = currentSchema(MachineCounterReading.class);
        byte[] reading = body(TestReadings.reading(7));
        for (int length = 0; length < reading.length; length++) {
            byte[] truncated = Arrays.copyOf(reading, length);
            assertThrows(IOException.class, () -> GenericDatumReader.skip(schema, decoder(truncated)));
            assertThrows(IOException.class, () -> AvroSkipper.of(schema).skip(decoder(truncated)),
                    "truncated to " + length);
        }
        // The machine id declares 2^30 bytes: both fail without allocating them.
        byte[] huge = Arrays.copyOf(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08}, 64);
        assertThrows(IOException.class, () -> GenericDatumReader.skip(schema, decoder(huge)));
        assertThrows(IOException.class, () -> AvroSkipper.of(schema).skip(decoder(huge)));
    }

    private static void assertSkipsLikeAvro(Schema schema, byte[] body) throws IOException {
        byte[] twice = new byte[body.length * 2];
        System.arraycopy(body, 0, twice, 0, body.length);
        System.arraycopy(body, 0, twice, body.length, body.length);
        BinaryDecoder avro = decoder(twice);
        GenericDatumReader.skip(schema, avro);
        BinaryDecoder skipper = decoder(twice);
        AvroSkipper.of(schema).skip(skipper);
        // Both stopped at the start of the second copy: skipping it once more ends both exactly at the end.
        GenericDatumReader.skip(schema, avro);
        AvroSkipper.of(schema).skip(skipper);
        assertTrue(avro.isEnd());
        assertTrue(skipper.isEnd());
    }

    private static Schema currentSchema(Class<? extends SpecificRecord> type) {
        var history = ShopfloorSchemas.history(type.getName());
        return history.get(history.size() - 1);
    }

    private static <T extends SpecificRecord> byte[] body(T record) throws IOException {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) record.getClass();
        byte[] message = ShopfloorSchemas.encoder(type).encode(record).array();
        return Arrays.copyOfRange(message, 10, message.length);
    }

    private static BinaryDecoder decoder(byte[] bytes) {
        return DecoderFactory.get().binaryDecoder(bytes, 0, bytes.length, null);
    }
}
