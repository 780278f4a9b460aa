package io.shopfloor.dashboard;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A production order's job card (BC report 99000762): one block per routing line with the center, the expected
 * setup and run time and the time needed, columns Output / Scrap / Date / By for reporting (filled in with what the
 * capacity ledger already holds), and the components linked to the operation by routing link code.
 */
public record JobCard(String orderNo, String status, String description, String sourceNo, BigDecimal quantity,
                      LocalDate dueDate, List<Operation> operations, List<Component> unlinkedComponents) {

    /** One routing line. Times are in the routing line's units; time needed in the work center's capacity unit. */
    public record Operation(int routingReferenceNo, String routingNo, String operationNo, String type, String no,
                            String centerName, String workCenterNo, String description, String routingLinkCode,
                            Instant startingDateTime, Instant endingDateTime, BigDecimal operationQuantity,
                            BigDecimal expectedSetupTime, String setupTimeUnit, BigDecimal expectedRunTime,
                            String runTimeUnit, BigDecimal timeNeeded, String timeNeededUnit, String routingStatus,
                            Reported reported, List<Component> components) {
    }

    /** What was reported for the operation so far; null fields when nothing was. */
    public record Reported(BigDecimal outputQuantity, BigDecimal scrapQuantity, LocalDate lastPostingDate,
                           String by, BigDecimal setupTime, BigDecimal runTime) {
        public static final Reported NOTHING = new Reported(null, null, null, null, null, null);
    }

    /** A material requirement: expected quantity and what was consumed (flushed or posted) against it. */
    public record Component(int orderLineNo, int lineNo, String itemNo, String description,
                            BigDecimal expectedQuantity, String unitOfMeasure, String flushingMethod,
                            String routingLinkCode, BigDecimal consumedQuantityBase) {
    }
}
