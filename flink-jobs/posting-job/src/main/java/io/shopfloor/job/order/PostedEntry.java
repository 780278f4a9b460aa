package io.shopfloor.job.order;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.shopfloor.posting.ItemCostUpdate;
import io.shopfloor.posting.gl.GlEntry;
import io.shopfloor.posting.gl.ValuePostingGroups;
import io.shopfloor.posting.ledger.CapacityLedgerEntry;
import io.shopfloor.posting.ledger.ItemLedgerEntry;
import io.shopfloor.posting.ledger.LedgerEntry;
import io.shopfloor.posting.ledger.OrderStatusEntry;
import io.shopfloor.posting.ledger.ValueEntry;
import io.shopfloor.posting.ledger.WarehouseEntry;
import io.shopfloor.posting.ledger.WarehouseRequest;

/**
 * A ledger entry on its way out of the job, tagged with the key (order, or capacity) whose entry numbering it
 * uses and the event time of the input that posted it. For an item ledger entry, the cost amounts are the sums of
 * its value entries in the same posting (BC's FlowFields at posting time). A concrete record with one field per
 * kind, so Flink serializes it with its own record serializers instead of Kryo (which mishandles object
 * references inside records). A value entry carries its posting groups and dimensions as of posting
 * ({@code postingGroups}); G/L entries and item cost updates follow the value entries they come from on the same
 * stream, so a store writes a G/L entry in the same transaction as its value entry or after it.
 */
public record PostedEntry(String key, Instant eventTime, BigDecimal costAmountExpected, BigDecimal costAmountActual,
                          ItemLedgerEntry itemLedgerEntry, CapacityLedgerEntry capacityLedgerEntry,
                          ValueEntry valueEntry, WarehouseEntry warehouseEntry, WarehouseRequest warehouseRequest,
                          OrderStatusEntry statusChange, ValuePostingGroups postingGroups, GlEntry glEntry,
                          ItemCostUpdate itemCostUpdate) implements Serializable {

    /** All entries of one posting, in posting order. */
    public static List<PostedEntry> of(String key, Instant eventTime, List<LedgerEntry> posting) {
        List<PostedEntry> posted = new ArrayList<>(posting.size());
        for (LedgerEntry entry : posting) {
            BigDecimal expected = null;
            BigDecimal actual = null;
            if (entry instanceof ItemLedgerEntry item) {
                expected = BigDecimal.ZERO;
                actual = BigDecimal.ZERO;
                for (LedgerEntry other : posting) {
                    if (other instanceof ValueEntry value && value.itemLedgerEntryNo() != null
                            && value.itemLedgerEntryNo() == item.entryNo()) {
                        expected = expected.add(value.costAmountExpected());
                        actual = actual.add(value.costAmountActual());
                    }
                }
            }
            posted.add(of(key, eventTime, expected, actual, entry));
        }
        return posted;
    }

    private static PostedEntry of(String key, Instant eventTime, BigDecimal expected, BigDecimal actual,
                                  LedgerEntry entry) {
        return new PostedEntry(key, eventTime, expected, actual,
                entry instanceof ItemLedgerEntry e ? e : null,
                entry instanceof CapacityLedgerEntry e ? e : null,
                entry instanceof ValueEntry e ? e : null,
                entry instanceof WarehouseEntry e ? e : null,
                entry instanceof WarehouseRequest e ? e : null,
                entry instanceof OrderStatusEntry e ? e : null, null, null, null);
    }

    /** This value entry with its posting groups and dimensions as of posting. */
    public PostedEntry withPostingGroups(ValuePostingGroups groups) {
        return new PostedEntry(key, eventTime, costAmountExpected, costAmountActual, itemLedgerEntry,
                capacityLedgerEntry, valueEntry, warehouseEntry, warehouseRequest, statusChange, groups, glEntry,
                itemCostUpdate);
    }

    public static PostedEntry of(String key, Instant eventTime, GlEntry glEntry) {
        return new PostedEntry(key, eventTime, null, null, null, null, null, null, null, null, null, glEntry, null);
    }

    public static PostedEntry of(String key, Instant eventTime, ItemCostUpdate update) {
        return new PostedEntry(key, eventTime, null, null, null, null, null, null, null, null, null, null, update);
    }

    /** The ledger entry; null for a G/L entry or an item cost update. */
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
