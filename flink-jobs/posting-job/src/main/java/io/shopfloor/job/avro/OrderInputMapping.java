package io.shopfloor.job.avro;

import io.shopfloor.job.masterdata.CalendarRows;
import io.shopfloor.job.masterdata.MasterDataChange;
import io.shopfloor.schema.masterdata.CalendarAbsenceEntry;
import io.shopfloor.schema.masterdata.ShopCalendarHoliday;
import io.shopfloor.schema.masterdata.ShopCalendarWorkingDay;
import io.shopfloor.job.order.OrderAssembly;
import io.shopfloor.job.order.OrderInput;
import io.shopfloor.posting.journal.CapacityJournalLine;
import io.shopfloor.posting.journal.ConsumptionJournalLine;
import io.shopfloor.posting.journal.FinishOrder;
import io.shopfloor.posting.journal.OutputJournalLine;
import io.shopfloor.posting.journal.PutAwayLine;
import io.shopfloor.posting.journal.ReleaseOrder;
import io.shopfloor.posting.journal.StopRecoding;
import io.shopfloor.posting.order.OrderStatus;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.common.ProductionOrderStatus;
import io.shopfloor.schema.journal.JournalLine;
import io.shopfloor.schema.journal.OrderStatusChange;
import io.shopfloor.schema.masterdata.Item;
import io.shopfloor.schema.masterdata.Location;
import io.shopfloor.schema.masterdata.MachineCenter;
import io.shopfloor.schema.masterdata.ManufacturingSetup;
import io.shopfloor.schema.masterdata.ProdOrderComponent;
import io.shopfloor.schema.masterdata.ProdOrderLine;
import io.shopfloor.schema.masterdata.ProdOrderRoutingLine;
import io.shopfloor.schema.masterdata.ProductionOrder;
import io.shopfloor.schema.masterdata.WorkCenter;

import org.apache.avro.specific.SpecificRecord;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * CDC records, journal lines and status changes (Avro) as inputs of the per-order stage, and shared master data
 * as broadcast changes. Source ids are derived from the record (order, status, log position), so a replay of a
 * topic gives the same ids and therefore the same idempotency keys.
 */
public final class OrderInputMapping {

    private OrderInputMapping() {
    }

    public static OrderInput header(ProductionOrder order, Instant eventTime, ZoneId plantZone) {
        OrderStatus status = MasterDataMapping.orderStatus(order.getStatus());
        return new OrderInput.Header(new OrderAssembly.Header(order.getNo(), order.getDescription(), order.getSourceNo(),
                order.getLocationCode(), order.getBlocked()), status, order.getDeleted(),
                "cdc/" + order.getNo() + "/" + status + (order.getDeleted() ? "/deleted/" : "/")
                        + position(order.getSourceLsn(), eventTime),
                LocalDate.ofInstant(eventTime, plantZone));
    }

    public static OrderInput line(ProdOrderLine line) {
        return new OrderInput.Definition(line.getProdOrderNo(), MasterDataMapping.line(line), null, null,
                line.getDeleted(), "cdc/line/" + line.getProdOrderNo() + "/" + line.getLineNo());
    }

    public static OrderInput routingLine(ProdOrderRoutingLine r) {
        return new OrderInput.Definition(r.getProdOrderNo(), null, MasterDataMapping.routingLine(r), null,
                r.getDeleted(), "cdc/routing/" + r.getProdOrderNo() + "/" + r.getOperationNo());
    }

    public static OrderInput component(ProdOrderComponent c) {
        return new OrderInput.Definition(c.getProdOrderNo(), null, null, MasterDataMapping.component(c),
                c.getDeleted(), "cdc/component/" + c.getProdOrderNo() + "/" + c.getProdOrderLineNo() + "/" + c.getLineNo());
    }

    /** A journal line entered by a person, or the reason it cannot be posted. */
    public static MappingResult<OrderInput> journalLine(JournalLine line) {
        MappingResult<Record> mapped = JournalMapping.journalLine(line);
        if (mapped instanceof MappingResult.Failed<Record> failed) {
            return MappingResult.failed(failed.reason());
        }
        Object value = ((MappingResult.Mapped<Record>) mapped).value();
        String postedBy = line.getPostedBy();
        if (value instanceof OutputJournalLine output) {
            return MappingResult.mapped(new OrderInput.Output(output, postedBy));
        }
        if (value instanceof PutAwayLine putAway) {
            return MappingResult.mapped(new OrderInput.PutAway(putAway, postedBy));
        }
        if (value instanceof ConsumptionJournalLine consumption) {
            return MappingResult.mapped(new OrderInput.Consumption(consumption, postedBy));
        }
        if (value instanceof StopRecoding recoding) {
            boolean onOrder = !AvroValues.isBlank(line.getOrderNo());
            return MappingResult.mapped(new OrderInput.StopRecode(onOrder ? line.getOrderNo() : null,
                    onOrder || line.getType() == null ? null
                            : AvroValues.byName(line.getType(), io.shopfloor.posting.model.CapacityType.class),
                    onOrder ? null : line.getNo(), recoding));
        }
        return MappingResult.mapped(new OrderInput.Capacity((CapacityJournalLine) value, postedBy));
    }

    public static MappingResult<OrderInput> statusChange(OrderStatusChange change) {
        MappingResult<Record> mapped = JournalMapping.orderStatusChange(change);
        if (mapped instanceof MappingResult.Failed<Record> failed) {
            return MappingResult.failed(failed.reason());
        }
        Object value = ((MappingResult.Mapped<Record>) mapped).value();
        if (value instanceof ReleaseOrder release) {
            return MappingResult.mapped(new OrderInput.StatusChange(change.getOrderNo(), OrderStatus.RELEASED,
                    release.sourceId(), release.postingDate()));
        }
        FinishOrder finish = (FinishOrder) value;
        return MappingResult.mapped(new OrderInput.StatusChange(change.getOrderNo(), OrderStatus.FINISHED,
                finish.sourceId(), finish.postingDate()));
    }

    /**
     * The record a person's journal line or status change came from, as far as the mapping reads it, so that a
     * refused one is dead-lettered ready to re-drive: mapping it again gives the same input. Not given back: the
     * fields the mapping ignores (operation type, item no., quantity per capacity unit, operator of a line; the
     * rules derive or do not read those) and a status change's from-status other than what the mapping
     * distinguishes. Null for inputs that are not records of a posting-input topic (machine lines, CDC rows, KPI
     * totals).
     *
     * @param eventTime the input's event time (a status change carries it in its record)
     */
    public static SpecificRecord sourceRecord(OrderInput input, Instant eventTime) {
        if (input instanceof OrderInput.Output output) {
            return withPostedBy(JournalMapping.sourceRecord(output.line()), output.postedBy());
        }
        if (input instanceof OrderInput.PutAway putAway) {
            return withPostedBy(JournalMapping.sourceRecord(putAway.line()), putAway.postedBy());
        }
        if (input instanceof OrderInput.Consumption consumption) {
            return withPostedBy(JournalMapping.sourceRecord(consumption.line()), consumption.postedBy());
        }
        if (input instanceof OrderInput.Capacity capacity) {
            return withPostedBy(JournalMapping.sourceRecord(capacity.line()), capacity.postedBy());
        }
        if (input instanceof OrderInput.StopRecode recode) {
            return JournalMapping.sourceRecord(recode.orderNo(), recode.type(), recode.no(), recode.line());
        }
        if (input instanceof OrderInput.StatusChange change) {
            boolean release = change.status() == OrderStatus.RELEASED;
            return OrderStatusChange.newBuilder()
                    .setOrderNo(change.orderNo())
                    .setFromStatus(release ? ProductionOrderStatus.FIRM_PLANNED : ProductionOrderStatus.RELEASED)
                    .setToStatus(release ? ProductionOrderStatus.RELEASED : ProductionOrderStatus.FINISHED)
                    .setPostingDate(change.postingDate())
                    .setSourceId(change.sourceId())
                    .setEventTime(eventTime)
                    .build();
        }
        return null;
    }

    private static JournalLine withPostedBy(JournalLine line, String postedBy) {
        line.setPostedBy(postedBy);
        return line;
    }

    /** The topic of {@link #sourceRecord}'s record (null where that is null). */
    public static String sourceTopic(OrderInput input) {
        if (input instanceof OrderInput.StatusChange) {
            return KafkaTopics.ORDER_STATUS_CHANGES;
        }
        boolean journalLine = input instanceof OrderInput.Output || input instanceof OrderInput.Consumption
                || input instanceof OrderInput.Capacity || input instanceof OrderInput.PutAway
                || input instanceof OrderInput.StopRecode;
        return journalLine ? KafkaTopics.JOURNAL_LINES : null;
    }

    public static MasterDataChange item(Item item) {
        return MasterDataChange.of(MasterDataMapping.item(item)).deletedIf(item.getDeleted());
    }

    public static MasterDataChange workCenter(WorkCenter workCenter) {
        return MasterDataChange.of(MasterDataMapping.workCenter(workCenter)).deletedIf(workCenter.getDeleted());
    }

    /** The work center and, as a record of its own, its shop calendar code (the rules' work center has none). */
    public static java.util.List<MasterDataChange> workCenterWithCalendar(WorkCenter workCenter) {
        // Calendar rows inserted while the plant runs (not a snapshot: a log position) apply from their time.
        return java.util.List.of(workCenter(workCenter), MasterDataChange.of(new CalendarRows.CenterCalendar(
                workCenter.getNo(), workCenter.getShopCalendarCode())).deletedIf(workCenter.getDeleted())
                .validFromItsTime(workCenter.getSourceLsn() != null));
    }

    public static MasterDataChange workingDay(ShopCalendarWorkingDay day) {
        return MasterDataChange.of(MasterDataMapping.workingTime(day)).deletedIf(day.getDeleted())
                .validFromItsTime(day.getSourceLsn() != null);
    }

    public static MasterDataChange holiday(ShopCalendarHoliday holiday) {
        return MasterDataChange.of(MasterDataMapping.holiday(holiday)).deletedIf(holiday.getDeleted())
                .validFromItsTime(holiday.getSourceLsn() != null);
    }

    /**
     * A stop code; one the ERP inserted while the plant ran (a log position) applies from its time on, like a flag
     * changed later: windows before keep what the code was then (unknown: a loss).
     */
    public static MasterDataChange stopCode(io.shopfloor.schema.masterdata.StopCode stopCode) {
        return MasterDataChange.of(MasterDataMapping.stopCode(stopCode)).deletedIf(stopCode.getDeleted())
                .validFromItsTime(stopCode.getSourceLsn() != null);
    }

    public static MasterDataChange absence(CalendarAbsenceEntry entry) {
        return MasterDataChange.of(MasterDataMapping.absence(entry), entry.getCapacityType().name())
                .deletedIf(entry.getDeleted()).validFromItsTime(entry.getSourceLsn() != null);
    }

    public static MasterDataChange machineCenter(MachineCenter machineCenter) {
        return MasterDataChange.of(MasterDataMapping.machineCenter(machineCenter)).deletedIf(machineCenter.getDeleted());
    }

    public static MasterDataChange location(Location location) {
        return MasterDataChange.of(MasterDataMapping.location(location)).deletedIf(location.getDeleted());
    }

    public static MasterDataChange manufacturingSetup(ManufacturingSetup setup) {
        return MasterDataChange.of(MasterDataMapping.manufacturingSetup(setup));
    }

    private static String position(Long sourceLsn, Instant eventTime) {
        return sourceLsn != null ? "lsn" + sourceLsn : "t" + eventTime.toEpochMilli();
    }
}
