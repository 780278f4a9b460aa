package io.shopfloor.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.shopfloor.schema.KafkaTopics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kubernetes manifests, parsed document by document: kinds with their API versions, every object in the
 * shopfloor namespace, every container with a pinned image and resource requests, the FlinkDeployment upgrading by
 * savepoint with Kubernetes HA and durable checkpoint, savepoint and HA directories, one KafkaTopic per topic the
 * code uses (configured as KafkaTopics defines it), and the job's parallelism equal to its input topics'
 * partitions.
 */
class KubernetesManifestsTest {
    static final Path MANIFESTS = Path.of(System.getProperty("manifests.dir", "manifests"));
    static final Map<String, String> API_VERSIONS = Map.ofEntries(
            Map.entry("Namespace", "v1"), Map.entry("Secret", "v1"), Map.entry("ConfigMap", "v1"),
            Map.entry("Service", "v1"), Map.entry("ServiceAccount", "v1"), Map.entry("PersistentVolumeClaim", "v1"),
            Map.entry("Deployment", "apps/v1"), Map.entry("StatefulSet", "apps/v1"),
            Map.entry("Role", "rbac.authorization.k8s.io/v1"), Map.entry("RoleBinding", "rbac.authorization.k8s.io/v1"),
            Map.entry("Kafka", "kafka.strimzi.io/v1beta2"), Map.entry("KafkaNodePool", "kafka.strimzi.io/v1beta2"),
            Map.entry("KafkaTopic", "kafka.strimzi.io/v1beta2"), Map.entry("FlinkDeployment", "flink.apache.org/v1beta1"));
    /** The topics the posting job reads. */
    static final List<String> JOB_INPUTS = Stream.concat(Stream.of(KafkaTopics.MACHINE_COUNTERS,
            KafkaTopics.MACHINE_STATES, KafkaTopics.OPERATION_EVENTS, KafkaTopics.JOURNAL_LINES,
            KafkaTopics.ORDER_STATUS_CHANGES), KafkaTopics.MASTER_DATA.stream()).toList();

    static final List<JsonNode> DOCUMENTS = new ArrayList<>();

    @BeforeAll
    static void parse() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<Path> files;
        try (Stream<Path> list = Files.list(MANIFESTS)) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertEquals(List.of("00-namespace.yaml", "10-kafka.yaml", "11-kafka-topics.yaml", "20-flink-posting-job.yaml",
                        "30-mosquitto.yaml", "40-ledger-db.yaml", "50-mqtt-bridge.yaml", "60-erp-cdc.yaml"),
                files.stream().map(p -> p.getFileName().toString()).toList());
        for (Path file : files) {
            try (MappingIterator<JsonNode> documents = yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
                while (documents.hasNext()) {
                    JsonNode document = documents.next();
                    if (document != null && !document.isEmpty()) {
                        DOCUMENTS.add(document);
                    }
                }
            }
        }
    }

    @Test
    void everyDocumentIsAKnownKindInTheNamespaceWithAUniqueName() {
        assertEquals(57, DOCUMENTS.size());
        Set<String> seen = new TreeSet<>();
        for (JsonNode document : DOCUMENTS) {
            String kind = document.path("kind").asText();
            assertEquals(API_VERSIONS.get(kind), document.path("apiVersion").asText(), "apiVersion of " + kind);
            String name = document.path("metadata").path("name").asText();
            assertFalse(name.isEmpty(), () -> kind + " without a name");
            if (!kind.equals("Namespace")) {
                assertEquals("shopfloor", document.path("metadata").path("namespace").asText(), kind + " " + name);
            }
            assertTrue(seen.add(kind + "/" + name), () -> kind + "/" + name + " twice");
        }
        assertEquals(Set.of("Namespace", "Secret", "ConfigMap", "Service", "ServiceAccount", "PersistentVolumeClaim",
                        "Deployment", "StatefulSet", "Role", "RoleBinding", "Kafka", "KafkaNodePool", "KafkaTopic",
                        "FlinkDeployment"),
                DOCUMENTS.stream().map(d -> d.path("kind").asText()).collect(Collectors.toSet()));
    }

    @Test
    void everyContainerHasAPinnedImageAndResourceRequests() {
        List<String> checked = new ArrayList<>();
        for (JsonNode document : ofKind("Deployment", "StatefulSet")) {
            JsonNode containers = document.path("spec").path("template").path("spec").path("containers");
            assertTrue(containers.size() > 0, () -> name(document) + " has no containers");
            for (JsonNode container : containers) {
                String image = container.path("image").asText();
                assertTrue(image.matches("[\\w./-]+:[\\w.-]+") && !image.endsWith(":latest"),
                        () -> name(document) + ": image " + image + " not pinned to a version");
                JsonNode requests = container.path("resources").path("requests");
                assertFalse(requests.path("cpu").asText().isEmpty(), () -> name(document) + " requests no cpu");
                assertFalse(requests.path("memory").asText().isEmpty(), () -> name(document) + " requests no memory");
                checked.add(name(document) + ":" + container.path("name").asText());
            }
        }
        assertEquals(List.of("mosquitto:mosquitto", "ledger-db:postgres", "mqtt-bridge:mqtt-bridge", "erp-cdc:erp-cdc"),
                checked);

        JsonNode flink = only("FlinkDeployment");
        assertTrue(flink.path("spec").path("image").asText().matches("[\\w./-]+:\\d[\\w.-]*"));
        for (String role : List.of("jobManager", "taskManager")) {
            JsonNode resource = flink.path("spec").path(role).path("resource");
            assertTrue(resource.path("cpu").asDouble() > 0, role + " cpu");
            assertTrue(resource.path("memory").asText().matches("\\d+[mg]"), role + " memory");
        }
        JsonNode pool = only("KafkaNodePool");
        assertFalse(pool.path("spec").path("resources").path("requests").path("memory").asText().isEmpty());
        assertFalse(pool.path("spec").path("resources").path("requests").path("cpu").asText().isEmpty());
    }

    @Test
    void thePostingJobUpgradesBySavepointWithHighAvailabilityAndDurableState() {
        JsonNode spec = only("FlinkDeployment").path("spec");
        JsonNode job = spec.path("job");
        assertEquals("savepoint", job.path("upgradeMode").asText());
        assertEquals("running", job.path("state").asText());
        assertFalse(job.path("allowNonRestoredState").asBoolean(), "every operator's state must be restored");
        assertEquals("io.shopfloor.jobjar.ClusterPostingJob", job.path("entryClass").asText());
        assertEquals("local:///opt/flink/usrlib/posting-job.jar", job.path("jarURI").asText());
        JsonNode config = spec.path("flinkConfiguration");
        assertEquals("kubernetes", config.path("high-availability.type").asText());
        assertEquals("rocksdb", config.path("state.backend.type").asText());
        for (String directory : List.of("high-availability.storageDir", "execution.checkpointing.dir",
                "execution.checkpointing.savepoint-dir")) {
            assertTrue(config.path(directory).asText().startsWith("s3://"), directory + " on durable storage");
        }
        assertEquals("EXACTLY_ONCE", config.path("execution.checkpointing.mode").asText());
        assertEquals("flink", spec.path("serviceAccount").asText());
        assertEquals(Set.of("ServiceAccount/flink", "Role/flink", "RoleBinding/flink"), ofKind("ServiceAccount",
                "Role", "RoleBinding").stream().map(d -> d.path("kind").asText() + "/" + name(d))
                .collect(Collectors.toSet()));

        // The job's arguments: Strimzi's bootstrap service and the ledger database's service.
        List<String> args = new ArrayList<>();
        job.path("args").forEach(a -> args.add(a.asText()));
        assertEquals(only("Kafka").path("metadata").path("name").asText() + "-kafka-bootstrap:9092",
                args.get(args.indexOf("--bootstrap-servers") + 1));
        assertTrue(args.get(args.indexOf("--jdbc-url") + 1).startsWith("jdbc:postgresql://ledger-db:5432/"));

        // Its configuration file: the ConfigMap mounted where --config looks, parsed as the job parses it.
        String configFile = args.get(args.indexOf("--config") + 1);
        JsonNode container = spec.path("podTemplate").path("spec").path("containers").get(0);
        JsonNode mount = container.path("volumeMounts").get(0);
        assertEquals(configFile, mount.path("mountPath").asText() + "/shopfloor.yaml");
        JsonNode volume = spec.path("podTemplate").path("spec").path("volumes").get(0);
        assertEquals(mount.path("name").asText(), volume.path("name").asText());
        JsonNode configMap = ofKind("ConfigMap").stream().filter(d -> name(d).equals(volume.path("configMap")
                .path("name").asText())).findFirst().orElseThrow();
        io.shopfloor.config.Section root = io.shopfloor.config.ConfigFile.parse(configMap.path("data")
                .path("shopfloor.yaml").asText(), "ConfigMap shopfloor", Path.of("/etc/shopfloor"), Map.of());
        assertEquals(java.time.ZoneId.of("Europe/Berlin"), root.section("plant").zone("timeZone", null));
        assertEquals(java.time.Duration.ofMinutes(1), root.section("job").duration("postingInterval", null));
    }

    @Test
    void oneTopicPerTopicTheCodeUsesAndTheJobsParallelismMatchesItsInputPartitions() {
        List<JsonNode> topics = ofKind("KafkaTopic");
        assertEquals(new TreeSet<>(KafkaTopics.ALL), topics.stream().map(KubernetesManifestsTest::name)
                .collect(Collectors.toCollection(TreeSet::new)));
        int brokers = only("KafkaNodePool").path("spec").path("replicas").asInt();
        for (JsonNode topic : topics) {
            String name = name(topic);
            assertEquals("shopfloor", topic.path("metadata").path("labels").path("strimzi.io/cluster").asText());
            JsonNode config = topic.path("spec").path("config");
            assertEquals(KafkaTopics.isCompacted(name) ? "compact" : "",
                    config.path("cleanup.policy").asText(), name + " cleanup.policy");
            assertEquals(KafkaTopics.isKeptForever(name) ? "-1" : "", config.path("retention.ms").asText(),
                    name + " retention.ms");
            int replicas = topic.path("spec").path("replicas").asInt();
            assertTrue(replicas <= brokers && config.path("min.insync.replicas").asInt() < replicas,
                    name + ": a broker may fail without stopping writes");
        }

        JsonNode spec = only("FlinkDeployment").path("spec");
        int parallelism = spec.path("job").path("parallelism").asInt();
        for (String input : JOB_INPUTS) {
            JsonNode topic = topics.stream().filter(t -> name(t).equals(input)).findFirst().orElseThrow();
            assertEquals(parallelism, topic.path("spec").path("partitions").asInt(), input + " partitions");
        }
        int slots = spec.path("flinkConfiguration").path("taskmanager.numberOfTaskSlots").asInt();
        assertEquals(0, parallelism % slots, "whole TaskManagers: " + parallelism + " / " + slots);

        // The producers create no topics of their own, with other partition counts.
        JsonNode cdc = ofKind("Deployment").stream().filter(d -> name(d).equals("erp-cdc")).findFirst().orElseThrow();
        List<String> cdcArgs = new ArrayList<>();
        cdc.path("spec").path("template").path("spec").path("containers").get(0).path("args")
                .forEach(a -> cdcArgs.add(a.asText()));
        assertTrue(cdcArgs.contains("--partitions=" + parallelism), cdcArgs.toString());
        assertTrue(cdcArgs.contains("--bootstrap-servers=shopfloor-kafka-bootstrap:9092"), cdcArgs.toString());
    }

    @Test
    void theBridgeConfigurationNamesTheBrokersInTheCluster() throws IOException {
        JsonNode configMap = ofKind("ConfigMap").stream().filter(d -> name(d).equals("mqtt-bridge")).findFirst()
                .orElseThrow();
        JsonNode bridge = new ObjectMapper().readTree(configMap.path("data").path("bridge.json").asText());
        assertEquals("tcp://mosquitto:1883", bridge.path("mqtt").path("serverUri").asText());
        assertEquals("shopfloor-kafka-bootstrap:9092", bridge.path("kafka").path("bootstrapServers").asText());
        assertFalse(bridge.path("kafka").path("createTopics").asBoolean());
        assertEquals(only("FlinkDeployment").path("spec").path("job").path("parallelism").asInt(),
                bridge.path("kafka").path("partitions").asInt());
        assertNotNull(ofKind("Service").stream().filter(d -> name(d).equals("mosquitto")).findFirst().orElse(null));
    }

    private static List<JsonNode> ofKind(String... kinds) {
        Set<String> wanted = Set.of(kinds);
        return DOCUMENTS.stream().filter(d -> wanted.contains(d.path("kind").asText())).toList();
    }

    private static JsonNode only(String kind) {
        List<JsonNode> documents = ofKind(kind);
        assertEquals(1, documents.size(), "one " + kind);
        return documents.get(0);
    }

    private static String name(JsonNode document) {
        return document.path("metadata").path("name").asText();
    }
}
