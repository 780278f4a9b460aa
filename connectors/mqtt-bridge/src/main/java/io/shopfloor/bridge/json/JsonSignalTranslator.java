package io.shopfloor.bridge.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopfloor.bridge.config.CounterSpec;
import io.shopfloor.bridge.config.MachineRegistry;
import io.shopfloor.bridge.translate.BadInputException;
import io.shopfloor.bridge.translate.ReasonCodes;
import io.shopfloor.bridge.translate.SignalRecords;
import io.shopfloor.bridge.translate.SourceTimes;
import io.shopfloor.bridge.translate.Translation;
import io.shopfloor.schema.signal.MachineCounterReading;
import io.shopfloor.schema.signal.MachineState;
import io.shopfloor.schema.signal.MachineStateChange;
import io.shopfloor.schema.signal.OperationEvent;
import io.shopfloor.schema.signal.OperationEventType;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * JSON payloads on the configured topic scheme to Avro signal records. The payloads (every field named here;
 * others are ignored):
 * <ul>
 *   <li>counter: {@code {"timestamp": <epoch ms or ISO-8601>, "value": <unsigned integer>, "bootEpoch": <int>,
 *       "seq": <int, optional>}}</li>
 *   <li>state: {@code {"timestamp", "state": <MachineState name>, "stopCode": <optional>, "bootEpoch", "seq"}};
 *       a {@code NO_SIGNAL} state needs nothing else (a gateway's constant MQTT will message): the time it
 *       arrived stands in for a missing timestamp, 0 for a missing bootEpoch or seq</li>
 *   <li>operation: {@code {"timestamp", "eventType": <OperationEventType name>, "orderNo", "orderLineNo",
 *       "operationNo", "operatorId": <optional>, "activityCode": <optional>, "eventId": <optional>}}; without an
 *       eventId one is derived from the event's content, so a redelivered duplicate keeps its id</li>
 * </ul>
 * Every payload may carry {@code "machineId"}; it must then equal the machine of the topic. A timestamp more than
 * {@code limits.maxAheadMillis} ahead of the arrival time is a FUTURE_TIMESTAMP. Bad input becomes a dead letter.
 * Thread-safe.
 */
public final class JsonSignalTranslator {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final BigInteger UNSIGNED_64_LIMIT = BigInteger.ONE.shiftLeft(64);

    private final JsonTopicScheme scheme;
    private final MachineRegistry registry;
    private final SourceTimes sourceTimes;

    public JsonSignalTranslator(JsonTopicScheme scheme, MachineRegistry registry, SourceTimes sourceTimes) {
        this.scheme = scheme;
        this.registry = registry;
        this.sourceTimes = sourceTimes;
    }

    public Translation translate(String topic, byte[] payload, long receivedAtMillis) {
        Translation translation = new Translation();
        JsonTopicScheme.Match match = scheme.match(topic);
        String machineId = null;
        try {
            if (match == null) {
                throw new BadInputException(ReasonCodes.UNKNOWN_TOPIC, "topic matches no configured template");
            }
            machineId = match.machineId();
            MachineRegistry.Machine machine = registry.machine(machineId);
            if (machine == null) {
                throw new BadInputException(ReasonCodes.UNKNOWN_MACHINE, "machine " + machineId
                        + " is not in the registry");
            }
            JsonNode json = parse(payload);
            JsonNode payloadMachineId = json.get("machineId");
            if (payloadMachineId != null && !payloadMachineId.isNull()
                    && !machineId.equals(payloadMachineId.asText())) {
                throw new BadInputException(ReasonCodes.MACHINE_ID_MISMATCH, "payload machineId "
                        + payloadMachineId + " differs from the topic's " + machineId);
            }
            switch (match.kind()) {
                case COUNTER -> translation.signal(SignalRecords.counter(
                        counter(machine, match.counterName(), json, topic, receivedAtMillis)));
                case STATE -> translation.signal(SignalRecords.state(state(machineId, json, receivedAtMillis)));
                case OPERATION -> translation.signal(SignalRecords.operation(operation(machineId, json,
                        receivedAtMillis)));
            }
        } catch (BadInputException e) {
            translation.deadLetter(SignalRecords.deadLetter(topic, payload, machineId, e.reasonCode(),
                    e.getMessage(), null, receivedAtMillis), e.reasonCode());
        }
        return translation;
    }

    private static JsonNode parse(byte[] payload) throws BadInputException {
        if (payload.length == 0) {
            throw new BadInputException(ReasonCodes.EMPTY_PAYLOAD, "the payload is empty");
        }
        JsonNode json;
        try {
            json = MAPPER.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new BadInputException(ReasonCodes.MALFORMED_JSON, e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadInputException(ReasonCodes.MALFORMED_JSON, e.toString());
        }
        if (json == null || !json.isObject()) {
            throw new BadInputException(ReasonCodes.MALFORMED_JSON, "payload is not a JSON object");
        }
        return json;
    }

    private MachineCounterReading counter(MachineRegistry.Machine machine, String counterName, JsonNode json,
                                          String topic, long receivedAtMillis) throws BadInputException {
        CounterSpec counter = machine.counter(counterName);
        if (counter == null) {
            throw new BadInputException(ReasonCodes.UNKNOWN_COUNTER, "machine " + machine.machineId()
                    + " has no counter " + counterName);
        }
        return MachineCounterReading.newBuilder()
                .setMachineId(machine.machineId())
                .setCounterName(counter.name())
                .setCounterKind(counter.kind())
                .setValue(counterValue(json, counter.widthBits()))
                .setWidthBits(counter.widthBits())
                .setBootEpoch(requiredLong(json, "bootEpoch"))
                .setSequenceNumber(optionalLong(json, "seq"))
                .setSourceTimestamp(timestamp(json, null, receivedAtMillis))
                .setReceivedTimestamp(Instant.ofEpochMilli(receivedAtMillis))
                .setSourceTopic(topic)
                .build();
    }

    private MachineStateChange state(String machineId, JsonNode json, long receivedAtMillis)
            throws BadInputException {
        String stateName = requiredText(json, "state");
        MachineState state;
        try {
            state = MachineState.valueOf(stateName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(ReasonCodes.INVALID_VALUE, "state " + stateName + " is none of "
                    + java.util.Arrays.toString(MachineState.values()));
        }
        boolean noSignal = state == MachineState.NO_SIGNAL;
        Long bootEpoch = noSignal ? optionalLong(json, "bootEpoch") : Long.valueOf(requiredLong(json, "bootEpoch"));
        Long seq = noSignal ? optionalLong(json, "seq") : Long.valueOf(requiredLong(json, "seq"));
        return MachineStateChange.newBuilder()
                .setMachineId(machineId)
                .setState(state)
                .setStopCode(optionalText(json, "stopCode"))
                .setBootEpoch(bootEpoch == null ? 0 : bootEpoch)
                .setSequenceNumber(seq == null ? 0 : seq)
                .setSourceTimestamp(timestamp(json, noSignal ? Instant.ofEpochMilli(receivedAtMillis) : null,
                        receivedAtMillis))
                .setReceivedTimestamp(Instant.ofEpochMilli(receivedAtMillis))
                .build();
    }

    private OperationEvent operation(String machineId, JsonNode json, long receivedAtMillis)
            throws BadInputException {
        String typeName = requiredText(json, "eventType");
        OperationEventType type;
        try {
            type = OperationEventType.valueOf(typeName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(ReasonCodes.INVALID_VALUE, "eventType " + typeName + " is none of "
                    + java.util.Arrays.toString(OperationEventType.values()));
        }
        String orderNo = requiredText(json, "orderNo");
        long orderLineNo = requiredLong(json, "orderLineNo");
        if (orderLineNo < Integer.MIN_VALUE || orderLineNo > Integer.MAX_VALUE) {
            throw new BadInputException(ReasonCodes.WRONG_TYPE, "orderLineNo " + orderLineNo + " is not an int");
        }
        String operationNo = requiredText(json, "operationNo");
        Instant timestamp = timestamp(json, null, receivedAtMillis);
        String eventId = optionalText(json, "eventId");
        if (eventId == null) {
            // Same content, same id: a QoS 1 duplicate must not become a second event.
            eventId = machineId + "/" + type + "/" + orderNo + "/" + orderLineNo + "/" + operationNo + "/"
                    + timestamp.toEpochMilli();
        }
        return OperationEvent.newBuilder()
                .setMachineId(machineId)
                .setEventType(type)
                .setOrderNo(orderNo)
                .setOrderLineNo((int) orderLineNo)
                .setOperationNo(operationNo)
                .setOperatorId(optionalText(json, "operatorId"))
                .setActivityCode(optionalText(json, "activityCode"))
                .setSourceTimestamp(timestamp)
                .setEventId(eventId)
                .build();
    }

    /** An unsigned integer that fits {@code widthBits}, as the signed long of the same bits. */
    static long counterValue(JsonNode json, int widthBits) throws BadInputException {
        JsonNode node = required(json, "value");
        if (!node.isIntegralNumber()) {
            throw new BadInputException(ReasonCodes.WRONG_TYPE, "value " + node + " is not an integer");
        }
        BigInteger value = node.bigIntegerValue();
        if (value.signum() < 0) {
            throw new BadInputException(ReasonCodes.NEGATIVE_COUNTER, "value " + value + " is negative");
        }
        BigInteger limit = widthBits == 64 ? UNSIGNED_64_LIMIT : BigInteger.ONE.shiftLeft(widthBits);
        if (value.compareTo(limit) >= 0) {
            throw new BadInputException(ReasonCodes.VALUE_OUT_OF_RANGE, "value " + value + " does not fit a "
                    + widthBits + "-bit counter");
        }
        return value.longValue(); // above 2^63 - 1 the two's complement bits, read back unsigned
    }

    /** The source timestamp, within the bound ahead of the arrival. */
    private Instant timestamp(JsonNode json, Instant fallback, long receivedAtMillis) throws BadInputException {
        Instant timestamp = timestamp(json, fallback);
        sourceTimes.requireNotAhead(timestamp, receivedAtMillis);
        return timestamp;
    }

    private static Instant timestamp(JsonNode json, Instant fallback) throws BadInputException {
        JsonNode node = json.get("timestamp");
        if (node == null || node.isNull()) {
            if (fallback != null) {
                return fallback;
            }
            throw new BadInputException(ReasonCodes.MISSING_FIELD, "timestamp is missing");
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return Instant.ofEpochMilli(node.longValue());
        }
        if (node.isTextual()) {
            try {
                return OffsetDateTime.parse(node.textValue()).toInstant();
            } catch (DateTimeParseException e) {
                throw new BadInputException(ReasonCodes.WRONG_TYPE, "timestamp " + node
                        + " is not ISO-8601 with an offset");
            }
        }
        throw new BadInputException(ReasonCodes.WRONG_TYPE, "timestamp " + node
                + " is neither epoch milliseconds nor an ISO-8601 string");
    }

    private static JsonNode required(JsonNode json, String field) throws BadInputException {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            throw new BadInputException(ReasonCodes.MISSING_FIELD, field + " is missing");
        }
        return node;
    }

    private static long requiredLong(JsonNode json, String field) throws BadInputException {
        return toLong(field, required(json, field));
    }

    private static Long optionalLong(JsonNode json, String field) throws BadInputException {
        JsonNode node = json.get(field);
        return node == null || node.isNull() ? null : toLong(field, node);
    }

    private static long toLong(String field, JsonNode node) throws BadInputException {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new BadInputException(ReasonCodes.WRONG_TYPE, field + " " + node + " is not a 64-bit integer");
        }
        return node.longValue();
    }

    private static String requiredText(JsonNode json, String field) throws BadInputException {
        JsonNode node = required(json, field);
        if (!node.isTextual()) {
            throw new BadInputException(ReasonCodes.WRONG_TYPE, field + " " + node + " is not a string");
        }
        return node.textValue();
    }

    private static String optionalText(JsonNode json, String field) throws BadInputException {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new BadInputException(ReasonCodes.WRONG_TYPE, field + " " + node + " is not a string");
        }
        return node.textValue();
    }
}
