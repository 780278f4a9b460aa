package io.shopfloor.posting.ledger;

public enum ValueEntryType { DIRECT_COST, REVALUATION, ROUNDING, INDIRECT_COST, VARIANCE }
