package io.shopfloor.job.machine;

import io.shopfloor.job.machine.MachineSignal.OperationChanged;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;

import static io.shopfloor.job.machine.MachineTimelineTest.SETTINGS;
import static io.shopfloor.job.machine.MachineTimelineTest.at;
import static io.shopfloor.job.machine.MachineTimelineTest.good;
import static io.shopfloor.job.machine.MachineTimelineTest.heartbeat;
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
        assertEquals(4, written[0], "format version first");
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

    /** No signal after 120 s. */
    static final MachineTimeline.Settings PLANNED_PM = new MachineTimeline.Settings(Duration.ofSeconds(60),
            Duration.ofSeconds(30), Duration.ofSeconds(120), ShiftCalendar.threeShifts());

    /**
     * Running, silent from 50 s to 185 s, then in planned maintenance (PM) with 4 parts counted when the silence
     * ended, a heartbeat at 300 s; finalized to 210 s, inside the window 180-240 s.
     */
    private static MachineTimeline afterASilenceInPlannedMaintenance() {
        MachineTimeline timeline = new MachineTimeline("M1", PLANNED_PM);
        timeline.accept(operation(0, OperationChanged.Type.OPERATION_STARTED, "20"));
        timeline.accept(state(0, MachineState.RUNNING, null));
        for (int second = 10; second <= 50; second += 10) {
            timeline.accept(good(second, 1));
        }
        timeline.accept(state(185, MachineState.MAINTENANCE, "PM"));
        timeline.accept(good(185, 4));
        timeline.accept(heartbeat(300)); // heard again within the timeout: 185-300 is maintenance, not silence
        timeline.advanceTo(at(330));
        return timeline;
    }

    @Test
    void format4KeepsTheSilenceEndTheWindowsPlannedStopUnclockedPartsAndStopTimeByCode() throws IOException {
        MachineTimeline original = afterASilenceInPlannedMaintenance();
        original.totals.plannedStopMillis = 5_000; // only restored from format 3: the machine stage declares none
        assertEquals(at(185), original.silenceEndedAt);
        assertEquals(4, original.totals.unclockedParts);
        assertEquals(java.util.Map.of("PM", 25_000L), original.totals.stopMillisByCode);
        byte[] written = bytes(original);
        MachineTimeline read = MachineTimelineSerializer.INSTANCE.deserialize(new DataInputDeserializer(written));
        assertEquals(at(185), read.silenceEndedAt);
        assertEquals(4, read.totals.unclockedParts);
        assertEquals(5_000, read.totals.plannedStopMillis);
        assertEquals(java.util.Map.of("PM", 25_000L), read.totals.stopMillisByCode);
        assertArrayEquals(written, bytes(read));

        MachineTimeline.Output fromOriginal = original.advanceTo(at(600));
        assertEquals(fromOriginal, read.useSettings(PLANNED_PM).advanceTo(at(600)));
        WindowTotals window = fromOriginal.totals().stream().filter(t -> t.from().equals(at(180))).findFirst()
                .orElseThrow();
        assertEquals(4, window.unclockedParts());
        assertEquals(5_000, window.plannedStopMillis());
        assertEquals(java.util.Map.of("PM", 55_000L), window.stopMillisByCode());
    }

    /** Format 4 without its tail: the stop time by code (count, code length, "PM", millis). */
    private static byte[] format3Of(byte[] format4) {
        byte[] format3 = Arrays.copyOf(format4, format4.length - 4 - (4 + 2) - 8);
        format3[0] = 3;
        return format3;
    }

    @Test
    void format3ReadsNoStopTimeByCodeAndKeepsItsPlannedStop() throws IOException {
        MachineTimeline release = afterASilenceInPlannedMaintenance();
        release.totals.plannedStopMillis = 25_000; // PM declared planned by the configuration of the format-3 job
        byte[] format3 = format3Of(bytes(release));
        MachineTimeline read = MachineTimelineSerializer.INSTANCE.deserialize(new DataInputDeserializer(format3));
        assertEquals(at(185), read.silenceEndedAt);
        assertEquals(25_000, read.totals.plannedStopMillis, "as the configuration declared it before the restore");
        assertEquals(java.util.Map.of(), read.totals.stopMillisByCode);
        byte[] again = bytes(read);
        assertEquals(4, again[0]);
        assertArrayEquals(Arrays.copyOfRange(format3, 1, format3.length),
                Arrays.copyOfRange(again, 1, format3.length), "format 3's fields written again unchanged");

        WindowTotals window = read.useSettings(PLANNED_PM).advanceTo(at(600)).totals().stream()
                .filter(t -> t.from().equals(at(180))).findFirst().orElseThrow();
        assertEquals(java.util.Map.of("PM", 30_000L), window.stopMillisByCode(), "only the time after the restore");
        assertEquals(25_000, window.plannedStopMillis());
        assertEquals(55_000, MachineKpis.plannedStopMillis(window, "PM"::equals), "before and after the restore");
        assertEquals(25_000, MachineKpis.plannedStopMillis(window, MachineKpis.NO_PLANNED_STOP_CODES));
    }

    @Test
    void format2ReadsNoSilenceEndAndNoPlannedStopOrUnclockedParts() throws IOException {
        byte[] format3 = format3Of(bytes(afterASilenceInPlannedMaintenance()));
        // format 2 is format 3 without its tail: silence end (flag, seconds, nanos), planned stop millis, parts
        byte[] format2 = Arrays.copyOf(format3, format3.length - (1 + 8 + 4) - 8 - 8);
        format2[0] = 2;
        MachineTimeline read = MachineTimelineSerializer.INSTANCE.deserialize(new DataInputDeserializer(format2));
        assertNull(read.silenceEndedAt);
        assertEquals(0, read.totals.unclockedParts);
        assertEquals(0, read.totals.plannedStopMillis);
        assertEquals(4, read.totals.good, "the window's count is format 2's");
        byte[] again = bytes(read);
        assertEquals(4, again[0]);
        assertArrayEquals(Arrays.copyOfRange(format2, 1, format2.length),
                Arrays.copyOfRange(again, 1, format2.length), "format 2's fields written again unchanged");
    }

    @Test
    void aCopyKeepsTheSettings() {
        MachineTimeline copy = MachineTimelineSerializer.INSTANCE.copy(running());
        assertEquals(SETTINGS, copy.settings);
    }
}
