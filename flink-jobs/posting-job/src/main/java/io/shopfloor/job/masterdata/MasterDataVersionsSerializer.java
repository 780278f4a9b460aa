package io.shopfloor.job.masterdata;

import io.shopfloor.job.types.RulesCodec;
import io.shopfloor.job.types.VersionedSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.util.Map;

import static io.shopfloor.job.types.StateIO.readCount;

/**
 * Broadcast-state serializer of {@link MasterDataVersions}. Format 3: format 2 with the ERP's stop codes (kind 16,
 * {@link StopCode}); format 2 reads as is (a release before refuses format 3 at restore). Format 2: the count, then each version's valid-from
 * time (epoch millis) and record ({@link RulesCodec#writeMasterData}, none for a deletion); the records include
 * the G/L posting setup (kinds 7-11) and the shop calendar rows (kinds 12-15). Format 1 is the same without those
 * kinds, so it reads as is (an older release refuses format 2 at restore instead of failing on a kind it does not
 * know).
 */
public final class MasterDataVersionsSerializer extends VersionedSerializer<MasterDataVersions> {
    private static final long serialVersionUID = 1L;

    public static final MasterDataVersionsSerializer INSTANCE = new MasterDataVersionsSerializer();

    @Override
    public int version() {
        return 3;
    }

    @Override
    public MasterDataVersions createInstance() {
        return new MasterDataVersions();
    }

    @Override
    protected void write(MasterDataVersions value, DataOutputView out) throws IOException {
        out.writeInt(value.versions.size());
        for (Map.Entry<Long, Object> version : value.versions.entrySet()) {
            out.writeLong(version.getKey());
            RulesCodec.writeMasterData(version.getValue(), out);
        }
    }

    @Override
    protected MasterDataVersions read(int version, DataInputView in) throws IOException {
        MasterDataVersions versions = new MasterDataVersions();
        for (int i = readCount(in); i > 0; i--) {
            versions.put(in.readLong(), RulesCodec.readMasterData(in));
        }
        return versions;
    }
}
