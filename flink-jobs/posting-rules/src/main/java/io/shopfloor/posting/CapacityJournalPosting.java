package io.shopfloor.posting;

import io.shopfloor.posting.journal.CapacityJournalLine;
import io.shopfloor.posting.ledger.CapacityLedgerEntry;
import io.shopfloor.posting.ledger.OrderType;
import io.shopfloor.posting.ledger.ValueEntry;
import io.shopfloor.posting.ledger.ValueEntryType;
import io.shopfloor.posting.model.UnitCostCalculation;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Capacity journal without an order (docs/capacity-costs.md#capacity-journal): stop time is an unvalued capacity entry
 * with its stop code; setup/run
 * time is refused or posted valued, per {@link PostingSettings.OrderlessCapacityTime} (docs/open-points.md).
 */
final class CapacityJournalPosting {
    private static final BigDecimal ZERO_QTY = BigDecimal.ZERO.setScale(Rounding.QTY_SCALE);

    private CapacityJournalPosting() {
    }

    static void post(PostingContext ctx, CapacityJournalLine line) {
        if (line.documentNo() == null || line.documentNo().isBlank()) {
            throw PostingContext.refuse(RefusalReason.DOCUMENT_NO_REQUIRED, "capacity journal line " + line.sourceId());
        }
        CapacityRate rate = CapacityRate.of(ctx, line.type(), line.no(), null, true);
        BigDecimal factor = CapacityRate.conversionFactor(ctx, line.capUnitOfMeasureCode(), rate.unitOfMeasureCode());
        String entryUnit = line.capUnitOfMeasureCode() != null ? line.capUnitOfMeasureCode() : rate.unitOfMeasureCode();
        BigDecimal runTime = nz(line.runTime());
        if (line.startingTime() != null && line.endingTime() != null) {
            BigDecimal minutes = BigDecimal.valueOf(Duration.between(line.startingTime(), line.endingTime()).toMillis())
                    .divide(BigDecimal.valueOf(60_000));
            BigDecimal concurrent = line.concurrentCapacity() == null ? BigDecimal.ONE : line.concurrentCapacity();
            runTime = Rounding.qty(Rounding.divide(minutes, ctx.capacityUnit(entryUnit).minutesPerUnit()).multiply(concurrent));
        }
        BigDecimal setupBase = Rounding.qty(nz(line.setupTime()).multiply(factor));
        BigDecimal runBase = Rounding.qty(runTime.multiply(factor));
        BigDecimal stopBase = Rounding.qty(nz(line.stopTime()).multiply(factor));
        boolean hasTime = setupBase.signum() != 0 || runBase.signum() != 0;
        if (hasTime && ctx.settings.orderlessCapacityTime() == PostingSettings.OrderlessCapacityTime.REFUSE) {
            throw PostingContext.refuse(RefusalReason.ORDERLESS_CAPACITY_TIME,
                    "setup/run time without an order; post it as stop time with a stop code");
        }
        ctx.beginApply();
        if (stopBase.signum() != 0) {
            insert(ctx, line, rate, entryUnit, factor, stopBase, ZERO_QTY, ZERO_QTY, stopBase);
        }
        if (hasTime) {
            BigDecimal valued = ctx.masterData.manufacturingSetup().costInclSetup() ? setupBase.add(runBase) : runBase;
            long entryNo = insert(ctx, line, rate, entryUnit, factor, valued, setupBase, runBase, ZERO_QTY);
            CapacityRate.Split split = rate.split(valued);
            ctx.add(valueEntry(ctx, line, rate, entryNo, ValueEntryType.DIRECT_COST, valued, valued, split.direct()));
            if (split.indirect().signum() != 0) {
                ctx.add(valueEntry(ctx, line, rate, entryNo, ValueEntryType.INDIRECT_COST, valued, ZERO_QTY,
                        split.indirect()));
            }
        }
    }

    private static long insert(PostingContext ctx, CapacityJournalLine line, CapacityRate rate, String entryUnit,
                               BigDecimal factor, BigDecimal quantity, BigDecimal setup, BigDecimal run,
                               BigDecimal stop) {
        boolean timeCosted = rate.calculation() == UnitCostCalculation.TIME;
        long entryNo = ctx.nextCapacityLedgerEntryNo();
        ctx.add(new CapacityLedgerEntry(entryNo, ctx.capacityLedgerEntryKey(), null, rate.type(), rate.no(),
                rate.description(), rate.workCenter().no(), rate.workCenter().workCenterGroupCode(), false, quantity,
                quantity, true, setup, run, stop, timeCosted ? entryUnit : null, timeCosted ? factor : null, null,
                null, ZERO_QTY, ZERO_QTY, null, null, OrderType.NONE, null, 0, null, 0, line.postingDate(),
                line.postingDate(), line.documentNo(), null, line.startingTime(), line.endingTime(),
                line.concurrentCapacity(), line.workShiftCode(), stop.signum() != 0 ? line.stopCode() : null, null,
                false));
        return entryNo;
    }

    private static ValueEntry valueEntry(PostingContext ctx, CapacityJournalLine line, CapacityRate rate,
                                         long capacityEntryNo, ValueEntryType type, BigDecimal valued,
                                         BigDecimal invoiced, BigDecimal amount) {
        return new ValueEntry(ctx.nextValueEntryNo(), ctx.valueEntryKey(), null, capacityEntryNo, type, null, null,
                rate.type(), rate.no(), null, OrderType.NONE, null, 0, null, null, valued, invoiced, ZERO_QTY, amount,
                BigDecimal.ZERO.setScale(Rounding.AMOUNT_SCALE),
                valued.signum() == 0 ? BigDecimal.ZERO : Rounding.qty(Rounding.divide(amount, valued)), false, true,
                line.postingDate(), line.postingDate(), line.documentNo(), "CAPJNL", false);
    }

    private static BigDecimal nz(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
