package io.shopfloor.job.operator;

import io.shopfloor.job.machine.CounterReading;
import io.shopfloor.job.machine.MachineInput;
import io.shopfloor.job.machine.MachineSignal;
import io.shopfloor.job.machine.MachineState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Held inputs leave in event order, by instant, whatever order they came in. */
class PendingInputsTest {
    static final Instant T = Instant.parse("2026-03-02T08:00:00Z");

    static MachineInput reading(String counter, int second) {
        return MachineInput.of(new CounterReading("M1", counter, CounterReading.CounterKind.GOOD, second, 32, 1,
                second, T.plusSeconds(second)));
    }

    static MachineInput state(int second) {
        return MachineInput.of("M1", new MachineSignal.StateChanged(T.plusSeconds(second), MachineState.RUNNING,
                null));
    }

    static long ms(int second) {
        return T.plusSeconds(second).toEpochMilli();
    }

    @Test
    void releasesEachInstantInEventOrderWhateverTheArrival() {
        PendingInputs pending = new PendingInputs();
        List<MachineInput> arrivals = List.of(state(2), reading("scrap", 1), reading("good", 2), reading("good", 1),
                reading("scrap", 2), state(1), reading("good", 3));
        arrivals.forEach(pending::add);
        assertEquals(ms(1), pending.firstTime());

        List<MachineInput> due = new ArrayList<>();
        pending.release(ms(1), due);
        assertEquals(List.of(reading("good", 1), reading("scrap", 1), state(1)), due);
        assertEquals(ms(2), pending.firstTime());

        due.clear();
        pending.release(ms(2), due);
        assertEquals(List.of(reading("good", 2), reading("scrap", 2), state(2)), due);
        assertEquals(1, pending.size());
    }

    @Test
    void growsAndReusesItsRoomWithoutLosingOrder() {
        PendingInputs pending = new PendingInputs();
        List<MachineInput> released = new ArrayList<>();
        for (int second = 0; second < 1_000; second++) {
            pending.add(reading("good", second));
            if (second % 3 == 2) {
                pending.release(ms(second - 1), released); // keeps the last one or two held
            }
        }
        pending.release(ms(1_000), released);
        assertTrue(pending.isEmpty());
        assertEquals(Long.MAX_VALUE, pending.firstTime());
        assertEquals(1_000, released.size());
        for (int second = 0; second < 1_000; second++) {
            assertEquals(reading("good", second), released.get(second));
        }
    }

    @Test
    void aCopyIsIndependent() {
        PendingInputs pending = new PendingInputs();
        pending.add(reading("good", 1));
        PendingInputs copy = pending.copy();
        pending.add(reading("good", 2));
        assertEquals(1, copy.size());
        assertEquals(2, pending.size());
        copy.release(ms(1), new ArrayList<>());
        assertEquals(2, pending.size());
    }
}
