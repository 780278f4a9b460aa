package io.shopfloor.posting.journal;

import java.io.Serializable;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Output journal line (Item Journal Line, Entry Type Output). Times are in {@code capUnitOfMeasureCode} (null =
 * the work center's unit); output and scrap in the order line's unit. {@code sourceId} identifies the source
 * event(s) and seeds the idempotency keys of every entry the line produces.
 *
 * @param postedByInventoryPutAway the line comes from an inventory put-away (only those may post last-operation
 *                                 output at locations with Prod. Output Whse. Handling = Inventory Put-away)
 * @param binCode                  the bin the output goes into (BC's Bin Code on the output journal line); null =
 *                                 the order line's bin (docs/warehouse.md#bin-on-the-output-journal)
 */
public record OutputJournalLine(String sourceId, LocalDate postingDate, String documentNo, String orderNo,
                                int orderLineNo, String operationNo, BigDecimal setupTime, BigDecimal runTime,
                                BigDecimal stopTime, String capUnitOfMeasureCode, BigDecimal outputQuantity,
                                BigDecimal scrapQuantity, String scrapCode, String stopCode, boolean finished,
                                Long appliesToEntry, Instant startingTime, Instant endingTime,
                                BigDecimal concurrentCapacity, String workShiftCode, String sourceCode,
                                boolean postedByInventoryPutAway, String binCode) implements Serializable {

    public static Builder builder(String sourceId, String orderNo, int orderLineNo, String operationNo) {
        return new Builder(sourceId, orderNo, orderLineNo, operationNo);
    }

    public boolean isStopTimeOnly() {
        return stopTime.signum() != 0 && setupTime.signum() == 0 && runTime.signum() == 0
                && outputQuantity.signum() == 0 && scrapQuantity.signum() == 0;
    }

    /** Fluent construction; every quantity defaults to zero. */
    public static final class Builder implements Serializable {
        private final String sourceId;
        private final String orderNo;
        private final int orderLineNo;
        private final String operationNo;
        private LocalDate postingDate = LocalDate.EPOCH;
        private String documentNo;
        private BigDecimal setupTime = BigDecimal.ZERO;
        private BigDecimal runTime = BigDecimal.ZERO;
        private BigDecimal stopTime = BigDecimal.ZERO;
        private String capUnitOfMeasureCode;
        private BigDecimal outputQuantity = BigDecimal.ZERO;
        private BigDecimal scrapQuantity = BigDecimal.ZERO;
        private String scrapCode;
        private String stopCode;
        private boolean finished;
        private Long appliesToEntry;
        private Instant startingTime;
        private Instant endingTime;
        private BigDecimal concurrentCapacity = BigDecimal.ONE;
        private String workShiftCode;
        private String sourceCode = "OUTPUTJNL";
        private boolean postedByInventoryPutAway;
        private String binCode;

        private Builder(String sourceId, String orderNo, int orderLineNo, String operationNo) {
            this.sourceId = sourceId;
            this.orderNo = orderNo;
            this.orderLineNo = orderLineNo;
            this.operationNo = operationNo;
        }

        public Builder postingDate(LocalDate date) {
            this.postingDate = date;
            return this;
        }

        public Builder documentNo(String no) {
            this.documentNo = no;
            return this;
        }

        public Builder setupTime(BigDecimal time) {
            this.setupTime = time;
            return this;
        }

        public Builder runTime(BigDecimal time) {
            this.runTime = time;
            return this;
        }

        public Builder stopTime(BigDecimal time, String code) {
            this.stopTime = time;
            this.stopCode = code;
            return this;
        }

        public Builder capUnitOfMeasure(String code) {
            this.capUnitOfMeasureCode = code;
            return this;
        }

        public Builder output(BigDecimal quantity) {
            this.outputQuantity = quantity;
            return this;
        }

        public Builder scrap(BigDecimal quantity, String code) {
            this.scrapQuantity = quantity;
            this.scrapCode = code;
            return this;
        }

        public Builder finished(boolean isFinished) {
            this.finished = isFinished;
            return this;
        }

        public Builder appliesToEntry(Long entryNo) {
            this.appliesToEntry = entryNo;
            return this;
        }

        public Builder times(Instant starting, Instant ending) {
            this.startingTime = starting;
            this.endingTime = ending;
            return this;
        }

        public Builder concurrentCapacity(BigDecimal capacity) {
            this.concurrentCapacity = capacity;
            return this;
        }

        public Builder workShift(String code) {
            this.workShiftCode = code;
            return this;
        }

        public Builder sourceCode(String code) {
            this.sourceCode = code;
            return this;
        }

        public Builder postedByInventoryPutAway(boolean byPutAway) {
            this.postedByInventoryPutAway = byPutAway;
            return this;
        }

        public Builder binCode(String code) {
            this.binCode = code;
            return this;
        }

        public Builder setupTime(String time) {
            return setupTime(new BigDecimal(time));
        }

        public Builder runTime(String time) {
            return runTime(new BigDecimal(time));
        }

        public Builder output(String quantity) {
            return output(new BigDecimal(quantity));
        }

        public OutputJournalLine build() {
            return new OutputJournalLine(sourceId, postingDate, documentNo, orderNo, orderLineNo, operationNo,
                    setupTime, runTime, stopTime, capUnitOfMeasureCode, outputQuantity, scrapQuantity, scrapCode,
                    stopCode, finished, appliesToEntry, startingTime, endingTime, concurrentCapacity,
                    workShiftCode, sourceCode, postedByInventoryPutAway, binCode);
        }
    }
}
