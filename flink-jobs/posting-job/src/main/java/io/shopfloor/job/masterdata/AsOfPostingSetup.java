package io.shopfloor.job.masterdata;

import io.shopfloor.posting.gl.DefaultDimension;
import io.shopfloor.posting.gl.GeneralLedgerSetup;
import io.shopfloor.posting.gl.GeneralPostingSetup;
import io.shopfloor.posting.gl.InventoryCostToGl;
import io.shopfloor.posting.gl.InventoryPostingSetup;
import io.shopfloor.posting.gl.PostingGroups;
import io.shopfloor.posting.gl.PostingSetup;
import io.shopfloor.posting.gl.ValuePostingGroups;
import io.shopfloor.posting.ledger.ValueEntry;
import io.shopfloor.posting.model.CapacityType;

import java.util.Optional;

/**
 * The G/L posting setup as of one posting (docs/general-ledger.md#posting-groups-of-a-value-entry): the posting
 * groups and global dimension values a value entry gets, and its G/L entries. Plain Java over {@link AsOfMasterData}.
 */
public final class AsOfPostingSetup implements PostingSetup {
    private final AsOfMasterData masterData;
    private final GeneralLedgerSetup generalLedgerSetup;

    public AsOfPostingSetup(AsOfMasterData masterData) {
        this.masterData = masterData;
        this.generalLedgerSetup = masterData.generalLedgerSetup().orElse(null);
    }

    /** Whether the plant keeps a general ledger: only with a general ledger setup are G/L entries derived. */
    public boolean postsToGl() {
        return generalLedgerSetup != null;
    }

    /**
     * The value entry's posting groups as BC's production journals give them: a blank gen. business posting group;
     * the item's inventory posting group (a capacity entry's parent item); the gen. product posting group of the
     * item, or of the work or machine center for a capacity entry. Global dimensions: the card's default dimension
     * value (for a capacity entry the center's, else the parent item's). A card without posting groups gives
     * blanks, which the G/L derivation refuses.
     */
    public ValuePostingGroups groupsOf(ValueEntry ve) {
        boolean capacity = ve.itemLedgerEntryType() == null;
        PostingGroups item = masterData.postingGroups(null, ve.itemNo()).orElse(new PostingGroups("", ""));
        String genProdPostingGroup = capacity
                ? masterData.postingGroups(ve.type(), ve.no()).map(PostingGroups::genProdPostingGroup).orElse("")
                : item.genProdPostingGroup();
        String dimension1 = "";
        String dimension2 = "";
        if (generalLedgerSetup != null) {
            dimension1 = dimensionValue(ve, capacity, generalLedgerSetup.globalDimension1Code());
            dimension2 = dimensionValue(ve, capacity, generalLedgerSetup.globalDimension2Code());
        }
        return new ValuePostingGroups("", genProdPostingGroup, item.inventoryPostingGroup(), dimension1, dimension2);
    }

    /** The value entry's G/L entries, or the refusal (only when {@link #postsToGl()}). */
    public InventoryCostToGl.Result post(ValueEntry ve, ValuePostingGroups groups) {
        return InventoryCostToGl.post(ve, groups, this);
    }

    private String dimensionValue(ValueEntry ve, boolean capacity, String dimensionCode) {
        if (dimensionCode.isBlank()) {
            return "";
        }
        Optional<DefaultDimension> value = Optional.empty();
        if (capacity && ve.no() != null) {
            int table = ve.type() == CapacityType.WORK_CENTER ? MasterDataChange.WORK_CENTER_TABLE
                    : MasterDataChange.MACHINE_CENTER_TABLE;
            value = masterData.defaultDimension(table, ve.no(), dimensionCode);
        }
        if (value.isEmpty() && ve.itemNo() != null) {
            value = masterData.defaultDimension(MasterDataChange.ITEM_TABLE, ve.itemNo(), dimensionCode);
        }
        return value.map(DefaultDimension::dimensionValueCode).orElse("");
    }

    @Override
    public Optional<InventoryPostingSetup> inventoryPostingSetup(String locationCode, String inventoryPostingGroup) {
        return masterData.inventoryPostingSetup(locationCode, inventoryPostingGroup);
    }

    @Override
    public Optional<GeneralPostingSetup> generalPostingSetup(String genBusPostingGroup, String genProdPostingGroup) {
        return masterData.generalPostingSetup(genBusPostingGroup, genProdPostingGroup);
    }

    @Override
    public boolean expectedCostPostingToGl() {
        return generalLedgerSetup != null && generalLedgerSetup.expectedCostPostingToGl();
    }
}
