package io.shopfloor.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlantModelTest {
    private static final PlantSettings SETTINGS = new PlantSettings(7, Instant.parse("2026-11-25T07:00:00Z"), 20, 3,
            6, 12, true);
    private static final PlantModel.PlantPlan PLAN = PlantModel.plan(SETTINGS);

    @Test
    void theSameSettingsGiveTheSamePlantMessageForMessage() {
        PlantModel.PlantPlan again = PlantModel.plan(SETTINGS);
        assertEquals(PLAN.messages(), again.messages());
        assertEquals(PLAN.truth(), again.truth());
        PlantModel.PlantPlan later = PlantModel.plan(SETTINGS.withStart(Instant.parse("2026-11-26T07:00:00Z")));
        assertEquals(PLAN.orders(), later.orders(), "the orders do not depend on the start (the ERP gets them first)");
    }

    @Test
    void twentyMachinesOnFourLinesInJsonAndSparkplug() {
        assertEquals(4, PLAN.layout().lines());
        assertEquals(List.of("L1-CUT-1", "L1-CUT-2", "L1-CUT-3", "L1-ASSY-1", "L1-ASSY-2", "L2-MILL-1", "L2-MILL-2",
                        "L2-MILL-3", "L2-PACK-1", "L2-PACK-2", "L3-CUT-1", "L3-CUT-2", "L3-CUT-3", "L3-ASSY-1",
                        "L3-ASSY-2", "L4-MILL-1", "L4-MILL-2", "L4-MILL-3", "L4-PACK-1", "L4-PACK-2"),
                PLAN.layout().machines().stream().map(SimulatedMachine::machineId).toList());
        assertEquals(10, PLAN.layout().machines().stream().filter(m -> m.protocol() == Protocol.SPARKPLUG).count());
        assertEquals(List.of("L1-CUT-2"), PLAN.layout().machines().stream().filter(m -> m.counterWidthBits() == 16)
                .map(SimulatedMachine::machineId).toList());
        assertEquals(List.of("RPO-1003 FG-100 20 1", "RPO-5001 FG-100 1", "RPO-5002 FG-100 1", "RPO-5003 FG-100 1",
                        "RPO-1002 FG-200 50 2", "RPO-5004 FG-200 2", "RPO-5005 FG-200 2", "RPO-5006 FG-200 2"),
                PLAN.orders().stream().filter(o -> o.lineNo() <= 2).map(o -> o.orderNo() + " "
                        + o.product().itemNo() + (o.inSampleData() ? " " + o.quantity() : "") + " " + o.lineNo())
                        .toList());
    }

    @Test
    void everyOrderIsMadeInFullOnBothOperationsOp10WithSetup() {
        GroundTruth truth = PLAN.truth();
        assertEquals(PLAN.orders().size() * 2, truth.operations().size());
        for (SimulatedOrder order : PLAN.orders()) {
            GroundTruth.OperationTruth first = truth.operation(order.orderNo(), "10");
            GroundTruth.OperationTruth last = truth.operation(order.orderNo(), "20");
            assertEquals(order.quantity(), first.good(), order + " op 10");
            assertEquals(order.quantity(), last.good(), order + " op 20");
            assertTrue(first.setupMillis() >= order.product().minSetupMinutes() * 60_000L, order + " setup");
            assertEquals(0, last.setupMillis(), order + " op 20 has no setup");
            assertTrue(last.startedAt().isAfter(first.finishedAt()), order + " op 20 after op 10");
            // The dropout's minutes are no-signal time, not run time.
            long cycleMillis = order.product().cycleMillis(MachineRole.FIRST_OPERATION);
            assertTrue(first.runMillis() + first.noSignalMillis() >= order.quantity() * cycleMillis * 8 / 10,
                    order + " run time near the cycle time");
        }
        assertTrue(truth.operations().stream().mapToLong(GroundTruth.OperationTruth::scrap).sum() > 0, "scrap");
        assertTrue(truth.operations().stream().flatMap(o -> o.stopMillisByCode().keySet().stream()).distinct()
                .count() >= 2, "jams with several stop codes");
    }

    @Test
    void oneControllerRestartOneDropoutAndSomeDuplicatesAndReorders() {
        List<GroundTruth.Incident> incidents = PLAN.truth().incidents();
        List<String> kinds = incidents.stream().map(i -> i.kind() + " " + i.machineId()).toList();
        assertTrue(kinds.contains("CONTROLLER_RESTART L1-CUT-1"), kinds::toString);
        assertTrue(kinds.contains("GATEWAY_DROPOUT L4-MILL-1"), kinds::toString);
        GroundTruth.Incident dropout = incidents.stream().filter(i -> i.kind().equals("GATEWAY_DROPOUT")).findFirst()
                .orElseThrow();
        assertEquals(8 * 60_000, dropout.to().toEpochMilli() - dropout.from().toEpochMilli());
        assertEquals(8 * 60_000, PLAN.truth().operations().stream()
                .mapToLong(GroundTruth.OperationTruth::noSignalMillis).sum());
        assertTrue(PLAN.truth().duplicatedMessages() > 0 && PLAN.truth().reorderedMessages() > 0,
                PLAN.truth().duplicatedMessages() + " duplicated, " + PLAN.truth().reorderedMessages() + " reordered");
        assertEquals(PLAN.truth().duplicatedMessages(), PLAN.messages().stream().filter(m -> m.copies() == 2).count());
        List<Integer> epochs = PLAN.messages().stream().filter(m -> m.machineId().equals("L1-CUT-1"))
                .filter(m -> m.kind() == MachineMessage.Kind.COUNTERS).map(MachineMessage::bootEpoch).distinct()
                .toList();
        assertEquals(List.of(1, 2), epochs);
    }

    @Test
    void eventsSitOnTheThreeSecondGridAndReadingsBetweenSoMinutesAreExact() {
        for (MachineMessage message : PLAN.messages()) {
            long offset = message.timeMillis() % 3_000;
            assertEquals(message.kind() == MachineMessage.Kind.COUNTERS ? 1_500 : 0, offset, message::toString);
        }
    }

    /** The machines' own messages, read as the posting job reads them, give the ground truth's parts and gaps. */
    @Test
    void theMessagesCarryTheGroundTruth() {
        Map<String, List<MachineMessage>> byMachine = new LinkedHashMap<>();
        for (MachineMessage message : PLAN.messages()) {
            byMachine.computeIfAbsent(message.machineId(), k -> new ArrayList<>()).add(message);
        }
        Map<String, long[]> partsByOperation = new LinkedHashMap<>();
        for (Map.Entry<String, List<MachineMessage>> entry : byMachine.entrySet()) {
            SimulatedMachine machine = PLAN.layout().machine(entry.getKey());
            List<MachineMessage> messages = new ArrayList<>(entry.getValue());
            messages.sort(Comparator.comparingLong(MachineMessage::timeMillis)); // event time, as the job sorts
            long range = 1L << machine.counterWidthBits();
            MachineMessage previous = null;
            String operation = null;
            long longestGap = 0;
            long lastTime = messages.get(0).timeMillis();
            for (MachineMessage message : messages) {
                longestGap = Math.max(longestGap, message.timeMillis() - lastTime);
                lastTime = message.timeMillis();
                if (message.kind() == MachineMessage.Kind.OPERATION) {
                    operation = message.eventType().equals(PlantModel.OPERATION_FINISHED) ? null
                            : message.orderNo() + "/" + message.operationNo();
                } else if (message.kind() == MachineMessage.Kind.COUNTERS) {
                    if (previous != null && operation != null) {
                        boolean restarted = message.bootEpoch() > previous.bootEpoch();
                        long good = restarted ? message.goodCounter()
                                : Math.floorMod(message.goodCounter() - previous.goodCounter(), range);
                        long scrap = restarted ? message.scrapCounter()
                                : Math.floorMod(message.scrapCounter() - previous.scrapCounter(), range);
                        long[] parts = partsByOperation.computeIfAbsent(operation, k -> new long[2]);
                        parts[0] += good;
                        parts[1] += scrap;
                    }
                    previous = message;
                }
            }
            assertEquals(machine.machineId().equals("L4-MILL-1") ? 8 * 60_000 : 30_000, longestGap,
                    machine.machineId() + " longest silence");
        }
        for (GroundTruth.OperationTruth operation : PLAN.truth().operations()) {
            long[] parts = partsByOperation.get(operation.orderNo() + "/" + operation.operationNo());
            assertEquals(operation.good() + " " + operation.scrap(), parts[0] + " " + parts[1],
                    operation.orderNo() + "/" + operation.operationNo());
        }
    }
}
