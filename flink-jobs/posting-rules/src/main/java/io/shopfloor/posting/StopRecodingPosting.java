package io.shopfloor.posting;

import io.shopfloor.posting.journal.StopRecoding;
import io.shopfloor.posting.ledger.CapacityLedgerEntry;
import io.shopfloor.posting.order.PostedStops;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;

/**
 * Re-coding a posted stop (docs/capacity-costs.md#re-coding-a-stop): the ledger is append-only, so the stop entry is
 * reversed (negative stop time, its own stop code, Applies-to the original) and one coded stop entry is posted per
 * reason. Stop entries are unvalued, so no value entries.
 */
final class StopRecodingPosting {
    private static final BigDecimal ZERO_QTY = BigDecimal.ZERO.setScale(Rounding.QTY_SCALE);

    private StopRecodingPosting() {
    }

    static void post(PostingContext ctx, PostedStops stops, StopRecoding line) {
        if (line.documentNo() == null || line.documentNo().isBlank()) {
            throw PostingContext.refuse(RefusalReason.DOCUMENT_NO_REQUIRED, "stop re-coding " + line.sourceId());
        }
        long originalNo = line.appliesToCapacityEntryNo();
        PostedStops.Stop original = stops.find(originalNo).orElseThrow(() -> PostingContext.refuse(
                RefusalReason.APPLIES_TO_STOP_INVALID, "capacity entry " + originalNo
                        + " is not a stop entry posted here (not posted under this key, not a stop, a reversal, or"
                        + " older than the last " + stops.maxStops() + " stops)"));
        if (original.recoded()) {
            throw PostingContext.refuse(RefusalReason.STOP_ALREADY_RECODED, "stop entry " + originalNo
                    + " was re-coded before; re-code the entries that re-coding posted");
        }
        if (line.postingDate().isBefore(original.postingDate())) {
            throw PostingContext.refuse(RefusalReason.POSTING_DATE_BEFORE_STOP, "posting date " + line.postingDate()
                    + " is before stop entry " + originalNo + "'s " + original.postingDate());
        }
        checkReasons(line, original);
        ctx.beginApply();
        BigDecimal stopTime = Rounding.qty(original.stopTime());
        insert(ctx, line, original, stopTime.negate(), original.stopCode(), originalNo);
        for (StopRecoding.Reason reason : line.reasons()) {
            insert(ctx, line, original, Rounding.qty(reason.stopTime()), reason.stopCode().trim(), null);
        }
        stops.markRecoded(originalNo);
    }

    private static void checkReasons(StopRecoding line, PostedStops.Stop original) {
        if (line.reasons().isEmpty() || line.reasons().size() > StopRecoding.MAX_REASONS) {
            throw PostingContext.refuse(RefusalReason.STOP_REASON_INVALID, "a re-coding names 1 to "
                    + StopRecoding.MAX_REASONS + " reasons, not " + line.reasons().size());
        }
        BigDecimal sum = BigDecimal.ZERO;
        Set<String> codes = new HashSet<>();
        for (StopRecoding.Reason reason : line.reasons()) {
            if (reason.stopCode() == null || reason.stopCode().isBlank()) {
                throw PostingContext.refuse(RefusalReason.STOP_REASON_INVALID, "every reason needs a stop code");
            }
            if (reason.stopTime() == null || reason.stopTime().signum() <= 0
                    || reason.stopTime().stripTrailingZeros().scale() > Rounding.QTY_SCALE) {
                throw PostingContext.refuse(RefusalReason.STOP_REASON_INVALID, "stop time of " + reason.stopCode()
                        + " must be positive with at most " + Rounding.QTY_SCALE + " decimals: "
                        + reason.stopTime());
            }
            if (!codes.add(reason.stopCode().trim())) {
                throw PostingContext.refuse(RefusalReason.STOP_REASON_INVALID, "stop code " + reason.stopCode()
                        + " is named twice: give it the sum of its times");
            }
            sum = sum.add(reason.stopTime());
        }
        if (sum.compareTo(original.stopTime()) != 0) {
            throw PostingContext.refuse(RefusalReason.STOP_TIMES_DO_NOT_SUM, "the reasons' times sum to "
                    + sum.stripTrailingZeros().toPlainString() + ", stop entry " + original.entryNo() + " has "
                    + original.stopTime().stripTrailingZeros().toPlainString());
        }
    }

    /** A stop entry like the original (center, order fields, units) with this stop time and code. */
    private static void insert(PostingContext ctx, StopRecoding line, PostedStops.Stop o, BigDecimal stopTime,
                               String stopCode, Long appliesTo) {
        ctx.add(new CapacityLedgerEntry(ctx.nextCapacityLedgerEntryNo(), ctx.capacityLedgerEntryKey(),
                o.operationNo(), o.type(), o.no(), o.description(), o.workCenterNo(), o.workCenterGroupCode(), false,
                stopTime, stopTime, true, ZERO_QTY, ZERO_QTY, stopTime, o.capUnitOfMeasureCode(),
                o.qtyPerCapUnitOfMeasure(), o.itemNo(), o.variantCode(), ZERO_QTY, ZERO_QTY, o.unitOfMeasureCode(),
                o.qtyPerUnitOfMeasure(), o.orderType(), o.orderNo(), o.orderLineNo(), o.routingNo(),
                o.routingReferenceNo(), line.postingDate(), line.postingDate(), line.documentNo(), null, null, null,
                null, o.workShiftCode(), stopCode, null, false, appliesTo, line.postedBy()));
    }
}
