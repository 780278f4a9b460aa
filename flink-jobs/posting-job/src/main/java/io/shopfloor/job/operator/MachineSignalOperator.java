package io.shopfloor.job.operator;

import io.shopfloor.job.machine.MachineInput;
import io.shopfloor.job.machine.ReportedLine;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;

/**
 * Runs {@link MachineSignalFunction} with its state in memory between checkpoints ({@link WriteBackStates}): written
 * to the state backend in {@link #snapshotState}, which Flink calls before it snapshots the keyed backend.
 */
public final class MachineSignalOperator extends KeyedProcessOperator<String, MachineInput, ReportedLine> {
    private static final long serialVersionUID = 1L;

    public MachineSignalOperator(MachineSignalFunction function) {
        super(function);
    }

    @Override
    public void open() throws Exception {
        super.open();
        ((MachineSignalFunction) userFunction).writeBackStates().attach(WriteBackStates.keyContextOf(this));
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        ((MachineSignalFunction) userFunction).writeBackStates().flush();
        super.snapshotState(context);
    }
}
