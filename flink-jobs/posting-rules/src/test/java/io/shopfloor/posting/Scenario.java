package io.shopfloor.posting;

import io.shopfloor.posting.order.OrderDefinition;
import io.shopfloor.posting.journal.CostAdjustmentRun;
import io.shopfloor.posting.journal.FinishOrder;
import io.shopfloor.posting.journal.OutputJournalLine;
import io.shopfloor.posting.journal.PutAwayLine;
import io.shopfloor.posting.journal.ReleaseOrder;
import io.shopfloor.posting.ledger.LedgerEntry;
import io.shopfloor.posting.order.Component;
import io.shopfloor.posting.order.OrderLine;
import io.shopfloor.posting.order.ProductionOrder;
import io.shopfloor.posting.order.RoutingLine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static io.shopfloor.posting.Assertions.posted;

/** One order of set A being posted: keeps the whole ledger and renders each posting as {@link LedgerText}. */
final class Scenario {
    final SetA setA;
    final ProductionOrder order;
    final List<LedgerEntry> ledger = new ArrayList<>();
    final List<Notice> notices = new ArrayList<>();

    Scenario(SetA setA) {
        this(setA, setA.definition());
    }

    /** Another order on set A's master data; its number and first line are taken from the definition. */
    Scenario(SetA setA, OrderDefinition definition) {
        this.setA = setA;
        this.order = setA.firmPlanned(definition);
    }

    OutputJournalLine.Builder output(String id, String operationNo) {
        return OutputJournalLine.builder(id, order.no(), line().lineNo(), operationNo).postingDate(SetA.D1)
                .documentNo(order.no());
    }

    List<String> post(OutputJournalLine.Builder line) {
        return post(setA.rules.postOutput(order, line.build(), setA.masterData, setA.numbers));
    }

    PostingResult postRaw(OutputJournalLine.Builder line) {
        return setA.rules.postOutput(order, line.build(), setA.masterData, setA.numbers);
    }

    /** A completed put-away line of the order's first line, on D1. */
    PostingResult putAway(String id, String quantity, String binCode) {
        return setA.rules.postPutAway(order, new PutAwayLine(id, SetA.D1, id, order.no(), line().lineNo(),
                new java.math.BigDecimal(quantity), binCode), setA.masterData, setA.numbers);
    }

    List<String> release(LocalDate date) {
        return post(setA.rules.release(order, new ReleaseOrder("REL", date), setA.masterData, setA.numbers));
    }

    List<String> finish(LocalDate date) {
        return post(setA.rules.finish(order, FinishOrder.on("FIN", date), setA.masterData, setA.numbers));
    }

    List<String> adjust(LocalDate date) {
        return post(setA.rules.adjustCost(order, new CostAdjustmentRun("ADJ", date), setA.masterData, setA.numbers));
    }

    /** Records a successful posting and returns it as text; fails the test on a refusal. */
    List<String> post(PostingResult result) {
        PostingResult.Posted posted = posted(result);
        ledger.addAll(posted.entries());
        notices.addAll(posted.notices());
        return LedgerText.of(posted.entries());
    }

    OrderLine line() {
        return order.lines().get(0);
    }

    Component component(int lineNo) {
        return line().component(lineNo).orElseThrow();
    }

    RoutingLine operation(String operationNo) {
        return line().routingLine(operationNo).orElseThrow();
    }
}
