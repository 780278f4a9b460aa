package io.shopfloor.job.masterdata;

import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Shop calendar rows (format 2) and the ERP's stop codes (format 3, kind 16) in master-data state and on the
 * master-data stream read back as written.
 */
class CalendarRowsSerializerTest {
    static final List<Object> ROWS = List.of(
            new CalendarRows.WorkingTime("EARLY-BREAKS", DayOfWeek.MONDAY, LocalTime.of(10, 30), LocalTime.MIDNIGHT,
                    "EARLY"),
            new CalendarRows.Holiday("EARLY-BREAKS", LocalDate.of(2026, 5, 1), LocalTime.MIDNIGHT, LocalTime.MIDNIGHT,
                    "Labour Day"),
            new CalendarRows.Absence("WC-ASSY", LocalDate.of(2026, 3, 2), LocalTime.of(12, 0),
                    LocalTime.of(12, 45, 30, 500_000_000), "Planned maintenance"),
            new CalendarRows.CenterCalendar("WC-ASSY", "EARLY-BREAKS"));

    @Test
    void versionsOfEveryCalendarRowReadBackTheSame() throws IOException {
        for (Object row : ROWS) {
            MasterDataVersions versions = new MasterDataVersions();
            versions.put(Long.MIN_VALUE, row);
            versions.put(1_000, null);
            DataOutputSerializer out = new DataOutputSerializer(64);
            MasterDataVersionsSerializer.INSTANCE.serialize(versions, out);
            MasterDataVersions read = MasterDataVersionsSerializer.INSTANCE.deserialize(
                    new DataInputDeserializer(out.getCopyOfBuffer()));
            assertEquals(versions.versions, read.versions, row.toString());
        }
    }

    @Test
    void aChangeKeepsWhetherItIsValidFromItsTimeAndFormat1ReadsNo() throws IOException {
        MasterDataChange change = MasterDataChange.of((CalendarRows.WorkingTime) ROWS.get(0)).validFromItsTime(true);
        DataOutputSerializer out = new DataOutputSerializer(64);
        MasterDataChangeSerializer.INSTANCE.serialize(change, out);
        assertEquals(change, MasterDataChangeSerializer.INSTANCE.deserialize(
                new DataInputDeserializer(out.getCopyOfBuffer())));

        // Format 1 (release 1): version, key, deleted, record; no flag.
        DataOutputSerializer v1 = new DataOutputSerializer(64);
        v1.writeByte(1);
        io.shopfloor.job.types.StateIO.writeString("setup", v1);
        v1.writeBoolean(true);
        io.shopfloor.job.types.RulesCodec.writeMasterData(null, v1);
        MasterDataChange read = MasterDataChangeSerializer.INSTANCE.deserialize(
                new DataInputDeserializer(v1.getCopyOfBuffer()));
        assertEquals("setup", read.key());
        assertFalse(read.validFromItsTime());
    }

    @Test
    void aStopCodeIsKind16OfFormat3InStateAndOnTheStream() throws IOException {
        MasterDataVersions versions = new MasterDataVersions();
        versions.put(Long.MIN_VALUE, new StopCode("MAINT", true));
        versions.put(1_000, new StopCode("MAINT", false));
        DataOutputSerializer out = new DataOutputSerializer(64);
        MasterDataVersionsSerializer.INSTANCE.serialize(versions, out);
        byte[] written = out.getCopyOfBuffer();
        assertEquals(3, written[0], "format 3");
        assertEquals(16, written[1 + 4 + 8], "the first version's kind, after the count and its valid-from time");
        assertEquals(versions.versions, MasterDataVersionsSerializer.INSTANCE.deserialize(
                new DataInputDeserializer(written)).versions);

        MasterDataChange change = io.shopfloor.job.avro.OrderInputMapping.stopCode(
                new io.shopfloor.schema.masterdata.StopCode("MAINT", "Maintenance", true, false, 4711L,
                        java.time.Instant.parse("2026-03-02T08:30:00Z")));
        assertEquals(new MasterDataChange("stop-code/MAINT", new StopCode("MAINT", true), false, true), change);
        out.clear();
        MasterDataChangeSerializer.INSTANCE.serialize(change, out);
        assertEquals(change, MasterDataChangeSerializer.INSTANCE.deserialize(
                new DataInputDeserializer(out.getCopyOfBuffer())));
        MasterDataChange deleted = io.shopfloor.job.avro.OrderInputMapping.stopCode(
                new io.shopfloor.schema.masterdata.StopCode("MAINT", "", false, true, 4712L, null));
        assertEquals(new MasterDataChange("stop-code/MAINT", null, true, true), deleted);
    }
}
