package io.shopfloor.posting.gl;

/**
 * The posting setup fields a manufacturing value entry posts to (docs/general-ledger.md#accounts). The first
 * eight come from the Inventory Posting Setup (location × inventory posting group), the last three from the
 * General Posting Setup (gen. business × gen. product posting group), as in Business Central.
 */
public enum GlAccountType {
    INVENTORY(true),
    INVENTORY_INTERIM(true),
    WIP(true),
    MATERIAL_VARIANCE(true),
    CAPACITY_VARIANCE(true),
    SUBCONTRACTED_VARIANCE(true),
    CAPACITY_OVERHEAD_VARIANCE(true),
    MFG_OVERHEAD_VARIANCE(true),
    DIRECT_COST_APPLIED(false),
    OVERHEAD_APPLIED(false),
    INVENTORY_ADJMT(false);

    private final boolean inventoryPostingSetup;

    GlAccountType(boolean inventoryPostingSetup) {
        this.inventoryPostingSetup = inventoryPostingSetup;
    }

    /** Whether the Inventory Posting Setup holds this account (else the General Posting Setup does). */
    public boolean inInventoryPostingSetup() {
        return inventoryPostingSetup;
    }
}
