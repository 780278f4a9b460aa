package io.shopfloor.job;

import io.shopfloor.job.avro.AvroFixtures;
import io.shopfloor.schema.EmbeddedKafka;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.job.machine.MachineInput;
import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.masterdata.CostingMethod;
import io.shopfloor.schema.common.DeadLetter;
import io.shopfloor.schema.common.ProductionOrderStatus;
import io.shopfloor.schema.journal.OrderStatusChange;
import io.shopfloor.schema.ledger.CapacityLedgerEntry;
import io.shopfloor.schema.ledger.ItemLedgerEntry;
import io.shopfloor.schema.ledger.ValueEntry;
import io.shopfloor.schema.masterdata.Item;
import io.shopfloor.schema.signal.CounterKind;
import io.shopfloor.schema.signal.MachineCounterReading;
import io.shopfloor.schema.signal.MachineState;
import io.shopfloor.schema.signal.MachineStateChange;
import io.shopfloor.schema.signal.OperationEvent;
import io.shopfloor.schema.signal.OperationEventType;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Spec example 1 through a real in-process Kafka broker: master data, order CDC and machine signals as Avro on
 * their topics, the job reading them (bounded) at parallelism 2 with checkpoints, and the ledger read back from
 * the ledger topics with a read-committed consumer.
 */
public class KafkaPostingJobTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());
    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    public static final Instant DEFINED = Example1Plant.MIDNIGHT.minusSeconds(3600);
    static final Instant RELEASED = Example1Plant.MIDNIGHT.minusSeconds(1800);

    @Test
    void example1FromMachineSignalsOnKafkaGivesTheExamplesLedgerOnKafka() throws Exception {
        KafkaTopics.createMissing(KAFKA.bootstrapServers(), 2, (short) 1);
        KAFKA.awaitPartitions(KafkaTopics.ALL, Duration.ofSeconds(30));
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        masterData(records);
        order(records);
        for (MachineInput input : Example1Plant.machineInputs()) {
            records.add(signal(input));
        }
        records.add(new ProducerRecord<>(KafkaTopics.MACHINE_COUNTERS, bytes("CUT-1"), bytes("not avro at all")));
        KAFKA.produce(records);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(300);
        KafkaPostingJob.define(env, KafkaPostingJob.Config.defaults(KAFKA.bootstrapServers())
                .boundedTo("example-1", Example1Plant.SETTINGS));
        env.execute("example 1 on kafka");

        assertExample1Ledger(KAFKA);
        List<DeadLetter> deadLetters = read(KAFKA, KafkaTopics.DEAD_LETTERS, DeadLetter.class);
        assertEquals(List.of("UNDECODABLE_AVRO"), deadLetters.stream().map(DeadLetter::getReasonCode).toList());
        // Undecodable input keeps its raw bytes and key: producing them again re-drives it.
        assertEquals(java.nio.ByteBuffer.wrap(bytes("not avro at all")), deadLetters.get(0).getPayload());
        assertEquals(java.nio.ByteBuffer.wrap(bytes("CUT-1")), deadLetters.get(0).getKey());
        assertEquals(KafkaTopics.MACHINE_COUNTERS, deadLetters.get(0).getSourceTopic());
    }

    /** The ledger topics hold exactly spec example 1's ledger (read committed). */
    static void assertExample1Ledger(EmbeddedKafka kafka) throws Exception {
        List<CapacityLedgerEntry> capacity =
                read(kafka, KafkaTopics.LEDGER_CAPACITY_ENTRIES, CapacityLedgerEntry.class);
        List<ItemLedgerEntry> items = read(kafka, KafkaTopics.LEDGER_ITEM_ENTRIES, ItemLedgerEntry.class);
        List<ValueEntry> values = read(kafka, KafkaTopics.LEDGER_VALUE_ENTRIES, ValueEntry.class);
        List<OrderStatusChange> statuses = read(kafka, KafkaTopics.LEDGER_ORDER_STATUS, OrderStatusChange.class);

        capacity.sort(Comparator.comparing(CapacityLedgerEntry::getEntryNo));
        items.sort(Comparator.comparing(ItemLedgerEntry::getEntryNo));
        values.sort(Comparator.comparing(ValueEntry::getEntryNo));
        assertEquals(List.of("150.00000", "60.00000", "86.00000", "40.00000"),
                capacity.stream().map(e -> e.getQuantity().toPlainString()).toList());
        assertEquals(List.of("-126.00000", "-400.00000", "60.00000", "-84.00000", "-6.30000", "40.00000", "-5.00000"),
                items.stream().map(e -> e.getQuantity().toPlainString()).toList());
        // Item entries carry their value entries' sums at posting time.
        assertEquals(new BigDecimal("468.60"), items.get(2).getCostAmountExpected());
        assertEquals(List.of("-189.00", "150.00", "30.00", "-40.00", "30.00", "0.00", "-126.00", "-9.45", "86.00",
                        "17.20", "20.00", "0.00", "-100.00", "478.59", "-5.67", "-3.60", "-0.72", "319.06", "-3.78",
                        "-2.40", "-0.48"),
                values.stream().map(v -> v.getCostAmountActual().toPlainString()).toList());
        assertEquals(List.of(ProductionOrderStatus.RELEASED, ProductionOrderStatus.FINISHED),
                statuses.stream().map(OrderStatusChange::getToStatus).toList());
    }

    public static void masterData(List<ProducerRecord<byte[], byte[]>> records) {
        Item fg = Item.newBuilder(AvroFixtures.item("FG-100", "PCS", CostingMethod.STANDARD, "7.81", "1"))
                .setSingleLevelMaterialCost(AvroFixtures.q("4.55")).setSingleLevelCapacityCost(AvroFixtures.q("2.80"))
                .setSingleLevelCapacityOverheadCost(AvroFixtures.q("0.46")).build();
        for (Item item : List.of(fg, AvroFixtures.item("STEEL", "KG", CostingMethod.STANDARD, "1.50", "0.01"),
                AvroFixtures.item("BOLT", "PCS", CostingMethod.STANDARD, "0.10", "1"),
                AvroFixtures.item("PAINT", "L", CostingMethod.STANDARD, "20.00", "0.001"))) {
            records.add(record(KafkaTopics.MD_ITEMS, item.getNo(), Item.class, item));
        }
        var cut = AvroFixtures.workCenter("WC-CUT", "1.00", "10", "0.10", "1.20");
        var assy = AvroFixtures.workCenter("WC-ASSY", "0.50", "0", "0", "0.50");
        records.add(record(KafkaTopics.MD_WORK_CENTERS, "WC-CUT", io.shopfloor.schema.masterdata.WorkCenter.class, cut));
        records.add(record(KafkaTopics.MD_WORK_CENTERS, "WC-ASSY", io.shopfloor.schema.masterdata.WorkCenter.class, assy));
        records.add(record(KafkaTopics.MD_MACHINE_CENTERS, "MC-ASSY", io.shopfloor.schema.masterdata.MachineCenter.class,
                AvroFixtures.machineCenter("MC-ASSY", "WC-ASSY", "0.50")));
        records.add(record(KafkaTopics.MD_LOCATIONS, "MAIN", io.shopfloor.schema.masterdata.Location.class,
                AvroFixtures.location("MAIN")));
    }

    public static void order(List<ProducerRecord<byte[], byte[]>> records) {
        String order = "RPO-1001";
        records.add(record(KafkaTopics.MD_PROD_ORDER_LINES, order, io.shopfloor.schema.masterdata.ProdOrderLine.class,
                io.shopfloor.schema.masterdata.ProdOrderLine.newBuilder(AvroFixtures.setALine())
                        .setSourceTimestamp(DEFINED).build()));
        for (var routing : AvroFixtures.setARouting()) {
            records.add(record(KafkaTopics.MD_PROD_ORDER_ROUTING_LINES, order,
                    io.shopfloor.schema.masterdata.ProdOrderRoutingLine.class,
                    io.shopfloor.schema.masterdata.ProdOrderRoutingLine.newBuilder(routing).setSourceTimestamp(DEFINED).build()));
        }
        for (var component : AvroFixtures.setAComponents()) {
            records.add(record(KafkaTopics.MD_PROD_ORDER_COMPONENTS, order,
                    io.shopfloor.schema.masterdata.ProdOrderComponent.class,
                    io.shopfloor.schema.masterdata.ProdOrderComponent.newBuilder(component).setSourceTimestamp(DEFINED).build()));
        }
        records.add(record(KafkaTopics.MD_PRODUCTION_ORDERS, order, io.shopfloor.schema.masterdata.ProductionOrder.class,
                io.shopfloor.schema.masterdata.ProductionOrder.newBuilder(AvroFixtures.setAOrder())
                        .setStatus(ProductionOrderStatus.RELEASED).setSourceLsn(42L).setSourceTimestamp(RELEASED).build()));
    }

    /** A machine input of the example as the MQTT bridge would put it on Kafka. */
    public static ProducerRecord<byte[], byte[]> signal(MachineInput input) {
        if (input.reading() != null) {
            var r = input.reading();
            return record(KafkaTopics.MACHINE_COUNTERS, r.machineId(), MachineCounterReading.class,
                    MachineCounterReading.newBuilder().setMachineId(r.machineId()).setCounterName(r.counterName())
                            .setCounterKind(CounterKind.valueOf(r.kind().name())).setValue(r.value())
                            .setWidthBits(r.widthBits()).setBootEpoch(r.bootEpoch()).setSequenceNumber(r.sequenceNumber())
                            .setSourceTimestamp(r.eventTime()).setReceivedTimestamp(r.eventTime()).setSourceTopic(null)
                            .build());
        }
        if (input.state() != null) {
            var s = input.state();
            return record(KafkaTopics.MACHINE_STATES, input.machineId(), MachineStateChange.class,
                    MachineStateChange.newBuilder().setMachineId(input.machineId())
                            .setState(MachineState.valueOf(s.state().name())).setStopCode(s.stopCode()).setBootEpoch(1)
                            .setSequenceNumber(s.eventTime().getEpochSecond()).setSourceTimestamp(s.eventTime())
                            .setReceivedTimestamp(s.eventTime()).build());
        }
        var o = input.operation();
        return record(KafkaTopics.OPERATION_EVENTS, input.machineId(), OperationEvent.class,
                OperationEvent.newBuilder().setMachineId(input.machineId())
                        .setEventType(OperationEventType.valueOf(o.type().name())).setOrderNo(o.orderNo())
                        .setOrderLineNo(o.orderLineNo()).setOperationNo(o.operationNo()).setOperatorId(o.operatorId())
                        .setActivityCode(o.activityCode()).setSourceTimestamp(o.eventTime())
                        .setEventId(input.machineId() + "/" + o.eventTime().toEpochMilli()).build());
    }

    static <T extends SpecificRecord> ProducerRecord<byte[], byte[]> record(String topic, String key,
                                                                                    Class<T> type, T value) {
        try {
            byte[] payload = ShopfloorSchemas.encoder(type).encode(value).array();
            return new ProducerRecord<>(topic, bytes(key), payload);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static <T extends SpecificRecord> List<T> read(EmbeddedKafka kafka, String topic, Class<T> type)
            throws Exception {
        var decoder = ShopfloorSchemas.decoder(type);
        List<T> values = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : kafka.readAll(topic, true, Duration.ofSeconds(5))) {
            values.add(decoder.decode(record.value()));
        }
        return values;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
