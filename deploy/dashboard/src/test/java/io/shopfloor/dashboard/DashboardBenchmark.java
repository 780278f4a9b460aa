package io.shopfloor.dashboard;

import io.shopfloor.ledger.LedgerStoreSchema;
import io.shopfloor.posting.PostingSettings;
import io.shopfloor.schema.EmbeddedKafka;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.signal.MachineState;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Prints how fast the dashboard follows the plant: machine records per second from Kafka to a page's event stream,
 * the latency of one state change from its publication to the page, and how long a full state request takes.
 * Real in-process Kafka and embedded PostgreSQL (empty ledger: the ledger side is a read per second, not a stream).
 *
 * <p>Arguments: {@code --machines=200 --windows=250 --latency-samples=300}.
 */
public final class DashboardBenchmark {
    private DashboardBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new java.util.HashMap<>();
        for (String arg : args) {
            String[] pair = arg.replaceFirst("^--", "").split("=", 2);
            options.put(pair[0], pair.length > 1 ? pair[1] : "true");
        }
        int machines = Integer.parseInt(options.getOrDefault("machines", "200"));
        int windows = Integer.parseInt(options.getOrDefault("windows", "250"));
        int latencySamples = Integer.parseInt(options.getOrDefault("latency-samples", "300"));

        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
             EmbeddedKafka kafka = new EmbeddedKafka().start()) {
            String jdbcUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
            LedgerStoreSchema.Roles roles = LedgerStoreSchema.Roles.defaults();
            LedgerStoreSchema.migrate(jdbcUrl, "postgres", "", roles, PostingSettings.DeviationBasis.STANDARD);
            KafkaTopics.createMissing(kafka.bootstrapServers(), 2, (short) 1);
            kafka.awaitPartitions(KafkaTopics.ALL, Duration.ofSeconds(30));
            try (Dashboard dashboard = Dashboard.start(new DashboardSettings(0, jdbcUrl, roles.reporting(),
                    roles.reportingPassword(), kafka.bootstrapServers()));
                 SseClient page = new SseClient(dashboard.uri().resolve("events"));
                 KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                         ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                         ProducerConfig.LINGER_MS_CONFIG, "5"), new ByteArraySerializer(), new ByteArraySerializer())) {
                page.next(e -> e.type().equals("state"), Duration.ofSeconds(30));
                throughput(producer, page, machines, windows);
                latency(producer, page, latencySamples);
                stateRequest(dashboard, machines);
            }
        }
    }

    /** Every machine's KPI windows and a state change per window, as fast as Kafka takes them. */
    private static void throughput(KafkaProducer<byte[], byte[]> producer, SseClient page, int machines, int windows)
            throws Exception {
        int records = machines * windows * 2;
        long started = System.nanoTime();
        for (int window = 0; window < windows; window++) {
            for (int machine = 0; machine < machines; machine++) {
                String id = "M-" + machine;
                producer.send(Example1Dashboard.record(KafkaTopics.MACHINE_KPIS, id, Example1Dashboard.kpi(id,
                        window * 10, window * 10 + 10, 9, 1, 0, 10, 0.9, 1.0, 0.9)));
                producer.send(Example1Dashboard.record(KafkaTopics.MACHINE_STATES, id, Example1Dashboard.state(id,
                        window % 2 == 0 ? MachineState.RUNNING : MachineState.STOPPED, null, window * 10 + 5)));
            }
        }
        producer.flush();
        long published = System.nanoTime();
        // Updates are coalesced per machine: done when every tile shows its last window and its last state.
        String lastWindowEnd = "\"kpiWindowEnd\":\"" + Example1Dashboard.MIDNIGHT.plusSeconds(600L * windows) + "\"";
        String lastStateSince = "\"stateSince\":\""
                + Example1Dashboard.MIDNIGHT.plusSeconds(60L * ((windows - 1) * 10 + 5)) + "\"";
        java.util.Set<String> current = new java.util.HashSet<>();
        int events = 0;
        while (current.size() < machines) {
            SseClient.Event event = page.next(e -> e.type().equals("machine"), Duration.ofSeconds(60));
            events++;
            if (event.data().contains(lastWindowEnd) && event.data().contains(lastStateSince)) {
                current.add(Json.mapper().readTree(event.data()).get("machineId").asText());
            }
        }
        long done = System.nanoTime();
        System.out.printf("feed: %,d machine records (%d machines x %d KPI windows + state changes) from Kafka to "
                        + "every tile's final state on the page in %.2f s: %,.0f records/s (publishing took %.2f s; "
                        + "%,d coalesced machine events sent)%n",
                records, machines, windows, (done - started) / 1e9, records / ((done - started) / 1e9),
                (published - started) / 1e9, events);
    }

    /** One state change at a time: published, then awaited on the page's stream. */
    private static void latency(KafkaProducer<byte[], byte[]> producer, SseClient page, int samples)
            throws Exception {
        long[] micros = new long[samples];
        for (int i = 0; i < samples; i++) {
            String marker = "LAT-" + i;
            long sent = System.nanoTime();
            producer.send(Example1Dashboard.record(KafkaTopics.MACHINE_STATES, "LATENCY",
                    Example1Dashboard.state("LATENCY", MachineState.STOPPED, marker, 100_000 + i)));
            producer.flush();
            page.next(e -> e.type().equals("machine") && e.data().contains("\"" + marker + "\""),
                    Duration.ofSeconds(30));
            micros[i] = (System.nanoTime() - sent) / 1_000;
        }
        Arrays.sort(micros);
        System.out.printf("live update: state change published -> on the page's event stream, %d samples: "
                        + "p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", samples, micros[samples / 2] / 1e3,
                micros[(int) Math.min(samples - 1, Math.ceil(samples * 0.99) - 1)] / 1e3, micros[samples - 1] / 1e3);
    }

    /** The full state (what a page loads on connecting) with every machine's kept history. */
    private static void stateRequest(Dashboard dashboard, int machines) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(dashboard.uri().resolve("api/state")).build();
        List<Long> micros = new ArrayList<>();
        int bytes = 0;
        for (int i = 0; i < 60; i++) {
            long started = System.nanoTime();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            micros.add((System.nanoTime() - started) / 1_000);
            bytes = response.body().length;
        }
        List<Long> measured = micros.subList(10, micros.size()).stream().sorted().toList(); // first 10 warm up
        System.out.printf("GET /api/state with %d machines (%,d bytes): p50 %.1f ms, max %.1f ms over %d requests%n",
                machines + 1, bytes, measured.get(measured.size() / 2) / 1e3, measured.get(measured.size() - 1) / 1e3,
                measured.size());
    }
}
