package io.shopfloor.posting.ledger;

import java.io.Serializable;

import io.shopfloor.posting.order.OrderStatus;

import java.time.LocalDate;

/** A production order's status change (release, finish), recorded with the entries of the same posting. */
public record OrderStatusEntry(String idempotencyKey, String orderNo, OrderStatus fromStatus, OrderStatus toStatus,
                               LocalDate postingDate) implements Serializable, LedgerEntry {
}
