package io.shopfloor.job.masterdata;

import io.shopfloor.job.types.RulesCodec;
import io.shopfloor.job.types.VersionedSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

import static io.shopfloor.job.types.StateIO.readString;
import static io.shopfloor.job.types.StateIO.writeString;

/**
 * Serializer of the master-data stream. Format 3: format 2 with the ERP's stop codes (kind 16, {@link StopCode}).
 * Format 2: key, deleted, record ({@link RulesCodec#writeMasterData}, the G/L
 * posting setup and the shop calendar rows included), valid from its time. Format 1: key, deleted, record (without
 * those kinds; not valid from its time).
 */
public final class MasterDataChangeSerializer extends VersionedSerializer<MasterDataChange> {
    private static final long serialVersionUID = 1L;

    public static final MasterDataChangeSerializer INSTANCE = new MasterDataChangeSerializer();

    @Override
    public int version() {
        return 3;
    }

    @Override
    public boolean isImmutableType() {
        return true; // a record of immutable records
    }

    @Override
    public MasterDataChange createInstance() {
        return new MasterDataChange("", null, true);
    }

    @Override
    protected void write(MasterDataChange value, DataOutputView out) throws IOException {
        writeString(value.key(), out);
        out.writeBoolean(value.deleted());
        RulesCodec.writeMasterData(value.value(), out);
        out.writeBoolean(value.validFromItsTime());
    }

    @Override
    protected MasterDataChange read(int version, DataInputView in) throws IOException {
        String key = readString(in);
        boolean deleted = in.readBoolean();
        Object record = RulesCodec.readMasterData(in);
        return new MasterDataChange(key, record, deleted, version >= 2 && in.readBoolean());
    }
}
