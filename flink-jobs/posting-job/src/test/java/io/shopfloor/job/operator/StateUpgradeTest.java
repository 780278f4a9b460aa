package io.shopfloor.job.operator;

import io.shopfloor.job.machine.MachineInput;
import io.shopfloor.job.machine.ReportedLine;
import io.shopfloor.job.masterdata.MasterDataChange;
import io.shopfloor.job.order.OrderInput;
import io.shopfloor.job.order.PostedEntry;
import io.shopfloor.posting.LedgerText;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.StateBackend;
import org.apache.flink.runtime.state.hashmap.HashMapStateBackend;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Savepoints of the previous release restore in this one: the snapshots in {@code src/test/resources/state/release-1}
 * were written by release 1's serializers (format 1 of every state) in the middle of spec example 1
 * ({@link StateUpgradeScenario}). Since then the machine timeline's format gained a field and lost one (format 2).
 * The restored operators go on and produce the rest of the example's ledger, entry for entry.
 */
class StateUpgradeTest {

    /** The example's ledger after E1 and E2 (entries 13 to 34 of the order): E3, E4, the finish, the adjustment. */
    static final List<String> REST_OF_EXAMPLE_1 = List.of(
            "CLE 3 WC-CUT op 10 qty 86 inv 86 setup 0 run 86 stop 0 out 40 scrap 3 last false item FG-100"
                    + " order RPO-1001/10000 2026-03-02",
            "ILE 4 CONSUMPTION STEEL qty -84 rem 0 inv -84 open false comp 10000 source FG-100"
                    + " order RPO-1001/10000 doc RPO-1001 FLUSHING 2026-03-02",
            "VE 7 DIRECT_COST ILE 4 valued -84 inv -84 actual -126.00 expected 0.00",
            "ILE 5 CONSUMPTION STEEL qty -6.3 rem 0 inv -6.3 open false comp 10000 source FG-100"
                    + " order RPO-1001/10000 doc RPO-1001 FLUSHING 2026-03-02",
            "VE 8 DIRECT_COST ILE 5 valued -6.3 inv -6.3 actual -9.45 expected 0.00",
            "VE 9 DIRECT_COST CLE 3 valued 86 inv 86 actual 86.00 expected 0.00",
            "VE 10 INDIRECT_COST CLE 3 valued 86 inv 0 actual 17.20 expected 0.00",
            "CLE 4 MC-ASSY op 20 qty 40 inv 40 setup 0 run 40 stop 0 out 40 scrap 0 last true item FG-100"
                    + " order RPO-1001/10000 2026-03-02",
            "VE 11 DIRECT_COST CLE 4 valued 40 inv 40 actual 20.00 expected 0.00",
            "ILE 6 OUTPUT FG-100 qty 40 rem 40 inv 0 open true comp 0 source FG-100"
                    + " order RPO-1001/10000 doc RPO-1001 MACHINE 2026-03-02",
            "VE 12 DIRECT_COST ILE 6 valued 40 inv 0 actual 0.00 expected 312.40",
            "ILE 7 CONSUMPTION PAINT qty -5 rem 0 inv -5 open false comp 30000 source FG-100"
                    + " order RPO-1001/10000 doc RPO-1001 FLUSHING 2026-03-02",
            "VE 13 DIRECT_COST ILE 7 valued -5 inv -5 actual -100.00 expected 0.00",
            "STATUS RPO-1001 RELEASED -> FINISHED 2026-03-02",
            "VE 14 DIRECT_COST ILE 3 valued 60 inv 60 actual 478.59 expected -468.60 adjustment",
            "VE 15 VARIANCE MATERIAL ILE 3 valued 60 inv 0 actual -5.67 expected 0.00 adjustment",
            "VE 16 VARIANCE CAPACITY ILE 3 valued 60 inv 0 actual -3.60 expected 0.00 adjustment",
            "VE 17 VARIANCE CAPACITY_OVERHEAD ILE 3 valued 60 inv 0 actual -0.72 expected 0.00 adjustment",
            "VE 18 DIRECT_COST ILE 6 valued 40 inv 40 actual 319.06 expected -312.40 adjustment",
            "VE 19 VARIANCE MATERIAL ILE 6 valued 40 inv 0 actual -3.78 expected 0.00 adjustment",
            "VE 20 VARIANCE CAPACITY ILE 6 valued 40 inv 0 actual -2.40 expected 0.00 adjustment",
            "VE 21 VARIANCE CAPACITY_OVERHEAD ILE 6 valued 40 inv 0 actual -0.48 expected 0.00 adjustment");

    @Test
    void release1SavepointRestoresAndPostsTheRestOfExample1() throws Exception {
        Result result = continueFrom(snapshot("release-1", StateUpgradeScenario.MACHINE_SNAPSHOT),
                snapshot("release-1", StateUpgradeScenario.ORDER_SNAPSHOT));
        assertEquals(List.of("CUT-1/RPO-1001/10000/10/finish/" + StateUpgradeScenario.CUT.plusSeconds(66 * 60)
                        .toEpochMilli(), "MC-ASSY/RPO-1001/10000/20/finish/"
                        + StateUpgradeScenario.CUT.plusSeconds(170 * 60).toEpochMilli()),
                result.lines().stream().map(line -> line.getValue().sourceId()).toList());
        assertEquals(REST_OF_EXAMPLE_1, result.ledger());
        assertEquals(List.of(), result.rejections());
    }

    @Test
    void theRestoredStateIsWrittenInTheCurrentFormatAndRestoresAgain() throws Exception {
        Result fromRelease1 = continueFrom(snapshot("release-1", StateUpgradeScenario.MACHINE_SNAPSHOT),
                snapshot("release-1", StateUpgradeScenario.ORDER_SNAPSHOT));
        // Snapshots taken right after the restore: written by this release's serializers.
        Result fromCurrent = continueFrom(fromRelease1.machineState(), fromRelease1.orderState());
        assertEquals(REST_OF_EXAMPLE_1, fromCurrent.ledger());
        assertEquals(fromRelease1.lines(), fromCurrent.lines());
    }

    @Test
    void release1SavepointRestoresOnRocksDbAndPostsTheRestOfExample1() throws Exception {
        // Release 1's snapshots are heap checkpoints: a backend change goes through a savepoint in canonical format,
        // here taken right after the restore (the machine's release-1 value is still unmigrated in it).
        var machines = StateUpgradeScenario.machineHarness();
        machines.initializeState(snapshot("release-1", StateUpgradeScenario.MACHINE_SNAPSHOT));
        machines.open();
        var orders = StateUpgradeScenario.orderHarness();
        orders.initializeState(snapshot("release-1", StateUpgradeScenario.ORDER_SNAPSHOT));
        orders.open();
        OperatorSubtaskState machineSavepoint = StateUpgradeScenario.canonicalSavepoint(machines);
        OperatorSubtaskState orderSavepoint = StateUpgradeScenario.canonicalSavepoint(orders);
        machines.close();
        orders.close();

        Result onRocksDb = continueFrom(machineSavepoint, orderSavepoint, new EmbeddedRocksDBStateBackend());
        assertEquals(REST_OF_EXAMPLE_1, onRocksDb.ledger());
        assertEquals(List.of(), onRocksDb.rejections());
        // RocksDB's own (incremental) checkpoint, restored on RocksDB.
        Result again = continueFrom(onRocksDb.machineState(), onRocksDb.orderState(),
                new EmbeddedRocksDBStateBackend());
        assertEquals(REST_OF_EXAMPLE_1, again.ledger());
        assertEquals(onRocksDb.lines(), again.lines());
    }

    record Result(List<StreamRecord<ReportedLine>> lines, List<String> ledger, List<String> rejections,
                  OperatorSubtaskState machineState, OperatorSubtaskState orderState) {
    }

    /** Restores both operators from the snapshots and runs the example from the cut to its end. */
    static Result continueFrom(OperatorSubtaskState machineState, OperatorSubtaskState orderState) throws Exception {
        return continueFrom(machineState, orderState, new HashMapStateBackend());
    }

    /** As {@link #continueFrom(OperatorSubtaskState, OperatorSubtaskState)}, both operators on {@code backend}. */
    static Result continueFrom(OperatorSubtaskState machineState, OperatorSubtaskState orderState,
                               StateBackend backend) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, MachineInput, ReportedLine> machines =
                StateUpgradeScenario.machineHarness(backend);
        machines.initializeState(machineState);
        machines.open();
        KeyedBroadcastOperatorTestHarness<String, OrderInput, MasterDataChange, PostedEntry> orders =
                StateUpgradeScenario.orderHarness(backend);
        orders.initializeState(orderState);
        orders.open();
        OperatorSubtaskState machinesRestored = machines.snapshot(2, StateUpgradeScenario.CUT.toEpochMilli());
        OperatorSubtaskState ordersRestored = orders.snapshot(2, StateUpgradeScenario.CUT.toEpochMilli());
        List<StreamRecord<ReportedLine>> lines = StateUpgradeScenario.runMachines(machines,
                StateUpgradeScenario.machineInputs(false), StateUpgradeScenario.END);
        StateUpgradeScenario.runOrders(orders, lines, StateUpgradeScenario.END);
        List<String> ledger = LedgerText.of(orders.extractOutputValues().stream().map(PostedEntry::entry).toList());
        var rejected = orders.getSideOutput(OrderPostingFunction.REJECTED);
        List<String> rejections = rejected == null ? List.of()
                : rejected.stream().map(record -> record.getValue().reasonCode()).toList();
        machines.close();
        orders.close();
        return new Result(lines, ledger, rejections, machinesRestored, ordersRestored);
    }

    static OperatorSubtaskState snapshot(String release, String name) throws Exception {
        return OperatorSnapshotUtil.readStateHandle(resource("state/" + release + "/" + name));
    }

    private static String resource(String name) throws URISyntaxException {
        var url = StateUpgradeTest.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException(name + " is missing from the test resources");
        }
        return Path.of(url.toURI()).toString();
    }
}
