package io.shopfloor.posting;

import io.shopfloor.posting.journal.OutputJournalLine;
import io.shopfloor.posting.order.OrderLine;
import io.shopfloor.posting.order.ProductionOrder;
import io.shopfloor.posting.order.RoutingLine;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Output that BC posts by itself for Forward (at release) and Backward (at finish) flushed operations: setup
 * time from the routing line × concurrent capacities, run time for {@code timeBasisQtyBase} units.
 */
final class AutomaticOutput {

    private AutomaticOutput() {
    }

    static void post(PostingContext ctx, ProductionOrder order, OrderLine line, RoutingLine operation,
                     BigDecimal outputQtyBase, BigDecimal timeBasisQtyBase, LocalDate postingDate, int sequence) {
        BigDecimal setup = setupTime(operation);
        BigDecimal run = runTime(operation, timeBasisQtyBase);
        BigDecimal output = Rounding.qty(Rounding.divide(outputQtyBase, line.qtyPerUnitOfMeasure()));
        if (setup.signum() == 0 && run.signum() == 0 && output.signum() == 0) {
            return;
        }
        OutputJournalLine journalLine = OutputJournalLine
                .builder(ctx.sourceId + "#" + sequence, order.no(), line.lineNo(), operation.operationNo())
                .postingDate(postingDate).documentNo(order.no())
                .setupTime(setup).runTime(run).output(output)
                .concurrentCapacity(operation.concurrentCapacities())
                .sourceCode(ctx.masterData.manufacturingSetup().flushingSourceCode())
                .postedByInventoryPutAway(true) // BC's own flushing is not the output journal
                .build();
        OutputPosting.apply(ctx, OutputPosting.check(ctx, order, journalLine));
    }

    /** Whether {@link #post} would post anything (a capacity entry) for these quantities. */
    static boolean posts(RoutingLine operation, OrderLine line, BigDecimal outputQtyBase, BigDecimal timeBasisQtyBase) {
        return setupTime(operation).signum() != 0 || runTime(operation, timeBasisQtyBase).signum() != 0
                || Rounding.qty(Rounding.divide(outputQtyBase, line.qtyPerUnitOfMeasure())).signum() != 0;
    }

    private static BigDecimal setupTime(RoutingLine operation) {
        return Rounding.qty(operation.setupTime().multiply(operation.concurrentCapacities()));
    }

    private static BigDecimal runTime(RoutingLine operation, BigDecimal timeBasisQtyBase) {
        return Rounding.qty(Rounding.divide(operation.runTime().multiply(timeBasisQtyBase), operation.lotSize()));
    }
}
