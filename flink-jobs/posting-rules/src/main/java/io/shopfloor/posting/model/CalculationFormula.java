package io.shopfloor.posting.model;

/** Component calculation formula; blank means Quantity = Quantity per. */
public enum CalculationFormula { BLANK, LENGTH, LENGTH_X_WIDTH, LENGTH_X_WIDTH_X_DEPTH, WEIGHT, FIXED_QUANTITY }
