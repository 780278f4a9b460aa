package io.shopfloor.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.common.DeadLetter;
import io.shopfloor.schema.signal.MachineState;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard over HTTP on spec example 1 (real PostgreSQL ledger written by the posting job, real Kafka): the
 * state it streams, the job card, the static page, and dead letters for records it cannot read.
 */
class DashboardApiTest {
    @RegisterExtension
    static final Example1Dashboard EXAMPLE_1 = new Example1Dashboard();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void streamedStateHasExample1sOrderEntriesStatisticsAndMachines() throws Exception {
        // The ledger may be read before the master data arrived: wait for the order's description too.
        JsonNode state = stateWhere(s -> s.at("/ledger/orders/0/description").isTextual()
                && s.get("machines").size() >= 2);
        JsonNode order = state.at("/ledger/orders/0");
        assertEquals(List.of("RPO-1001", "FG-100 x 100", "FG-100", "FINISHED", "2026-03-02", "100.00000",
                        "100.00000", "3.00000", "100.00", "2026-03-02"),
                texts(order, "orderNo", "description", "sourceNo", "status", "statusDate", "plannedQuantity",
                        "outputQuantity", "scrapQuantity", "progressPct", "lastOutputDate"));
        assertEquals(1, state.at("/ledger/orders").size());

        List<String> statistics = new ArrayList<>();
        state.at("/ledger/finishedOrderStatistics/RPO-1001").forEach(row -> statistics.add(String.join(" ",
                texts(row, "costBucket", "standardCost", "expectedCost", "actualCost", "deviationPct", "variance"))));
        assertEquals(List.of(
                "MATERIAL 455.00 455.00 464.45 2.0769 9.45",
                "CAPACITY 280.00 280.00 286.00 2.1429 6.00",
                "SUBCONTRACTED 0.00 0.00 0.00 0.0000 0.00",
                "CAPACITY_OVERHEAD 46.00 46.00 47.20 2.6087 1.20",
                "MANUFACTURING_OVERHEAD 0.00 0.00 0.00 0.0000 0.00",
                "TOTAL 781.00 781.00 797.65 2.1319 16.65"), statistics);

        // 7 item and 4 capacity ledger entries, all of example 1.
        List<String> entries = new ArrayList<>();
        state.at("/ledger/latestEntries").forEach(e -> entries.add(String.join(" ",
                texts(e, "ledger", "entryType", "no", "operationNo", "quantity", "unitOfMeasure", "costAmount"))));
        assertEquals(List.of(
                        "CAPACITY MACHINE_CENTER MC-ASSY 20 40.00000 MINUTES null",
                        "CAPACITY MACHINE_CENTER MC-ASSY 20 60.00000 MINUTES null",
                        "CAPACITY WORK_CENTER WC-CUT 10 150.00000 MINUTES null",
                        "CAPACITY WORK_CENTER WC-CUT 10 86.00000 MINUTES null",
                        "ITEM CONSUMPTION BOLT null -400.00000 PCS -40.00",
                        "ITEM CONSUMPTION PAINT null -5.00000 L -100.00",
                        "ITEM CONSUMPTION STEEL null -126.00000 KG -189.00",
                        "ITEM CONSUMPTION STEEL null -6.30000 KG -9.45",
                        "ITEM CONSUMPTION STEEL null -84.00000 KG -126.00",
                        "ITEM OUTPUT FG-100 null 40.00000 PCS 312.40",
                        "ITEM OUTPUT FG-100 null 60.00000 PCS 468.60"),
                entries.stream().sorted().toList());
        assertTrue(state.at("/ledger/ledgerError").isNull(), state.at("/ledger/ledgerError").toString());

        // MC-ASSY as the fixture left it (the browser test changes CUT-1, and the classes share the plant).
        JsonNode assembly = machine(state, "MC-ASSY");
        assertEquals(List.of("MC-ASSY", "NO_SIGNAL", "null", "2026-03-02T08:10:00Z", "RPO-1001", "20", "60", "0",
                        "100.0", "100.0", "100.0", "100.0", "2026-03-02T05:00:00Z"),
                texts(assembly, "machineId", "state", "stopCode", "stateSince", "orderNo", "operationNo",
                        "goodParts", "scrapParts", "oeePct", "availabilityPct", "performancePct", "qualityPct",
                        "kpiWindowEnd"));
        assertEquals("[60]", assembly.get("recentGoodParts").toString());
        // The lines' charts come with the state: MC-ASSY's window is line MC's only point (05:00, 60 pcs, 100 %).
        JsonNode mc = null;
        for (JsonNode line : state.get("lines")) {
            if (line.get("line").asText().equals("MC")) {
                mc = line;
            }
        }
        assertEquals("[{\"x\":1772427600000,\"y\":60.0}] [{\"x\":1772427600000,\"y\":100.0}]",
                mc.get("output") + " " + mc.get("oeePct"));
        assertEquals("CUT-1", machine(state, "CUT-1").get("machineId").asText());
    }

    @Test
    void machineTilesChangeLiveWithStatesAndKpisFromKafka() throws Exception {
        try (SseClient events = new SseClient(EXAMPLE_1.running().dashboard.uri().resolve("events"))) {
            events.next(e -> e.type().equals("state"), TIMEOUT);
            EXAMPLE_1.running().publish(List.of(Example1Dashboard.record(KafkaTopics.MACHINE_STATES, "PRESS-7",
                    Example1Dashboard.state("PRESS-7", MachineState.SETUP, null, 600))));
            JsonNode setup = json(events.next(e -> e.type().equals("machine") && e.data().contains("PRESS-7"),
                    TIMEOUT).data());
            assertEquals(List.of("PRESS-7", "SETUP", "2026-03-02T10:00:00Z", "0", "null"),
                    texts(setup, "machineId", "state", "stateSince", "goodParts", "oeePct"));

            // A later state, then an earlier one delivered late: the tile keeps the later one.
            EXAMPLE_1.running().publish(List.of(
                    Example1Dashboard.record(KafkaTopics.MACHINE_STATES, "PRESS-7",
                            Example1Dashboard.state("PRESS-7", MachineState.RUNNING, null, 630)),
                    Example1Dashboard.record(KafkaTopics.MACHINE_STATES, "PRESS-7",
                            Example1Dashboard.state("PRESS-7", MachineState.STOPPED, "JAM", 620)),
                    Example1Dashboard.record(KafkaTopics.MACHINE_KPIS, "PRESS-7",
                            Example1Dashboard.kpi("PRESS-7", 600, 660, 25, 2, 30, 27, 0.45, 0.9259, 0.9259))));
            JsonNode withKpi = json(events.next(e -> e.type().equals("machine") && e.data().contains("PRESS-7")
                    && e.data().contains("\"kpiWindowEnd\":\"2026"), TIMEOUT).data());
            assertEquals(List.of("RUNNING", "2026-03-02T10:30:00Z", "25", "2", "38.6", "45.0", "92.6", "92.6"),
                    texts(withKpi, "state", "stateSince", "goodParts", "scrapParts", "oeePct", "availabilityPct",
                            "performancePct", "qualityPct"));
            // Shift to date (early shift of 2 March): 27 min production in 57 planned busy, 27 parts x 1 min.
            assertEquals(List.of("2026-03-02", "EARLY", "57.0", "27.0", "30.0", "47.4", "100.0", "92.6", "43.9",
                            "null"),
                    texts(withKpi.get("shiftToDate"), "shiftDate", "shiftCode", "plannedBusyMinutes",
                            "productionMinutes", "setupMinutes", "availabilityPct", "performancePct", "qualityPct",
                            "oeePct", "flag"));
            assertEquals("PRESS", withKpi.get("line").asText(), "the line: the machine id before its first '-'");
        }
    }

    @Test
    void jobCardListsEachOperationWithItsTimesComponentsAndWhatWasReported() throws Exception {
        stateWhere(s -> s.at("/ledger/orders").size() > 0);
        JsonNode card = json(get("api/jobcard?order=RPO-1001", 200));
        // The status as the ledger has it (the ERP's header still says RELEASED: the job finished the order).
        assertEquals(List.of("RPO-1001", "FINISHED", "FG-100 x 100", "FG-100", "100", "2026-03-02"),
                texts(card, "orderNo", "status", "description", "sourceNo", "quantity", "dueDate"));
        JsonNode cut = card.at("/operations/0");
        assertEquals(List.of("10", "WORK_CENTER", "WC-CUT", "WC-CUT", "CUT", "100", "30", "MINUTES", "200", "MINUTES",
                        "230", "MINUTES", "FINISHED"),
                texts(cut, "operationNo", "type", "no", "centerName", "routingLinkCode", "operationQuantity",
                        "expectedSetupTime", "setupTimeUnit", "expectedRunTime", "runTimeUnit", "timeNeeded",
                        "timeNeededUnit", "routingStatus"));
        assertEquals(List.of("100", "3", "2026-03-02", "CUT-1", "30", "206"), texts(cut.get("reported"),
                "outputQuantity", "scrapQuantity", "lastPostingDate", "by", "setupTime", "runTime"));
        assertEquals(List.of("STEEL 210 KG BACKWARD 216.3"), components(cut.get("components")));

        JsonNode assembly = card.at("/operations/1");
        assertEquals(List.of("20", "MACHINE_CENTER", "MC-ASSY", "Assembly cell", "0", "100", "100"),
                texts(assembly, "operationNo", "type", "no", "centerName", "expectedSetupTime", "expectedRunTime",
                        "timeNeeded"));
        assertEquals(List.of("100", "0", "2026-03-02", "MC-ASSY"),
                texts(assembly.get("reported"), "outputQuantity", "scrapQuantity", "lastPostingDate", "by"));
        assertEquals(List.of("BOLT 400 PCS FORWARD 400"), components(assembly.get("components")));
        assertEquals(2, card.get("operations").size());
        // PAINT has no routing link and no operation has a blank one: listed apart, not dropped.
        assertEquals(List.of("PAINT 5 L BACKWARD 5"), components(card.get("unlinkedComponents")));

        assertEquals("{\"error\":\"no master data for order RPO-9999\"}", get("api/jobcard?order=RPO-9999", 404));
    }

    @Test
    void pageAndItsFilesAreServedAndNothingElse() throws Exception {
        assertTrue(get("", 200).contains("<title>Shopfloor Ledger — live</title>"));
        assertTrue(get("app.js", 200).contains("new EventSource('events')"));
        assertTrue(get("jobcard.html?order=RPO-1001", 200).contains("<script src=\"jobcard.js\"></script>"));
        assertEquals("not found: io/shopfloor/dashboard/Dashboard.class",
                get("io/shopfloor/dashboard/Dashboard.class", 404));
        assertEquals("not found: nothing.html", get("nothing.html", 404));
    }

    @Test
    void recordsTheDashboardCannotReadGoToTheDeadLetterTopic() throws Exception {
        byte[] garbage = "{\"machine\": \"CUT-9\", \"state\": \"RUNNING\"}".getBytes(StandardCharsets.UTF_8);
        EXAMPLE_1.running().publish(List.of(new ProducerRecord<>(KafkaTopics.MACHINE_STATES,
                "CUT-9".getBytes(StandardCharsets.UTF_8), garbage)));
        DeadLetter letter = deadLetterFor(garbage);
        assertEquals(List.of(KafkaTopics.MACHINE_STATES, "NOT_SINGLE_OBJECT_ENCODED", "dashboard", "1"),
                List.of(letter.getSourceTopic(), letter.getReasonCode(), letter.getStage(),
                        String.valueOf(letter.getAttempt())));
        assertArrayEquals("CUT-9".getBytes(StandardCharsets.UTF_8), bytes(letter.getKey()));
        assertTrue(letter.getReasonDetail().contains("Exception"), letter.getReasonDetail());
        assertEquals("dashboard/machine-states/0/" + letter.getSourceOffset(), letter.getId());
    }

    @Test
    void deadLettersAreCountedPerReasonAndPerMachineOrSourceAndTheLatestListed() throws Exception {
        JsonNode deadLetters = stateWhere(s -> s.at("/ledger/deadLetters/total").asLong() == 3)
                .at("/ledger/deadLetters");
        List<String> byReason = new ArrayList<>();
        deadLetters.get("byReason").forEach(c -> byReason.add(String.join(" ",
                texts(c, "key", "count", "latestFailedAt"))));
        assertEquals(List.of("INVALID_JSON 2 2026-03-02T07:01:00Z", "ORDER_NOT_RELEASED 1 2026-03-02T08:30:00Z"),
                byReason);
        List<String> bySource = new ArrayList<>();
        deadLetters.get("bySource").forEach(c -> bySource.add(String.join(" ", texts(c, "key", "count"))));
        assertEquals(List.of("CUT-1 2", "RPO-9999 1"), bySource);
        List<String> latest = new ArrayList<>();
        deadLetters.get("latest").forEach(d -> latest.add(String.join(" | ", texts(d, "failedAt", "stage",
                "reasonCode", "reasonDetail", "sourceTopic", "source"))));
        assertEquals(List.of(
                "2026-03-02T08:30:00Z | posting | ORDER_NOT_RELEASED | RPO-9999 is not a released order | "
                        + "order-inputs | RPO-9999",
                "2026-03-02T07:01:00Z | bridge | INVALID_JSON | Unexpected end-of-input | "
                        + "plant/site1/area1/L1/CUT-1/counter/good | CUT-1",
                "2026-03-02T07:00:00Z | bridge | INVALID_JSON | Unexpected end-of-input | "
                        + "plant/site1/area1/L1/CUT-1/counter/good | CUT-1"), latest);
        assertTrue(deadLetters.get("latest").get(0).get("payload") == null, "no payload on the page");
    }

    @Test
    void theReportingRoleTheDashboardUsesReadsTheViewsButNotTheTables() throws Exception {
        try (Connection reporting = DriverManager.getConnection(EXAMPLE_1.running().jdbcUrl, "ledger_reporting",
                "ledger_reporting"); Statement statement = reporting.createStatement()) {
            SQLException refused = assertThrows(SQLException.class,
                    () -> statement.executeQuery("SELECT count(*) FROM item_ledger_entry"));
            assertTrue(refused.getMessage().contains("permission denied"), refused.getMessage());
            for (String view : List.of("production_order_progress", "ledger_entry_feed",
                    "production_order_operation_reported", "dead_letter_report")) {
                try (var result = statement.executeQuery("SELECT count(*) FROM " + view)) {
                    assertTrue(result.next());
                    assertEquals(view.equals("ledger_entry_feed") ? 11 : view.equals("production_order_progress")
                            ? 1 : view.equals("dead_letter_report") ? 3 : 2, result.getInt(1), view);
                }
            }
        }
    }

    // ---- helpers ----

    /** The first streamed state (or ledger update folded into it) that satisfies the condition. */
    private static JsonNode stateWhere(java.util.function.Predicate<JsonNode> condition) throws Exception {
        try (SseClient events = new SseClient(EXAMPLE_1.running().dashboard.uri().resolve("events"))) {
            com.fasterxml.jackson.databind.node.ObjectNode state =
                    (com.fasterxml.jackson.databind.node.ObjectNode) json(events.next(
                            e -> e.type().equals("state"), TIMEOUT).data());
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!condition.test(state)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("state never satisfied the condition: " + state);
                }
                SseClient.Event event = events.next(e -> e.type().equals("ledger") || e.type().equals("machine"),
                        TIMEOUT);
                JsonNode update = json(event.data());
                if (event.type().equals("ledger")) {
                    state.set("ledger", update);
                } else {
                    com.fasterxml.jackson.databind.node.ArrayNode machines = state.withArray("machines");
                    for (int i = 0; i < machines.size(); i++) {
                        if (machines.get(i).get("machineId").equals(update.get("machineId"))) {
                            machines.remove(i);
                            break;
                        }
                    }
                    machines.add(update);
                }
            }
            return state;
        }
    }

    private static DeadLetter deadLetterFor(byte[] payload) throws Exception {
        var decoder = ShopfloorSchemas.decoder(DeadLetter.class);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : EXAMPLE_1.running().kafka.readAll(KafkaTopics.DEAD_LETTERS,
                    true, TIMEOUT)) {
                DeadLetter letter = decoder.decode(record.value());
                if (java.util.Arrays.equals(payload, bytes(letter.getPayload()))) {
                    return letter;
                }
            }
            // Not there yet: wait for the next record on the topic rather than spinning.
            EXAMPLE_1.running().kafka.forEach(KafkaTopics.DEAD_LETTERS, true, Duration.ofSeconds(1), r -> { });
        }
        throw new AssertionError("no dead letter within " + TIMEOUT);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    private static String get(String path, int expectedStatus) throws Exception {
        URI uri = EXAMPLE_1.running().dashboard.uri().resolve(path);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(expectedStatus, response.statusCode(), uri + ": " + response.body());
        return response.body();
    }

    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    private static JsonNode machine(JsonNode state, String machineId) {
        Optional<JsonNode> found = java.util.stream.StreamSupport.stream(state.get("machines").spliterator(), false)
                .filter(m -> m.get("machineId").asText().equals(machineId)).findFirst();
        return found.orElseThrow(() -> new AssertionError("no tile for " + machineId + " in " + state));
    }

    private static List<String> texts(JsonNode node, String... fields) {
        List<String> texts = new ArrayList<>();
        for (String field : fields) {
            JsonNode value = node.get(field);
            texts.add(value == null || value.isNull() ? "null" : value.asText());
        }
        return texts;
    }

    private static List<String> components(JsonNode components) {
        List<String> rows = new ArrayList<>();
        components.forEach(c -> rows.add(String.join(" ", texts(c, "itemNo", "expectedQuantity", "unitOfMeasure",
                "flushingMethod", "consumedQuantityBase"))));
        return rows;
    }
}
