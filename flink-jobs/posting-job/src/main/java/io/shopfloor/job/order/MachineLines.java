package io.shopfloor.job.order;

import io.shopfloor.job.machine.ReportedLine;
import io.shopfloor.posting.journal.CapacityJournalLine;
import io.shopfloor.posting.journal.OutputJournalLine;
import io.shopfloor.posting.model.CapacityType;

import java.math.BigDecimal;

/**
 * A machine's reported lines as journal lines: times in MINUTES, output and scrap in the order line's unit
 * (a counter counts order-line units), stop time always on its own line. Order-less stop time becomes a capacity
 * journal line on the machine center whose number is the machine id.
 */
public final class MachineLines {
    public static final String SOURCE_CODE = "MACHINE";
    static final String MINUTES = "MINUTES";

    private MachineLines() {
    }

    public static OutputJournalLine outputLine(ReportedLine line) {
        return OutputJournalLine.builder(line.sourceId(), line.orderNo(), line.orderLineNo(), line.operationNo())
                .postingDate(line.postingDate())
                .documentNo(line.orderNo())
                .capUnitOfMeasure(MINUTES)
                .setupTime(line.setupMinutes())
                .runTime(line.runMinutes())
                .stopTime(line.stopMinutes(), line.stopCode())
                .output(BigDecimal.valueOf(line.outputQuantity()))
                .scrap(BigDecimal.valueOf(line.scrapQuantity()), null)
                .finished(line.finished())
                .times(line.startingTime(), line.endingTime())
                .workShift(line.workShiftCode())
                .sourceCode(SOURCE_CODE)
                .build();
    }

    public static CapacityJournalLine capacityLine(ReportedLine line) {
        return new CapacityJournalLine(line.sourceId(), line.postingDate(), line.machineId(),
                CapacityType.MACHINE_CENTER, line.machineId(), line.workShiftCode(), null, null, BigDecimal.ONE,
                null, null, line.stopMinutes(), MINUTES, line.stopCode());
    }
}
