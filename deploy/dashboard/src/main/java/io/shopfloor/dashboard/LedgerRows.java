package io.shopfloor.dashboard;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Rows the dashboard reads from the ledger store's views, one record per view. */
public final class LedgerRows {
    private LedgerRows() {
    }

    /** production_order_progress, with the order's description and item from the master data when known. */
    public record OrderProgress(String orderNo, String description, String sourceNo, String status,
                                LocalDate statusDate, BigDecimal plannedQuantity, BigDecimal outputQuantity,
                                BigDecimal scrapQuantity, BigDecimal progressPct, LocalDate lastOutputDate) {
        public OrderProgress withMasterData(String description, String sourceNo) {
            return new OrderProgress(orderNo, description, sourceNo, status, statusDate, plannedQuantity,
                    outputQuantity, scrapQuantity, progressPct, lastOutputDate);
        }
    }

    /** ledger_entry_feed: an item or capacity ledger entry. */
    public record LedgerEntry(String ledger, long entryNo, LocalDate postingDate, String orderNo, String entryType,
                              String no, String operationNo, String description, BigDecimal quantity,
                              String unitOfMeasure, BigDecimal costAmount) {
    }

    /** production_order_statistics: one cost row of an order's statistics. */
    public record StatisticsRow(String costBucket, BigDecimal standardCost, BigDecimal expectedCost,
                                BigDecimal actualCost, BigDecimal deviationPct, BigDecimal variance) {
    }

    /**
     * production_order_operation_reported: what the capacity ledger holds for one operation of an order;
     * {@code postedBy} the people who posted its entries, and its machines when a machine posted any (V15).
     */
    public record OperationReported(int routingReferenceNo, String operationNo, BigDecimal outputQuantity,
                                    BigDecimal scrapQuantity, BigDecimal setupTime, BigDecimal runTime,
                                    BigDecimal stopTime, LocalDate lastPostingDate, long entries, String postedBy) {
    }

    /** component_consumption_against_expected: one component of an order's latest cost plan. */
    public record ComponentConsumption(int orderLineNo, int componentLineNo, String itemNo,
                                       BigDecimal expectedQtyBase, BigDecimal consumedQtyBase) {
    }

    /** dead_letter_report counted by one of its columns (reason code, or machine/source). */
    public record DeadLetterCount(String key, long count, Instant latestFailedAt) {
    }

    /** dead_letter_report: one dead letter, without its payload. */
    public record DeadLetterRow(long id, Instant failedAt, String stage, String reasonCode, String reasonDetail,
                                String sourceTopic, String source) {
    }

    /** What the dead-letter panel shows: the total, counts per reason and per machine or source, the latest. */
    public record DeadLetterSummary(long total, List<DeadLetterCount> byReason, List<DeadLetterCount> bySource,
                                    List<DeadLetterRow> latest) {
        public static final DeadLetterSummary EMPTY = new DeadLetterSummary(0, List.of(), List.of(), List.of());
    }

    /** Everything the page shows from the ledger, read in one go. */
    public record LedgerSnapshot(List<OrderProgress> orders, List<LedgerEntry> latestEntries,
                                 Map<String, List<StatisticsRow>> finishedOrderStatistics,
                                 DeadLetterSummary deadLetters) {
        public static final LedgerSnapshot EMPTY = new LedgerSnapshot(List.of(), List.of(), Map.of(),
                DeadLetterSummary.EMPTY);
    }
}
