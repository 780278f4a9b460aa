package io.shopfloor.job.kafka;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds a master-data topic's watermark back until the topic has been read up to the last record it had when the
 * job (re)started, so that no machine or journal input is posted before the master data that was already there.
 *
 * <p>Why: a Kafka source reader goes idle after the idleness timeout, in processing time, while it has no split
 * yet or its first fetch is still under way. An idle master-data source no longer holds the other sources' watermark
 * back, and on a loaded machine inputs were posted before their order's routing or the posting setup had been read
 * (dead letters such as {@code OPERATION_NOT_FOUND}). Until the topic is caught up this operator forwards records
 * but neither the source's watermarks nor its idleness: downstream the input stays active at no watermark. Once
 * caught up it forwards the latest of both and passes everything on from then on.
 *
 * <p>It runs at parallelism 1 next to its source (one reader owns every partition, so one instance knows when all
 * are read). Its state is the highest offset it passed on per partition, checkpointed with the source's position:
 * after a restore it waits for what the topic holds then, counting what it had read before (the source does not read
 * that again). Restored from a savepoint of a release without this state, it does not wait (the source's position is
 * unknown; that release did not wait either). The end of a bounded read releases it too; so does {@link #MAX_WAIT}
 * (logged), so that a topic truncated or recreated behind the job cannot stall it forever.
 */
public final class MasterDataCatchUp<A extends SpecificRecord> extends AbstractStreamOperator<Decoded<A>>
        implements OneInputStreamOperator<Decoded<A>, Decoded<A>> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MasterDataCatchUp.class);
    /** How long postings wait at most for one master-data topic to be read. */
    public static final Duration MAX_WAIT = Duration.ofMinutes(10);

    private final String topic;
    private final LastRecordOffsets lastRecordOffsets;
    /** Per partition not read yet, the offset it must reach; null once caught up. */
    private transient Map<Integer, Long> waitingFor;
    /** Written with the offsets, so that a restore tells "read nothing yet" from "a release without this state". */
    private static final String STATE_MARK = "read-offsets v1";
    /** Per partition, the highest offset passed on (state: the mark and "partition:offset" strings). */
    private transient Map<Integer, Long> read;
    private transient ListState<String> readState;
    private transient boolean restoredWithoutState;
    private transient Watermark heldWatermark;
    private transient WatermarkStatus heldStatus;

    public MasterDataCatchUp(String topic, LastRecordOffsets lastRecordOffsets) {
        this.topic = topic;
        this.lastRecordOffsets = lastRecordOffsets;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        readState = context.getOperatorStateStore().getUnionListState(
                new ListStateDescriptor<>("read-offsets", StringSerializer.INSTANCE));
        read = new HashMap<>();
        boolean marked = false;
        for (String entry : readState.get()) {
            if (entry.equals(STATE_MARK)) {
                marked = true;
                continue;
            }
            int colon = entry.indexOf(':');
            read.merge(Integer.parseInt(entry.substring(0, colon)), Long.parseLong(entry.substring(colon + 1)),
                    Math::max);
        }
        restoredWithoutState = context.isRestored() && !marked;
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        List<String> entries = new ArrayList<>(List.of(STATE_MARK));
        read.forEach((partition, offset) -> entries.add(partition + ":" + offset));
        readState.update(entries);
    }

    @Override
    public void open() throws Exception {
        super.open();
        waitingFor = new HashMap<>(lastRecordOffsets.of(topic));
        waitingFor.entrySet().removeIf(e -> read.getOrDefault(e.getKey(), -1L) >= e.getValue());
        if (waitingFor.isEmpty() || restoredWithoutState) {
            release(waitingFor.isEmpty() ? "it holds no record it has not read"
                    : "restored from a release that did not record what it read");
            return;
        }
        LOG.info("postings wait until {} is read up to {}", topic, waitingFor);
        long now = getProcessingTimeService().getCurrentProcessingTime();
        getProcessingTimeService().registerTimer(now + MAX_WAIT.toMillis(), time -> {
            if (waitingFor != null) {
                LOG.warn("{} was not read up to {} within {}: postings go on without waiting", topic, waitingFor,
                        MAX_WAIT);
                release("the wait ended");
            }
        });
    }

    @Override
    public void processElement(StreamRecord<Decoded<A>> element) throws Exception {
        output.collect(element);
        Decoded<A> decoded = element.getValue();
        read.merge(decoded.partition(), decoded.offset(), Math::max);
        if (waitingFor != null) {
            Long target = waitingFor.get(decoded.partition());
            if (target != null && decoded.offset() >= target) {
                waitingFor.remove(decoded.partition());
                if (waitingFor.isEmpty()) {
                    release("it was read up to its last record");
                }
            }
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (waitingFor != null && mark.getTimestamp() == Watermark.MAX_WATERMARK.getTimestamp()) {
            release("its bounded read ended");
        }
        if (waitingFor == null) {
            super.processWatermark(mark);
        } else {
            heldWatermark = mark;
        }
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) throws Exception {
        if (waitingFor == null) {
            super.processWatermarkStatus(status);
        } else {
            heldStatus = status;
        }
    }

    /** Whether inputs may be posted past this topic now. */
    public boolean caughtUp() {
        return waitingFor == null;
    }

    private void release(String why) throws Exception {
        waitingFor = null;
        LOG.info("{} caught up ({}): its watermark moves again", topic, why);
        if (heldWatermark != null) {
            super.processWatermark(heldWatermark);
        }
        if (heldStatus != null) {
            super.processWatermarkStatus(heldStatus);
        }
        heldWatermark = null;
        heldStatus = null;
    }
}
