package io.shopfloor.job.machine;

import io.shopfloor.job.machine.MachineSignal.OperationChanged;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static io.shopfloor.job.machine.MachineTimelineTest.SETTINGS;
import static io.shopfloor.job.machine.MachineTimelineTest.at;
import static io.shopfloor.job.machine.MachineTimelineTest.good;
import static io.shopfloor.job.machine.MachineTimelineTest.operation;
import static io.shopfloor.job.machine.MachineTimelineTest.state;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A running machine's timeline read back from its state format goes on exactly as the original. */
class MachineTimelineSerializerTest {

    private static byte[] bytes(MachineTimeline timeline) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        MachineTimelineSerializer.INSTANCE.serialize(timeline, out);
        return out.getCopyOfBuffer();
    }

    private static MachineTimeline running() {
        MachineTimeline timeline = new MachineTimeline("M1", SETTINGS);
        timeline.accept(operation(0, OperationChanged.Type.OPERATION_STARTED, "20"));
        timeline.accept(state(0, MachineState.RUNNING, null));
        for (int second = 10; second <= 150; second += 10) {
            timeline.accept(good(second, 1));
        }
        timeline.accept(state(120, MachineState.STOPPED, "JAM"));
        timeline.advanceTo(at(100));
        timeline.wakeUpAsked(at(180).toEpochMilli());
        return timeline;
    }

    @Test
    void aRunningTimelineReadsBackToTheSameBytesWithoutSettings() throws IOException {
        byte[] written = bytes(running());
        assertEquals(2, written[0], "format version first");
        MachineTimeline read = MachineTimelineSerializer.INSTANCE.deserialize(new DataInputDeserializer(written));
        assertNull(read.settings, "settings are the operator's, not state");
        assertEquals(at(180).toEpochMilli(), read.wakeUpAskedMillis());
        assertArrayEquals(written, bytes(read));
    }

    @Test
    void theTimelineReadBackReportsTheSameLines() throws IOException {
        MachineTimeline original = running();
        MachineTimeline read = MachineTimelineSerializer.INSTANCE
                .deserialize(new DataInputDeserializer(bytes(original))).useSettings(SETTINGS);
        MachineTimeline.Output fromOriginal = original.advanceTo(at(400));
        assertEquals(fromOriginal, read.advanceTo(at(400)));
        assertEquals(false, fromOriginal.lines().isEmpty());
    }

    @Test
    void aCopyKeepsTheSettings() {
        MachineTimeline copy = MachineTimelineSerializer.INSTANCE.copy(running());
        assertEquals(SETTINGS, copy.settings);
    }
}
