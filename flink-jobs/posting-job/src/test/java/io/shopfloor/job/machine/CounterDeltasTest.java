package io.shopfloor.job.machine;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class CounterDeltasTest {
    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

    private static CounterReading reading(long value, int width, long bootEpoch, int second) {
        return new CounterReading("M1", "good", CounterReading.CounterKind.GOOD, value, width, bootEpoch, second,
                T0.plusSeconds(second));
    }

    private static CounterBaseline baseline(long value, long bootEpoch) {
        return new CounterBaseline(value, bootEpoch, T0);
    }

    @Test
    void firstReadingSetsTheBaselineWithoutDelta() {
        CounterDelta delta = CounterDeltas.apply(null, reading(500, 32, 1, 1));
        assertEquals(CounterDelta.Kind.FIRST, delta.kind());
        assertEquals(0, delta.delta());
        assertEquals(500, delta.baseline().value());
    }

    @Test
    void countsForwardAndMovesTheBaseline() {
        CounterDelta delta = CounterDeltas.apply(baseline(500, 1), reading(560, 32, 1, 1));
        assertEquals(CounterDelta.Kind.COUNTED, delta.kind());
        assertEquals(60, delta.delta());
        assertEquals(560, delta.baseline().value());
    }

    @Test
    void duplicateGivesNoDelta() {
        CounterBaseline before = baseline(560, 1);
        CounterDelta delta = CounterDeltas.apply(before, reading(560, 32, 1, 2));
        assertEquals(CounterDelta.Kind.DUPLICATE, delta.kind());
        assertSame(before, delta.baseline());
    }

    @Test
    void staleLowerValueNeverMovesTheBaseline() {
        CounterBaseline before = baseline(560, 1);
        CounterDelta delta = CounterDeltas.apply(before, reading(540, 32, 1, 3));
        assertEquals(CounterDelta.Kind.STALE, delta.kind());
        assertEquals(0, delta.delta());
        assertSame(before, delta.baseline());
    }

    @Test
    void wrapsAt16Bits() {
        CounterDelta delta = CounterDeltas.apply(baseline(65_530, 1), reading(5, 16, 1, 1));
        assertEquals(CounterDelta.Kind.COUNTED, delta.kind());
        assertEquals(11, delta.delta()); // 65530 → 65535 is 5, → 0 is 6, → 5 is 11
    }

    @Test
    void wrapsAt32Bits() {
        CounterDelta delta = CounterDeltas.apply(baseline(4_294_967_290L, 1), reading(3, 32, 1, 1));
        assertEquals(9, delta.delta());
    }

    @Test
    void wrapsAt64BitsWithUnsignedValues() {
        long nearTop = -3L; // 2^64 − 3 as an unsigned 64-bit value
        assertEquals(5, CounterDeltas.apply(baseline(nearTop, 1), reading(2, 64, 1, 1)).delta());
        assertEquals(CounterDelta.Kind.STALE, CounterDeltas.apply(baseline(2, 1), reading(nearTop, 64, 1, 1)).kind());
    }

    @Test
    void aLowerValueBeyondHalfTheRangeIsStaleNotAWrap() {
        assertEquals(CounterDelta.Kind.STALE, CounterDeltas.apply(baseline(40_000, 1), reading(39_000, 16, 1, 1)).kind());
        // 5 after 40,000 is 25,541 forward, less than half the 16-bit range: a wrap.
        assertEquals(25_541, CounterDeltas.apply(baseline(40_000, 1), reading(5, 16, 1, 1)).delta());
    }

    @Test
    void newBootEpochIsARestartCountingFromZero() {
        CounterDelta delta = CounterDeltas.apply(baseline(560, 1), reading(7, 32, 2, 1));
        assertEquals(CounterDelta.Kind.RESTARTED, delta.kind());
        assertEquals(7, delta.delta());
        assertEquals(2, delta.baseline().bootEpoch());
        // A late reading from before the restart changes nothing.
        assertEquals(CounterDelta.Kind.STALE, CounterDeltas.apply(delta.baseline(), reading(570, 32, 1, 2)).kind());
    }

    @Test
    void aNewBootEpochWithoutALowerValueIsAReconnectThatCountsOn() {
        CounterDelta delta = CounterDeltas.apply(baseline(560, 1), reading(600, 32, 2, 1));
        assertEquals(CounterDelta.Kind.COUNTED, delta.kind());
        assertEquals(40, delta.delta());
        assertEquals(2, delta.baseline().bootEpoch());
        assertEquals(CounterDelta.Kind.DUPLICATE, CounterDeltas.apply(delta.baseline(), reading(600, 32, 2, 2)).kind());
    }

    @Test
    void sparkplugBdSeqEpochsWrapAfter255() {
        CounterDelta restart = CounterDeltas.apply(baseline(560, 255), reading(3, 32, 0, 1));
        assertEquals(CounterDelta.Kind.RESTARTED, restart.kind());
        assertEquals(3, restart.delta());
        assertEquals(CounterDelta.Kind.STALE, CounterDeltas.apply(restart.baseline(), reading(570, 32, 255, 2)).kind());
        // Beyond 255 epochs compare as numbers: a boot time in seconds is newer when larger.
        assertEquals(CounterDelta.Kind.STALE,
                CounterDeltas.apply(baseline(560, 1_764_000_000L), reading(3, 32, 0, 1)).kind());
    }

    @Test
    void valuesOutsideTheDeclaredWidthAreInvalid() {
        assertEquals(CounterDelta.Kind.INVALID, CounterDeltas.apply(null, reading(70_000, 16, 1, 1)).kind());
        assertEquals(CounterDelta.Kind.INVALID, CounterDeltas.apply(null, reading(-1, 32, 1, 1)).kind());
        assertEquals(CounterDelta.Kind.INVALID, CounterDeltas.apply(null, reading(1, 8, 1, 1)).kind());
    }
}
