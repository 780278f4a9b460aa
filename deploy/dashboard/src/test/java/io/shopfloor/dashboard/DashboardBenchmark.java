package io.shopfloor.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.shopfloor.ledger.LedgerStoreSchema;
import io.shopfloor.posting.PostingSettings;
import io.shopfloor.schema.EmbeddedKafka;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.signal.MachineState;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Prints how fast the dashboard follows the plant: how long it takes to catch up on topics that already hold a
 * plant's history, the latency of a state change from its publication to an open page, and how long the full state
 * request takes. Real in-process Kafka and embedded PostgreSQL (an empty ledger: the ledger side is one read per
 * second, not a stream).
 *
 * <p>Arguments: {@code --machines=200 --windows=250 --latency-samples=200}.
 */
public final class DashboardBenchmark {
    private DashboardBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] pair = arg.replaceFirst("^--", "").split("=", 2);
            options.put(pair[0], pair.length > 1 ? pair[1] : "true");
        }
        int machines = Integer.parseInt(options.getOrDefault("machines", "200"));
        int windows = Integer.parseInt(options.getOrDefault("windows", "250"));
        int latencySamples = Integer.parseInt(options.getOrDefault("latency-samples", "200"));

        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
             EmbeddedKafka kafka = new EmbeddedKafka().start();
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                     ProducerConfig.LINGER_MS_CONFIG, "5"), new ByteArraySerializer(), new ByteArraySerializer())) {
            String jdbcUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
            LedgerStoreSchema.Roles roles = LedgerStoreSchema.Roles.defaults();
            LedgerStoreSchema.migrate(jdbcUrl, "postgres", "", roles, PostingSettings.DeviationBasis.STANDARD);
            KafkaTopics.createMissing(kafka.bootstrapServers(), 2, (short) 1);
            kafka.awaitPartitions(KafkaTopics.ALL, Duration.ofSeconds(30));
            int records = publishPlantHistory(producer, machines, windows);

            long started = System.nanoTime();
            try (Dashboard dashboard = Dashboard.start(new DashboardSettings(0, jdbcUrl, roles.reporting(),
                    roles.reportingPassword(), kafka.bootstrapServers()));
                 SseClient page = new SseClient(dashboard.uri().resolve("events"))) {
                catchUp(page, started, records, machines, windows);
                latency(producer, page, latencySamples);
                stateRequest(dashboard, machines);
            }
        }
    }

    /** Every machine's KPI windows and a state change per window, written before the dashboard starts. */
    private static int publishPlantHistory(KafkaProducer<byte[], byte[]> producer, int machines, int windows) {
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
        int records = machines * windows * 2;
        System.out.printf("plant history: %,d records published in %.2f s%n", records,
                (System.nanoTime() - started) / 1e9);
        return records;
    }

    /** From the dashboard's start until every tile on a connected page shows its machine's last window and state. */
    private static void catchUp(SseClient page, long started, int records, int machines, int windows)
            throws Exception {
        String lastWindowEnd = Example1Dashboard.MIDNIGHT.plusSeconds(600L * windows).toString();
        String lastStateSince = Example1Dashboard.MIDNIGHT.plusSeconds(60L * ((windows - 1) * 10 + 5)).toString();
        Set<String> current = new HashSet<>();
        int events = 0;
        while (current.size() < machines) {
            SseClient.Event event = page.next(e -> e.type().equals("state") || e.type().equals("machine"),
                    Duration.ofSeconds(120));
            events++;
            JsonNode data = Json.mapper().readTree(event.data());
            List<JsonNode> tiles = new ArrayList<>();
            (event.type().equals("state") ? data.get("machines") : List.of(data)).forEach(tiles::add);
            for (JsonNode tile : tiles) {
                if (lastWindowEnd.equals(tile.path("kpiWindowEnd").asText())
                        && lastStateSince.equals(tile.path("stateSince").asText())) {
                    current.add(tile.get("machineId").asText());
                }
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("catch-up: dashboard started on %,d machine records (%d machines x %d KPI windows + as many "
                        + "state changes); every tile current on the page after %.2f s: %,.0f records/s "
                        + "(%,d events sent)%n", records, machines, windows, seconds, records / seconds, events);
    }

    /**
     * State changes of one machine, published at a steady pace (every 250 ms, slower than the coalescing interval,
     * as a real machine changes state) and awaited on the page's stream.
     */
    private static void latency(KafkaProducer<byte[], byte[]> producer, SseClient page, int samples)
            throws Exception {
        long[] sentNanos = new long[samples];
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        int[] next = {0};
        pacer.scheduleAtFixedRate(() -> {
            int i = next[0]++;
            if (i >= samples) {
                return;
            }
            sentNanos[i] = System.nanoTime();
            producer.send(Example1Dashboard.record(KafkaTopics.MACHINE_STATES, "LATENCY",
                    Example1Dashboard.state("LATENCY", MachineState.STOPPED, "LAT-" + i, 100_000 + i)));
            producer.flush();
        }, 0, 250, TimeUnit.MILLISECONDS);
        long[] micros = new long[samples];
        try {
            for (int i = 0; i < samples; i++) {
                String marker = "\"LAT-" + i + "\"";
                page.next(e -> e.type().equals("machine") && e.data().contains(marker), Duration.ofSeconds(30));
                micros[i] = (System.nanoTime() - sentNanos[i]) / 1_000;
            }
        } finally {
            pacer.shutdownNow();
        }
        Arrays.sort(micros);
        System.out.printf("live update: state change published -> on the page's event stream, %d samples 250 ms "
                        + "apart: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", samples, micros[samples / 2] / 1e3,
                micros[(int) Math.ceil(samples * 0.99) - 1] / 1e3, micros[samples - 1] / 1e3);
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
                machines + 1, bytes, measured.get(measured.size() / 2) / 1e3,
                measured.get(measured.size() - 1) / 1e3, measured.size());
    }
}
