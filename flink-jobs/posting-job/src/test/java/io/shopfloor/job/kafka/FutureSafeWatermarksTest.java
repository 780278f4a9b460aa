package io.shopfloor.job.kafka;

import io.shopfloor.schema.signal.CounterKind;
import io.shopfloor.schema.signal.MachineCounterReading;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-partition watermark generator and the time rules it applies ({@link InputTimes}). */
class FutureSafeWatermarksTest {
    static final Instant T = Instant.parse("2026-03-02T08:00:00Z");
    static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(5);
    static final Duration IDLENESS = Duration.ofSeconds(10);
    static final InputTimes<MachineCounterReading> TIMES = new InputTimes<>(r -> r.getSourceTimestamp(),
            r -> r.getReceivedTimestamp(), Duration.ofMinutes(5), Duration.ofMinutes(15));

    /** What a generator emitted: watermarks, and "idle" when it marked the partition idle. */
    static final class Output implements WatermarkOutput {
        final List<String> emitted = new ArrayList<>();

        @Override
        public void emitWatermark(Watermark watermark) {
            emitted.add(Instant.ofEpochMilli(watermark.getTimestamp()).toString());
        }

        @Override
        public void markIdle() {
            emitted.add("idle");
        }

        @Override
        public void markActive() {
            emitted.add("active");
        }
    }

    /** A reading taken at {@code source} and received by the bridge at {@code received} (null: none recorded). */
    static Decoded<MachineCounterReading> reading(Instant source, Instant received, long kafkaTimestamp) {
        return Decoded.ofRecord(MachineCounterReading.newBuilder().setMachineId("M-1").setCounterName("good")
                .setCounterKind(CounterKind.GOOD).setValue(1).setWidthBits(32).setBootEpoch(1)
                .setSourceTimestamp(source).setReceivedTimestamp(received).build(), "machine-counters", 0, 0,
                kafkaTimestamp);
    }

    static void feed(FutureSafeWatermarks<MachineCounterReading> generator, Decoded<MachineCounterReading> input,
                     Output output) {
        generator.onEvent(input, TIMES.eventTimeMillis(input), output);
    }

    @Test
    void theFutureBoundIsExactAndFallsBackToTheKafkaTimestamp() {
        Instant received = T;
        assertFalse(TIMES.isFuture(reading(T.plus(Duration.ofMinutes(5)), received, 0)));
        assertTrue(TIMES.isFuture(reading(T.plus(Duration.ofMinutes(5)).plusMillis(1), received, 0)));
        // No received time in the record: the Kafka record timestamp is the receiving time.
        assertFalse(TIMES.isFuture(reading(T.plus(Duration.ofMinutes(5)), null, T.toEpochMilli())));
        assertTrue(TIMES.isFuture(reading(T.plus(Duration.ofMinutes(6)), null, T.toEpochMilli())));
        assertTrue(TIMES.isStale(reading(T.minus(Duration.ofMinutes(15)).minusMillis(1), received, 0)));
        assertFalse(TIMES.isStale(reading(T.minus(Duration.ofMinutes(15)), received, 0)));
        // Only the record's own receiving time makes it stale: old signals replayed with a current Kafka timestamp
        // still hold their partition.
        assertFalse(TIMES.isStale(reading(T.minus(Duration.ofDays(1)), null, T.toEpochMilli())));
        // Topics where old inputs are normal (master data, journal lines): never stale.
        InputTimes<MachineCounterReading> noBehind = new InputTimes<>(r -> r.getSourceTimestamp(),
                r -> r.getReceivedTimestamp(), Duration.ofMinutes(5), null);
        assertFalse(noBehind.isStale(reading(T.minus(Duration.ofDays(300)), received, 0)));
        assertEquals(T.toEpochMilli(), TIMES.eventTimeMillis(reading(T, null, 7)));
    }

    @Test
    void aFutureBurstNeverMovesThePartitionsWatermark() {
        ManualClock clock = new ManualClock(1_000_000_000L);
        FutureSafeWatermarks<MachineCounterReading> generator =
                new FutureSafeWatermarks<>(TIMES, OUT_OF_ORDERNESS, IDLENESS, clock);
        Output output = new Output();
        feed(generator, reading(T, T, 0), output);
        for (int i = 0; i < 7; i++) {
            feed(generator, reading(T.plus(Duration.ofDays(365)).plusSeconds(i), T.plusSeconds(i), 0), output);
        }
        generator.onPeriodicEmit(output);
        feed(generator, reading(T.plusSeconds(10), T.plusSeconds(10), 0), output);
        generator.onPeriodicEmit(output);
        assertEquals(List.of("2026-03-02T07:59:54.999Z", "2026-03-02T08:00:04.999Z"), output.emitted);
    }

    @Test
    void aPartitionCarryingOnlyFutureOrBackloggedInputsBecomesIdle() {
        ManualClock clock = new ManualClock(1_000_000_000L);
        FutureSafeWatermarks<MachineCounterReading> generator =
                new FutureSafeWatermarks<>(TIMES, OUT_OF_ORDERNESS, IDLENESS, clock);
        Output output = new Output();
        feed(generator, reading(T, T, 0), output);
        generator.onPeriodicEmit(output);
        // Then a gateway's day of store-and-forward readings and a future burst, received now, for 11 s.
        for (int second = 0; second <= 11; second++) {
            clock.advanceTime(Duration.ofSeconds(1));
            feed(generator, reading(T.minus(Duration.ofDays(1)).plusSeconds(second), T.plusSeconds(second), 0),
                    output);
            feed(generator, reading(T.plus(Duration.ofDays(365)), T.plusSeconds(second), 0), output);
            generator.onPeriodicEmit(output);
        }
        assertEquals("idle", output.emitted.get(output.emitted.size() - 1));
        assertTrue(output.emitted.subList(0, output.emitted.size() - 1).stream()
                .allMatch("2026-03-02T07:59:54.999Z"::equals), output.emitted.toString());
        // A live reading makes it active again, with a watermark from the live readings only.
        feed(generator, reading(T.plusSeconds(20), T.plusSeconds(20), 0), output);
        generator.onPeriodicEmit(output);
        assertEquals("2026-03-02T08:00:14.999Z", output.emitted.get(output.emitted.size() - 1));
    }

    @Test
    void undecodableRecordsDoNotCountEither() {
        ManualClock clock = new ManualClock(1_000_000_000L);
        FutureSafeWatermarks<MachineCounterReading> generator =
                new FutureSafeWatermarks<>(TIMES, OUT_OF_ORDERNESS, IDLENESS, clock);
        Output output = new Output();
        Decoded<MachineCounterReading> undecodable = Decoded.ofDeadLetter(io.shopfloor.schema.common.DeadLetter
                .newBuilder().setId("x").setSourceTopic("machine-counters").setPayload(java.nio.ByteBuffer.allocate(0))
                .setReasonCode("UNDECODABLE_AVRO").setReasonDetail("").setFailedAt(T).setStage("decode").setAttempt(1)
                .build(), "machine-counters", 0, 1, T.plus(Duration.ofDays(365)).toEpochMilli());
        generator.onPeriodicEmit(output); // nothing yet: the lowest watermark, and inactivity starts
        generator.onEvent(undecodable, TIMES.eventTimeMillis(undecodable), output);
        clock.advanceTime(IDLENESS.plusMillis(1));
        generator.onPeriodicEmit(output);
        assertEquals(2, output.emitted.size(), output.emitted.toString());
        assertEquals("idle", output.emitted.get(1));
    }
}
