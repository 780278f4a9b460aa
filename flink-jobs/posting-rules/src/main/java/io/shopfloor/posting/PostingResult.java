package io.shopfloor.posting;

import io.shopfloor.posting.ledger.CapacityLedgerEntry;
import io.shopfloor.posting.ledger.ItemLedgerEntry;
import io.shopfloor.posting.ledger.LedgerEntry;
import io.shopfloor.posting.ledger.OrderStatusEntry;
import io.shopfloor.posting.ledger.ValueEntry;
import io.shopfloor.posting.ledger.WarehouseEntry;
import io.shopfloor.posting.ledger.WarehouseRequest;

import java.util.List;

/**
 * What one input produced: either the ledger entries in posting order (the order state was updated in place),
 * or a refusal (nothing changed).
 */
public sealed interface PostingResult {

    /**
     * @param itemCostUpdates new unit costs of FIFO/average parents after a cost adjustment; empty otherwise
     */
    record Posted(List<LedgerEntry> entries, List<Notice> notices, List<ItemCostUpdate> itemCostUpdates)
            implements PostingResult {
        public Posted(List<LedgerEntry> entries, List<Notice> notices) {
            this(entries, notices, List.of());
        }

        /**
         * These entries with the person who posted the input on each item, capacity and value entry (a person's
         * journal line: the terminal's login); the same result when {@code person} is null.
         */
        public Posted postedBy(String person) {
            if (person == null) {
                return this;
            }
            List<LedgerEntry> stamped = entries.stream().map(entry -> withPostedBy(entry, person)).toList();
            return new Posted(stamped, notices, itemCostUpdates);
        }

        /** An item, capacity or value entry with the person who posted it; other entries as they are. */
        public static LedgerEntry withPostedBy(LedgerEntry entry, String person) {
            if (entry instanceof ItemLedgerEntry item) {
                return item.withPostedBy(person);
            }
            if (entry instanceof CapacityLedgerEntry capacity) {
                return capacity.withPostedBy(person);
            }
            return entry instanceof ValueEntry value ? value.withPostedBy(person) : entry;
        }

        public List<ItemLedgerEntry> itemLedgerEntries() {
            return ofType(ItemLedgerEntry.class);
        }

        public List<CapacityLedgerEntry> capacityLedgerEntries() {
            return ofType(CapacityLedgerEntry.class);
        }

        public List<ValueEntry> valueEntries() {
            return ofType(ValueEntry.class);
        }

        public List<WarehouseEntry> warehouseEntries() {
            return ofType(WarehouseEntry.class);
        }

        public List<WarehouseRequest> warehouseRequests() {
            return ofType(WarehouseRequest.class);
        }

        public List<OrderStatusEntry> statusChanges() {
            return ofType(OrderStatusEntry.class);
        }

        private <T extends LedgerEntry> List<T> ofType(Class<T> type) {
            return entries.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    record Refused(Refusal refusal) implements PostingResult {
        public RefusalReason reason() {
            return refusal.reason();
        }
    }
}
