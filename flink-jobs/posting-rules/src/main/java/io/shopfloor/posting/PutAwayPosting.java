package io.shopfloor.posting;

import io.shopfloor.posting.journal.OutputJournalLine;
import io.shopfloor.posting.journal.PutAwayLine;
import io.shopfloor.posting.model.Location;
import io.shopfloor.posting.model.ProdOutputWhseHandling;
import io.shopfloor.posting.order.OrderLine;
import io.shopfloor.posting.order.ProductionOrder;
import io.shopfloor.posting.order.RoutingLine;

import java.math.BigDecimal;

/**
 * Completing an inventory put-away line posts the order line's output
 * (docs/warehouse.md#completing-an-inventory-put-away): the open request is the order line's remaining quantity at a location whose Prod. Output Whse. Handling is
 * Inventory Put-away; the put-away becomes an output line on the last operation, posted as the output journal posts
 * it, with the Place bin on the warehouse entry.
 */
final class PutAwayPosting {
    /** BC's Source Code Setup, Inventory Put-away. */
    static final String SOURCE_CODE = "INVTPUTAWY";

    private PutAwayPosting() {
    }

    static void post(PostingContext ctx, ProductionOrder order, PutAwayLine putAway) {
        PostingContext.checkPostable(order);
        OrderLine orderLine = PostingContext.orderLine(order, putAway.orderLineNo());
        Location location = ctx.location(orderLine.locationCode());
        if (location.prodOutputWhseHandling() != ProdOutputWhseHandling.INVENTORY_PUT_AWAY) {
            throw PostingContext.refuse(RefusalReason.PUT_AWAY_REQUEST_NOT_FOUND, "location " + location.code()
                    + " does not put away production output: post the output in the output journal");
        }
        if (putAway.quantity() == null || putAway.quantity().signum() <= 0) {
            throw PostingContext.refuse(RefusalReason.PUT_AWAY_QUANTITY_INVALID,
                    "a put-away quantity must be positive, not " + putAway.quantity());
        }
        BigDecimal outstandingBase = orderLine.remainingQtyBase();
        if (outstandingBase.signum() <= 0) {
            throw PostingContext.refuse(RefusalReason.PUT_AWAY_REQUEST_NOT_FOUND, order.no() + " line "
                    + orderLine.lineNo() + " has nothing left to put away");
        }
        BigDecimal quantityBase = Rounding.qty(putAway.quantity().multiply(orderLine.qtyPerUnitOfMeasure()));
        if (quantityBase.compareTo(outstandingBase) > 0) {
            throw PostingContext.refuse(RefusalReason.PUT_AWAY_QUANTITY_EXCEEDS_OUTSTANDING, "put-away of "
                    + putAway.quantity().stripTrailingZeros().toPlainString() + " " + orderLine.unitOfMeasureCode()
                    + " but " + orderLine.remainingQuantity().stripTrailingZeros().toPlainString() + " outstanding");
        }
        String binCode = putAway.binCode() != null && !putAway.binCode().isBlank() ? putAway.binCode()
                : orderLine.binCode();
        if (location.binMandatory() && binCode == null) {
            throw PostingContext.refuse(RefusalReason.BIN_CODE_MISSING, "location " + location.code()
                    + " requires a bin on the put-away");
        }
        String lastOperationNo = orderLine.lastOperation().map(RoutingLine::operationNo).orElse(null);
        OutputJournalLine output = OutputJournalLine.builder(putAway.sourceId(), order.no(), orderLine.lineNo(),
                        lastOperationNo)
                .postingDate(putAway.postingDate())
                .documentNo(putAway.documentNo())
                .output(putAway.quantity())
                .sourceCode(SOURCE_CODE)
                .postedByInventoryPutAway(true)
                // Where bins are not used no warehouse entry is written: the Place bin is not the output's.
                .binCode(location.binMandatory() ? binCode : null)
                .build();
        OutputPosting.apply(ctx, OutputPosting.check(ctx, order, output));
    }
}
