package io.shopfloor.job;

import io.shopfloor.job.machine.ReportedLine;
import io.shopfloor.job.order.PostedEntry;
import io.shopfloor.posting.Notice;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.runtime.kryo.KryoSerializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The job's serialization setup: a type that would fall back to Kryo fails the job's construction at once. */
class SerializationConfigTest {

    /** No default constructor, no setters: Flink's type extraction makes it a generic (Kryo) type. */
    static final class NotAPojo {
        private final int value;

        NotAPojo(int value) {
            this.value = value;
        }
    }

    @Test
    void aGenericTypeFailsTheJobAtOnce() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        PostingJob.configureSerialization(env);
        UnsupportedOperationException refused = assertThrows(UnsupportedOperationException.class,
                () -> env.fromData(List.of(new NotAPojo(1)), TypeInformation.of(NotAPojo.class)));
        assertEquals("Generic types have been disabled in the ExecutionConfig and type "
                + NotAPojo.class.getName() + " is treated as a generic type.", refused.getMessage());
    }

    @Test
    void theJobsRecordStreamsNeedNoKryo() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        PostingJob.configureSerialization(env);
        for (Class<?> type : List.of(PostedEntry.class, ReportedLine.class, Notice.class)) {
            // Creating the serializer walks every field: a generic one among them would throw.
            TypeSerializer<?> serializer = TypeInformation.of(type).createSerializer(env.getConfig()
                    .getSerializerConfig());
            assertFalse(serializer instanceof KryoSerializer, type.getName());
        }
    }

    /**
     * The job reads the ERP's shop calendar topics and stop codes; every master-data source, and only those, is read by one reader
     * and followed by its catch-up operator (MasterDataCatchUp), and the graph still needs no Kryo.
     */
    @Test
    void everyMasterDataTopicIsReadByOneReaderWithItsCatchUp() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        KafkaPostingJob.define(env, KafkaPostingJob.Config.defaults("localhost:9092"));
        java.util.Map<String, Integer> parallelism = new java.util.TreeMap<>();
        env.getStreamGraph().getStreamNodes().forEach(node -> parallelism.put(node.getOperatorName(),
                node.getParallelism()));
        for (String topic : List.of(io.shopfloor.schema.KafkaTopics.MD_SHOP_CALENDAR_WORKING_DAYS,
                io.shopfloor.schema.KafkaTopics.MD_SHOP_CALENDAR_HOLIDAYS,
                io.shopfloor.schema.KafkaTopics.MD_CALENDAR_ABSENCE_ENTRIES,
                io.shopfloor.schema.KafkaTopics.MD_STOP_CODES)) {
            assertEquals(1, parallelism.get(topic + " inputs"), topic);
        }
        List<String> caughtUp = new java.util.ArrayList<>();
        parallelism.forEach((name, p) -> {
            if (name.startsWith("Source: ")) {
                String source = name.substring("Source: ".length());
                boolean masterData = source.startsWith("md-");
                assertEquals(masterData ? 1 : 2, p, name);
                assertEquals(masterData ? (Integer) 1 : null, parallelism.get(source + " catch-up"), name);
                if (masterData) {
                    caughtUp.add(source);
                }
            }
        });
        // 17 topics, three of them read twice (the posting groups of items, work and machine centers).
        assertEquals(17 + 3, caughtUp.size(), caughtUp.toString());
    }
}
