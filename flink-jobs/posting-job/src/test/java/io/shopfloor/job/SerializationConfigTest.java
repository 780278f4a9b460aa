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
     * With the ERP's shop calendars the job reads the three calendar topics and the stop codes, and its graph still
     * needs no Kryo.
     */
    @Test
    void theJobWithShopCalendarsFromTheErpReadsTheCalendarTopics() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        KafkaPostingJob.define(env, KafkaPostingJob.Config.defaults("localhost:9092"), true);
        List<String> sources = new java.util.ArrayList<>();
        env.getStreamGraph().getStreamNodes().forEach(node -> sources.add(node.getOperatorName()));
        for (String topic : List.of(io.shopfloor.schema.KafkaTopics.MD_SHOP_CALENDAR_WORKING_DAYS,
                io.shopfloor.schema.KafkaTopics.MD_SHOP_CALENDAR_HOLIDAYS,
                io.shopfloor.schema.KafkaTopics.MD_CALENDAR_ABSENCE_ENTRIES, io.shopfloor.schema.KafkaTopics.MD_STOP_CODES)) {
            org.junit.jupiter.api.Assertions.assertTrue(sources.contains(topic + " inputs"), sources.toString());
        }
        StreamExecutionEnvironment without = StreamExecutionEnvironment.getExecutionEnvironment();
        KafkaPostingJob.define(without, KafkaPostingJob.Config.defaults("localhost:9092"));
        List<String> withoutSources = new java.util.ArrayList<>();
        without.getStreamGraph().getStreamNodes().forEach(node -> withoutSources.add(node.getOperatorName()));
        assertFalse(withoutSources.contains(io.shopfloor.schema.KafkaTopics.MD_CALENDAR_ABSENCE_ENTRIES + " inputs"),
                withoutSources.toString());
        assertFalse(withoutSources.contains(io.shopfloor.schema.KafkaTopics.MD_STOP_CODES + " inputs"),
                withoutSources.toString());
    }
}
