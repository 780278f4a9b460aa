package io.shopfloor.job.operator;

import io.shopfloor.job.machine.MachineInput;
import io.shopfloor.job.machine.ReportedLine;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;

/**
 * Runs {@link MachineSignalFunction} with its state writes deferred while a watermark fires its timers: each machine
 * touched is read from state once and written back once, after the timers (see the function). The deferral lives
 * within one call, one mailbox action: no checkpoint can come between the timers and the write. (With Flink's
 * interruptible timers, the timers left for a later mail run with every write immediate.)
 */
public final class MachineSignalOperator extends KeyedProcessOperator<String, MachineInput, ReportedLine> {
    private static final long serialVersionUID = 1L;

    public MachineSignalOperator(MachineSignalFunction function) {
        super(function);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        MachineSignalFunction function = (MachineSignalFunction) userFunction;
        function.deferWrites();
        super.processWatermark(mark);
        function.writeDeferred(this::setCurrentKey);
    }
}
