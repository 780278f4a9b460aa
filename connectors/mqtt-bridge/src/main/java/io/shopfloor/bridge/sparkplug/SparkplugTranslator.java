package io.shopfloor.bridge.sparkplug;

import com.google.protobuf.InvalidProtocolBufferException;
import io.shopfloor.bridge.config.CounterSpec;
import io.shopfloor.bridge.config.MachineRegistry;
import io.shopfloor.bridge.config.SparkplugDevice;
import io.shopfloor.bridge.translate.BadInputException;
import io.shopfloor.bridge.translate.ReasonCodes;
import io.shopfloor.bridge.translate.SignalRecords;
import io.shopfloor.bridge.translate.SourceTimes;
import io.shopfloor.bridge.translate.Translation;
import io.shopfloor.schema.signal.MachineCounterReading;
import io.shopfloor.schema.signal.MachineState;
import io.shopfloor.schema.signal.MachineStateChange;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload;
import org.eclipse.tahu.protobuf.SparkplugBProto.Payload.Metric;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sparkplug B messages to Avro signal records, keeping each edge node's session: the bdSeq of its NBIRTH (the
 * boot epoch of every reading until its death), the metric aliases and data types its births declared, which
 * devices are born, and the last {@code seq}.
 *
 * <ul>
 *   <li>Births and data: mapped counter metrics become counter readings, the state metric a state change; other
 *       metrics are not machine signals and are passed over. Null values carry no reading.</li>
 *   <li>{@code is_historical} metrics are forwarded with their own (old) timestamps; their records'
 *       sourceTopic ends in {@code #historical} (no MQTT topic can contain '#').</li>
 *   <li>NDEATH (with the session's bdSeq) and DDEATH become {@code NO_SIGNAL} for every machine they concern;
 *       an NDEATH with another bdSeq is a stale will of an older session and goes to the dead letters.</li>
 *   <li>DATA or DBIRTH without a known birth (e.g. after a bridge restart) go to the dead letters, and the node
 *       is asked for a rebirth; so is a node whose {@code seq} skipped, which is reported as a SEQ_GAP dead
 *       letter while its message is forwarded.</li>
 *   <li>A metric (or death) timestamp more than {@code limits.maxAheadMillis} ahead of the arrival is a
 *       FUTURE_TIMESTAMP dead letter instead of a signal. A message's dead letters are told apart by metric and
 *       place in the payload.</li>
 * </ul>
 * One instance serves one subscription in MQTT order; methods are synchronized all the same.
 */
public final class SparkplugTranslator {
    private static final Logger LOG = LoggerFactory.getLogger(SparkplugTranslator.class);
    private static final String BD_SEQ = "bdSeq";
    private static final String HISTORICAL_SUFFIX = "#historical";

    private record MetricDef(String name, MetricDataType type) {
    }

    private static final class NodeSession {
        final long bdSeq;
        long lastSeq;
        final Map<Long, MetricDef> aliases = new HashMap<>();
        final Map<String, MetricDef> nodeMetrics = new HashMap<>();
        /** Born devices and their metrics by name. */
        final Map<String, Map<String, MetricDef>> devices = new HashMap<>();

        NodeSession(long bdSeq, long seq) {
            this.bdSeq = bdSeq;
            this.lastSeq = seq;
        }
    }

    /** The message being translated, for its dead letters. */
    private record Message(String topic, SparkplugTopic sparkplug, byte[] payload, long receivedAtMillis,
                           Translation out) {

        void deadLetter(String machineId, String reasonCode, String detail, String qualifier) {
            out.deadLetter(SignalRecords.deadLetter(topic, payload, machineId, reasonCode, detail, qualifier,
                    receivedAtMillis), reasonCode);
        }
    }

    private final MachineRegistry registry;
    private final RebirthRequester rebirth;
    private final long rebirthIntervalMillis;
    private final SourceTimes sourceTimes;
    private final Map<String, NodeSession> sessions = new HashMap<>();
    private final Map<String, Long> lastRebirthRequest = new HashMap<>();

    /** {@code rebirth} null: never ask for one. */
    public SparkplugTranslator(MachineRegistry registry, RebirthRequester rebirth, long rebirthIntervalMillis,
                               SourceTimes sourceTimes) {
        this.registry = registry;
        this.rebirth = rebirth;
        this.rebirthIntervalMillis = rebirthIntervalMillis;
        this.sourceTimes = sourceTimes;
    }

    public synchronized Translation translate(String topic, byte[] payload, long receivedAtMillis) {
        Translation out = new Translation();
        SparkplugTopic sparkplug = SparkplugTopic.parse(topic);
        Message message = new Message(topic, sparkplug, payload, receivedAtMillis, out);
        if (sparkplug == null) {
            message.deadLetter(null, ReasonCodes.UNKNOWN_TOPIC, "not a Sparkplug B topic", null);
            return out;
        }
        switch (sparkplug.messageType()) {
            case "STATE", "NCMD", "DCMD" -> {
                return out; // host state and commands (our own rebirth requests too): no machine signals
            }
            case "NBIRTH", "NDATA", "NDEATH", "DBIRTH", "DDATA", "DDEATH" -> {
            }
            default -> {
                message.deadLetter(null, ReasonCodes.UNKNOWN_TOPIC, "unknown Sparkplug message type "
                        + sparkplug.messageType(), null);
                return out;
            }
        }
        MachineRegistry.Machine deviceMachine = null;
        if (sparkplug.isDevice()) {
            deviceMachine = registry.sparkplugMachine(sparkplug.groupId(), sparkplug.edgeNodeId(),
                    sparkplug.deviceId());
            if (deviceMachine == null) {
                message.deadLetter(null, ReasonCodes.UNKNOWN_MACHINE, "no machine is Sparkplug device "
                        + sparkplug.nodeKey() + "/" + sparkplug.deviceId(), null);
                return out;
            }
        } else if (registry.sparkplugNodeMachines(sparkplug.groupId(), sparkplug.edgeNodeId()).isEmpty()) {
            message.deadLetter(null, ReasonCodes.UNKNOWN_MACHINE, "no machine is on Sparkplug edge node "
                    + sparkplug.nodeKey(), null);
            return out;
        }
        String machineId = deviceMachine != null ? deviceMachine.machineId() : null;
        if (payload.length == 0) {
            // Protobuf reads no bytes as an empty payload: no seq, no metrics, and nothing would say why.
            message.deadLetter(machineId, ReasonCodes.EMPTY_PAYLOAD, "the payload is empty", null);
            return out;
        }
        Payload decoded;
        try {
            decoded = Payload.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            message.deadLetter(machineId, ReasonCodes.MALFORMED_PROTOBUF, e.getMessage(), null);
            return out;
        }
        switch (sparkplug.messageType()) {
            case "NBIRTH" -> nodeBirth(message, decoded);
            case "NDATA" -> nodeData(message, decoded);
            case "NDEATH" -> nodeDeath(message, decoded);
            case "DBIRTH" -> deviceBirth(message, decoded, deviceMachine);
            case "DDATA" -> deviceData(message, decoded, deviceMachine);
            default -> deviceDeath(message, decoded, deviceMachine);
        }
        return out;
    }

    private void nodeBirth(Message message, Payload payload) {
        SparkplugTopic topic = message.sparkplug();
        // A birth starts a new session: the old aliases and devices are gone, whatever follows.
        sessions.remove(topic.nodeKey());
        MachineRegistry.Machine nodeMachine = registry.sparkplugMachine(topic.groupId(), topic.edgeNodeId(), null);
        String machineId = nodeMachine == null ? null : nodeMachine.machineId();
        Long bdSeq;
        try {
            bdSeq = bdSeq(payload);
        } catch (BadInputException e) {
            message.deadLetter(machineId, e.reasonCode(), e.getMessage(), null);
            return;
        }
        if (bdSeq == null) {
            message.deadLetter(machineId, ReasonCodes.MISSING_FIELD, "NBIRTH without a bdSeq metric", null);
            return;
        }
        NodeSession session = new NodeSession(bdSeq, payload.hasSeq() ? payload.getSeq() : 0);
        sessions.put(topic.nodeKey(), session);
        declare(message, payload, session, session.nodeMetrics, machineId);
        LOG.info("Sparkplug node {} born, bdSeq {}", topic.nodeKey(), bdSeq);
        if (nodeMachine != null) {
            signals(message, payload, session, session.nodeMetrics, nodeMachine, true);
        }
    }

    private void deviceBirth(Message message, Payload payload, MachineRegistry.Machine machine) {
        SparkplugTopic topic = message.sparkplug();
        NodeSession session = sessions.get(topic.nodeKey());
        if (session == null) {
            beforeBirth(message, machine.machineId(), "DBIRTH of " + topic.deviceId() + " before the NBIRTH of "
                    + topic.nodeKey());
            return;
        }
        checkSeq(message, payload, session, machine.machineId());
        Map<String, MetricDef> deviceMetrics = new HashMap<>();
        session.devices.put(topic.deviceId(), deviceMetrics);
        declare(message, payload, session, deviceMetrics, machine.machineId());
        LOG.debug("Sparkplug device {}/{} born", topic.nodeKey(), topic.deviceId());
        signals(message, payload, session, deviceMetrics, machine, true);
    }

    private void nodeData(Message message, Payload payload) {
        SparkplugTopic topic = message.sparkplug();
        MachineRegistry.Machine nodeMachine = registry.sparkplugMachine(topic.groupId(), topic.edgeNodeId(), null);
        String machineId = nodeMachine == null ? null : nodeMachine.machineId();
        NodeSession session = sessions.get(topic.nodeKey());
        if (session == null) {
            beforeBirth(message, machineId, "NDATA before the NBIRTH of " + topic.nodeKey());
            return;
        }
        checkSeq(message, payload, session, machineId);
        if (nodeMachine != null) {
            signals(message, payload, session, session.nodeMetrics, nodeMachine, false);
        }
    }

    private void deviceData(Message message, Payload payload, MachineRegistry.Machine machine) {
        SparkplugTopic topic = message.sparkplug();
        NodeSession session = sessions.get(topic.nodeKey());
        Map<String, MetricDef> deviceMetrics = session == null ? null : session.devices.get(topic.deviceId());
        if (deviceMetrics == null) {
            beforeBirth(message, machine.machineId(), "DDATA before the " + (session == null ? "NBIRTH of "
                    + topic.nodeKey() : "DBIRTH of " + topic.deviceId()));
            return;
        }
        checkSeq(message, payload, session, machine.machineId());
        signals(message, payload, session, deviceMetrics, machine, false);
    }

    private void deviceDeath(Message message, Payload payload, MachineRegistry.Machine machine) {
        SparkplugTopic topic = message.sparkplug();
        NodeSession session = sessions.get(topic.nodeKey());
        if (session != null) {
            checkSeq(message, payload, session, machine.machineId());
            session.devices.remove(topic.deviceId());
        }
        // The node itself sends a DDEATH, with the time it saw the device go.
        Instant at = Instant.ofEpochMilli(payload.hasTimestamp() ? payload.getTimestamp() : message.receivedAtMillis());
        try {
            sourceTimes.requireNotAhead(at, message.receivedAtMillis());
        } catch (BadInputException e) {
            message.deadLetter(machine.machineId(), e.reasonCode(), e.getMessage(), null);
            return;
        }
        noSignal(message, machine, session == null ? 0 : session.bdSeq, payload, at);
    }

    private void nodeDeath(Message message, Payload payload) {
        SparkplugTopic topic = message.sparkplug();
        Long bdSeq;
        try {
            bdSeq = bdSeq(payload);
        } catch (BadInputException e) {
            message.deadLetter(null, e.reasonCode(), e.getMessage(), null);
            return;
        }
        NodeSession session = sessions.get(topic.nodeKey());
        if (session != null && bdSeq != null && bdSeq != session.bdSeq) {
            message.deadLetter(null, ReasonCodes.STALE_DEATH, "NDEATH with bdSeq " + bdSeq + " while the session "
                    + "of bdSeq " + session.bdSeq + " is alive: a will of an older connection", null);
            return;
        }
        sessions.remove(topic.nodeKey());
        LOG.info("Sparkplug node {} dead, bdSeq {}", topic.nodeKey(), bdSeq);
        // The broker publishes the will when it loses the node, so its arrival is the time of death; the payload
        // timestamp is from when the will was set (the node's connect). Without a session the bridge cannot tell
        // a live will from an old one, and the payload's time is the safer (earlier) guess.
        long at = session == null && payload.hasTimestamp() ? payload.getTimestamp() : message.receivedAtMillis();
        long bootEpoch = bdSeq != null ? bdSeq : session != null ? session.bdSeq : 0;
        try {
            sourceTimes.requireNotAhead(Instant.ofEpochMilli(at), message.receivedAtMillis());
        } catch (BadInputException e) {
            message.deadLetter(null, e.reasonCode(), e.getMessage(), null);
            return;
        }
        for (MachineRegistry.Machine machine : registry.sparkplugNodeMachines(topic.groupId(), topic.edgeNodeId())) {
            noSignal(message, machine, bootEpoch, payload, Instant.ofEpochMilli(at));
        }
    }

    private void noSignal(Message message, MachineRegistry.Machine machine, long bootEpoch, Payload payload,
                          Instant at) {
        message.out().signal(SignalRecords.state(MachineStateChange.newBuilder()
                .setMachineId(machine.machineId())
                .setState(MachineState.NO_SIGNAL)
                .setStopCode(null)
                .setBootEpoch(bootEpoch)
                .setSequenceNumber(payload.hasSeq() ? payload.getSeq() : 0)
                .setSourceTimestamp(at)
                .setReceivedTimestamp(Instant.ofEpochMilli(message.receivedAtMillis()))
                .build()));
    }

    private void beforeBirth(Message message, String machineId, String detail) {
        message.deadLetter(machineId, ReasonCodes.DATA_BEFORE_BIRTH, detail, null);
        requestRebirth(message);
    }

    /**
     * Sparkplug numbers every message of a node session 0..255 (NBIRTH 0). One step ahead is in order; the same
     * number is a redelivered duplicate; a number up to half the range behind is a late redelivery; anything else
     * means messages were lost: reported, and the node asked for a rebirth.
     */
    private void checkSeq(Message message, Payload payload, NodeSession session, String machineId) {
        if (!payload.hasSeq()) {
            return;
        }
        long seq = payload.getSeq();
        long ahead = (seq - session.lastSeq) & 0xFF;
        if (ahead == 1 || ahead == 0) {
            session.lastSeq = seq;
            return;
        }
        if (ahead >= 128) {
            return; // behind: a late redelivery, which must not move the expectation back
        }
        long expected = (session.lastSeq + 1) & 0xFF;
        LOG.warn("Sparkplug seq gap on {}: expected {}, got {} ({} message(s) missing)", message.topic(), expected,
                seq, ahead - 1);
        message.deadLetter(machineId, ReasonCodes.SEQ_GAP, "expected seq " + expected + ", got " + seq + ": "
                + (ahead - 1) + " message(s) of " + message.sparkplug().nodeKey() + " missing; this message was "
                + "forwarded all the same", null);
        session.lastSeq = seq;
        requestRebirth(message);
    }

    private void requestRebirth(Message message) {
        if (rebirth == null) {
            return;
        }
        SparkplugTopic topic = message.sparkplug();
        Long last = lastRebirthRequest.get(topic.nodeKey());
        if (last != null && message.receivedAtMillis() - last < rebirthIntervalMillis) {
            return;
        }
        lastRebirthRequest.put(topic.nodeKey(), message.receivedAtMillis());
        try {
            rebirth.requestRebirth(topic.groupId(), topic.edgeNodeId());
            LOG.info("asked Sparkplug node {} for a rebirth", topic.nodeKey());
        } catch (RuntimeException e) {
            LOG.warn("could not ask Sparkplug node {} for a rebirth", topic.nodeKey(), e);
        }
    }

    /** Records a birth's metric names, data types and aliases; unnamed birth metrics are dead letters. */
    private void declare(Message message, Payload payload, NodeSession session, Map<String, MetricDef> byName,
                         String machineId) {
        List<Metric> metrics = payload.getMetricsList();
        for (int i = 0; i < metrics.size(); i++) {
            Metric metric = metrics.get(i);
            if (!metric.hasName()) {
                message.deadLetter(machineId, ReasonCodes.MISSING_FIELD, "birth metric " + MetricValues.describe(metric)
                        + " has no name", qualifier(metric, i));
                continue;
            }
            MetricDef def = new MetricDef(metric.getName(), MetricDataType.fromInteger(metric.getDatatype()));
            byName.put(def.name(), def);
            if (metric.hasAlias()) {
                session.aliases.put(metric.getAlias(), def);
            }
        }
    }

    /** The counter readings and state changes among a birth's or data message's metrics. */
    private void signals(Message message, Payload payload, NodeSession session, Map<String, MetricDef> byName,
                         MachineRegistry.Machine machine, boolean birth) {
        SparkplugDevice place = machine.sparkplug();
        Map<Long, String> stopCodes = new HashMap<>(0);
        List<Metric> metrics = payload.getMetricsList();
        MetricDef[] defs = new MetricDef[metrics.size()];
        // First pass: resolve names and types of the metrics that are signals of this machine, collect stop codes
        // (each paired with the state of the same time).
        for (int i = 0; i < metrics.size(); i++) {
            Metric metric = metrics.get(i);
            if (birth && !metric.hasName()) {
                continue; // declare() reported it
            }
            String qualifier = qualifier(metric, i);
            try {
                MetricDef declared = declared(metric, session, byName);
                String name = metric.hasName() ? metric.getName() : declared.name();
                if (machine.counterForMetric(name) == null && !name.equals(place.stateMetric())
                        && !name.equals(place.stopCodeMetric())) {
                    continue; // not a signal of this machine
                }
                defs[i] = new MetricDef(name, type(metric, declared));
                if (name.equals(place.stopCodeMetric()) && !metric.getIsNull()) {
                    stopCodes.put(timestamp(metric, payload).toEpochMilli(), MetricValues.code(metric, defs[i].type()));
                }
            } catch (BadInputException e) {
                defs[i] = null;
                message.deadLetter(machine.machineId(), e.reasonCode(), e.getMessage(), qualifier);
            }
        }
        for (int i = 0; i < metrics.size(); i++) {
            Metric metric = metrics.get(i);
            MetricDef def = defs[i];
            if (def == null || metric.getIsNull()) {
                continue; // not a signal, already reported, or a null: Sparkplug's "value unknown", no reading
            }
            try {
                CounterSpec counter = machine.counterForMetric(def.name());
                if (counter != null) {
                    message.out().signal(SignalRecords.counter(counter(message, payload, session, machine, counter,
                            metric, def)));
                } else if (def.name().equals(place.stateMetric())) {
                    message.out().signal(SignalRecords.state(state(message, payload, session, machine, metric, def,
                            stopCodes)));
                }
            } catch (BadInputException e) {
                message.deadLetter(machine.machineId(), e.reasonCode(), e.getMessage(), qualifier(metric, i));
            }
        }
    }

    /**
     * Tells apart the dead letters of one message's metrics: name (or alias) and place in the payload, since a
     * payload may carry the same metric several times (historical values).
     */
    private static String qualifier(Metric metric, int index) {
        return (metric.hasName() ? metric.getName() : "alias-" + metric.getAlias()) + "#" + index;
    }

    /** What a birth of this session declared for the metric (null if it has a name no birth declared). */
    private static MetricDef declared(Metric metric, NodeSession session, Map<String, MetricDef> byName)
            throws BadInputException {
        if (metric.hasName()) {
            return byName.get(metric.getName());
        }
        if (!metric.hasAlias()) {
            throw new BadInputException(ReasonCodes.MISSING_FIELD, "metric has neither name nor alias");
        }
        MetricDef declared = session.aliases.get(metric.getAlias());
        if (declared == null) {
            throw new BadInputException(ReasonCodes.UNKNOWN_ALIAS, "alias " + metric.getAlias()
                    + " was declared by no birth of this session");
        }
        return declared;
    }

    /** The metric's own data type, else the one its birth declared (DATA metrics may leave it out). */
    private static MetricDataType type(Metric metric, MetricDef declared) throws BadInputException {
        MetricDataType type = metric.hasDatatype() && metric.getDatatype() != 0
                ? MetricDataType.fromInteger(metric.getDatatype())
                : declared == null ? null : declared.type();
        if (type == null || type.equals(MetricDataType.Unknown)) {
            throw new BadInputException(ReasonCodes.WRONG_TYPE, "metric " + MetricValues.describe(metric)
                    + " has no datatype, neither itself nor in its birth");
        }
        return type;
    }

    private MachineCounterReading counter(Message message, Payload payload, NodeSession session,
                                          MachineRegistry.Machine machine, CounterSpec counter, Metric metric,
                                          MetricDef def) throws BadInputException {
        long value = MetricValues.counter(metric, def.type(), counter.widthBits());
        return MachineCounterReading.newBuilder()
                .setMachineId(machine.machineId())
                .setCounterName(counter.name())
                .setCounterKind(counter.kind())
                .setValue(value)
                .setWidthBits(counter.widthBits())
                .setBootEpoch(session.bdSeq)
                .setSequenceNumber(payload.hasSeq() ? payload.getSeq() : null)
                .setSourceTimestamp(sourceTimestamp(message, metric, payload))
                .setReceivedTimestamp(Instant.ofEpochMilli(message.receivedAtMillis()))
                .setSourceTopic(metric.getIsHistorical() ? message.topic() + HISTORICAL_SUFFIX : message.topic())
                .build();
    }

    private MachineStateChange state(Message message, Payload payload, NodeSession session,
                                     MachineRegistry.Machine machine, Metric metric, MetricDef def,
                                     Map<Long, String> stopCodes) throws BadInputException {
        String name = MetricValues.text(metric, def.type());
        MachineState state;
        try {
            state = MachineState.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(ReasonCodes.INVALID_VALUE, "state '" + name + "' is none of "
                    + java.util.Arrays.toString(MachineState.values()));
        }
        Instant at = sourceTimestamp(message, metric, payload);
        return MachineStateChange.newBuilder()
                .setMachineId(machine.machineId())
                .setState(state)
                .setStopCode(stopCodes.get(at.toEpochMilli()))
                .setBootEpoch(session.bdSeq)
                .setSequenceNumber(payload.hasSeq() ? payload.getSeq() : 0)
                .setSourceTimestamp(at)
                .setReceivedTimestamp(Instant.ofEpochMilli(message.receivedAtMillis()))
                .build();
    }

    /** The metric's timestamp, within the bound ahead of the arrival. */
    private Instant sourceTimestamp(Message message, Metric metric, Payload payload) throws BadInputException {
        Instant at = timestamp(metric, payload);
        sourceTimes.requireNotAhead(at, message.receivedAtMillis());
        return at;
    }

    private static Instant timestamp(Metric metric, Payload payload) throws BadInputException {
        if (metric.hasTimestamp()) {
            return Instant.ofEpochMilli(metric.getTimestamp());
        }
        if (payload.hasTimestamp()) {
            return Instant.ofEpochMilli(payload.getTimestamp());
        }
        throw new BadInputException(ReasonCodes.MISSING_FIELD, "metric " + MetricValues.describe(metric)
                + " has no timestamp, nor has its payload");
    }

    private static Long bdSeq(Payload payload) throws BadInputException {
        for (Metric metric : payload.getMetricsList()) {
            if (metric.hasName() && metric.getName().equals(BD_SEQ)) {
                MetricDataType type = MetricDataType.fromInteger(metric.getDatatype());
                return MetricValues.integer(metric, type.equals(MetricDataType.Unknown) ? MetricDataType.UInt64 : type);
            }
        }
        return null;
    }
}
