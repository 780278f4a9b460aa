package io.shopfloor.posting.ledger;

import java.io.Serializable;

import io.shopfloor.posting.model.CapacityType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Capacity Ledger Entry (table 5832). {@code quantity} is the valued quantity (setup + run time with Cost Incl.
 * Setup, run time without it, output + scrap for Units costing, stop time for a stop entry); analyse time with
 * the setup/run/stop fields. Times are in the work center's capacity unit; output and scrap in base units.
 * The capacity unit of measure fields are filled only for Time costing, as in BC. {@code appliesToEntryNo} names
 * the stop entry a re-coding reverses (docs/capacity-costs.md#re-coding-a-stop), null on every other entry;
 * {@code postedBy} is the person who posted the input (null when a machine or the ERP did).
 */
public record CapacityLedgerEntry(long entryNo, String idempotencyKey, String operationNo, CapacityType type,
                                  String no, String description, String workCenterNo, String workCenterGroupCode,
                                  boolean subcontracting, BigDecimal quantity, BigDecimal invoicedQuantity,
                                  boolean completelyInvoiced, BigDecimal setupTime, BigDecimal runTime,
                                  BigDecimal stopTime, String capUnitOfMeasureCode,
                                  BigDecimal qtyPerCapUnitOfMeasure, String itemNo, String variantCode,
                                  BigDecimal outputQuantity, BigDecimal scrapQuantity, String unitOfMeasureCode,
                                  BigDecimal qtyPerUnitOfMeasure, OrderType orderType, String orderNo,
                                  int orderLineNo, String routingNo, int routingReferenceNo, LocalDate postingDate,
                                  LocalDate documentDate, String documentNo, String externalDocumentNo,
                                  Instant startingTime, Instant endingTime, BigDecimal concurrentCapacity,
                                  String workShiftCode, String stopCode, String scrapCode, boolean lastOutputLine,
                                  Long appliesToEntryNo, String postedBy)
        implements Serializable, LedgerEntry {

    /** An entry that reverses nothing, not (yet) stamped with a person. */
    public CapacityLedgerEntry(long entryNo, String idempotencyKey, String operationNo, CapacityType type, String no,
                               String description, String workCenterNo, String workCenterGroupCode,
                               boolean subcontracting, BigDecimal quantity, BigDecimal invoicedQuantity,
                               boolean completelyInvoiced, BigDecimal setupTime, BigDecimal runTime,
                               BigDecimal stopTime, String capUnitOfMeasureCode, BigDecimal qtyPerCapUnitOfMeasure,
                               String itemNo, String variantCode, BigDecimal outputQuantity,
                               BigDecimal scrapQuantity, String unitOfMeasureCode, BigDecimal qtyPerUnitOfMeasure,
                               OrderType orderType, String orderNo, int orderLineNo, String routingNo,
                               int routingReferenceNo, LocalDate postingDate, LocalDate documentDate,
                               String documentNo, String externalDocumentNo, Instant startingTime,
                               Instant endingTime, BigDecimal concurrentCapacity, String workShiftCode,
                               String stopCode, String scrapCode, boolean lastOutputLine) {
        this(entryNo, idempotencyKey, operationNo, type, no, description, workCenterNo, workCenterGroupCode,
                subcontracting, quantity, invoicedQuantity, completelyInvoiced, setupTime, runTime, stopTime,
                capUnitOfMeasureCode, qtyPerCapUnitOfMeasure, itemNo, variantCode, outputQuantity, scrapQuantity,
                unitOfMeasureCode, qtyPerUnitOfMeasure, orderType, orderNo, orderLineNo, routingNo,
                routingReferenceNo, postingDate, documentDate, documentNo, externalDocumentNo, startingTime,
                endingTime, concurrentCapacity, workShiftCode, stopCode, scrapCode, lastOutputLine, null, null);
    }

    /** This entry with the person who posted it. */
    public CapacityLedgerEntry withPostedBy(String person) {
        return new CapacityLedgerEntry(entryNo, idempotencyKey, operationNo, type, no, description, workCenterNo,
                workCenterGroupCode, subcontracting, quantity, invoicedQuantity, completelyInvoiced, setupTime,
                runTime, stopTime, capUnitOfMeasureCode, qtyPerCapUnitOfMeasure, itemNo, variantCode,
                outputQuantity, scrapQuantity, unitOfMeasureCode, qtyPerUnitOfMeasure, orderType, orderNo,
                orderLineNo, routingNo, routingReferenceNo, postingDate, documentDate, documentNo,
                externalDocumentNo, startingTime, endingTime, concurrentCapacity, workShiftCode, stopCode, scrapCode,
                lastOutputLine, appliesToEntryNo, person);
    }
}
