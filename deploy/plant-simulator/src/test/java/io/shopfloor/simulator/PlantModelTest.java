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

    /**
     * The routing's run time per piece is the ideal cycle time: no operation makes its pieces faster, so the
     * performance of every machine (ideal cycle time x pieces / production time) stays at or below 100 % when the
     * ledger measures what the simulator did. Production time: run time plus the dropout's (the machine ran on).
     */
    @Test
    void noOperationIsFasterThanTheRoutingsIdealCycleTime() {
        for (SimulatedOrder order : PLAN.orders()) {
            for (MachineRole role : MachineRole.values()) {
                GroundTruth.OperationTruth operation = PLAN.truth().operation(order.orderNo(),
                        role == MachineRole.FIRST_OPERATION ? Product.FIRST_OPERATION : Product.LAST_OPERATION);
                long ideal = order.product().cycleMillis(role) * (operation.good() + operation.scrap());
                long production = operation.runMillis() + operation.noSignalMillis();
                assertTrue(ideal <= production, () -> operation + ": ideal " + ideal + " ms > " + production);
            }
        }
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

    /**
     * A continuous plant over three simulated days: the planner keeps releasing orders (numbered on, the same
     * whether planned a round at a time or several), every machine works every day, rounds follow each other without
     * overlap, and the ground truth adds up: each order made in full on both operations, each machine's parts the sum
     * of its operations'.
     */
    @Test
    void aContinuousPlantKeepsReleasingOrdersAndItsMachinesKeepWorking() {
        PlantSettings settings = new PlantSettings(5, Instant.parse("2026-11-25T07:00:00Z"), 20, 2, 6, 12, true,
                PlantSettings.CONTINUOUS);
        long start = settings.start().toEpochMilli();
        long day = 24 * 3_600_000L;
        PlantModel model = PlantModel.of(settings);
        List<SimulatedOrder> orders = new ArrayList<>();
        Map<String, boolean[]> workedOnDay = new LinkedHashMap<>();
        long previousEnd = start;
        int rounds = 0;
        while (model.endMillis() < start + 3 * day) {
            PlantModel.Round round = model.nextRound();
            rounds++;
            assertEquals(rounds, round.roundNo());
            assertEquals(settings.ordersPerLine() * 4 + (rounds == 1 ? 2 : 0), round.orders().size(),
                    "orders of round " + rounds);
            for (MachineMessage message : round.messages()) {
                assertTrue(message.timeMillis() >= previousEnd, () -> "before the round's start: " + message);
                assertTrue(message.timeMillis() <= round.endMillis(), () -> "after the round's end: " + message);
                if (message.kind() == MachineMessage.Kind.OPERATION
                        && message.eventType().equals(PlantModel.OPERATION_STARTED)) {
                    workedOnDay.computeIfAbsent(message.machineId(), k -> new boolean[4])[
                            (int) ((message.timeMillis() - start) / day)] = true;
                }
            }
            previousEnd = round.endMillis();
            orders.addAll(round.orders());
        }
        assertTrue(rounds > 10, rounds + " rounds in three days");
        List<String> generated = orders.stream().filter(o -> !o.inSampleData()).map(SimulatedOrder::orderNo).toList();
        assertEquals("RPO-5001", generated.get(0));
        assertEquals("RPO-" + (5000 + generated.size()), generated.get(generated.size() - 1), "numbered on");
        for (SimulatedMachine machine : model.layout().machines()) {
            boolean[] days = workedOnDay.get(machine.machineId());
            assertTrue(days != null && days[0] && days[1] && days[2], machine.machineId() + " works every day");
        }

        // Planned a round at a time or all at once: the same plant.
        PlantModel again = PlantModel.of(settings);
        for (int i = 0; i < 3; i++) {
            again.nextRound();
        }
        PlantModel.Round fourth = again.nextRound();
        PlantModel reference = PlantModel.of(settings);
        PlantModel.Round referenceFourth = null;
        for (int i = 0; i < 4; i++) {
            referenceFourth = reference.nextRound();
        }
        assertEquals(referenceFourth, fourth);

        GroundTruth truth = model.truth();
        assertEquals(orders.size(), truth.orders().size());
        assertEquals(orders.size() * 2, truth.operations().size());
        for (SimulatedOrder order : orders) {
            assertEquals(order.quantity(), truth.operation(order.orderNo(), "10").good(), order + " op 10");
            assertEquals(order.quantity(), truth.operation(order.orderNo(), "20").good(), order + " op 20");
        }
        for (GroundTruth.MachineTruth machine : truth.machines()) {
            List<GroundTruth.OperationTruth> own = truth.operations().stream()
                    .filter(o -> o.machineId().equals(machine.machineId())).toList();
            assertEquals(own.stream().mapToLong(GroundTruth.OperationTruth::good).sum(), machine.good(),
                    machine.machineId() + " good parts");
            assertEquals(own.stream().mapToLong(GroundTruth.OperationTruth::scrap).sum(), machine.scrap(),
                    machine.machineId() + " scrap");
            assertEquals(own.stream().mapToLong(GroundTruth.OperationTruth::runMillis).sum(), machine.runMillis(),
                    machine.machineId() + " run time");
        }
        assertEquals(1, truth.incidents().stream().filter(i -> i.kind().equals("CONTROLLER_RESTART")).count());
        assertEquals(1, truth.incidents().stream().filter(i -> i.kind().equals("GATEWAY_DROPOUT")).count());
        assertEquals(previousEnd, truth.end().toEpochMilli());
    }

    @Test
    void aFiniteContinuationEndsAfterItsRounds() {
        PlantSettings settings = new PlantSettings(5, Instant.parse("2026-11-25T07:00:00Z"), 8, 1, 6, 8, false, 3);
        PlantModel.PlantPlan plan = PlantModel.plan(settings);
        assertEquals(3 * 2, plan.orders().size(), "3 rounds of 1 order on each of 2 lines");
        assertEquals(plan.orders().size() * 2, plan.truth().operations().size());
    }
}
