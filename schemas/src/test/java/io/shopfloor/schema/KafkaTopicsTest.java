package io.shopfloor.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaTopicsTest {
    @RegisterExtension
    static final EmbeddedKafka KAFKA = new EmbeddedKafka();

    @Test
    void createsEveryTopicOnceWithCompactedMasterData() throws Exception {
        Set<String> created = KafkaTopics.createMissing(KAFKA.bootstrapServers(), 3, (short) 1);

        assertEquals(new HashSet<>(KafkaTopics.ALL), created);
        assertEquals(36, KafkaTopics.ALL.size()); // 14 event topics + 22 master-data topics
        assertEquals(Set.of(), KafkaTopics.createMissing(KAFKA.admin(), 3, (short) 1), "second start-up");

        Map<String, TopicDescription> topics = KAFKA.admin().describeTopics(KafkaTopics.ALL).allTopicNames().get();
        topics.values().forEach(topic -> assertEquals(3, topic.partitions().size(), topic.name()));
        List<ConfigResource> resources = KafkaTopics.ALL.stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name))
                .toList();
        Map<ConfigResource, Config> configs = KAFKA.admin().describeConfigs(resources).all().get();
        for (String name : KafkaTopics.ALL) {
            String cleanup = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name))
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
            assertEquals(KafkaTopics.isCompacted(name) ? "compact" : "delete", cleanup, name);
        }
        assertTrue(KafkaTopics.isCompacted(KafkaTopics.MD_MANUFACTURING_SETUP));
    }
}
