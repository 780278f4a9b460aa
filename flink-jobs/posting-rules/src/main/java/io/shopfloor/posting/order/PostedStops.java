package io.shopfloor.posting.order;

import io.shopfloor.posting.ledger.CapacityLedgerEntry;
import io.shopfloor.posting.ledger.LedgerEntry;
import io.shopfloor.posting.ledger.OrderType;
import io.shopfloor.posting.model.CapacityType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stop entries posted under one key (an order, or a center's stops without order) that a person may still
 * re-code (docs/capacity-costs.md#re-coding-a-stop): the latest {@link #maxStops} positive stop entries, each with
 * whether it was re-coded. Beyond the bound the oldest is forgotten, and a re-coding of it is refused like one of an
 * entry that is no stop, so a stop can never be reversed twice. Kept in the posting job's keyed state.
 */
public final class PostedStops {
    /** Stops kept per key: about a month of one machine's unexplained stops at 30 a day. */
    public static final int DEFAULT_MAX_STOPS = 1_000;

    /** What a reversal and the coded entries copy from the original stop entry. */
    public record Stop(long entryNo, CapacityType type, String no, String description, String workCenterNo,
                       String workCenterGroupCode, BigDecimal stopTime, String stopCode, String capUnitOfMeasureCode,
                       BigDecimal qtyPerCapUnitOfMeasure, OrderType orderType, String orderNo, int orderLineNo,
                       String routingNo, int routingReferenceNo, String operationNo, String itemNo,
                       String variantCode, String unitOfMeasureCode, BigDecimal qtyPerUnitOfMeasure,
                       LocalDate postingDate, String workShiftCode, boolean recoded) {

        static Stop of(CapacityLedgerEntry e) {
            return new Stop(e.entryNo(), e.type(), e.no(), e.description(), e.workCenterNo(),
                    e.workCenterGroupCode(), e.stopTime(), e.stopCode(), e.capUnitOfMeasureCode(),
                    e.qtyPerCapUnitOfMeasure(), e.orderType(), e.orderNo(), e.orderLineNo(), e.routingNo(),
                    e.routingReferenceNo(), e.operationNo(), e.itemNo(), e.variantCode(), e.unitOfMeasureCode(),
                    e.qtyPerUnitOfMeasure(), e.postingDate(), e.workShiftCode(), false);
        }

        Stop asRecoded() {
            return new Stop(entryNo, type, no, description, workCenterNo, workCenterGroupCode, stopTime, stopCode,
                    capUnitOfMeasureCode, qtyPerCapUnitOfMeasure, orderType, orderNo, orderLineNo, routingNo,
                    routingReferenceNo, operationNo, itemNo, variantCode, unitOfMeasureCode, qtyPerUnitOfMeasure,
                    postingDate, workShiftCode, true);
        }
    }

    private final int maxStops;
    /** By entry number, oldest first (entries are noted in posting order). */
    private final LinkedHashMap<Long, Stop> stops = new LinkedHashMap<>();

    public PostedStops() {
        this(DEFAULT_MAX_STOPS);
    }

    public PostedStops(int maxStops) {
        if (maxStops < 1) {
            throw new IllegalArgumentException("maxStops must be at least 1: " + maxStops);
        }
        this.maxStops = maxStops;
    }

    /** Notes the positive stop entries of one posting (a reversal, with negative stop time, is no stop). */
    public void note(List<? extends LedgerEntry> entries) {
        for (LedgerEntry entry : entries) {
            if (entry instanceof CapacityLedgerEntry c && c.stopTime() != null && c.stopTime().signum() > 0) {
                put(Stop.of(c));
            }
        }
    }

    /** For the job's state serializer, and for noting in order: the oldest is forgotten beyond the bound. */
    public void put(Stop stop) {
        stops.put(stop.entryNo(), stop);
        while (stops.size() > maxStops) {
            Map.Entry<Long, Stop> oldest = stops.entrySet().iterator().next();
            stops.remove(oldest.getKey());
        }
    }

    public Optional<Stop> find(long entryNo) {
        return Optional.ofNullable(stops.get(entryNo));
    }

    public void markRecoded(long entryNo) {
        Stop stop = stops.get(entryNo);
        if (stop != null) {
            stops.put(entryNo, stop.asRecoded()); // replacing a key keeps its place in the order
        }
    }

    /** Oldest first, for the job's state serializer. */
    public List<Stop> stops() {
        return new ArrayList<>(stops.values());
    }

    public int maxStops() {
        return maxStops;
    }

    public boolean isEmpty() {
        return stops.isEmpty();
    }
}
