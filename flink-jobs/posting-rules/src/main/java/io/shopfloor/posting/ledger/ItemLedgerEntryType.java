package io.shopfloor.posting.ledger;

public enum ItemLedgerEntryType { PURCHASE, SALE, POSITIVE_ADJMT, NEGATIVE_ADJMT, TRANSFER, CONSUMPTION, OUTPUT }
