package io.shopfloor.job.avro;

import io.shopfloor.job.masterdata.MasterDataChange;
import io.shopfloor.posting.gl.DefaultDimension;
import io.shopfloor.posting.gl.GeneralLedgerSetup;
import io.shopfloor.posting.gl.GeneralPostingSetup;
import io.shopfloor.posting.gl.GlAccountType;
import io.shopfloor.posting.gl.InventoryPostingSetup;
import io.shopfloor.posting.gl.PostingGroups;
import io.shopfloor.posting.model.CapacityType;
import io.shopfloor.schema.masterdata.DefaultDimensionValuePosting;
import io.shopfloor.schema.masterdata.Item;
import io.shopfloor.schema.masterdata.MachineCenter;
import io.shopfloor.schema.masterdata.WorkCenter;

import java.util.EnumMap;
import java.util.Map;

/**
 * The ERP's G/L posting setup (CDC rows, docs/general-ledger.md#setup) as master-data changes of the posting job:
 * the posting groups of items and centers (read from their own topics next to the cards), the inventory and general
 * posting setup, the general ledger setup and default dimensions. A blank account field is no account. The posting
 * group and dimension lists (md-inventory-posting-groups, md-gen-bus/prod-posting-groups) name codes only and are not
 * read: the setup rows are what the derivation needs.
 */
public final class PostingSetupMapping {

    private PostingSetupMapping() {
    }

    public static MasterDataChange itemPostingGroups(Item item) {
        return MasterDataChange.itemPostingGroups(item.getNo(),
                new PostingGroups(item.getInventoryPostingGroup(), item.getGenProdPostingGroup()))
                .deletedIf(item.getDeleted());
    }

    public static MasterDataChange workCenterPostingGroups(WorkCenter wc) {
        return MasterDataChange.capacityPostingGroups(CapacityType.WORK_CENTER, wc.getNo(),
                new PostingGroups("", wc.getGenProdPostingGroup())).deletedIf(wc.getDeleted());
    }

    public static MasterDataChange machineCenterPostingGroups(MachineCenter mc) {
        return MasterDataChange.capacityPostingGroups(CapacityType.MACHINE_CENTER, mc.getNo(),
                new PostingGroups("", mc.getGenProdPostingGroup())).deletedIf(mc.getDeleted());
    }

    public static MasterDataChange inventoryPostingSetup(io.shopfloor.schema.masterdata.InventoryPostingSetup s) {
        Map<GlAccountType, String> accounts = new EnumMap<>(GlAccountType.class);
        account(accounts, GlAccountType.INVENTORY, s.getInventoryAccount());
        account(accounts, GlAccountType.INVENTORY_INTERIM, s.getInventoryAccountInterim());
        account(accounts, GlAccountType.WIP, s.getWipAccount());
        account(accounts, GlAccountType.MATERIAL_VARIANCE, s.getMaterialVarianceAccount());
        account(accounts, GlAccountType.CAPACITY_VARIANCE, s.getCapacityVarianceAccount());
        account(accounts, GlAccountType.SUBCONTRACTED_VARIANCE, s.getSubcontractedVarianceAccount());
        account(accounts, GlAccountType.CAPACITY_OVERHEAD_VARIANCE, s.getCapOverheadVarianceAccount());
        account(accounts, GlAccountType.MFG_OVERHEAD_VARIANCE, s.getMfgOverheadVarianceAccount());
        return MasterDataChange.of(new InventoryPostingSetup(s.getLocationCode(), s.getInvtPostingGroupCode(),
                accounts)).deletedIf(s.getDeleted());
    }

    public static MasterDataChange generalPostingSetup(io.shopfloor.schema.masterdata.GeneralPostingSetup s) {
        Map<GlAccountType, String> accounts = new EnumMap<>(GlAccountType.class);
        account(accounts, GlAccountType.INVENTORY_ADJMT, s.getInventoryAdjmtAccount());
        account(accounts, GlAccountType.DIRECT_COST_APPLIED, s.getDirectCostAppliedAccount());
        account(accounts, GlAccountType.OVERHEAD_APPLIED, s.getOverheadAppliedAccount());
        return MasterDataChange.of(new GeneralPostingSetup(s.getGenBusPostingGroup(), s.getGenProdPostingGroup(),
                accounts)).deletedIf(s.getDeleted());
    }

    public static MasterDataChange generalLedgerSetup(io.shopfloor.schema.masterdata.GeneralLedgerSetup s) {
        return MasterDataChange.of(new GeneralLedgerSetup(s.getGlobalDimension1Code(), s.getGlobalDimension2Code(),
                s.getExpectedCostPostingToGl())).deletedIf(s.getDeleted());
    }

    /**
     * A default dimension of an item, work center or machine center; "No Code" means the card's entries get no value
     * for the dimension, as a deleted row does. Rows of other tables are refused (a mapping failure, dead letter).
     */
    public static MappingResult<MasterDataChange> defaultDimension(io.shopfloor.schema.masterdata.DefaultDimension d) {
        int table = d.getTableId();
        if (table != MasterDataChange.ITEM_TABLE && table != MasterDataChange.WORK_CENTER_TABLE
                && table != MasterDataChange.MACHINE_CENTER_TABLE) {
            return MappingResult.failed("default dimension of table " + table + " (only items 27, work centers "
                    + MasterDataChange.WORK_CENTER_TABLE + " and machine centers "
                    + MasterDataChange.MACHINE_CENTER_TABLE + " are read)");
        }
        boolean noValue = d.getDeleted() || d.getValuePosting() == DefaultDimensionValuePosting.NO_CODE
                || d.getDimensionValueCode().isBlank();
        return MappingResult.mapped(MasterDataChange.defaultDimension(table, d.getNo(),
                new DefaultDimension(d.getDimensionCode(), d.getDimensionValueCode())).deletedIf(noValue));
    }

    private static void account(Map<GlAccountType, String> accounts, GlAccountType type, String accountNo) {
        if (accountNo != null && !accountNo.isBlank()) {
            accounts.put(type, accountNo);
        }
    }
}
