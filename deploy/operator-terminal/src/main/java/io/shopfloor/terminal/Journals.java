package io.shopfloor.terminal;

import io.shopfloor.job.avro.JournalMapping;
import io.shopfloor.job.avro.MappingResult;
import io.shopfloor.job.order.OrderInput;
import io.shopfloor.posting.PostingResult;
import io.shopfloor.posting.PostingRules;
import io.shopfloor.posting.journal.CapacityJournalLine;
import io.shopfloor.posting.journal.ConsumptionJournalLine;
import io.shopfloor.posting.journal.CostAdjustmentRun;
import io.shopfloor.posting.journal.FinishOrder;
import io.shopfloor.posting.journal.OutputJournalLine;
import io.shopfloor.posting.journal.StopRecoding;
import io.shopfloor.posting.ledger.LedgerEntry;
import io.shopfloor.posting.model.MasterData;
import io.shopfloor.schema.common.CapacityType;
import io.shopfloor.schema.common.ProductionOrderStatus;
import io.shopfloor.schema.journal.JournalEntryType;
import io.shopfloor.schema.journal.JournalLine;
import io.shopfloor.schema.journal.OrderStatusChange;
import io.shopfloor.schema.journal.StopReason;
import io.shopfloor.schema.masterdata.ProdOrderRoutingLine;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The journals' business rules, without HTTP: who may post what (roles, own work center), the Avro journal line or
 * status change a form becomes, and the preview: the posting rules run as a dry run on the order's state rebuilt from
 * master data and the ledger, exactly as the job will post it (same mapping, same rules, same settings).
 */
public final class Journals {
    private final PostingRules rules;
    private final MasterDataFeed masterData;
    private final LedgerReads ledger;

    public Journals(PostingRules rules, MasterDataFeed masterData, LedgerReads ledger) {
        this.rules = rules;
        this.masterData = masterData;
        this.ledger = ledger;
    }

    /** Why a user may not post a request: a code for programs and a sentence for people. */
    public record Refusal(String code, String message) {
    }

    /** The role check; empty when the user may post this request. */
    public Optional<Refusal> mayPost(User user, JournalRequest request) throws SQLException {
        if (!user.role().mayPost()) {
            return Optional.of(new Refusal("READ_ONLY_ROLE", user.name() + " is a cost controller: read only"));
        }
        if (user.role() == Role.SUPERVISOR) {
            return Optional.empty();
        }
        if (user.role() == Role.WAREHOUSE_WORKER) {
            return Optional.of(new Refusal("PUT_AWAY_ONLY", user.name() + " is a warehouse worker: put-aways only"));
        }
        if (request.kind() == JournalRequest.Kind.FINISH) {
            return Optional.of(new Refusal("SUPERVISOR_ONLY", "only a supervisor finishes an order by hand"));
        }
        if (request.isCorrection()) {
            return Optional.of(new Refusal("SUPERVISOR_ONLY", "only a supervisor posts a correction"));
        }
        if (request.kind() == JournalRequest.Kind.RECODE) {
            Optional<LedgerReads.StopRow> stop = ledger.stop(request.stopKey(), request.stopEntryNo());
            if (stop.isEmpty()) {
                return Optional.empty(); // the preview says it is not a stop
            }
            return user.mayPostFor(stop.get().workCenterNo()) ? Optional.empty()
                    : Optional.of(otherCenter(user, "a stop on " + stop.get().workCenterNo()));
        }
        if (request.kind() == JournalRequest.Kind.CAPACITY) {
            String center = masterData.workCenterOf(request.capacityType(), request.capacityNo()).orElse(null);
            return user.mayPostFor(center) ? Optional.empty() : Optional.of(otherCenter(user, request.capacityNo()));
        }
        Optional<MasterDataFeed.ReleasedOrder> order = masterData.releasedOrder(request.orderNo());
        if (order.isEmpty()) {
            return Optional.empty(); // the preview says the order is not released; nobody's work center
        }
        if (request.kind() == JournalRequest.Kind.OUTPUT) {
            Optional<ProdOrderRoutingLine> operation = order.get().routingLines().stream()
                    .filter(r -> r.getOperationNo().equals(request.operationNo())).findFirst();
            if (operation.isEmpty()) {
                return Optional.empty(); // the preview says the operation does not exist
            }
            return user.mayPostFor(operation.get().getWorkCenterNo()) ? Optional.empty()
                    : Optional.of(otherCenter(user, "operation " + request.operationNo() + " ("
                    + operation.get().getWorkCenterNo() + ")"));
        }
        // Consumption: the operator's work center must work on the order.
        return order.get().workCenters().contains(user.workCenterNo()) ? Optional.empty()
                : Optional.of(otherCenter(user, "order " + request.orderNo()));
    }

    private static Refusal otherCenter(User user, String what) {
        return new Refusal("OTHER_WORK_CENTER", user.name() + " posts for work center " + user.workCenterNo()
                + " only, not for " + what);
    }

    /** The journal line of an output, consumption or capacity form; null for a finish. */
    public static JournalLine journalLine(JournalRequest r, String sourceId, String postedBy) {
        if (r.kind() == JournalRequest.Kind.FINISH) {
            return null;
        }
        JournalEntryType type = switch (r.kind()) {
            case OUTPUT -> JournalEntryType.OUTPUT;
            case CONSUMPTION -> JournalEntryType.CONSUMPTION;
            default -> JournalEntryType.CAPACITY;
        };
        return JournalLine.newBuilder()
                .setEntryType(type)
                .setSourceId(sourceId)
                .setPostingDate(r.postingDate())
                .setDocumentNo(r.documentNo())
                .setOrderNo(r.orderNo() == null ? "" : r.orderNo())
                .setOrderLineNo(r.orderLineNo())
                .setOperationNo(r.operationNo() == null ? "" : r.operationNo())
                .setType(r.capacityType() == null ? null : CapacityType.valueOf(r.capacityType()))
                .setNo(r.capacityNo() == null ? "" : r.capacityNo())
                .setSetupTime(scaled(r.setupTime()))
                .setRunTime(scaled(r.runTime()))
                .setStopTime(scaled(r.stopTime()))
                .setCapUnitOfMeasureCode(blank(r.capUnitOfMeasureCode()))
                .setQtyPerCapUnitOfMeasure(scaled(BigDecimal.ONE))
                .setOutputQuantity(scaled(r.outputQuantity()))
                .setScrapQuantity(scaled(r.scrapQuantity()))
                .setScrapCode(blank(r.scrapCode()))
                .setStopCode(blank(r.stopCode()))
                .setFinished(r.finished())
                .setAppliesToEntry(r.appliesToEntry())
                .setAppliesFromEntry(r.appliesFromEntry())
                .setBinCode(r.binCode())
                .setItemNo("")
                .setProdOrderCompLineNo(r.componentLineNo())
                .setQuantity(scaled(r.quantity()))
                .setWorkShiftCode("")
                .setConcurrentCapacity(scaled(BigDecimal.ZERO))
                .setPostedBy(postedBy)
                .build();
    }

    /**
     * The journal line of a re-coding form: a CAPACITY line naming the stop entry (appliesToCapacityEntry) on the
     * stop's key, the order no., or type and no. of the center of a stop without order; its reasons, nothing else.
     */
    public JournalLine recodingLine(JournalRequest r, String sourceId, String postedBy) throws SQLException {
        Optional<LedgerReads.StopRow> stop = ledger.stop(r.stopKey(), r.stopEntryNo());
        boolean onCenter = r.stopKey().startsWith(OrderInput.CAPACITY_KEY_PREFIX);
        BigDecimal zero = scaled(BigDecimal.ZERO);
        return JournalLine.newBuilder()
                .setEntryType(JournalEntryType.CAPACITY)
                .setSourceId(sourceId)
                .setPostingDate(r.postingDate())
                .setDocumentNo(r.documentNo().isEmpty() ? "STOP-" + r.stopEntryNo() : r.documentNo())
                .setOrderNo(onCenter ? "" : r.stopKey())
                .setOrderLineNo(0)
                .setOperationNo("")
                .setType(onCenter ? stop.map(s -> CapacityType.valueOf(s.type())).orElse(null) : null)
                .setNo(onCenter ? r.stopKey().substring(OrderInput.CAPACITY_KEY_PREFIX.length()) : "")
                .setSetupTime(zero).setRunTime(zero).setStopTime(zero)
                .setCapUnitOfMeasureCode("")
                .setQtyPerCapUnitOfMeasure(scaled(BigDecimal.ONE))
                .setOutputQuantity(zero).setScrapQuantity(zero)
                .setScrapCode("").setStopCode("").setFinished(false)
                .setItemNo("")
                .setQuantity(zero)
                .setWorkShiftCode("")
                .setConcurrentCapacity(zero)
                .setAppliesToCapacityEntry(r.stopEntryNo())
                .setStopReasons(r.reasons().stream().map(reason -> StopReason.newBuilder()
                        .setStopCode(reason.stopCode() == null ? "" : reason.stopCode())
                        .setStopTime(scaled(reason.stopTime())).build()).toList())
                .setPostedBy(postedBy)
                .build();
    }

    /** The status change of a finish form. */
    public static OrderStatusChange finish(JournalRequest r, String sourceId, Instant now) {
        return OrderStatusChange.newBuilder().setOrderNo(r.orderNo()).setFromStatus(ProductionOrderStatus.RELEASED)
                .setToStatus(ProductionOrderStatus.FINISHED).setPostingDate(r.postingDate()).setSourceId(sourceId)
                .setEventTime(now).build();
    }

    /**
     * A dry run: the entries the job would post for this request now, with the person on them, or its refusal in
     * words.
     */
    public Preview preview(JournalRequest r, String sourceId, String postedBy) throws SQLException {
        MasterData md = masterData.masterData();
        if (r.kind() == JournalRequest.Kind.RECODE) {
            if (ledger.stop(r.stopKey(), r.stopEntryNo()).isEmpty()) {
                return Preview.refused("APPLIES_TO_STOP_INVALID", Preview.inWords("APPLIES_TO_STOP_INVALID",
                        "entry " + r.stopEntryNo() + " of " + r.stopKey() + " is not a stop entry"));
            }
            MappingResult<Record> mapped = JournalMapping.journalLine(recodingLine(r, sourceId, postedBy));
            if (mapped instanceof MappingResult.Failed<Record> failed) {
                return Preview.refused("INVALID_LINE", failed.reason());
            }
            OrderLedgerRows rows = ledger.order(r.stopKey());
            if (rows.isFinished()) {
                return Preview.refused("ORDER_FINISHED", r.stopKey() + " is finished: its stops can no longer be "
                        + "re-coded");
            }
            StopRecoding line = (StopRecoding) ((MappingResult.Mapped<Record>) mapped).value();
            return Preview.of(rules.recodeStop(ledger.postedStops(r.stopKey()), line, md,
                    OrderState.numbersOnly(rows).numbers()));
        }
        if (r.kind() == JournalRequest.Kind.CAPACITY) {
            MappingResult<Record> mapped = JournalMapping.journalLine(journalLine(r, sourceId, null));
            if (mapped instanceof MappingResult.Failed<Record> failed) {
                return Preview.refused("INVALID_LINE", failed.reason());
            }
            CapacityJournalLine line = (CapacityJournalLine) ((MappingResult.Mapped<Record>) mapped).value();
            OrderLedgerRows rows = ledger.order(OrderInput.CAPACITY_KEY_PREFIX + line.no());
            OrderState.Rebuilt numbers = OrderState.numbersOnly(rows);
            return Preview.of(stamped(rules.postCapacity(line, md, numbers.numbers()), postedBy));
        }
        Optional<MasterDataFeed.ReleasedOrder> order = masterData.releasedOrder(r.orderNo());
        OrderLedgerRows rows = ledger.order(r.orderNo());
        if (rows.isFinished()) {
            return Preview.refused("ORDER_FINISHED", r.orderNo() + " is finished: nothing more can be posted on it");
        }
        if (order.isEmpty()) {
            return Preview.refused("ORDER_NOT_RELEASED", r.orderNo() + " is not a released production order");
        }
        OrderState.Rebuilt rebuilt = OrderState.rebuild(rules, order.get().definition(), md, rows);
        if (rebuilt.refusal() != null) {
            return Preview.refused("ORDER_NOT_DEFINED", rebuilt.refusal());
        }
        if (r.kind() == JournalRequest.Kind.FINISH) {
            // Mapped as the job maps the status change the Post sends.
            MappingResult<Record> mappedFinish = JournalMapping.orderStatusChange(finish(r, sourceId, Instant.EPOCH));
            if (mappedFinish instanceof MappingResult.Failed<Record> failed) {
                return Preview.refused("INVALID_LINE", failed.reason());
            }
            FinishOrder finish = (FinishOrder) ((MappingResult.Mapped<Record>) mappedFinish).value();
            PostingResult finished = rules.finish(rebuilt.order(), finish, md, rebuilt.numbers());
            if (!(finished instanceof PostingResult.Posted posted)) {
                return Preview.of(finished);
            }
            // The job adjusts the cost right after finishing (OrderLedger.Settings.DEFAULTS).
            PostingResult adjusted = rules.adjustCost(rebuilt.order(), new CostAdjustmentRun(sourceId + "/adjust",
                    r.postingDate()), md, rebuilt.numbers());
            List<LedgerEntry> entries = new ArrayList<>(posted.entries());
            if (adjusted instanceof PostingResult.Posted adjustment) {
                entries.addAll(adjustment.entries());
            }
            // Finishing and the cost adjustment are the rules' own entries: no person on them, as in the job.
            return Preview.of(new PostingResult.Posted(entries, posted.notices(), posted.itemCostUpdates()));
        }
        MappingResult<Record> mapped = JournalMapping.journalLine(journalLine(r, sourceId, null));
        if (mapped instanceof MappingResult.Failed<Record> failed) {
            return Preview.refused("INVALID_LINE", failed.reason());
        }
        Object line = ((MappingResult.Mapped<Record>) mapped).value();
        if (line instanceof OutputJournalLine output) {
            return Preview.of(stamped(rules.postOutput(rebuilt.order(), output, md, rebuilt.numbers()), postedBy));
        }
        return Preview.of(stamped(rules.postConsumption(rebuilt.order(), (ConsumptionJournalLine) line, md,
                rebuilt.numbers()), postedBy));
    }

    /** The person on the entries, as the job stamps a person's line (OrderPostingFunction). */
    /** The person on every entry of a posting, as the job stamps them. */
    static PostingResult stamped(PostingResult result, String postedBy) {
        return result instanceof PostingResult.Posted posted ? posted.postedBy(postedBy) : result;
    }

    /** The order's output entries with open quantity (the job's entry numbers): what a correction applies to. */
    public List<OpenEntry> openOutputEntries(String orderNo, int orderLineNo) throws SQLException {
        List<OrderLedgerRows.Item> items = ledger.order(orderNo).itemEntries();
        List<OpenEntry> open = new ArrayList<>();
        for (OrderLedgerRows.Item item : items) {
            if ("OUTPUT".equals(item.entryType()) && item.orderLineNo() == orderLineNo
                    && item.remainingQuantity().signum() > 0) {
                open.add(new OpenEntry(item.entryNo(), item.remainingQuantity(), item.costAmountExpected()));
            }
        }
        // The store keeps each entry as posted: what later corrections applied to it is subtracted here.
        for (OrderLedgerRows.Item item : items) {
            if (item.appliesToEntryNo() != null) {
                open.replaceAll(e -> e.entryNo() == item.appliesToEntryNo()
                        ? new OpenEntry(e.entryNo(), e.remainingQuantity().add(item.quantity()), e.costAmountExpected())
                        : e);
            }
        }
        open.removeIf(e -> e.remainingQuantity().signum() <= 0);
        return open;
    }

    public record OpenEntry(long entryNo, BigDecimal remainingQuantity, BigDecimal costAmountExpected) {
    }

    private static BigDecimal scaled(BigDecimal value) {
        return value.setScale(5);
    }

    private static String blank(String value) {
        return value == null ? "" : value;
    }
}
