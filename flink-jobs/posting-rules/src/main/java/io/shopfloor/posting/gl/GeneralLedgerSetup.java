package io.shopfloor.posting.gl;

import java.io.Serializable;

/**
 * General Ledger Setup's global dimension codes and Inventory Setup's "Expected Cost Posting to G/L"
 * (docs/general-ledger.md#setup). Without this record the plant keeps no general ledger: value entries are not
 * posted to G/L (they stay in the ledger store's {@code value_entry_not_posted_to_gl}).
 */
public record GeneralLedgerSetup(String globalDimension1Code, String globalDimension2Code,
                                 boolean expectedCostPostingToGl) implements Serializable {
    public GeneralLedgerSetup {
        globalDimension1Code = globalDimension1Code == null ? "" : globalDimension1Code;
        globalDimension2Code = globalDimension2Code == null ? "" : globalDimension2Code;
    }
}
