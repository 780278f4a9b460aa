package io.shopfloor.job.types;

import io.shopfloor.job.machine.ReportedLine;
import io.shopfloor.job.machine.WindowTotals;
import io.shopfloor.job.order.OrderInput;
import io.shopfloor.posting.order.OrderStatus;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** Flink's serializer contract tests for machine lines, window totals and a rare input (Java-serialized). */
class OrderInputSerializerTest extends SerializerTestBase<OrderInput> {
    static final Instant T = Instant.parse("2026-03-02T08:00:00Z");

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
            // planned stop time and parts counted when a silence ended
            new OrderInput.Totals(new WindowTotals("ASSY-3", T, T.plusSeconds(60), "RPO-1001", 10000, "20", 7, 1,
                    0, 20_000, 40_000, 0, 0, 30_000, 5)),
            new OrderInput.StatusChange("RPO-1001", OrderStatus.FINISHED, "status-1", LocalDate.of(2026, 3, 3)),
        };
    }
}
