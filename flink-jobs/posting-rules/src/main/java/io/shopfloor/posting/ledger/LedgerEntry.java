package io.shopfloor.posting.ledger;

/**
 * One record the rules append to the ledger. The idempotency key is derived from the source journal line id
 * and the record's position in that posting, so replays produce the same keys.
 */
public sealed interface LedgerEntry
        permits ItemLedgerEntry, CapacityLedgerEntry, ValueEntry, WarehouseEntry, WarehouseRequest,
        OrderStatusEntry {
    String idempotencyKey();
}
