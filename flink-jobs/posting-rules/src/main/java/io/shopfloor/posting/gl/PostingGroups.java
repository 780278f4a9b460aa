package io.shopfloor.posting.gl;

import java.io.Serializable;

/**
 * The posting groups a card gives its entries (docs/general-ledger.md#setup): an item its inventory posting group
 * and gen. product posting group, a work or machine center its gen. product posting group only (the inventory
 * posting group of a capacity value entry is its parent item's). Blank codes are kept as "".
 */
public record PostingGroups(String inventoryPostingGroup, String genProdPostingGroup) implements Serializable {
    public PostingGroups {
        inventoryPostingGroup = inventoryPostingGroup == null ? "" : inventoryPostingGroup;
        genProdPostingGroup = genProdPostingGroup == null ? "" : genProdPostingGroup;
    }
}
