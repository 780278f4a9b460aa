package io.shopfloor.posting.gl;

import java.util.Optional;

/**
 * The setup tables the G/L derivation reads accounts from (docs/general-ledger.md#setup): {@link GlSetup} holds
 * them in memory, the posting job reads them from master data as of posting.
 */
public interface PostingSetup {
    Optional<InventoryPostingSetup> inventoryPostingSetup(String locationCode, String inventoryPostingGroup);

    Optional<GeneralPostingSetup> generalPostingSetup(String genBusPostingGroup, String genProdPostingGroup);

    /** Inventory Setup's "Expected Cost Posting to G/L" (BC's default: off). */
    boolean expectedCostPostingToGl();
}
