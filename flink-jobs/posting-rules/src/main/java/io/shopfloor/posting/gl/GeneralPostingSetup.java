package io.shopfloor.posting.gl;

import java.io.Serializable;
import java.util.Map;

/**
 * One row of BC's General Posting Setup for manufacturing: Direct Cost Applied, Overhead Applied and Inventory
 * Adjmt. of a gen. business and a gen. product posting group (docs/general-ledger.md#setup).
 */
public record GeneralPostingSetup(String genBusPostingGroup, String genProdPostingGroup,
                                  Map<GlAccountType, String> accounts) implements Serializable {
    public GeneralPostingSetup {
        accounts.keySet().forEach(type -> {
            if (type.inInventoryPostingSetup()) {
                throw new IllegalArgumentException(type + " is an account of the inventory posting setup");
            }
        });
        accounts = Map.copyOf(accounts);
    }
}
