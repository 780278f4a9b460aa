package io.shopfloor.job.avro;

import io.shopfloor.posting.journal.CapacityJournalLine;
import io.shopfloor.posting.journal.ConsumptionJournalLine;
import io.shopfloor.posting.journal.FinishOrder;
import io.shopfloor.posting.journal.OutputJournalLine;
import io.shopfloor.posting.journal.PutAwayLine;
import io.shopfloor.posting.journal.ReleaseOrder;
import io.shopfloor.posting.journal.StopRecoding;
import io.shopfloor.posting.model.CapacityType;
import io.shopfloor.schema.common.ProductionOrderStatus;
import io.shopfloor.schema.journal.JournalEntryType;
import io.shopfloor.schema.journal.JournalLine;
import io.shopfloor.schema.journal.OrderStatusChange;
import io.shopfloor.schema.journal.StopReason;

import static io.shopfloor.job.avro.AvroValues.blankToNull;
import static io.shopfloor.job.avro.AvroValues.byName;
import static io.shopfloor.job.avro.AvroValues.isBlank;
import static io.shopfloor.job.avro.AvroValues.nullToBlank;
import static io.shopfloor.job.avro.AvroValues.qty;

import java.math.BigDecimal;

/**
 * Avro journal inputs to the rules' journal lines and commands. An input the rules cannot post because a field
 * they need is missing comes back as {@link MappingResult.Failed} with the reason, for the dead letters. Checks
 * the rules make themselves (order released, operation exists, document no. on capacity lines, ...) are left to
 * them: they refuse with a reason code of their own.
 */
public final class JournalMapping {
    /** Source code of output journal lines (Source Code Setup "Output Journal"); the Avro line has none. */
    static final String OUTPUT_SOURCE_CODE = "OUTPUTJNL";

    private JournalMapping() {
    }

    /**
     * An {@link OutputJournalLine}, {@link PutAwayLine} (an OUTPUT line with {@code inventoryPutAway}),
     * {@link ConsumptionJournalLine} or {@link CapacityJournalLine}.
     */
    public static MappingResult<Record> journalLine(JournalLine line) {
        if (line.getEntryType() == null) {
            return MappingResult.failed("journal line " + line.getSourceId() + " has no entryType");
        }
        String common = checkCommon(line);
        if (common != null) {
            return MappingResult.failed(common);
        }
        return switch (line.getEntryType()) {
            case OUTPUT -> line.getInventoryPutAway() ? putAway(line) : output(line);
            case CONSUMPTION -> consumption(line);
            case CAPACITY -> capacity(line);
        };
    }

    /**
     * The operation's type/no., the item and the capacity unit factor are not taken from the Avro line: the rules
     * derive them from the order's routing line and the capacity units, as BC does on validation.
     */
    private static MappingResult<Record> output(JournalLine line) {
        String orderFields = checkOrderFields(line);
        if (orderFields != null) {
            return MappingResult.failed(orderFields);
        }
        return MappingResult.mapped(new OutputJournalLine(line.getSourceId(), line.getPostingDate(),
                line.getDocumentNo(), line.getOrderNo(), line.getOrderLineNo(), blankToNull(line.getOperationNo()),
                line.getSetupTime(), line.getRunTime(), line.getStopTime(),
                blankToNull(line.getCapUnitOfMeasureCode()), line.getOutputQuantity(), line.getScrapQuantity(),
                blankToNull(line.getScrapCode()), blankToNull(line.getStopCode()), line.getFinished(),
                line.getAppliesToEntry(), line.getStartingTime(), line.getEndingTime(), line.getConcurrentCapacity(),
                blankToNull(line.getWorkShiftCode()), OUTPUT_SOURCE_CODE, false, blankToNull(line.getBinCode())));
    }

    /**
     * A put-away posts output only, on the last operation the rules find: time, scrap, an operation or an
     * application on it would be lost silently, so such a line fails.
     */
    private static MappingResult<Record> putAway(JournalLine line) {
        String orderFields = checkOrderFields(line);
        if (orderFields != null) {
            return MappingResult.failed(orderFields);
        }
        boolean onlyOutput = line.getSetupTime().signum() == 0 && line.getRunTime().signum() == 0
                && line.getStopTime().signum() == 0 && line.getScrapQuantity().signum() == 0
                && isBlank(line.getOperationNo()) && !line.getFinished() && line.getAppliesToEntry() == null;
        if (!onlyOutput) {
            return MappingResult.failed("OUTPUT line " + line.getSourceId() + " is an inventory put-away: it carries"
                    + " outputQuantity and binCode only (no operation, time, scrap, finished or applies-to)");
        }
        return MappingResult.mapped(new PutAwayLine(line.getSourceId(), line.getPostingDate(), line.getDocumentNo(),
                line.getOrderNo(), line.getOrderLineNo(), line.getOutputQuantity(), blankToNull(line.getBinCode())));
    }

    /**
     * The contract has one application field, documented for negative output. On a consumption line it can only
     * name the consumption entry a return reverses, which is the rules' Applies-from Entry.
     */
    private static MappingResult<Record> consumption(JournalLine line) {
        String orderFields = checkOrderFields(line);
        if (orderFields != null) {
            return MappingResult.failed(orderFields);
        }
        if (line.getProdOrderCompLineNo() == null) {
            return MappingResult.failed("CONSUMPTION line " + line.getSourceId() + " has no prodOrderCompLineNo");
        }
        return MappingResult.mapped(new ConsumptionJournalLine(line.getSourceId(), line.getPostingDate(),
                line.getDocumentNo(), line.getOrderNo(), line.getOrderLineNo(), line.getProdOrderCompLineNo(),
                line.getQuantity(), line.getAppliesFromEntry()));
    }

    /**
     * Capacity journal lines are order-less in the rules (§8). A line that names an order or reports output or
     * scrap would lose that silently, so it fails: it belongs on an OUTPUT line.
     */
    private static MappingResult<Record> capacity(JournalLine line) {
        String id = line.getSourceId();
        if (line.getAppliesToCapacityEntry() != null) {
            return stopRecoding(line);
        }
        if (line.getType() == null || isBlank(line.getNo())) {
            return MappingResult.failed("CAPACITY line " + id + " needs type and no");
        }
        if (!isBlank(line.getOrderNo())) {
            return MappingResult.failed("CAPACITY line " + id + " names order " + line.getOrderNo()
                    + ": order capacity is posted as an OUTPUT line");
        }
        if (line.getOutputQuantity().signum() != 0 || line.getScrapQuantity().signum() != 0) {
            return MappingResult.failed("CAPACITY line " + id + " reports output or scrap: post it as an OUTPUT line");
        }
        return MappingResult.mapped(new CapacityJournalLine(id, line.getPostingDate(), line.getDocumentNo(),
                byName(line.getType(), CapacityType.class), line.getNo(), blankToNull(line.getWorkShiftCode()),
                line.getStartingTime(), line.getEndingTime(), line.getConcurrentCapacity(), line.getSetupTime(),
                line.getRunTime(), line.getStopTime(), blankToNull(line.getCapUnitOfMeasureCode()),
                blankToNull(line.getStopCode())));
    }

    /**
     * A CAPACITY line naming the stop entry it re-codes (docs/capacity-costs.md#re-coding-a-stop): the stop's key is
     * the order no., or type and no. of the center of a stop without order. It carries its reasons only: time,
     * output or scrap of its own would be lost, so such a line fails.
     */
    private static MappingResult<Record> stopRecoding(JournalLine line) {
        String id = line.getSourceId();
        if (isBlank(line.getOrderNo()) && (line.getType() == null || isBlank(line.getNo()))) {
            return MappingResult.failed("stop re-coding " + id + " needs the stop's order no., or type and no. of its"
                    + " center");
        }
        BigDecimal[] ownQuantities = {line.getSetupTime(), line.getRunTime(), line.getStopTime(),
                line.getOutputQuantity(), line.getScrapQuantity()};
        for (BigDecimal quantity : ownQuantities) {
            if (quantity != null && quantity.signum() != 0) {
                return MappingResult.failed("stop re-coding " + id + " carries time, output or scrap of its own: the"
                        + " stop reasons carry its times");
            }
        }
        java.util.List<StopRecoding.Reason> reasons = new java.util.ArrayList<>();
        if (line.getStopReasons() != null) {
            line.getStopReasons().forEach(r -> reasons.add(new StopRecoding.Reason(blankToNull(r.getStopCode()),
                    r.getStopTime())));
        }
        return MappingResult.mapped(new StopRecoding(id, line.getPostingDate(), line.getDocumentNo(),
                line.getAppliesToCapacityEntry(), reasons, line.getPostedBy()));
    }

    /** The inverse of {@link #journalLine} for a stop re-coding on an order ({@code orderNo}) or a center. */
    static JournalLine sourceRecord(String orderNo, CapacityType type, String no, StopRecoding l) {
        java.util.List<StopReason> reasons = new java.util.ArrayList<>();
        for (StopRecoding.Reason r : l.reasons()) {
            reasons.add(StopReason.newBuilder().setStopCode(nullToBlank(r.stopCode()))
                    .setStopTime(qty("stopTime", r.stopTime())).build());
        }
        return common(JournalEntryType.CAPACITY, l.sourceId(), l.postingDate(), l.documentNo())
                .setOrderNo(nullToBlank(orderNo))
                .setType(type == null ? null : byName(type, io.shopfloor.schema.common.CapacityType.class))
                .setNo(nullToBlank(no))
                .setAppliesToCapacityEntry(l.appliesToCapacityEntryNo())
                .setStopReasons(reasons)
                .setPostedBy(l.postedBy())
                .build();
    }

    /**
     * A {@link ReleaseOrder} or {@link FinishOrder}. The rules have no reopen and no other status change. The
     * ERP-only facts of a finish (open subcontracting purchase lines, outstanding picks) are not in the contract:
     * the finish is mapped as if there were none.
     */
    public static MappingResult<Record> orderStatusChange(OrderStatusChange change) {
        String id = change.getSourceId();
        if (isBlank(id) || id.contains("/")) {
            return MappingResult.failed("status change of " + change.getOrderNo() + " has sourceId '" + id
                    + "': it must be non-blank and without '/'");
        }
        if (change.getPostingDate() == null) {
            return MappingResult.failed("status change " + id + " has no postingDate");
        }
        if (change.getToStatus() == ProductionOrderStatus.RELEASED
                && change.getFromStatus() != ProductionOrderStatus.FINISHED) {
            return MappingResult.mapped(new ReleaseOrder(id, change.getPostingDate()));
        }
        if (change.getToStatus() == ProductionOrderStatus.FINISHED) {
            return MappingResult.mapped(FinishOrder.on(id, change.getPostingDate()));
        }
        return MappingResult.failed("status change " + id + " of " + change.getOrderNo() + " from "
                + change.getFromStatus() + " to " + change.getToStatus()
                + " is not posted by the rules (only release and finish)");
    }

    /** The inverse of {@link #journalLine} for an output line (see {@link OrderInputMapping#sourceRecord}). */
    static JournalLine sourceRecord(OutputJournalLine l) {
        return common(JournalEntryType.OUTPUT, l.sourceId(), l.postingDate(), l.documentNo())
                .setOrderNo(l.orderNo())
                .setOrderLineNo(l.orderLineNo())
                .setOperationNo(nullToBlank(l.operationNo()))
                .setSetupTime(qty("setupTime", l.setupTime()))
                .setRunTime(qty("runTime", l.runTime()))
                .setStopTime(qty("stopTime", l.stopTime()))
                .setCapUnitOfMeasureCode(nullToBlank(l.capUnitOfMeasureCode()))
                .setOutputQuantity(qty("outputQuantity", l.outputQuantity()))
                .setScrapQuantity(qty("scrapQuantity", l.scrapQuantity()))
                .setScrapCode(nullToBlank(l.scrapCode()))
                .setStopCode(nullToBlank(l.stopCode()))
                .setFinished(l.finished())
                .setAppliesToEntry(l.appliesToEntry())
                .setStartingTime(l.startingTime())
                .setEndingTime(l.endingTime())
                .setConcurrentCapacity(qty("concurrentCapacity", l.concurrentCapacity()))
                .setWorkShiftCode(nullToBlank(l.workShiftCode()))
                .setBinCode(l.binCode())
                .build();
    }

    /** The inverse of {@link #journalLine} for a put-away line. */
    static JournalLine sourceRecord(PutAwayLine l) {
        return common(JournalEntryType.OUTPUT, l.sourceId(), l.postingDate(), l.documentNo())
                .setOrderNo(l.orderNo())
                .setOrderLineNo(l.orderLineNo())
                .setOutputQuantity(qty("outputQuantity", l.quantity()))
                .setInventoryPutAway(true)
                .setBinCode(l.binCode())
                .build();
    }

    /** The inverse of {@link #journalLine} for a consumption line (or return). */
    static JournalLine sourceRecord(ConsumptionJournalLine l) {
        return common(JournalEntryType.CONSUMPTION, l.sourceId(), l.postingDate(), l.documentNo())
                .setOrderNo(l.orderNo())
                .setOrderLineNo(l.orderLineNo())
                .setProdOrderCompLineNo(l.componentLineNo())
                .setQuantity(qty("quantity", l.quantity()))
                .setAppliesFromEntry(l.appliesFromEntry())
                .build();
    }

    /** The inverse of {@link #journalLine} for an order-less capacity line. */
    static JournalLine sourceRecord(CapacityJournalLine l) {
        return common(JournalEntryType.CAPACITY, l.sourceId(), l.postingDate(), l.documentNo())
                .setType(byName(l.type(), io.shopfloor.schema.common.CapacityType.class))
                .setNo(l.no())
                .setWorkShiftCode(nullToBlank(l.workShiftCode()))
                .setStartingTime(l.startingTime())
                .setEndingTime(l.endingTime())
                .setConcurrentCapacity(qty("concurrentCapacity", l.concurrentCapacity()))
                .setSetupTime(qty("setupTime", l.setupTime()))
                .setRunTime(qty("runTime", l.runTime()))
                .setStopTime(qty("stopTime", l.stopTime()))
                .setCapUnitOfMeasureCode(nullToBlank(l.capUnitOfMeasureCode()))
                .setStopCode(nullToBlank(l.stopCode()))
                .build();
    }

    /** Every field blank or zero but the common ones: each entry type sets what it reads. */
    private static JournalLine.Builder common(JournalEntryType type, String sourceId, java.time.LocalDate postingDate,
                                              String documentNo) {
        BigDecimal zero = qty("zero", BigDecimal.ZERO);
        return JournalLine.newBuilder()
                .setEntryType(type).setSourceId(sourceId).setPostingDate(postingDate)
                .setDocumentNo(nullToBlank(documentNo)).setOrderNo("").setOrderLineNo(0).setOperationNo("")
                .setType(null).setNo("").setSetupTime(zero).setRunTime(zero).setStopTime(zero)
                .setCapUnitOfMeasureCode("").setQtyPerCapUnitOfMeasure(zero).setOutputQuantity(zero)
                .setScrapQuantity(zero).setScrapCode("").setStopCode("").setFinished(false).setAppliesToEntry(null)
                .setAppliesFromEntry(null).setItemNo("").setProdOrderCompLineNo(null).setQuantity(zero)
                .setStartingTime(null).setEndingTime(null).setWorkShiftCode("").setConcurrentCapacity(zero)
                .setOperatorId(null);
    }

    /**
     * The sourceId seeds every idempotency key ({@code sourceId/ILE1}, ...), so it must be non-blank; and free of '/',
     * so that a person's line can never take the key of a machine or CDC line (their source ids contain '/').
     */
    private static String checkCommon(JournalLine line) {
        String id = line.getSourceId();
        if (isBlank(id) || id.contains("/")) {
            return line.getEntryType() + " line has sourceId '" + id + "': it must be non-blank and without '/'";
        }
        if (line.getPostingDate() == null) {
            return line.getEntryType() + " line " + id + " has no postingDate";
        }
        return null;
    }

    private static String checkOrderFields(JournalLine line) {
        if (isBlank(line.getOrderNo())) {
            return line.getEntryType() + " line " + line.getSourceId() + " has no orderNo";
        }
        if (line.getOrderLineNo() <= 0) {
            return line.getEntryType() + " line " + line.getSourceId() + " has no orderLineNo";
        }
        return null;
    }
}
