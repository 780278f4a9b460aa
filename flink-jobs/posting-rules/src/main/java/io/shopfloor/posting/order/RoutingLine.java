package io.shopfloor.posting.order;

import java.io.Serializable;

import io.shopfloor.posting.model.CapacityType;
import io.shopfloor.posting.model.RoutingFlushingMethod;

import java.math.BigDecimal;

/**
 * Prod. Order Routing Line resolved against its work/machine center at refresh (times in the work center's
 * capacity unit, accumulated scrap, expected cost), plus what has been posted on it.
 */
public final class RoutingLine implements Serializable {
    /** The job stores this class field by field (RulesCodec in posting-job): a new field is written there too. */
    private static final long serialVersionUID = 1L;

    private final RoutingLineDefinition definition;
    private final String nextOperationNo;
    private final String previousOperationNo;
    private final String workCenterNo;
    private final String workCenterGroupCode;
    private final String description;
    private final BigDecimal setupTime;
    private final BigDecimal runTime;
    private final BigDecimal scrapFactorAccumulated;
    private final BigDecimal fixedScrapQtyAccumulated;
    private final RoutingFlushingMethod flushingMethod;
    private final BigDecimal unitCostPer;
    private final boolean subcontracted;
    private final Expected expected;
    private RoutingStatus routingStatus = RoutingStatus.BLANK;
    private BigDecimal postedSetupTime = BigDecimal.ZERO;
    private BigDecimal postedRunTime = BigDecimal.ZERO;
    private BigDecimal postedOutputQtyBase = BigDecimal.ZERO;
    private BigDecimal postedScrapQtyBase = BigDecimal.ZERO;

    /**
     * Expected figures at refresh: capacity need (setup + run, work center units), operation cost, and its
     * capacity overhead part.
     */
    public record Expected(BigDecimal capacityNeed, BigDecimal operationCostAmount, BigDecimal capacityOverheadCost) implements Serializable {
    }

    public RoutingLine(RoutingLineDefinition definition, String nextOperationNo, String previousOperationNo,
                       String workCenterNo, String workCenterGroupCode, String description, BigDecimal setupTime,
                       BigDecimal runTime, BigDecimal scrapFactorAccumulated, BigDecimal fixedScrapQtyAccumulated,
                       RoutingFlushingMethod flushingMethod, BigDecimal unitCostPer, boolean subcontracted,
                       Expected expected) {
        this.definition = definition;
        this.nextOperationNo = nextOperationNo;
        this.previousOperationNo = previousOperationNo;
        this.workCenterNo = workCenterNo;
        this.workCenterGroupCode = workCenterGroupCode;
        this.description = description;
        this.setupTime = setupTime;
        this.runTime = runTime;
        this.scrapFactorAccumulated = scrapFactorAccumulated;
        this.fixedScrapQtyAccumulated = fixedScrapQtyAccumulated;
        this.flushingMethod = flushingMethod;
        this.unitCostPer = unitCostPer;
        this.subcontracted = subcontracted;
        this.expected = expected;
    }

    /**
     * Records one output-journal posting on this operation (routing status, capacity need:
     * docs/production-orders.md#routing-lines).
     */
    public void recordPosting(BigDecimal setupTimeBase, BigDecimal runTimeBase, BigDecimal outputQtyBase,
                              BigDecimal scrapQtyBase, boolean finished) {
        postedSetupTime = postedSetupTime.add(setupTimeBase);
        postedRunTime = postedRunTime.add(runTimeBase);
        postedOutputQtyBase = postedOutputQtyBase.add(outputQtyBase);
        postedScrapQtyBase = postedScrapQtyBase.add(scrapQtyBase);
        routingStatus = finished ? RoutingStatus.FINISHED : RoutingStatus.IN_PROGRESS;
    }

    public void setRoutingStatus(RoutingStatus status) {
        this.routingStatus = status;
    }

    public boolean isLastOperation() {
        return nextOperationNo == null || nextOperationNo.isBlank();
    }

    public boolean isLinked() {
        return routingLinkCode() != null && !routingLinkCode().isBlank();
    }

    /** Remaining capacity need: 0 once Finished, else expected minus posted setup and run time. */
    public BigDecimal remainingCapacityNeed() {
        if (routingStatus == RoutingStatus.FINISHED) {
            return BigDecimal.ZERO;
        }
        return expected.capacityNeed().subtract(postedSetupTime).subtract(postedRunTime).max(BigDecimal.ZERO);
    }

    /** The ERP's routing line this one was resolved from (for the job's state serializer). */
    public RoutingLineDefinition definition() {
        return definition;
    }

    public String routingNo() {
        return definition.routingNo();
    }

    public int routingReferenceNo() {
        return definition.routingReferenceNo();
    }

    public String operationNo() {
        return definition.operationNo();
    }

    public String nextOperationNo() {
        return nextOperationNo;
    }

    public String previousOperationNo() {
        return previousOperationNo;
    }

    public CapacityType type() {
        return definition.type();
    }

    public String no() {
        return definition.no();
    }

    public String description() {
        return description;
    }

    public String workCenterNo() {
        return workCenterNo;
    }

    public String workCenterGroupCode() {
        return workCenterGroupCode;
    }

    /** Setup time per lot in the work center's capacity unit. */
    public BigDecimal setupTime() {
        return setupTime;
    }

    /** Run time per unit (per lot size) in the work center's capacity unit. */
    public BigDecimal runTime() {
        return runTime;
    }

    public BigDecimal lotSize() {
        BigDecimal lotSize = definition.lotSize();
        return lotSize == null || lotSize.signum() == 0 ? BigDecimal.ONE : lotSize;
    }

    public BigDecimal concurrentCapacities() {
        BigDecimal cc = definition.concurrentCapacities();
        return cc == null || cc.signum() == 0 ? BigDecimal.ONE : cc;
    }

    public String routingLinkCode() {
        return definition.routingLinkCode();
    }

    /** Scrap Factor % (Accumulated), stored as a fraction (0.05 for 5 %). */
    public BigDecimal scrapFactorAccumulated() {
        return scrapFactorAccumulated;
    }

    public BigDecimal fixedScrapQtyAccumulated() {
        return fixedScrapQtyAccumulated;
    }

    public RoutingFlushingMethod flushingMethod() {
        return flushingMethod;
    }

    public BigDecimal unitCostPer() {
        return unitCostPer;
    }

    public boolean isSubcontracted() {
        return subcontracted;
    }

    public Expected expected() {
        return expected;
    }

    public RoutingStatus routingStatus() {
        return routingStatus;
    }

    public BigDecimal postedSetupTime() {
        return postedSetupTime;
    }

    public BigDecimal postedRunTime() {
        return postedRunTime;
    }

    public BigDecimal postedOutputQtyBase() {
        return postedOutputQtyBase;
    }

    public BigDecimal postedScrapQtyBase() {
        return postedScrapQtyBase;
    }
}
