package io.shopfloor.job.operator;

import io.shopfloor.job.Example1Plant;
import io.shopfloor.job.machine.MachineInput;
import io.shopfloor.job.machine.ReportedLine;
import io.shopfloor.job.masterdata.MasterDataChange;
import io.shopfloor.job.order.OrderInput;
import io.shopfloor.job.order.PostedEntry;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.SavepointType;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Spec example 1 cut in two by a savepoint, for the state-upgrade test: the machine stage has reported E1 and E2
 * (CUT-1's first run, MC-ASSY's first run) and holds CUT-1 running op 10 again; the order stage has posted the
 * release, E1 and E2 of RPO-1001 (a half-posted order). {@link #main} writes both operators' snapshots as the
 * release's test resources (README "State and upgrades": regenerate them for every release).
 */
public final class StateUpgradeScenario {
    /** Where the savepoint is cut: CUT-1 has been running op 10 again for 20 minutes. */
    static final Instant CUT = Example1Plant.MIDNIGHT.plusSeconds(320 * 60);
    static final Instant END = Example1Plant.MIDNIGHT.plusSeconds(700 * 60);

    static final String MACHINE_SNAPSHOT = "machine-signals.snapshot";
    static final String ORDER_SNAPSHOT = "order-postings.snapshot";

    private StateUpgradeScenario() {
    }

    static KeyedOneInputStreamOperatorTestHarness<String, MachineInput, ReportedLine> machineHarness()
            throws Exception {
        return machineHarness(new HashMapStateBackend());
    }

    /** The machine stage on {@code backend} (heap or RocksDB), not yet opened. */
    static KeyedOneInputStreamOperatorTestHarness<String, MachineInput, ReportedLine> machineHarness(
            StateBackend backend) throws Exception {
        var harness = newMachineHarness();
        harness.setStateBackend(backend);
        return harness;
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, MachineInput, ReportedLine> newMachineHarness()
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new MachineSignalOperator(new MachineSignalFunction(
                Example1Plant.SETTINGS.machines(), Example1Plant.SETTINGS.allowedLateness(), StateLimits.DEFAULTS)),
                MachineInput::machineId, Types.STRING, 1, 1, 0);
    }

    static KeyedBroadcastOperatorTestHarness<String, OrderInput, MasterDataChange, PostedEntry> orderHarness()
            throws Exception {
        return orderHarness(new HashMapStateBackend());
    }

    /** The order stage on {@code backend} (heap or RocksDB), not yet opened. */
    static KeyedBroadcastOperatorTestHarness<String, OrderInput, MasterDataChange, PostedEntry> orderHarness(
            StateBackend backend) throws Exception {
        var harness = newOrderHarness();
        harness.setStateBackend(backend);
        return harness;
    }

    private static KeyedBroadcastOperatorTestHarness<String, OrderInput, MasterDataChange, PostedEntry>
            newOrderHarness() throws Exception {
        return new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(
                new OrderPostingFunction(Example1Plant.SETTINGS.posting(), Example1Plant.SETTINGS.orders(),
                        Example1Plant.SETTINGS.finishedOrderRetention(), Example1Plant.SETTINGS.allowedLateness(),
                        StateLimits.DEFAULTS),
                List.of(OrderPostingFunction.MASTER_DATA)), OrderInput::key, Types.STRING, 1, 1, 0);
    }

    /** A savepoint in canonical format (restores on any backend) of the harness's operator, at the cut. */
    static OperatorSubtaskState canonicalSavepoint(AbstractStreamOperatorTestHarness<?> harness) throws Exception {
        return harness.snapshotWithLocalState(3, CUT.toEpochMilli(),
                SavepointType.savepoint(SavepointFormatType.CANONICAL)).getJobManagerOwnedState();
    }

    /** The machine inputs of example 1 before the cut, or from it on. */
    static List<MachineInput> machineInputs(boolean beforeCut) {
        return Example1Plant.machineInputs().stream()
                .filter(input -> input.eventTime().isBefore(CUT) == beforeCut).toList();
    }

    /** Sends the inputs, then the watermark; returns the reported lines emitted since {@code from} (with times). */
    static List<StreamRecord<ReportedLine>> runMachines(
            KeyedOneInputStreamOperatorTestHarness<String, MachineInput, ReportedLine> harness,
            List<MachineInput> inputs, Instant watermark) throws Exception {
        int before = harness.getOutput().size();
        for (MachineInput input : inputs) {
            harness.processElement(new StreamRecord<>(input, input.eventTime().toEpochMilli()));
        }
        harness.processWatermark(watermark.toEpochMilli());
        List<StreamRecord<ReportedLine>> lines = new ArrayList<>();
        int index = 0;
        for (Object element : harness.getOutput()) {
            if (index++ >= before && element instanceof StreamRecord<?> record) {
                @SuppressWarnings("unchecked")
                StreamRecord<ReportedLine> line = (StreamRecord<ReportedLine>) record;
                lines.add(line);
            }
        }
        return lines;
    }

    /** Posts the reported lines at their times, then moves the watermark. */
    static void runOrders(KeyedBroadcastOperatorTestHarness<String, OrderInput, MasterDataChange, PostedEntry> harness,
                          List<StreamRecord<ReportedLine>> lines, Instant watermark) throws Exception {
        for (StreamRecord<ReportedLine> line : lines) {
            harness.processElement(new OrderInput.MachineLine(line.getValue()), line.getTimestamp());
        }
        harness.watermark(watermark.toEpochMilli());
    }

    /** Both harnesses opened and run up to the cut (the master data and the order's release included). */
    static KeyedBroadcastOperatorTestHarness<String, OrderInput, MasterDataChange, PostedEntry> ordersUntilCut(
            List<StreamRecord<ReportedLine>> linesBeforeCut) throws Exception {
        KeyedBroadcastOperatorTestHarness<String, OrderInput, MasterDataChange, PostedEntry> orders = orderHarness();
        orders.open();
        for (Example1Plant.Timed<MasterDataChange> change : Example1Plant.masterData()) {
            orders.processBroadcastElement(change.value(), change.time());
        }
        for (Example1Plant.Timed<OrderInput> input : Example1Plant.orderInputs()) {
            orders.processElement(input.value(), input.time());
        }
        runOrders(orders, linesBeforeCut, CUT);
        return orders;
    }

    /** Writes the snapshots of both operators at the cut into {@code directory} (the release's resource folder). */
    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args.length > 0 ? args[0]
                : "flink-jobs/posting-job/src/test/resources/state/release-1");
        Files.createDirectories(directory);
        KeyedOneInputStreamOperatorTestHarness<String, MachineInput, ReportedLine> machines = machineHarness();
        machines.open();
        List<StreamRecord<ReportedLine>> lines = runMachines(machines, machineInputs(true), CUT);
        var orders = ordersUntilCut(lines);
        OperatorSubtaskState machineState = machines.snapshot(1, CUT.toEpochMilli());
        OperatorSubtaskState orderState = orders.snapshot(1, CUT.toEpochMilli());
        OperatorSnapshotUtil.writeStateHandle(machineState, directory.resolve(MACHINE_SNAPSHOT).toString());
        OperatorSnapshotUtil.writeStateHandle(orderState, directory.resolve(ORDER_SNAPSHOT).toString());
        System.out.println("reported lines before the cut: " + lines.size() + "; entries posted: "
                + orders.extractOutputValues().size() + "; written to " + directory.toAbsolutePath());
        machines.close();
        orders.close();
    }
}
