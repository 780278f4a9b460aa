package io.shopfloor.job.kafka;

import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.signal.CounterKind;
import io.shopfloor.schema.signal.MachineCounterReading;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.apache.avro.message.BinaryMessageEncoder;

/** Deterministic test readings and their single-object bytes. */
final class TestReadings {
    static final Instant BASE = Instant.parse("2026-03-02T06:00:00Z");
    private static final BinaryMessageEncoder<MachineCounterReading> ENCODER =
            ShopfloorSchemas.encoder(MachineCounterReading.class);

    private TestReadings() {}

    /** Reading number {@code i}: three machines, every optional field both set and null across the range. */
    static MachineCounterReading reading(long i) {
        return MachineCounterReading.newBuilder()
                .setMachineId("M-" + (i % 3))
                .setCounterName(i % 4 == 0 ? "scrap" : "good")
                .setCounterKind(i % 4 == 0 ? CounterKind.SCRAP : CounterKind.GOOD)
                .setValue(1_000 + i * 7)
                .setWidthBits(32)
                .setBootEpoch(42)
                .setSequenceNumber(i % 5 == 0 ? null : i)
                .setSourceTimestamp(BASE.plusMillis(i * 1_000))
                .setReceivedTimestamp(i % 2 == 0 ? null : BASE.plusMillis(i * 1_000 + 15))
                .setSourceTopic(i % 3 == 0 ? null : "plant/line1/M-" + (i % 3) + "/counters")
                .build();
    }

    static byte[] encode(MachineCounterReading reading) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ENCODER.encode(reading, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
