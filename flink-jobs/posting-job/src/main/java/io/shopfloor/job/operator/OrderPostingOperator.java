package io.shopfloor.job.operator;

import io.shopfloor.job.masterdata.MasterDataChange;
import io.shopfloor.job.order.OrderInput;
import io.shopfloor.job.order.PostedEntry;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;

import java.util.List;

/**
 * Runs {@link OrderPostingFunction} with its order ledgers and held inputs in memory between checkpoints ({@link
 * WriteBackStates}), written to the state backend in {@link #snapshotState}. The function's broadcast state is
 * {@link OrderPostingFunction#MASTER_DATA}, as with {@code BroadcastConnectedStream.process}.
 */
public final class OrderPostingOperator
        extends CoBroadcastWithKeyedOperator<String, OrderInput, MasterDataChange, PostedEntry> {
    private static final long serialVersionUID = 1L;

    public OrderPostingOperator(OrderPostingFunction function) {
        super(function, List.of(OrderPostingFunction.MASTER_DATA));
    }

    @Override
    public void open() throws Exception {
        super.open();
        ((OrderPostingFunction) userFunction).writeBackStates().attach(WriteBackStates.keyContextOf(this));
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        ((OrderPostingFunction) userFunction).writeBackStates().flush();
        super.snapshotState(context);
    }
}
