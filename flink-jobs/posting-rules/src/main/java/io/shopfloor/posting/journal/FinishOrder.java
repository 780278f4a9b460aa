package io.shopfloor.posting.journal;

import java.io.Serializable;

import java.time.LocalDate;

/**
 * Change Status → Finished. The two flags carry facts only the ERP knows (open subcontracting purchase lines,
 * outstanding picks); either one refuses the finish, as in BC.
 */
public record FinishOrder(String sourceId, LocalDate postingDate, boolean subcontractingOutstanding,
                          boolean pickOutstanding) implements Serializable {
    public static FinishOrder on(String sourceId, LocalDate postingDate) {
        return new FinishOrder(sourceId, postingDate, false, false);
    }
}
