package io.shopfloor.job.order;

import io.shopfloor.job.types.VersionedSerializer;
import io.shopfloor.posting.ledger.ItemLedgerEntryType;
import io.shopfloor.posting.ledger.OrderType;
import io.shopfloor.posting.ledger.ValueEntry;
import io.shopfloor.posting.ledger.ValueEntryType;
import io.shopfloor.posting.model.CapacityType;
import io.shopfloor.posting.model.CostBucket;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static io.shopfloor.job.types.StateIO.readCount;
import static io.shopfloor.job.types.StateIO.readDate;
import static io.shopfloor.job.types.StateIO.readDecimal;
import static io.shopfloor.job.types.StateIO.readEnum;
import static io.shopfloor.job.types.StateIO.readLong;
import static io.shopfloor.job.types.StateIO.readString;
import static io.shopfloor.job.types.StateIO.writeDate;
import static io.shopfloor.job.types.StateIO.writeDecimal;
import static io.shopfloor.job.types.StateIO.writeEnum;
import static io.shopfloor.job.types.StateIO.writeLong;
import static io.shopfloor.job.types.StateIO.writeString;

/**
 * Keyed-state serializer of {@link HeldGlPostings} (the order stage's {@code gl-not-posted}). Format 1: the count,
 * then per held value entry the event time it was posted at and every field of the value entry in record order
 * (enums by name, nullable numbers and texts with a flag or a negative length).
 */
public final class HeldGlPostingsSerializer extends VersionedSerializer<HeldGlPostings> {
    private static final long serialVersionUID = 1L;

    public static final HeldGlPostingsSerializer INSTANCE = new HeldGlPostingsSerializer();

    @Override
    public int version() {
        return 1;
    }

    @Override
    public HeldGlPostings createInstance() {
        return new HeldGlPostings();
    }

    @Override
    protected void write(HeldGlPostings value, DataOutputView out) throws IOException {
        out.writeInt(value.held.size());
        for (HeldGlPostings.Held held : value.held) {
            out.writeLong(held.postedAtMillis());
            writeValueEntry(held.valueEntry(), out);
        }
    }

    @Override
    protected HeldGlPostings read(int version, DataInputView in) throws IOException {
        List<HeldGlPostings.Held> held = new ArrayList<>();
        for (int i = readCount(in); i > 0; i--) {
            long postedAt = in.readLong();
            held.add(new HeldGlPostings.Held(readValueEntry(in), postedAt));
        }
        return new HeldGlPostings(held);
    }

    static void writeValueEntry(ValueEntry v, DataOutputView out) throws IOException {
        out.writeLong(v.entryNo());
        writeString(v.idempotencyKey(), out);
        writeLong(v.itemLedgerEntryNo(), out);
        writeLong(v.capacityLedgerEntryNo(), out);
        writeEnum(v.entryType(), out);
        writeEnum(v.varianceType(), out);
        writeEnum(v.itemLedgerEntryType(), out);
        writeEnum(v.type(), out);
        writeString(v.no(), out);
        writeString(v.itemNo(), out);
        writeEnum(v.orderType(), out);
        writeString(v.orderNo(), out);
        out.writeInt(v.orderLineNo());
        writeString(v.sourceNo(), out);
        writeString(v.locationCode(), out);
        writeDecimal(v.valuedQuantity(), out);
        writeDecimal(v.invoicedQuantity(), out);
        writeDecimal(v.itemLedgerEntryQuantity(), out);
        writeDecimal(v.costAmountActual(), out);
        writeDecimal(v.costAmountExpected(), out);
        writeDecimal(v.costPerUnit(), out);
        out.writeBoolean(v.expectedCost());
        out.writeBoolean(v.inventoriable());
        writeDate(v.postingDate(), out);
        writeDate(v.valuationDate(), out);
        writeString(v.documentNo(), out);
        writeString(v.sourceCode(), out);
        out.writeBoolean(v.adjustment());
        writeString(v.postedBy(), out);
    }

    static ValueEntry readValueEntry(DataInputView in) throws IOException {
        return new ValueEntry(in.readLong(), readString(in), readLong(in), readLong(in),
                readEnum(ValueEntryType.class, in), readEnum(CostBucket.class, in),
                readEnum(ItemLedgerEntryType.class, in), readEnum(CapacityType.class, in), readString(in),
                readString(in), readEnum(OrderType.class, in), readString(in), in.readInt(), readString(in),
                readString(in), readDecimal(in), readDecimal(in), readDecimal(in), readDecimal(in), readDecimal(in),
                readDecimal(in), in.readBoolean(), in.readBoolean(), readDate(in), readDate(in), readString(in),
                readString(in), in.readBoolean(), readString(in));
    }
}
