package io.shopfloor.job.order;

import java.io.Serializable;

import io.shopfloor.posting.ledger.CapacityLedgerEntry;
import io.shopfloor.posting.ledger.ItemLedgerEntry;
import io.shopfloor.posting.ledger.LedgerEntry;
import io.shopfloor.posting.ledger.OrderStatusEntry;
import io.shopfloor.posting.ledger.ValueEntry;
import io.shopfloor.posting.ledger.WarehouseEntry;
import io.shopfloor.posting.ledger.WarehouseRequest;

/**
 * A ledger entry on its way out of the job, tagged with the key (order, or capacity) whose entry numbering it
 * uses. A concrete record with one field per kind, so Flink serializes it with its own record serializers instead
 * of Kryo (which mishandles object references inside records).
 */
public record PostedEntry(String key, ItemLedgerEntry itemLedgerEntry, CapacityLedgerEntry capacityLedgerEntry,
                          ValueEntry valueEntry, WarehouseEntry warehouseEntry, WarehouseRequest warehouseRequest,
                          OrderStatusEntry statusChange) implements Serializable {

    public static PostedEntry of(String key, LedgerEntry entry) {
        return new PostedEntry(key,
                entry instanceof ItemLedgerEntry e ? e : null,
                entry instanceof CapacityLedgerEntry e ? e : null,
                entry instanceof ValueEntry e ? e : null,
                entry instanceof WarehouseEntry e ? e : null,
                entry instanceof WarehouseRequest e ? e : null,
                entry instanceof OrderStatusEntry e ? e : null);
    }

    public LedgerEntry entry() {
        if (itemLedgerEntry != null) {
            return itemLedgerEntry;
        }
        if (capacityLedgerEntry != null) {
            return capacityLedgerEntry;
        }
        if (valueEntry != null) {
            return valueEntry;
        }
        if (warehouseEntry != null) {
            return warehouseEntry;
        }
        return warehouseRequest != null ? warehouseRequest : statusChange;
    }
}
