package io.shopfloor.posting.order;

import java.io.Serializable;

import io.shopfloor.posting.model.CostBucket;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the order remembers of one output item ledger entry: its open quantity (for Applies-to Entry), the
 * expected cost still to reverse, and the actual costs and variances cost adjustment has posted on it so far
 * (so that a second adjustment run posts only differences).
 */
public final class OutputEntry implements Serializable {
    /** The job stores this class field by field (RulesCodec in posting-job): a new field is written there too. */
    private static final long serialVersionUID = 1L;

    private final long entryNo;
    private final BigDecimal quantityBase;
    private final BigDecimal expectedCost;
    private BigDecimal remainingQtyBase;
    private BigDecimal expectedCostOutstanding;
    private final Map<CostBucket, BigDecimal> actualCostPosted = new EnumMap<>(CostBucket.class);
    private final Map<CostBucket, BigDecimal> variancePosted = new EnumMap<>(CostBucket.class);

    public OutputEntry(long entryNo, BigDecimal quantityBase, BigDecimal expectedCost) {
        this.entryNo = entryNo;
        this.quantityBase = quantityBase;
        this.expectedCost = expectedCost;
        this.remainingQtyBase = quantityBase.signum() > 0 ? quantityBase : BigDecimal.ZERO;
        this.expectedCostOutstanding = expectedCost;
        for (CostBucket bucket : CostBucket.values()) {
            actualCostPosted.put(bucket, BigDecimal.ZERO);
            variancePosted.put(bucket, BigDecimal.ZERO);
        }
    }

    /** An output entry as stored in the job's state, with what was applied and adjusted (state serializer). */
    public OutputEntry(long entryNo, BigDecimal quantityBase, BigDecimal expectedCost, BigDecimal remainingQtyBase,
                       BigDecimal expectedCostOutstanding, Map<CostBucket, BigDecimal> actualCostPosted,
                       Map<CostBucket, BigDecimal> variancePosted) {
        this(entryNo, quantityBase, expectedCost);
        this.remainingQtyBase = remainingQtyBase;
        this.expectedCostOutstanding = expectedCostOutstanding;
        this.actualCostPosted.putAll(actualCostPosted);
        this.variancePosted.putAll(variancePosted);
    }

    /** An applied negative output closes part of this entry. */
    public void apply(BigDecimal negativeQtyBase) {
        remainingQtyBase = remainingQtyBase.add(negativeQtyBase);
    }

    public void recordAdjustment(BigDecimal expectedReversed, Map<CostBucket, BigDecimal> actualDelta,
                                 Map<CostBucket, BigDecimal> varianceDelta) {
        expectedCostOutstanding = expectedCostOutstanding.add(expectedReversed);
        actualDelta.forEach((bucket, delta) -> actualCostPosted.merge(bucket, delta, BigDecimal::add));
        varianceDelta.forEach((bucket, delta) -> variancePosted.merge(bucket, delta, BigDecimal::add));
    }

    public long entryNo() {
        return entryNo;
    }

    public BigDecimal quantityBase() {
        return quantityBase;
    }

    /** Expected cost amount posted with the entry. */
    public BigDecimal expectedCost() {
        return expectedCost;
    }

    public BigDecimal remainingQtyBase() {
        return remainingQtyBase;
    }

    public BigDecimal expectedCostOutstanding() {
        return expectedCostOutstanding;
    }

    public BigDecimal actualCostPosted(CostBucket bucket) {
        return actualCostPosted.get(bucket);
    }

    public BigDecimal variancePosted(CostBucket bucket) {
        return variancePosted.get(bucket);
    }
}
