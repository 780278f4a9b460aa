package io.shopfloor.job.operator;

import io.shopfloor.job.machine.MachineInput;

import java.util.Arrays;
import java.util.List;

/**
 * One machine's inputs held until the watermark passes them, kept in {@link MachineInput#EVENT_ORDER} as they
 * arrive: a sorted array with a moving start, since inputs mostly arrive in order (one comparison each) and leave
 * from the front. Their release order therefore does not depend on their arrival.
 */
final class PendingInputs {
    private MachineInput[] inputs;
    private int first;
    private int end;

    PendingInputs() {
        this(new MachineInput[16], 0);
    }

    /** Takes {@code inputs[0..count)}, which must be in event order. */
    PendingInputs(MachineInput[] inputs, int count) {
        this.inputs = inputs;
        this.end = count;
    }

    boolean isEmpty() {
        return first == end;
    }

    int size() {
        return end - first;
    }

    MachineInput get(int index) {
        return inputs[first + index];
    }

    /** The event time (epoch millis) of the earliest input, {@link Long#MAX_VALUE} if there is none. */
    long firstTime() {
        return first == end ? Long.MAX_VALUE : inputs[first].eventTime().toEpochMilli();
    }

    void add(MachineInput input) {
        if (end == inputs.length) {
            makeRoom();
        }
        int at = end;
        while (at > first && MachineInput.EVENT_ORDER.compare(inputs[at - 1], input) > 0) {
            at--;
        }
        System.arraycopy(inputs, at, inputs, at + 1, end - at);
        inputs[at] = input;
        end++;
    }

    /** Moves the inputs of event time {@code time} (epoch millis) or earlier to {@code due}, in event order. */
    void release(long time, List<MachineInput> due) {
        while (first < end && inputs[first].eventTime().toEpochMilli() <= time) {
            due.add(inputs[first]);
            inputs[first++] = null;
        }
        if (first == end) {
            first = 0;
            end = 0;
        }
    }

    /** An independent copy (the inputs themselves are immutable and shared). */
    PendingInputs copy() {
        return new PendingInputs(Arrays.copyOfRange(inputs, first, Math.max(end, first + 16)), end - first);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PendingInputs other && Arrays.equals(inputs, first, end, other.inputs, other.first,
                other.end);
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (int i = first; i < end; i++) {
            hash = 31 * hash + inputs[i].hashCode();
        }
        return hash;
    }

    @Override
    public String toString() {
        return "PendingInputs" + Arrays.toString(Arrays.copyOfRange(inputs, first, end));
    }

    private void makeRoom() {
        int size = end - first;
        if (first > 0 && size <= inputs.length / 4) {
            System.arraycopy(inputs, first, inputs, 0, size); // reuse the room released at the front
            Arrays.fill(inputs, size, end, null);
        } else {
            inputs = Arrays.copyOfRange(inputs, first, first + inputs.length * 2);
        }
        first = 0;
        end = size;
    }
}
