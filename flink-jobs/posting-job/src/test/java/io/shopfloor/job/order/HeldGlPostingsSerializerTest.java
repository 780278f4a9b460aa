package io.shopfloor.job.order;

import io.shopfloor.posting.SetA;
import io.shopfloor.posting.ledger.ItemLedgerEntryType;
import io.shopfloor.posting.ledger.OrderType;
import io.shopfloor.posting.ledger.ValueEntry;
import io.shopfloor.posting.ledger.ValueEntryType;
import io.shopfloor.posting.model.CapacityType;
import io.shopfloor.posting.model.CostBucket;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The value entries held for re-posting to G/L read back equal, every field, nulls included. */
class HeldGlPostingsSerializerTest {

    private static byte[] bytes(HeldGlPostings held) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        HeldGlPostingsSerializer.INSTANCE.serialize(held, out);
        return out.getCopyOfBuffer();
    }

    @Test
    void heldValueEntriesReadBackEqual() throws IOException {
        ValueEntry capacity = new ValueEntry(2, "E1/VE2", null, 1L, ValueEntryType.DIRECT_COST, null, null,
                CapacityType.WORK_CENTER, "WC-CUT", "FG-100", OrderType.PRODUCTION, SetA.ORDER, SetA.LINE, "FG-100",
                "MAIN", new BigDecimal("60"), new BigDecimal("60"), BigDecimal.ZERO, new BigDecimal("150.00"),
                new BigDecimal("0.00"), new BigDecimal("1.00000"), false, false, SetA.D1, SetA.D1, SetA.ORDER,
                "MACHINE", false, null);
        ValueEntry variance = new ValueEntry(9, "adjust/VE9", 3L, null, ValueEntryType.VARIANCE,
                CostBucket.CAPACITY, ItemLedgerEntryType.OUTPUT, null, null, "FG-100", OrderType.PRODUCTION,
                SetA.ORDER, SetA.LINE, "FG-100", "MAIN", BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                new BigDecimal("-3.60"), new BigDecimal("0.00"), null, false, true, SetA.D2, SetA.D2, SetA.ORDER,
                "", true, "olga");
        HeldGlPostings held = new HeldGlPostings();
        held.hold(capacity, 3_000, 2);
        held.hold(variance, 9_000, 2);
        assertFalse(held.hold(capacity, 10_000, 2), "at the bound nothing more is held");

        byte[] written = bytes(held);
        assertEquals(1, written[0], "format version first");
        HeldGlPostings read = HeldGlPostingsSerializer.INSTANCE.deserialize(new DataInputDeserializer(written));
        assertEquals(List.of(new HeldGlPostings.Held(capacity, 3_000), new HeldGlPostings.Held(variance, 9_000)),
                read.held());
        assertArrayEquals(written, bytes(read));
    }
}
