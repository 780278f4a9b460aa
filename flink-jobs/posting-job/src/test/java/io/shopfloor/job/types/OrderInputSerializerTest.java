package io.shopfloor.job.types;

import io.shopfloor.job.machine.ReportedLine;
import io.shopfloor.job.machine.WindowTotals;
import io.shopfloor.job.order.OrderAssembly;
import io.shopfloor.job.order.OrderInput;
import io.shopfloor.posting.SetA;
import io.shopfloor.posting.journal.CapacityJournalLine;
import io.shopfloor.posting.journal.StopRecoding;
import io.shopfloor.posting.journal.ConsumptionJournalLine;
import io.shopfloor.posting.journal.OutputJournalLine;
import io.shopfloor.posting.journal.PutAwayLine;
import io.shopfloor.posting.model.CapacityType;
import io.shopfloor.posting.order.OrderDefinition;
import io.shopfloor.posting.order.OrderStatus;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
            // planned stop time and parts counted when a silence ended
            new OrderInput.Totals(new WindowTotals("ASSY-3", T, T.plusSeconds(60), "RPO-1001", 10000, "20", 7, 1,
                    0, 20_000, 40_000, 0, 0, 30_000, 5)),
            // stop time by code (kind 64, the totals' own format)
            new OrderInput.Totals(new WindowTotals("ASSY-4", T, T.plusSeconds(60), "RPO-1001", 10000, "20", 7, 1,
                    0, 10_000, 50_000, 0, 0, 0, 0, new java.util.TreeMap<>(java.util.Map.of("JAM", 20_000L,
                    "MAINT", 30_000L)))),
            new OrderInput.StatusChange("RPO-1001", OrderStatus.FINISHED, "status-1", LocalDate.of(2026, 3, 3)),
            new OrderInput.Output(OutputJournalLine.builder("manual-1", "RPO-1001", 10000, "10")
                    .postingDate(LocalDate.of(2026, 3, 2)).runTime("5").output("3").scrap(BigDecimal.ONE, "BENT")
                    .appliesToEntry(7L).times(T, T.plusSeconds(60)).workShift("EARLY").build()),
            new OrderInput.PutAway(new PutAwayLine("put-away-1", LocalDate.of(2026, 3, 2), "PA-1", "RPO-1001", 10000,
                    new BigDecimal("12.5"), "PA-01"), "wanda"),
            new OrderInput.PutAway(new PutAwayLine("put-away-2", LocalDate.of(2026, 3, 2), "PA-2", "RPO-1001", 10000,
                    BigDecimal.ONE, null)),
            new OrderInput.Consumption(new ConsumptionJournalLine("consumption-1", LocalDate.of(2026, 3, 2), "DOC-1",
                    "RPO-1001", 10000, 10000, new BigDecimal("-2.5"), 4L)),
            new OrderInput.Capacity(new CapacityJournalLine("capacity-1", LocalDate.of(2026, 3, 2), "DOC-2",
                    CapacityType.MACHINE_CENTER, "MC-ASSY", "EARLY", T, T.plusSeconds(3600), BigDecimal.ONE, null,
                    new BigDecimal("60"), BigDecimal.ZERO, "MINUTES", null)),
            // a person's lines carry who posted them (kinds 11-13); a stop re-coding on an order and on a center
            new OrderInput.Output(OutputJournalLine.builder("manual-2", "RPO-1001", 10000, "10")
                    .postingDate(LocalDate.of(2026, 3, 2)).output("1").build(), "olga"),
            // an output line with a bin is kind 12 too, with a person and without
            new OrderInput.Output(OutputJournalLine.builder("manual-3", "RPO-1001", 10000, "20")
                    .postingDate(LocalDate.of(2026, 3, 2)).output("2").binCode("OUT-07").build(), "olga"),
            new OrderInput.Output(OutputJournalLine.builder("manual-4", "RPO-1001", 10000, "20")
                    .postingDate(LocalDate.of(2026, 3, 2)).output("2").binCode("OUT-07").build()),
            new OrderInput.Consumption(new ConsumptionJournalLine("consumption-2", LocalDate.of(2026, 3, 2), "DOC-1",
                    "RPO-1001", 10000, 10000, new BigDecimal("1"), null), "olga"),
            new OrderInput.Capacity(new CapacityJournalLine("capacity-2", LocalDate.of(2026, 3, 2), "DOC-2",
                    CapacityType.WORK_CENTER, "WC-CUT", null, null, null, BigDecimal.ONE, null, null,
                    new BigDecimal("15"), "MINUTES", "CLEAN"), "pia"),
            new OrderInput.StopRecode("RPO-1001", null, null, new StopRecoding("recode-1", LocalDate.of(2026, 3, 2),
                    "STOP-1", 502, List.of(new StopRecoding.Reason("JAM", new BigDecimal("7.5")),
                    new StopRecoding.Reason("CLEAN", new BigDecimal("2.5"))), "olga")),
            new OrderInput.StopRecode(null, CapacityType.MACHINE_CENTER, "CUT-3", new StopRecoding("recode-2",
                    LocalDate.of(2026, 3, 2), "STOP-2", 1, List.of(), null)),
            new OrderInput.Header(new OrderAssembly.Header("RPO-1001", "FG-100 x 100", "FG-100", "MAIN", false),
                    OrderStatus.RELEASED, false, "cdc-header", LocalDate.of(2026, 3, 1)),
            new OrderInput.Definition("RPO-1001", DEFINITION.lines().get(0), null, null, false, "cdc-line"),
            new OrderInput.Definition("RPO-1001", null, DEFINITION.routingLines().get(1), null, true, "cdc-op"),
            new OrderInput.Definition("RPO-1001", null, null, DEFINITION.components().get(0), false, "cdc-comp"),
        };
    }

    /**
     * Window totals are kind 64 now: a format version of their own, kind 10's fields, the stop time by code. Kind 10
     * (planned stop time and unclocked parts, no codes) and kind 2 (release 1, neither) stay readable.
     */
    @Test
    void totalsAreKind64AndKinds10And2StayReadable() throws IOException {
        WindowTotals totals = new WindowTotals("ASSY-3", T, T.plusSeconds(60), "RPO-1001", 10000, "20", 7, 1, 0,
                20_000, 40_000, 0, 0, 30_000, 5);
        DataOutputSerializer out = new DataOutputSerializer(128);
        OrderInputSerializer.INSTANCE.serialize(new OrderInput.Totals(totals), out);
        byte[] kind64 = out.getCopyOfBuffer();
        assertEquals(64, kind64[0]);
        assertEquals(1, kind64[1], "the totals' format");

        byte[] kind10 = new byte[kind64.length - 1 - 4]; // without the format byte and the empty map's count
        kind10[0] = 10;
        System.arraycopy(kind64, 2, kind10, 1, kind10.length - 1);
        assertEquals(new OrderInput.Totals(totals), OrderInputSerializer.INSTANCE.deserialize(
                new DataInputDeserializer(kind10)));

        byte[] kind2 = Arrays.copyOf(kind10, kind10.length - 16); // without the two longs at the end
        kind2[0] = 2;
        OrderInput read = OrderInputSerializer.INSTANCE.deserialize(new DataInputDeserializer(kind2));
        assertEquals(new OrderInput.Totals(new WindowTotals("ASSY-3", T, T.plusSeconds(60), "RPO-1001", 10000, "20",
                7, 1, 0, 20_000, 40_000, 0, 0, 0, 0)), read);
    }

    @Test
    void totalsKeepTheirStopTimeByCode() throws IOException {
        WindowTotals totals = new WindowTotals("ASSY-4", T, T.plusSeconds(60), null, 0, null, 0, 0, 0, 0, 50_000, 0,
                0).withStopMillisByCode(java.util.Map.of("MAINT", 30_000L, "JAM", 20_000L));
        DataOutputSerializer out = new DataOutputSerializer(128);
        OrderInputSerializer.INSTANCE.serialize(new OrderInput.Totals(totals), out);
        OrderInput read = OrderInputSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertEquals(java.util.List.of("JAM", "MAINT"), List.copyOf(((OrderInput.Totals) read).totals()
                .stopMillisByCode().keySet()), "sorted by code");
        assertEquals(30_000L, ((OrderInput.Totals) read).totals().stopMillisByCode().get("MAINT"));
        assertEquals(new OrderInput.Totals(totals), read);
    }

    /**
     * Release 1 wrote every output line as kind 4 and its readers know no bin: a line without bin and person keeps
     * those bytes; a bin (with or without a person) takes kind 12, who posted it (or none), the line, the bin.
     */
    @Test
    void anOutputLineWithoutBinOrPersonKeepsRelease1sKind4AndABinTakesKind12() throws IOException {
        OutputJournalLine plain = OutputJournalLine.builder("manual-5", "RPO-1001", 10000, "20")
                .postingDate(LocalDate.of(2026, 3, 2)).output("2").build();
        DataOutputSerializer out = new DataOutputSerializer(256);
        OrderInputSerializer.INSTANCE.serialize(new OrderInput.Output(plain), out);
        byte[] kind4 = out.getCopyOfBuffer();
        assertEquals(4, kind4[0]);

        OutputJournalLine withBin = OutputJournalLine.builder("manual-5", "RPO-1001", 10000, "20")
                .postingDate(LocalDate.of(2026, 3, 2)).output("2").binCode("OUT-07").build();
        out.clear();
        OrderInputSerializer.INSTANCE.serialize(new OrderInput.Output(withBin), out);
        byte[] kind12 = out.getCopyOfBuffer();
        assertEquals(12, kind12[0]);
        // kind 12 = kind byte, no person (-1), kind 4's line, the bin (length 6, "OUT-07")
        assertArrayEquals(Arrays.copyOfRange(kind4, 1, kind4.length), Arrays.copyOfRange(kind12, 5,
                kind12.length - 10));
        assertEquals(new OrderInput.Output(withBin),
                OrderInputSerializer.INSTANCE.deserialize(new DataInputDeserializer(kind12)));
        assertEquals(new OrderInput.Output(plain),
                OrderInputSerializer.INSTANCE.deserialize(new DataInputDeserializer(kind4)));
    }
}
