package io.shopfloor.dashboard;

import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.common.DeadLetter;
import io.shopfloor.schema.signal.MachineState;
import io.shopfloor.schema.signal.MachineStateChange;
import org.apache.avro.message.MissingSchemaException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class DeadLettersTest {
    private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");

    @Test
    void aDeadLetterKeepsTheRawRecordTheReasonAndWhereItCameFrom() throws Exception {
        byte[] payload = "not avro".getBytes(StandardCharsets.UTF_8);
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("machine-states", 2, 41L,
                "CUT-1".getBytes(StandardCharsets.UTF_8), payload);
        DeadLetter letter = DeadLetters.of(record, new IllegalArgumentException("bad header"), NOW);
        assertEquals("dashboard/machine-states/2/41", letter.getId());
        assertEquals("machine-states", letter.getSourceTopic());
        assertEquals(2, letter.getSourcePartition());
        assertEquals(41L, letter.getSourceOffset());
        assertArrayEquals("CUT-1".getBytes(StandardCharsets.UTF_8), bytes(letter.getKey()));
        assertArrayEquals(payload, bytes(letter.getPayload()));
        assertNull(letter.getPayloadSchemaFingerprint());
        assertEquals("NOT_SINGLE_OBJECT_ENCODED", letter.getReasonCode());
        assertEquals("java.lang.IllegalArgumentException: bad header", letter.getReasonDetail());
        assertEquals(NOW, letter.getFailedAt());
        assertEquals("dashboard", letter.getStage());
        assertEquals(1, letter.getAttempt());
        // It round-trips through the dead-letter topic's encoding.
        assertEquals(letter, ShopfloorSchemas.decoder(DeadLetter.class).decode(DeadLetters.encode(letter)));
    }

    @Test
    void reasonCodesTellEmptyForeignUnknownAndBrokenPayloadsApart() throws Exception {
        assertEquals("EMPTY_PAYLOAD", DeadLetters.reasonCode(null, new IllegalArgumentException()));
        assertEquals("EMPTY_PAYLOAD", DeadLetters.reasonCode(new byte[0], new IllegalArgumentException()));
        byte[] unknown = new byte[]{(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 0};
        assertEquals("UNKNOWN_SCHEMA", DeadLetters.reasonCode(unknown, new MissingSchemaException("unknown")));
        assertEquals(ByteBuffer.wrap(unknown, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong(),
                DeadLetters.fingerprint(unknown));
        byte[] valid = ShopfloorSchemas.encoder(MachineStateChange.class).encode(MachineStateChange.newBuilder()
                .setMachineId("CUT-1").setState(MachineState.RUNNING).setBootEpoch(1).setSequenceNumber(1)
                .setSourceTimestamp(NOW).setReceivedTimestamp(NOW).build()).array();
        byte[] truncated = java.util.Arrays.copyOf(valid, 12);
        assertEquals("UNDECODABLE", DeadLetters.reasonCode(truncated, new java.io.EOFException()));
        assertEquals("NOT_SINGLE_OBJECT_ENCODED", DeadLetters.reasonCode("{}".getBytes(StandardCharsets.UTF_8),
                new java.io.IOException()));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
