package io.shopfloor.posting.gl;

import java.io.Serializable;
import java.util.Map;

/**
 * One row of BC's Inventory Posting Setup: the accounts of a location and an inventory posting group
 * (docs/general-ledger.md#setup). {@code accounts} holds account numbers by type; only types with
 * {@link GlAccountType#inInventoryPostingSetup()} belong here, and a type that is absent has no account.
 */
public record InventoryPostingSetup(String locationCode, String inventoryPostingGroup,
                                    Map<GlAccountType, String> accounts) implements Serializable {
    public InventoryPostingSetup {
        accounts.keySet().forEach(type -> {
            if (!type.inInventoryPostingSetup()) {
                throw new IllegalArgumentException(type + " is an account of the general posting setup");
            }
        });
        accounts = Map.copyOf(accounts);
    }
}
