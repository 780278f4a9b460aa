package io.shopfloor.ledger;

import io.shopfloor.job.masterdata.MasterDataChange;
import io.shopfloor.posting.model.CostingMethod;
import io.shopfloor.posting.model.Item;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * docs/cost-adjustment.md#item-cost-update: example 1 with FG-100 as a FIFO item through the job into the store: the
 * parent's cost after the adjustment is one row of item_cost_update, readable by the reporting role through its
 * export view; a replay adds nothing.
 */
class ItemCostUpdateStoreTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
    @RegisterExtension
    static final LedgerDatabase POSTGRES = new LedgerDatabase();

    @Test
    void aFifoParentsCostAfterTheAdjustmentIsStoredOnce() throws Exception {
        LedgerDatabase.Ledger ledger = POSTGRES.newLedger();
        Example1LedgerStoreTest.run(ledger, ItemCostUpdateStoreTest::fifoParent);
        String updates = "SELECT item_no, costing_method, order_no, order_line_no, output_quantity_base, cost_amount, "
                + "unit_cost, posting_date, idempotency_key LIKE '%/ICU1' FROM export_item_cost_update";
        // The order's actual cost, 797.65 (example 1's), for its 100 pieces.
        List<String> expected = List.of("FG-100 FIFO RPO-1001 10000 100.00000 797.65 7.97650 2026-03-02 t");
        assertEquals(expected, ledger.query(LedgerDatabase.ROLES.reporting(), LedgerDatabase.ROLES.reportingPassword(),
                updates));

        Example1LedgerStoreTest.run(ledger, ItemCostUpdateStoreTest::fifoParent);
        assertEquals(expected, ledger.query(updates));
        assertEquals(List.of("0"), ledger.query("SELECT count(*) FROM posting_conflict"));
    }

    private static MasterDataChange fifoParent(MasterDataChange change) {
        if (change.value() instanceof Item item && item.no().equals("FG-100")) {
            return MasterDataChange.of(new Item(item.no(), item.description(), item.baseUnitOfMeasureCode(),
                    CostingMethod.FIFO, item.unitCost(), item.roundingPrecision(), item.indirectCostPct(),
                    item.overheadRate(), item.singleLevelCost(), item.variantMandatory(), item.defaultBinCode()));
        }
        return change;
    }
}
