package io.shopfloor.posting.journal;

import java.io.Serializable;

import java.time.LocalDate;

/**
 * Change Status → Finished. The flags carry facts only the ERP knows: open subcontracting purchase lines and
 * outstanding picks (either one refuses the finish, as in BC), and the answer to the Change Status dialog's
 * "Finish Order without Output" (docs/finishing.md#no-output), which BC offers only when Manufacturing Setup allows
 * it. A finish that arrives from the ERP was accepted there, so {@link #on} and the four-value constructor answer
 * yes; whether the write-off is allowed then rests with the setup alone.
 */
public record FinishOrder(String sourceId, LocalDate postingDate, boolean subcontractingOutstanding,
                          boolean pickOutstanding, boolean finishWithoutOutput) implements Serializable {

    public FinishOrder(String sourceId, LocalDate postingDate, boolean subcontractingOutstanding,
                       boolean pickOutstanding) {
        this(sourceId, postingDate, subcontractingOutstanding, pickOutstanding, true);
    }

    public static FinishOrder on(String sourceId, LocalDate postingDate) {
        return new FinishOrder(sourceId, postingDate, false, false);
    }

    /** The same finish with the dialog's "Finish Order without Output" left unticked. */
    public FinishOrder withOutputRequired() {
        return new FinishOrder(sourceId, postingDate, subcontractingOutstanding, pickOutstanding, false);
    }
}
