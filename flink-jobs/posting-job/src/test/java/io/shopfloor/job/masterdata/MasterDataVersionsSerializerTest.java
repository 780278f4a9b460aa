package io.shopfloor.job.masterdata;

import io.shopfloor.posting.gl.DefaultDimension;
import io.shopfloor.posting.gl.GeneralLedgerSetup;
import io.shopfloor.posting.gl.GeneralPostingSetup;
import io.shopfloor.posting.gl.GlAccountType;
import io.shopfloor.posting.gl.InventoryPostingSetup;
import io.shopfloor.posting.gl.PostingGroups;
import io.shopfloor.posting.model.CapacityUnitOfMeasure;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Format 2 of the master-data versions: the G/L posting setup round-trips; format 1 bytes still read. */
class MasterDataVersionsSerializerTest {

    private static byte[] bytes(MasterDataVersions versions) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(128);
        MasterDataVersionsSerializer.INSTANCE.serialize(versions, out);
        return out.getCopyOfBuffer();
    }

    @Test
    void thePostingSetupRoundTripsToTheSameRecordsAndBytes() throws IOException {
        MasterDataVersions versions = new MasterDataVersions();
        versions.put(Long.MIN_VALUE, new PostingGroups("FINISHED", "RETAIL"));
        versions.put(1L, new InventoryPostingSetup("MAIN", "FINISHED", Map.of(GlAccountType.WIP, "2140",
                GlAccountType.INVENTORY, "2120")));
        versions.put(2L, new GeneralPostingSetup("", "MANUFACT", Map.of(GlAccountType.DIRECT_COST_APPLIED, "7791")));
        versions.put(3L, new GeneralLedgerSetup("DEPARTMENT", "PROJECT", true));
        versions.put(4L, new DefaultDimension("DEPARTMENT", "PROD"));
        versions.put(5L, null);
        byte[] written = bytes(versions);
        MasterDataVersions read = MasterDataVersionsSerializer.INSTANCE.deserialize(new DataInputDeserializer(written));
        assertEquals(versions.versions, read.versions);
        assertArrayEquals(written, bytes(read), "the same records give the same bytes");
    }

    @Test
    void formatOneAndTwoValuesReadAsTheyWereWritten() throws IOException {
        MasterDataVersions versions = new MasterDataVersions();
        versions.put(7L, new CapacityUnitOfMeasure("SHIFTS", new BigDecimal("480")));
        byte[] written = bytes(versions);
        assertEquals(3, written[0], "written in format 3 (the leading byte)");
        for (byte older = 1; older <= 2; older++) {
            byte[] formatOlder = Arrays.copyOf(written, written.length);
            formatOlder[0] = older; // formats 1 and 2 had the same layout for the kinds they knew
            MasterDataVersions read = MasterDataVersionsSerializer.INSTANCE
                    .deserialize(new DataInputDeserializer(formatOlder));
            assertEquals(versions.versions, read.versions);
        }
    }
}
