package io.shopfloor.simulator;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.SparkplugBPayload;

/**
 * One line's Sparkplug B edge node ({@code spBv1.0/<group>/NBIRTH/<line>}), its machines as devices: NBIRTH with
 * bdSeq, a DBIRTH per machine with its current counters and state, then DDATA per message, {@code seq} counting
 * every node message modulo 256. The bdSeq stays the same when the simulator resumes: the bridge takes it as the
 * counters' boot epoch, and a new one would make the unchanged cumulative counters look like a restart.
 */
final class SparkplugGateway implements MachineGateway {
    static final String GOOD = "Counters/Good";
    static final String SCRAP = "Counters/Scrap";
    static final String STATE = "Machine/State";
    static final String STOP_CODE = "Machine/StopCode";

    private final MqttPublisher publisher;
    private final String node;
    private long seq;

    /**
     * Connects and sends the births as of {@code birthMillis}: the machines' last counters and states then.
     */
    SparkplugGateway(MqttServer server, String lineName, List<SimulatedMachine> machines, long bdSeq,
                     long birthMillis, Map<String, MachineMessage> lastCounters,
                     Map<String, MachineMessage> lastStates) throws Exception {
        this.node = lineName;
        String prefix = "spBv1.0/" + PlantLayout.SPARKPLUG_GROUP + "/";
        publisher = new MqttPublisher(server, "plant-simulator-spb-" + lineName, prefix + "NDEATH/" + node,
                encode(null, null, List.of(metric("bdSeq", MetricDataType.Int64, bdSeq))));
        publisher.publish(prefix + "NBIRTH/" + node, encode(birthMillis, seq++,
                List.of(metric("bdSeq", MetricDataType.Int64, bdSeq))));
        for (SimulatedMachine machine : machines) {
            MachineMessage counters = lastCounters.get(machine.machineId());
            MachineMessage state = lastStates.get(machine.machineId());
            List<Metric> metrics = new ArrayList<>();
            metrics.add(metric(GOOD, MetricDataType.Int64,
                    counters == null ? machine.goodCounterStart() : counters.goodCounter()));
            metrics.add(metric(SCRAP, MetricDataType.Int64,
                    counters == null ? machine.scrapCounterStart() : counters.scrapCounter()));
            metrics.add(metric(STATE, MetricDataType.String, state == null ? "IDLE" : state.state()));
            if (state != null && state.stopCode() != null) {
                metrics.add(metric(STOP_CODE, MetricDataType.String, state.stopCode()));
            }
            publisher.publish(prefix + "DBIRTH/" + node + "/" + machine.machineId(),
                    encode(birthMillis, nextSeq(), metrics));
        }
    }

    private long nextSeq() {
        long value = seq;
        seq = (seq + 1) % 256;
        return value;
    }

    @Override
    public void publish(MachineMessage message) throws Exception {
        List<Metric> metrics = new ArrayList<>();
        switch (message.kind()) {
            case COUNTERS -> {
                metrics.add(metric(GOOD, MetricDataType.Int64, message.goodCounter()));
                metrics.add(metric(SCRAP, MetricDataType.Int64, message.scrapCounter()));
            }
            case STATE -> {
                metrics.add(metric(STATE, MetricDataType.String, message.state()));
                if (message.stopCode() != null) {
                    metrics.add(metric(STOP_CODE, MetricDataType.String, message.stopCode()));
                }
            }
            default -> throw new IllegalArgumentException("a Sparkplug node sends no " + message.kind());
        }
        publisher.publish("spBv1.0/" + PlantLayout.SPARKPLUG_GROUP + "/DDATA/" + node + "/" + message.machineId(),
                encode(message.timeMillis(), nextSeq(), metrics));
    }

    private static Metric metric(String name, MetricDataType type, Object value) {
        try {
            Metric metric = new Metric.MetricBuilder(name, type, value).createMetric();
            metric.setTimestamp(null); // the payload's (simulated) timestamp applies, not the wall clock
            return metric;
        } catch (Exception e) {
            throw new IllegalArgumentException(name, e);
        }
    }

    private static byte[] encode(Long timestamp, Long seq, List<Metric> metrics) {
        SparkplugBPayload payload = new SparkplugBPayload.SparkplugBPayloadBuilder()
                .setTimestamp(timestamp == null ? null : new Date(timestamp))
                .setSeq(seq)
                .addMetrics(metrics)
                .createPayload();
        try {
            return new SparkplugBPayloadEncoder().getBytes(payload, false);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void flush() throws Exception {
        publisher.flush();
    }

    @Override
    public void close() throws Exception {
        publisher.close();
    }
}
