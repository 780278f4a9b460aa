package io.shopfloor.job.kafka;

import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
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
 * are read) and keeps no state: after a restore it waits for what the topic holds at that time. The end of a bounded
 * read releases it too; so does {@link #MAX_WAIT} (logged), so that a topic truncated or recreated behind the job
 * cannot stall it forever.
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
    private transient Watermark heldWatermark;
    private transient WatermarkStatus heldStatus;

    public MasterDataCatchUp(String topic, LastRecordOffsets lastRecordOffsets) {
        this.topic = topic;
        this.lastRecordOffsets = lastRecordOffsets;
    }

    @Override
    public void open() throws Exception {
        super.open();
        waitingFor = new HashMap<>(lastRecordOffsets.of(topic));
        if (waitingFor.isEmpty()) {
            release("it holds no record");
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
        if (waitingFor != null) {
            Decoded<A> decoded = element.getValue();
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
