package io.shopfloor.posting.gl;

import io.shopfloor.posting.model.CapacityType;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the G/L derivation reads (docs/general-ledger.md#setup): the posting groups of items and work/machine
 * centers, the inventory and general posting setup, the gen. business posting group of manufacturing postings
 * (blank in BC's output and consumption journals) and Inventory Setup's "Expected Cost Posting to G/L".
 * Master data: one row per item, center and setup combination, replaced on update.
 */
public final class GlSetup implements PostingSetup {
    /** Posting groups of an item: the inventory posting group and the gen. product posting group. */
    public record ItemPostingGroups(String inventoryPostingGroup, String genProdPostingGroup) {
    }

    private final Map<String, ItemPostingGroups> items = new HashMap<>();
    private final Map<String, String> capacityGenProdGroups = new HashMap<>();
    private final Map<String, InventoryPostingSetup> inventorySetup = new HashMap<>();
    private final Map<String, GeneralPostingSetup> generalSetup = new HashMap<>();
    private final boolean expectedCostPostingToGl;
    private final String genBusPostingGroup;

    /** @param expectedCostPostingToGl BC's default is off: expected cost then stays out of the G/L */
    public GlSetup(boolean expectedCostPostingToGl, String genBusPostingGroup) {
        this.expectedCostPostingToGl = expectedCostPostingToGl;
        this.genBusPostingGroup = genBusPostingGroup == null ? "" : genBusPostingGroup;
    }

    public GlSetup item(String itemNo, String inventoryPostingGroup, String genProdPostingGroup) {
        items.put(itemNo, new ItemPostingGroups(inventoryPostingGroup, genProdPostingGroup));
        return this;
    }

    public GlSetup capacity(CapacityType type, String no, String genProdPostingGroup) {
        capacityGenProdGroups.put(type + "|" + no, genProdPostingGroup);
        return this;
    }

    public GlSetup put(InventoryPostingSetup setup) {
        inventorySetup.put(setup.locationCode() + "|" + setup.inventoryPostingGroup(), setup);
        return this;
    }

    public GlSetup put(GeneralPostingSetup setup) {
        generalSetup.put(setup.genBusPostingGroup() + "|" + setup.genProdPostingGroup(), setup);
        return this;
    }

    public Optional<ItemPostingGroups> item(String itemNo) {
        return Optional.ofNullable(items.get(itemNo));
    }

    public Optional<String> capacityGenProdPostingGroup(CapacityType type, String no) {
        return Optional.ofNullable(capacityGenProdGroups.get(type + "|" + no));
    }

    @Override
    public Optional<InventoryPostingSetup> inventoryPostingSetup(String locationCode, String inventoryPostingGroup) {
        return Optional.ofNullable(inventorySetup.get(blankIfNull(locationCode) + "|" + inventoryPostingGroup));
    }

    @Override
    public Optional<GeneralPostingSetup> generalPostingSetup(String genBusGroup, String genProdGroup) {
        return Optional.ofNullable(generalSetup.get(genBusGroup + "|" + genProdGroup));
    }

    @Override
    public boolean expectedCostPostingToGl() {
        return expectedCostPostingToGl;
    }

    public String genBusPostingGroup() {
        return genBusPostingGroup;
    }

    private static String blankIfNull(String code) {
        return code == null ? "" : code;
    }
}
