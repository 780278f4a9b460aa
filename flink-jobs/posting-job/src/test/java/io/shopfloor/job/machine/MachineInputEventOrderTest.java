package io.shopfloor.job.machine;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The written-out event order sorts exactly as the comparator chain it replaced. */
class MachineInputEventOrderTest {
    /** The order as first written, with Comparator combinators. */
    static final Comparator<MachineInput> CHAINED = Comparator.comparing(MachineInput::eventTime)
            .thenComparingInt(MachineInput::rank)
            .thenComparing(MachineInput::machineId)
            .thenComparing(MachineInput::reading, Comparator.nullsFirst(Comparator
                    .comparing(CounterReading::counterName).thenComparingLong(CounterReading::bootEpoch)
                    .thenComparingLong(CounterReading::value).thenComparingLong(CounterReading::sequenceNumber)
                    .thenComparing(CounterReading::kind).thenComparingInt(CounterReading::widthBits)))
            .thenComparing(MachineInput::state, Comparator.nullsFirst(Comparator
                    .comparing(MachineSignal.StateChanged::state)
                    .thenComparing(MachineSignal.StateChanged::stopCode,
                            Comparator.nullsFirst(Comparator.naturalOrder()))))
            .thenComparing(MachineInput::operation, Comparator.nullsFirst(Comparator
                    .comparing(MachineSignal.OperationChanged::type)
                    .thenComparing(o -> String.valueOf(o.orderNo()))
                    .thenComparingInt(MachineSignal.OperationChanged::orderLineNo)
                    .thenComparing(o -> String.valueOf(o.operationNo()))
                    .thenComparing(o -> String.valueOf(o.activityCode()))
                    .thenComparing(o -> String.valueOf(o.operatorId()))))
            .thenComparing(MachineInput::source, Comparator.nullsFirst(Comparator
                    .comparing(MachineInput.Source::receivedTime, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(MachineInput.Source::bootEpoch, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(MachineInput.Source::sequenceNumber,
                            Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(source -> String.valueOf(source.eventId()))));

    @Test
    void comparesLikeTheChainedComparatorOnRandomInputs() {
        SplittableRandom random = new SplittableRandom(7);
        List<MachineInput> inputs = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            inputs.add(randomInput(random));
        }
        for (MachineInput a : inputs) {
            for (MachineInput b : inputs) {
                assertEquals(Integer.signum(CHAINED.compare(a, b)),
                        Integer.signum(MachineInput.EVENT_ORDER.compare(a, b)), () -> a + " vs " + b);
            }
        }
        List<MachineInput> sorted = new ArrayList<>(inputs);
        sorted.sort(MachineInput.EVENT_ORDER);
        List<MachineInput> expected = new ArrayList<>(inputs);
        expected.sort(CHAINED);
        assertEquals(expected, sorted);
    }

    /**
     * Few distinct values per field, so that most pairs tie on several fields and the later ones decide; sources
     * absent, or with each field null or set (what the bridge's records carry besides the signal).
     */
    private static MachineInput randomInput(SplittableRandom random) {
        MachineInput input = randomSignal(random);
        if (random.nextBoolean()) {
            return input;
        }
        Instant received = Instant.parse("2026-03-02T08:00:01Z");
        return input.withSource(new MachineInput.Source(pick(random, null, received), pick(random, null, 1L, 2L),
                pick(random, null, 5L), pick(random, null, "evt-1", "evt-2")));
    }

    private static MachineInput randomSignal(SplittableRandom random) {
        Instant time = Instant.parse("2026-03-02T08:00:00Z").plusMillis(random.nextInt(3) * 500L);
        String machine = pick(random, "M1", "M2");
        return switch (random.nextInt(3)) {
            case 0 -> MachineInput.of(new CounterReading(machine, pick(random, "good", "scrap"),
                    CounterReading.CounterKind.values()[random.nextInt(3)], random.nextInt(3) - 1, pick(random, 16, 32),
                    random.nextInt(2), random.nextInt(2), time));
            case 1 -> MachineInput.of(machine, new MachineSignal.StateChanged(time,
                    MachineState.values()[random.nextInt(3)], pick(random, null, "JAM", "TOOL")));
            default -> MachineInput.of(machine, new MachineSignal.OperationChanged(time,
                    MachineSignal.OperationChanged.Type.values()[random.nextInt(2)], pick(random, null, "RPO-1"),
                    random.nextInt(2), pick(random, null, "10", "20"), pick(random, null, "MAINT"),
                    pick(random, null, "OP-7", "null")));
        };
    }

    @SafeVarargs
    private static <T> T pick(SplittableRandom random, T... values) {
        return values[random.nextInt(values.length)];
    }
}
