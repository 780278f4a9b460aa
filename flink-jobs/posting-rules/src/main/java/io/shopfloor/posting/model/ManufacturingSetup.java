package io.shopfloor.posting.model;

import java.io.Serializable;

/**
 * Manufacturing Setup fields the rules read.
 *
 * @param costInclSetup            capacity entries value setup time too (Time costing)
 * @param docNoIsProdOrderNo       flushed consumption takes the order no. as document no.
 * @param finishOrderWithoutOutput an order with consumption or capacity but no output may be finished
 * @param flushingSourceCode       source code of automatic postings (Source Code Setup "Flushing")
 */
public record ManufacturingSetup(boolean costInclSetup, boolean docNoIsProdOrderNo, boolean finishOrderWithoutOutput,
                                 String flushingSourceCode) implements Serializable {
    public static final ManufacturingSetup DEFAULT = new ManufacturingSetup(true, true, false, "FLUSHING");
}
