package io.shopfloor.dashboard;

import io.shopfloor.dashboard.LedgerRows.ComponentConsumption;
import io.shopfloor.dashboard.LedgerRows.OperationReported;
import io.shopfloor.job.avro.AvroFixtures;
import io.shopfloor.schema.masterdata.ProdOrderComponent;
import io.shopfloor.schema.masterdata.ProdOrderLine;
import io.shopfloor.schema.masterdata.ProdOrderRoutingLine;
import io.shopfloor.schema.masterdata.ProductionOrder;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static io.shopfloor.job.avro.AvroFixtures.q;
import static org.junit.jupiter.api.Assertions.assertEquals;

class JobCardsTest {
    private static final BigDecimal NEED_230_MINUTES = q("13800000");

    private static MasterData.OrderMasterData setA(List<ProdOrderRoutingLine> routing,
                                                   List<ProdOrderComponent> components) {
        ProductionOrder header = AvroFixtures.setAOrder();
        List<ProdOrderLine> lines = List.of(AvroFixtures.setALine());
        return new MasterData.OrderMasterData(header, lines, routing, components);
    }

    private static JobCard card(MasterData.OrderMasterData order, List<OperationReported> reported,
                                List<ComponentConsumption> consumption) {
        return JobCards.assemble(order, (type, no) -> type + ":" + no, workCenter -> "MINUTES", reported,
                consumption);
    }

    @Test
    void eachOperationGetsItsExpectedTimesAndTheComponentsOfItsRoutingLink() {
        List<ProdOrderRoutingLine> routing = new ArrayList<>(AvroFixtures.setARouting());
        routing.set(0, ProdOrderRoutingLine.newBuilder(routing.get(0)).setExpectedCapacityNeed(NEED_230_MINUTES)
                .build());
        // Routing lines in any order come out in operation order.
        JobCard card = card(setA(List.of(routing.get(1), routing.get(0)), AvroFixtures.setAComponents()), List.of(),
                List.of());
        assertEquals(List.of("RPO-1001", "FIRM_PLANNED", "FG-100 x 100", "FG-100", "100", "2026-03-02"),
                List.of(card.orderNo(), card.status(), card.description(), card.sourceNo(),
                        card.quantity().toPlainString(), card.dueDate().toString()));
        JobCard.Operation cut = card.operations().get(0);
        assertEquals("10 WORK_CENTER WORK_CENTER:WC-CUT CUT 100 30 MINUTES 200 MINUTES 230 MINUTES", describe(cut));
        assertEquals(JobCard.Reported.NOTHING, cut.reported());
        assertEquals(List.of("STEEL"), cut.components().stream().map(JobCard.Component::itemNo).toList());
        JobCard.Operation assembly = card.operations().get(1);
        assertEquals("20 MACHINE_CENTER MACHINE_CENTER:MC-ASSY ASSY 100 0 MINUTES 100 MINUTES 0 MINUTES",
                describe(assembly));
        assertEquals(List.of("BOLT"), assembly.components().stream().map(JobCard.Component::itemNo).toList());
        assertEquals(List.of(new JobCard.Component(10000, 30000, "PAINT", "PAINT", BigDecimal.ZERO, "L", "BACKWARD",
                "", null)), card.unlinkedComponents());
    }

    @Test
    void whatTheLedgerHoldsIsFilledInPerOperationAndComponent() {
        JobCard card = card(setA(AvroFixtures.setARouting(), AvroFixtures.setAComponents()), List.of(
                        new OperationReported(10000, "10", q("60"), q("0"), q("30"), q("120"), q("0"),
                                LocalDate.parse("2026-03-02"), 1, "CUT-1")),
                List.of(new ComponentConsumption(10000, 10000, "STEEL", q("210"), q("126"))));
        assertEquals(new JobCard.Reported(new BigDecimal("60"), BigDecimal.ZERO, LocalDate.parse("2026-03-02"),
                "CUT-1", new BigDecimal("30"), new BigDecimal("120")), card.operations().get(0).reported());
        assertEquals(JobCard.Reported.NOTHING, card.operations().get(1).reported());
        assertEquals(new BigDecimal("126"), card.operations().get(0).components().get(0).consumedQuantityBase());
    }

    @Test
    void aBlankRoutingLinkListsTheComponentsWithABlankLink() {
        List<ProdOrderRoutingLine> routing = List.of(
                ProdOrderRoutingLine.newBuilder(AvroFixtures.setARouting().get(0)).setRoutingLinkCode("").build());
        JobCard card = card(setA(routing, AvroFixtures.setAComponents()), List.of(), List.of());
        assertEquals(List.of("PAINT"), card.operations().get(0).components().stream()
                .map(JobCard.Component::itemNo).toList());
        assertEquals(List.of("STEEL", "BOLT"), card.unlinkedComponents().stream()
                .map(JobCard.Component::itemNo).toList());
    }

    @Test
    void runTimeCountsRoutingScrapAndLotSizeAndTimeNeededIsInTheWorkCentersUnit() {
        ProdOrderRoutingLine line = ProdOrderRoutingLine.newBuilder(AvroFixtures.setARouting().get(0))
                .setScrapFactorPctAccumulated(q("0.05")).setFixedScrapQtyAccum(q("2")).setLotSize(q("10"))
                .setExpectedCapacityNeed(NEED_230_MINUTES).build();
        JobCard.Operation operation = JobCards.assemble(setA(List.of(line), List.of()), (type, no) -> no,
                workCenter -> "HOURS", List.of(), List.of()).operations().get(0);
        // 100 × 1.05 + 2 = 107 units; 2 minutes per 10 units = 21.4 minutes; 230 minutes = 3.83333 hours.
        assertEquals(List.of("107", "21.4", "3.83333", "HOURS"), List.of(operation.operationQuantity().toPlainString(),
                operation.expectedRunTime().toPlainString(), operation.timeNeeded().toPlainString(),
                operation.timeNeededUnit()));
        JobCard.Operation unknownUnit = JobCards.assemble(setA(List.of(line), List.of()), (type, no) -> no,
                workCenter -> "SHIFTS", List.of(), List.of()).operations().get(0);
        assertEquals(List.of("230", "MINUTES"), List.of(unknownUnit.timeNeeded().toPlainString(),
                unknownUnit.timeNeededUnit()));
    }

    @Test
    void operationNumbersSortByValueThenText() {
        List<String> numbers = new ArrayList<>(List.of("100", "20", "A10", "9", "10"));
        numbers.sort(JobCards::compareOperationNos);
        assertEquals(List.of("9", "10", "20", "100", "A10"), numbers);
        assertEquals("200", JobCards.plain(new BigDecimal("200.00000")).toString());
        assertEquals("0.5", JobCards.plain(new BigDecimal("0.50")).toString());
    }

    private static String describe(JobCard.Operation op) {
        return String.join(" ", op.operationNo(), op.type(), op.centerName(), op.routingLinkCode(),
                op.operationQuantity().toPlainString(), op.expectedSetupTime().toPlainString(), op.setupTimeUnit(),
                op.expectedRunTime().toPlainString(), op.runTimeUnit(), op.timeNeeded().toPlainString(),
                op.timeNeededUnit());
    }
}
