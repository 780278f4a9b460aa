package io.shopfloor.launcher;

import static io.shopfloor.launcher.LedgerAgainstTruth.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.common.DeadLetter;
import io.shopfloor.simulator.GroundTruth;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import io.shopfloor.simulator.PlantSettings;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole embedded plant for about 100 simulated minutes (20 machines, one order per line, at 200x), stopped
 * halfway and started again on the same data folder: the ledger against the simulator's ground truth. Every good
 * part, scrapped part and minute of setup, run and stop time of
 * every operation is in the capacity ledger once; each machine's KPIs add up to its true time, the gateway dropout
 * as no-signal time; consumption is what the flushing rules make of the posted output; every order was finished by
 * the job and has zero WIP after the cost adjustment.
 */
class EmbeddedPlantEndToEndTest {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPlantEndToEndTest.class);
    private static final double SPEED = 200;
    private static final Duration DEADLINE = Duration.ofSeconds(150);

    @TempDir
    Path data;

    @Test
    void theLedgerAccountsForEverythingThePlantDidExactlyOnceAcrossAStopAndAResume() throws Exception {
        PlantSettings plant = new PlantSettings(11, Instant.parse("2026-01-01T00:00:00Z"), 20, 1, 6, 10, false);
        EmbeddedPlant.Settings settings = new EmbeddedPlant.Settings(data, SPEED, plant, 0, LOG::info);
        Instant stoppedAt;
        try (EmbeddedPlant embedded = EmbeddedPlant.start(settings)) {
            // Stop in the middle of the plan (orders running, the first ones posted), as Ctrl-C does.
            GroundTruth truth = embedded.simulator().truth();
            Instant middle = truth.start().plus(Duration.between(truth.start(), truth.end()).dividedBy(2));
            assertLockedDown(embedded, settings);
            awaitSimulatedTime(embedded, middle);
            awaitCheckpoint(data.resolve("checkpoints"));
            stoppedAt = embedded.simulator().simulatedTime();
        }
        try (EmbeddedPlant embedded = EmbeddedPlant.start(settings)) {
            GroundTruth truth = embedded.simulator().truth();
            // Resumed where it stopped, less what its gateways publish again (PlantSimulator.resendMillis).
            Instant resumedNotBefore = stoppedAt.minusSeconds(1)
                    .minusMillis(io.shopfloor.simulator.PlantSimulator.resendMillis(SPEED));
            assertTrue(!embedded.simulator().simulatedTime().isBefore(resumedNotBefore),
                    () -> "resumed at " + embedded.simulator().simulatedTime() + ", stopped at " + stoppedAt);
            assertTrue(embedded.restoredCheckpoint().isPresent(), "the job resumed from its retained checkpoint");
            String complete = awaitEverythingPosted(embedded, truth);
            try (Connection ledger = embedded.connectLedger()) {
                LOG.info("dead letters: {}", query(ledger, "SELECT reason_code, stage, left(reason_detail, 200), "
                        + "count(*) FROM dead_letter GROUP BY 1, 2, 3 ORDER BY 1, 2, 3 LIMIT 20"));
                LOG.info("machine KPIs: {}", query(ledger, "SELECT machine_id, max(window_end), count(*), "
                        + "sum(no_signal_millis) FROM machine_kpi GROUP BY 1 ORDER BY 1"));
                LedgerAgainstTruth.assertMatches(ledger, truth);
            }
            assertEquals(List.of(), bridgeDeadLetters(embedded.kafkaBootstrapServers()),
                    "dead letters of the MQTT bridges (Kafka only)");
            assertEquals("", complete);
            assertTheDashboardShowsThePlant(embedded, truth);
            List<String> incidents = truth.incidents().stream().map(i -> i.kind() + " " + i.machineId()).toList();
            assertTrue(incidents.containsAll(List.of("CONTROLLER_RESTART L1-CUT-1", "GATEWAY_DROPOUT L4-MILL-1")),
                    incidents::toString);
            assertTrue(truth.duplicatedMessages() > 0 && truth.reorderedMessages() > 0, "duplicates and reorders");
        }
    }

    /**
     * Nobody gets in without the data folder's passwords, nothing listens beyond this machine, Flink's REST API
     * cannot cancel the job, and a second plant on the same folder is refused at once.
     */
    private static void assertLockedDown(EmbeddedPlant embedded, EmbeddedPlant.Settings settings) throws Exception {
        StartFailure second = org.junit.jupiter.api.Assertions.assertThrows(StartFailure.class,
                () -> EmbeddedPlant.start(settings));
        assertTrue(second.getMessage().startsWith("another embedded plant runs on"), second.getMessage());

        PlantCredentials logins = embedded.credentials();
        for (String[] login : List.of(new String[] {"postgres", ""}, new String[] {"postgres", "postgres"},
                new String[] {"ledger_writer", "ledger_writer"}, new String[] {"ledger_reporting", "ledger_reporting"},
                new String[] {"ledger_writer", logins.ledgerReportingPassword()})) {
            SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> java.sql.DriverManager.getConnection(embedded.ledgerJdbcUrl(), login[0], login[1]).close(),
                    login[0] + " with a wrong or no password");
            assertTrue(List.of("28P01", "08004").contains(refused.getSQLState()), refused::getMessage);
        }
        try (Connection reporting = java.sql.DriverManager.getConnection(embedded.ledgerJdbcUrl(),
                "ledger_reporting", logins.ledgerReportingPassword())) {
            assertEquals(List.of("on"), query(reporting, "SHOW fsync"));
        }

        for (String[] login : List.of(new String[] {null, null}, new String[] {"plant-gateway", "wrong"},
                new String[] {"shopfloor-bridge", logins.mqttGatewayPassword()})) {
            org.eclipse.paho.client.mqttv3.MqttClient client = new org.eclipse.paho.client.mqttv3.MqttClient(
                    embedded.mqttUri(), "intruder", new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
            org.eclipse.paho.client.mqttv3.MqttConnectOptions options =
                    new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
            if (login[0] != null) {
                options.setUserName(login[0]);
                options.setPassword(login[1].toCharArray());
            }
            org.eclipse.paho.client.mqttv3.MqttException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    org.eclipse.paho.client.mqttv3.MqttException.class, () -> client.connect(options));
            assertTrue(refused.getReasonCode() == 4 || refused.getReasonCode() == 5, refused::toString);
            client.close();
        }

        assertEquals("127.0.0.1", embedded.dashboard().uri().getHost());
        // Flink's REST API: plain HTTP is not answered, and TLS without the plant's own client key is refused.
        URI cancel = embedded.flinkRestUri().resolve("jobs/" + embedded.job().getJobID() + "?mode=cancel");
        java.net.http.HttpRequest patch = java.net.http.HttpRequest.newBuilder(cancel).timeout(Duration.ofSeconds(10))
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.noBody()).build();
        java.net.http.HttpRequest plainPatch = java.net.http.HttpRequest.newBuilder(URI.create(
                        cancel.toString().replace("https:", "http:"))).timeout(Duration.ofSeconds(10))
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.noBody()).build();
        javax.net.ssl.SSLContext trustingEveryServer = javax.net.ssl.SSLContext.getInstance("TLS");
        trustingEveryServer.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509TrustManager() {
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String type) { }

            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String type) { }

            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        }}, null);
        for (java.net.http.HttpClient client : List.of(java.net.http.HttpClient.newHttpClient(),
                java.net.http.HttpClient.newBuilder().sslContext(trustingEveryServer).build())) {
            for (java.net.http.HttpRequest request : List.of(patch, plainPatch)) {
                try {
                    int status = client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
                    // Plain HTTP is redirected to HTTPS (301), where the handshake fails: never 2xx.
                    assertTrue(status >= 300, request.uri() + " answered " + status);
                } catch (java.io.IOException refused) {
                    // the TLS handshake failed or the connection was closed: refused
                }
            }
        }
        assertEquals(org.apache.flink.api.common.JobStatus.RUNNING, embedded.job().getJobStatus().get());
    }

    /**
     * The dashboard (it reads the ledger once a second) lists every machine, every order of the plant finished in
     * full, and the ERP sample data's two released orders, which this plant does not run, released without output.
     */
    private static void assertTheDashboardShowsThePlant(EmbeddedPlant embedded, GroundTruth truth)
            throws InterruptedException {
        List<String> expectedOrders = java.util.stream.Stream.concat(truth.orders().stream()
                        .map(o -> o.orderNo() + " FINISHED " + o.quantity()),
                java.util.stream.Stream.of("RPO-1002 RELEASED 0", "RPO-1003 RELEASED 0")).sorted().toList();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        CountDownLatch never = new CountDownLatch(1);
        List<String> orders = List.of();
        while (System.nanoTime() < deadline) {
            orders = embedded.dashboard().state().ledger().orders().stream()
                    .map(o -> o.orderNo() + " " + o.status() + " " + o.outputQuantity().stripTrailingZeros()
                            .toPlainString())
                    .sorted().toList();
            if (orders.equals(expectedOrders)) {
                break;
            }
            never.await(200, TimeUnit.MILLISECONDS);
        }
        assertEquals(expectedOrders, orders);
        assertEquals(truth.machines().stream().map(GroundTruth.MachineTruth::machineId).sorted().toList(),
                embedded.dashboard().state().machines().stream().map(m -> m.machineId()).sorted().toList());
    }

    private static void awaitSimulatedTime(EmbeddedPlant embedded, Instant time) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        CountDownLatch never = new CountDownLatch(1);
        while (embedded.simulator().simulatedTime().isBefore(time) && System.nanoTime() < deadline) {
            never.await(200, TimeUnit.MILLISECONDS);
        }
        assertTrue(!embedded.simulator().simulatedTime().isBefore(time), "simulated time did not reach " + time);
    }

    /** Until the job completed a checkpoint (the plant starts before the job and may reach the middle first). */
    private static void awaitCheckpoint(Path checkpoints) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        CountDownLatch never = new CountDownLatch(1);
        while (EmbeddedPlant.latestCheckpoint(checkpoints).isEmpty() && System.nanoTime() < deadline) {
            never.await(200, TimeUnit.MILLISECONDS);
        }
        assertTrue(EmbeddedPlant.latestCheckpoint(checkpoints).isPresent(), "no checkpoint in " + checkpoints);
    }

    /**
     * Until every order is finished in the ledger and every machine's KPIs reach the end of the plan; what is still
     * missing at the deadline (empty when nothing), so that the comparisons show what differs.
     */
    private static String awaitEverythingPosted(EmbeddedPlant embedded, GroundTruth truth) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        CountDownLatch never = new CountDownLatch(1);
        String finished = "";
        String kpis = "";
        while (System.nanoTime() < deadline) {
            try (Connection ledger = embedded.connectLedger()) {
                finished = query(ledger, "SELECT count(DISTINCT order_no) FROM production_order_status_history "
                        + "WHERE to_status = 'FINISHED'").get(0);
                kpis = query(ledger, "SELECT count(*) FROM (SELECT machine_id FROM machine_kpi GROUP BY 1 "
                        + "HAVING max(window_end) >= '" + truth.end() + "') m").get(0);
            }
            if (finished.equals(String.valueOf(truth.orders().size()))
                    && kpis.equals(String.valueOf(truth.machines().size()))) {
                return "";
            }
            assertTrue(embedded.simulator().failure() == null, () -> "simulator " + embedded.simulator().failure());
            never.await(1, TimeUnit.SECONDS);
        }
        return "after " + DEADLINE + ": " + finished + " of " + truth.orders().size()
                + " orders finished, " + kpis + " of " + truth.machines().size() + " machines' KPIs complete; "
                + "simulated time " + embedded.simulator().simulatedTime() + ", plan ends " + truth.end();
    }

    /** Reason and topic of every dead letter on Kafka's dead-letters topic written by a bridge. */
    static List<String> bridgeDeadLetters(String bootstrapServers) {
        List<String> letters = new ArrayList<>();
        var decoder = ShopfloorSchemas.decoder(DeadLetter.class);
        forEachRecord(bootstrapServers, KafkaTopics.DEAD_LETTERS, record -> {
            try {
                DeadLetter letter = decoder.decode(record.value());
                if (letter.getStage().toString().equals("mqtt-bridge")) {
                    letters.add(letter.getReasonCode() + " " + letter.getSourceTopic() + " "
                            + letter.getReasonDetail());
                }
            } catch (java.io.IOException e) {
                letters.add("undecodable " + e);
            }
        });
        return letters.stream().limit(20).toList();
    }

    /** Every committed record of a topic: partition, offset, Kafka timestamp and the record as Avro prints it. */
    static List<String> topicRecords(String bootstrapServers, String topic,
                                     Class<? extends org.apache.avro.specific.SpecificRecord> type) {
        List<String> records = new ArrayList<>();
        var decoder = ShopfloorSchemas.decoder(type);
        forEachRecord(bootstrapServers, topic, record -> {
            String value;
            try {
                value = String.valueOf(decoder.decode(record.value()));
            } catch (Exception e) {
                value = "undecodable " + e;
            }
            records.add(record.partition() + "/" + record.offset() + " " + Instant.ofEpochMilli(record.timestamp())
                    + " " + value);
        });
        return records;
    }

    private static void forEachRecord(String bootstrapServers, String topic,
                                      java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> action) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(action);
            }
        }
    }
}
