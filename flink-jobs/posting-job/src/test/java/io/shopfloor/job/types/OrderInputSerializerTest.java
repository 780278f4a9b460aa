package io.shopfloor.job.types;

import io.shopfloor.job.machine.ReportedLine;
import io.shopfloor.job.machine.WindowTotals;
import io.shopfloor.job.order.OrderAssembly;
import io.shopfloor.job.order.OrderInput;
import io.shopfloor.posting.SetA;
import io.shopfloor.posting.journal.CapacityJournalLine;
import io.shopfloor.posting.journal.ConsumptionJournalLine;
import io.shopfloor.posting.journal.OutputJournalLine;
import io.shopfloor.posting.model.CapacityType;
import io.shopfloor.posting.order.OrderDefinition;
import io.shopfloor.posting.order.OrderStatus;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** Flink's serializer contract tests for every kind of order input (each is held in keyed state). */
class OrderInputSerializerTest extends SerializerTestBase<OrderInput> {
    static final Instant T = Instant.parse("2026-03-02T08:00:00Z");
    static final OrderDefinition DEFINITION = new SetA().definition();

    @Override
    protected TypeSerializer<OrderInput> createSerializer() {
        return OrderInputSerializer.INSTANCE;
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<OrderInput> getTypeClass() {
        return OrderInput.class;
    }

    @Override
    protected OrderInput[] getTestData() {
        return new OrderInput[] {
            new OrderInput.MachineLine(new ReportedLine("CUT-1/RPO-1001/10000/10/1772438460000",
                    ReportedLine.Kind.OUTPUT, "CUT-1", "RPO-1001", 10000, "10", T, T.plusSeconds(60),
                    LocalDate.of(2026, 3, 2), "EARLY", new BigDecimal("0.50000"), new BigDecimal("0.16667"),
                    BigDecimal.ZERO, null, 42, 1, true, "OP-7")),
            new OrderInput.MachineLine(new ReportedLine("CUT-3/maintenance/stop/MAINT", ReportedLine.Kind.CAPACITY_STOP,
                    "CUT-3", null, 0, null, T, T.plusSeconds(60), LocalDate.of(2026, 3, 2), "EARLY", BigDecimal.ZERO,
                    BigDecimal.ZERO, new BigDecimal("1.00000"), "MAINT", 0, 0, false, null)),
            new OrderInput.Totals(new WindowTotals("ASSY-1", T, T.plusSeconds(60), "RPO-1001", 10000, "20", 40, 2,
                    0, 55_000, 5_000, 0, 0)),
            new OrderInput.Totals(new WindowTotals("ASSY-2", T, T.plusSeconds(60), null, 0, null, 0, 0, 0, 0, 0,
                    60_000, 0)),
            new OrderInput.StatusChange("RPO-1001", OrderStatus.FINISHED, "status-1", LocalDate.of(2026, 3, 3)),
            new OrderInput.Output(OutputJournalLine.builder("manual-1", "RPO-1001", 10000, "10")
                    .postingDate(LocalDate.of(2026, 3, 2)).runTime("5").output("3").scrap(BigDecimal.ONE, "BENT")
                    .appliesToEntry(7L).times(T, T.plusSeconds(60)).workShift("EARLY").build()),
            new OrderInput.Consumption(new ConsumptionJournalLine("consumption-1", LocalDate.of(2026, 3, 2), "DOC-1",
                    "RPO-1001", 10000, 10000, new BigDecimal("-2.5"), 4L)),
            new OrderInput.Capacity(new CapacityJournalLine("capacity-1", LocalDate.of(2026, 3, 2), "DOC-2",
                    CapacityType.MACHINE_CENTER, "MC-ASSY", "EARLY", T, T.plusSeconds(3600), BigDecimal.ONE, null,
                    new BigDecimal("60"), BigDecimal.ZERO, "MINUTES", null)),
            new OrderInput.Header(new OrderAssembly.Header("RPO-1001", "FG-100 x 100", "FG-100", "MAIN", false),
                    OrderStatus.RELEASED, false, "cdc-header", LocalDate.of(2026, 3, 1)),
            new OrderInput.Definition("RPO-1001", DEFINITION.lines().get(0), null, null, false, "cdc-line"),
            new OrderInput.Definition("RPO-1001", null, DEFINITION.routingLines().get(1), null, true, "cdc-op"),
            new OrderInput.Definition("RPO-1001", null, null, DEFINITION.components().get(0), false, "cdc-comp"),
        };
    }
}
