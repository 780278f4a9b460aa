package io.shopfloor.posting.ledger;

public enum OrderType { NONE, PRODUCTION }
