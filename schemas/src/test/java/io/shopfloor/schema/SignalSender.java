package io.shopfloor.schema;

import io.shopfloor.schema.signal.CounterKind;
import io.shopfloor.schema.signal.MachineCounterReading;
import io.shopfloor.schema.signal.MachineState;
import io.shopfloor.schema.signal.MachineStateChange;
import io.shopfloor.schema.signal.OperationEvent;
import io.shopfloor.schema.signal.OperationEventType;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes what a plant's gateways and the ERP would put on Kafka, as the MQTT bridge and CDC do (single-object Avro,
 * keyed by machine or order), for simulated plants in benchmarks and tests. Counts what it sent per topic; the first
 * failed send is kept for the caller to throw after {@code flush}.
 */
public final class SignalSender {
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicReference<Exception> failure;
    private final Map<String, Long> counts = new ConcurrentHashMap<>();
    private final Map<Class<?>, BinaryMessageEncoder<?>> encoders = new HashMap<>();

    public SignalSender(KafkaProducer<byte[], byte[]> producer, AtomicReference<Exception> failure) {
        this.producer = producer;
        this.failure = failure;
    }

    /** A 32-bit counter of boot epoch 1, as a JSON gateway reports it. */
    public void reading(String machineId, long sequenceNumber, Instant time, String counter, CounterKind kind,
                        long value) {
        record(KafkaTopics.MACHINE_COUNTERS, machineId, MachineCounterReading.class,
                MachineCounterReading.newBuilder().setMachineId(machineId).setCounterName(counter)
                        .setCounterKind(kind).setValue(value).setWidthBits(32).setBootEpoch(1)
                        .setSequenceNumber(sequenceNumber).setSourceTimestamp(time).setReceivedTimestamp(time)
                        .setSourceTopic("plant/" + machineId + "/counters/" + counter).build());
    }

    public void state(String machineId, long sequenceNumber, Instant time, MachineState state, String stopCode) {
        record(KafkaTopics.MACHINE_STATES, machineId, MachineStateChange.class,
                MachineStateChange.newBuilder().setMachineId(machineId).setState(state).setStopCode(stopCode)
                        .setBootEpoch(1).setSequenceNumber(sequenceNumber).setSourceTimestamp(time)
                        .setReceivedTimestamp(time).build());
    }

    /** By operator OP-7. */
    public void operation(String machineId, Instant time, OperationEventType type, String orderNo, int orderLineNo,
                          String operationNo) {
        record(KafkaTopics.OPERATION_EVENTS, machineId, OperationEvent.class,
                OperationEvent.newBuilder().setMachineId(machineId).setEventType(type).setOrderNo(orderNo)
                        .setOrderLineNo(orderLineNo).setOperationNo(operationNo).setOperatorId("OP-7")
                        .setActivityCode(null).setSourceTimestamp(time)
                        .setEventId(machineId + "/" + time.toEpochMilli() + "/" + type).build());
    }

    @SuppressWarnings("unchecked")
    public <T extends SpecificRecord> void record(String topic, String key, Class<T> type, T value) {
        BinaryMessageEncoder<T> encoder =
                (BinaryMessageEncoder<T>) encoders.computeIfAbsent(type, k -> ShopfloorSchemas.encoder(type));
        byte[] payload;
        try {
            payload = encoder.encode(value).array();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), payload),
                (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
        counts.merge(topic, 1L, Long::sum);
    }

    /** Records sent to {@code topic} so far. */
    public long sent(String topic) {
        return counts.getOrDefault(topic, 0L);
    }

    /** Records sent to every topic so far. */
    public long sent() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
