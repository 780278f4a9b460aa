package io.shopfloor.posting;

import io.shopfloor.posting.ledger.ItemLedgerEntry;
import io.shopfloor.posting.ledger.ItemLedgerEntryType;
import io.shopfloor.posting.ledger.OrderType;
import io.shopfloor.posting.ledger.ValueEntry;
import io.shopfloor.posting.ledger.ValueEntryType;
import io.shopfloor.posting.ledger.WarehouseEntry;
import io.shopfloor.posting.model.CostBucket;
import io.shopfloor.posting.model.Item;
import io.shopfloor.posting.model.Location;
import io.shopfloor.posting.order.Component;
import io.shopfloor.posting.order.OrderLine;
import io.shopfloor.posting.order.ProductionOrder;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Posts one consumption against a component line (docs/flushing.md#consumption-against-the-component): the part within
 * the component's remainder and any
 * over-consumption become separate item ledger entries on the same component line, each with its value entry
 * and, at Bin Mandatory locations, its warehouse entry.
 */
final class ConsumptionPosting {

    /** Where and under which document a consumption is posted. */
    record Consumption(LocalDate postingDate, String documentNo, String sourceCode) {
    }

    private ConsumptionPosting() {
    }

    /**
     * @param quantity       in the component's unit; negative returns material
     * @param unitCostPerBase cost per base unit (the item's unit cost, or the cost of the entry a return applies to)
     */
    static void post(PostingContext ctx, ProductionOrder order, OrderLine line, Component component,
                     BigDecimal quantity, BigDecimal unitCostPerBase, Consumption consumption) {
        Item item = ctx.item(component.itemNo());
        BigDecimal quantityBase = Rounding.qty(quantity.multiply(component.qtyPerUnitOfMeasure()));
        Component.ConsumptionSplit split = component.consume(quantityBase);
        for (BigDecimal consumedBase : new BigDecimal[] {split.againstLineQtyBase(), split.leftoverQtyBase()}) {
            if (consumedBase.signum() != 0) {
                postEntry(ctx, order, line, component, item, consumedBase.negate(), unitCostPerBase, consumption);
            }
        }
    }

    private static void postEntry(PostingContext ctx, ProductionOrder order, OrderLine line, Component component,
                                  Item item, BigDecimal entryQuantityBase, BigDecimal unitCostPerBase,
                                  Consumption consumption) {
        String locationCode = component.definition().locationCode() != null
                ? component.definition().locationCode() : line.locationCode();
        boolean positive = entryQuantityBase.signum() > 0;
        long entryNo = ctx.nextItemLedgerEntryNo();
        ctx.add(new ItemLedgerEntry(entryNo, ctx.itemLedgerEntryKey(), item.no(),
                component.definition().variantCode(), consumption.postingDate(), ItemLedgerEntryType.CONSUMPTION,
                line.itemNo(), consumption.documentNo(), item.description(), locationCode, entryQuantityBase,
                positive ? entryQuantityBase : BigDecimal.ZERO.setScale(Rounding.QTY_SCALE), entryQuantityBase,
                positive, positive, null, OrderType.PRODUCTION, order.no(), line.lineNo(), component.lineNo(),
                component.definition().unitOfMeasureCode(), component.qtyPerUnitOfMeasure(), true,
                consumption.sourceCode()));
        BigDecimal costAmount = Rounding.amount(entryQuantityBase.multiply(unitCostPerBase));
        ctx.add(new ValueEntry(ctx.nextValueEntryNo(), ctx.valueEntryKey(), entryNo, null, ValueEntryType.DIRECT_COST,
                null, ItemLedgerEntryType.CONSUMPTION, null, null, item.no(), OrderType.PRODUCTION, order.no(),
                line.lineNo(), line.itemNo(), locationCode, entryQuantityBase, entryQuantityBase, entryQuantityBase,
                costAmount, BigDecimal.ZERO.setScale(Rounding.AMOUNT_SCALE), unitCostPerBase, false, true,
                consumption.postingDate(), consumption.postingDate(), consumption.documentNo(),
                consumption.sourceCode(), false));
        line.addActualCost(CostBucket.MATERIAL, costAmount.negate());
        order.recordConsumptionEntry(entryNo, new ProductionOrder.ConsumptionEntry(line.lineNo(),
                component.lineNo(), entryQuantityBase, costAmount));

        Location location = ctx.location(locationCode);
        if (location.binMandatory()) {
            BigDecimal quantity = Rounding.qty(Rounding.divide(entryQuantityBase, component.qtyPerUnitOfMeasure()));
            ctx.add(new WarehouseEntry(ctx.nextWarehouseEntryNo(), ctx.warehouseEntryKey(), locationCode,
                    component.binCode(), item.no(), component.definition().variantCode(), quantity,
                    entryQuantityBase, component.definition().unitOfMeasureCode(),
                    positive ? WarehouseEntry.WarehouseEntryType.POSITIVE_ADJMT
                            : WarehouseEntry.WarehouseEntryType.NEGATIVE_ADJMT,
                    order.no(), line.lineNo(), component.lineNo(), consumption.documentNo(),
                    consumption.postingDate()));
        }
    }
}
