package io.shopfloor.job.types;

import io.shopfloor.job.machine.MachineTimelineSerializer;
import io.shopfloor.job.masterdata.MasterDataVersionsSerializer;
import io.shopfloor.job.order.OrderLedgerSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The format-version contract of the state serializers: their snapshots, and values of other versions. */
class VersionedSerializerTest {

    private static VersionedSerializer.Snapshot<Object> restored(VersionedSerializer<?> serializer, int version)
            throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        out.writeUTF(serializer.getClass().getName());
        out.writeInt(version);
        VersionedSerializer.Snapshot<Object> snapshot = new VersionedSerializer.Snapshot<>();
        snapshot.readSnapshot(1, new DataInputDeserializer(out.getCopyOfBuffer()), VersionedSerializerTest.class.getClassLoader());
        return snapshot;
    }

    @SuppressWarnings("unchecked")
    private static TypeSerializerSnapshot<Object> current(VersionedSerializer<?> serializer) {
        return (TypeSerializerSnapshot<Object>) serializer.snapshotConfiguration();
    }

    @Test
    void theSnapshotRecordsTheFormatVersionAndRestoresTheSerializer() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        current(MachineTimelineSerializer.INSTANCE).writeSnapshot(out);
        VersionedSerializer.Snapshot<Object> snapshot = new VersionedSerializer.Snapshot<>();
        snapshot.readSnapshot(1, new DataInputDeserializer(out.getCopyOfBuffer()), VersionedSerializerTest.class.getClassLoader());
        assertEquals(4, snapshot.writtenVersion());
        assertEquals(MachineTimelineSerializer.INSTANCE, snapshot.restoreSerializer());
    }

    @Test
    void stateOfAnOlderFormatIsMigratedAndOfTheSameFormatKept() throws IOException {
        assertTrue(current(MachineTimelineSerializer.INSTANCE)
                .resolveSchemaCompatibility(restored(MachineTimelineSerializer.INSTANCE, 1)).isCompatibleAfterMigration());
        assertTrue(current(MachineTimelineSerializer.INSTANCE)
                .resolveSchemaCompatibility(restored(MachineTimelineSerializer.INSTANCE, 2)).isCompatibleAfterMigration());
        assertTrue(current(MachineTimelineSerializer.INSTANCE)
                .resolveSchemaCompatibility(restored(MachineTimelineSerializer.INSTANCE, 3)).isCompatibleAfterMigration());
        assertTrue(current(MachineTimelineSerializer.INSTANCE)
                .resolveSchemaCompatibility(restored(MachineTimelineSerializer.INSTANCE, 4)).isCompatibleAsIs());
        assertTrue(current(OrderLedgerSerializer.INSTANCE)
                .resolveSchemaCompatibility(restored(OrderLedgerSerializer.INSTANCE, 1)).isCompatibleAfterMigration());
        assertTrue(current(OrderLedgerSerializer.INSTANCE)
                .resolveSchemaCompatibility(restored(OrderLedgerSerializer.INSTANCE, 2)).isCompatibleAfterMigration());
        assertTrue(current(OrderLedgerSerializer.INSTANCE)
                .resolveSchemaCompatibility(restored(OrderLedgerSerializer.INSTANCE, 3)).isCompatibleAfterMigration());
        assertTrue(current(OrderLedgerSerializer.INSTANCE)
                .resolveSchemaCompatibility(restored(OrderLedgerSerializer.INSTANCE, 4)).isCompatibleAsIs());
        assertTrue(current(MasterDataVersionsSerializer.INSTANCE)
                .resolveSchemaCompatibility(restored(MasterDataVersionsSerializer.INSTANCE, 1))
                .isCompatibleAfterMigration());
        assertTrue(current(MasterDataVersionsSerializer.INSTANCE)
                .resolveSchemaCompatibility(restored(MasterDataVersionsSerializer.INSTANCE, 2))
                .isCompatibleAfterMigration());
        assertTrue(current(MasterDataVersionsSerializer.INSTANCE)
                .resolveSchemaCompatibility(restored(MasterDataVersionsSerializer.INSTANCE, 3)).isCompatibleAsIs());
    }

    @Test
    void stateOfALaterReleaseIsRefusedWithBothVersions() throws IOException {
        var later = restored(OrderLedgerSerializer.INSTANCE, 5);
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> current(OrderLedgerSerializer.INSTANCE).resolveSchemaCompatibility(later));
        assertEquals("OrderLedgerSerializer: the state was written in format version 5, this release reads up to 4 "
                + "(restore a savepoint of this or an earlier release)", refused.getMessage());
    }

    @Test
    void anotherSerializersStateIsIncompatible() throws IOException {
        TypeSerializerSchemaCompatibility<Object> compatibility = current(OrderLedgerSerializer.INSTANCE)
                .resolveSchemaCompatibility(restored(MasterDataVersionsSerializer.INSTANCE, 1));
        assertTrue(compatibility.isIncompatible());
    }

    @Test
    void aValueOfAnUnknownVersionFailsToReadWithTheVersions() {
        IOException failed = assertThrows(IOException.class, () -> MasterDataVersionsSerializer.INSTANCE
                .deserialize(new DataInputDeserializer(new byte[] {7, 0, 0, 0, 0})));
        assertEquals("MasterDataVersionsSerializer reads format versions 1 to 3, not 7 (state of a later release?)",
                failed.getMessage());
    }
}
