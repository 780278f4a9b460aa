package io.shopfloor.posting;

import io.shopfloor.posting.model.CostingMethod;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The parent's cost after Adjust Cost – Item Entries for a FIFO, LIFO, Specific or Average item
 * (docs/cost-adjustment.md#item-cost-update): the order line's output quantity, its net actual cost and the unit
 * cost they give. BC then sets the item card's Unit Cost from the inventory on hand; the rules see one order, so
 * they emit this order's figures and the item's owner (the ERP, or a consumer that knows the inventory) combines
 * them. Standard-cost items get none: their unit cost is the standard cost, and the variances absorb the rest.
 *
 * @param idempotencyKey     {@code <sourceId>/ICU<n>}, like the ledger entries of the same run
 * @param outputQuantityBase Σ quantity of the line's output entries (net of reversals)
 * @param costAmount         Σ actual cost of those entries after this run (direct and indirect)
 * @param unitCost           costAmount / outputQuantityBase, at quantity scale
 */
public record ItemCostUpdate(String idempotencyKey, String itemNo, CostingMethod costingMethod, String orderNo,
                             int orderLineNo, BigDecimal outputQuantityBase, BigDecimal costAmount,
                             BigDecimal unitCost, LocalDate postingDate) implements Serializable {
}
