package io.shopfloor.terminal;

import com.fasterxml.jackson.databind.JsonNode;
import io.shopfloor.schema.KafkaTopics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The terminal's API on a real Kafka and ledger store: login, cookies, CSRF, every role check and refusal reason.
 * Nothing here posts successfully (TerminalPostingTest does), so the order stays as released.
 */
class TerminalApiTest {
    @RegisterExtension
    static final TerminalPlant PLANT = new TerminalPlant();

    private URI uri() {
        return PLANT.running().terminal.uri();
    }

    static Map<String, Object> scrap(String operationNo, String scrapQuantity, String scrapCode) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("kind", "OUTPUT");
        form.put("orderNo", TerminalPlant.ORDER);
        form.put("orderLineNo", 10000);
        form.put("operationNo", operationNo);
        form.put("scrapQuantity", scrapQuantity);
        form.put("scrapCode", scrapCode);
        return form;
    }

    @Test
    void loginSetsAnHttpOnlyStrictSessionCookieWithExpiryAndRefusesWrongPasswordsAndUnknownUsers() throws Exception {
        TerminalClient client = new TerminalClient(uri());
        TerminalClient.Response login = client.login("olga", TerminalPlant.PASSWORD);
        assertEquals(200, login.status());
        assertEquals(List.of("olga", "OPERATOR", "WC-CUT"), List.of(login.body().path("user").asText(),
                login.body().path("role").asText(), login.body().path("workCenterNo").asText()));
        String cookie = login.raw().headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.matches(Terminal.COOKIE + "=[A-Za-z0-9_-]{32}; Path=/; HttpOnly; SameSite=Strict; "
                + "Max-Age=28800"), cookie);
        assertEquals(200, client.get("/api/session").status());

        TerminalClient.Response wrong = new TerminalClient(uri()).login("olga", "not her password");
        assertEquals(List.of(401, "LOGIN_FAILED"), List.of(wrong.status(), wrong.error()));
        assertTrue(wrong.raw().headers().firstValue("Set-Cookie").isEmpty());
        TerminalClient.Response unknown = new TerminalClient(uri()).login("mallory", TerminalPlant.PASSWORD);
        assertEquals(List.of(401, "LOGIN_FAILED"), List.of(unknown.status(), unknown.error()));

        assertEquals(200, client.post("/api/logout", Map.of()).status());
        TerminalClient.Response after = client.get("/api/orders");
        assertEquals(List.of(401, "NOT_LOGGED_IN"), List.of(after.status(), after.error()));
    }

    @Test
    void withoutASessionNothingButTheLoginAnswers() throws Exception {
        TerminalClient client = new TerminalClient(uri());
        for (String path : List.of("/api/session", "/api/orders", "/api/stops", "/api/posted?sourceId=x")) {
            TerminalClient.Response response = client.get(path);
            assertEquals(List.of(401, "NOT_LOGGED_IN"), List.of(response.status(), response.error()), path);
        }
        TerminalClient.Response preview = client.post("/api/preview", scrap("10", "1", "DAMAGED"), "forged");
        assertEquals(List.of(401, "NOT_LOGGED_IN"), List.of(preview.status(), preview.error()));
    }

    @Test
    void everyPostNeedsTheSessionsCsrfTokenAndJson() throws Exception {
        TerminalClient client = TerminalClient.loggedIn(uri(), "sam");
        for (String csrf : new String[] {null, "forged", ""}) {
            TerminalClient.Response response = client.post("/api/forms", Map.of(), csrf);
            assertEquals(List.of(403, "CSRF_TOKEN_INVALID"), List.of(response.status(), response.error()));
            response = client.post("/api/logout", Map.of(), csrf);
            assertEquals(List.of(403, "CSRF_TOKEN_INVALID"), List.of(response.status(), response.error()));
        }
        // A cross-site form can send text/plain without a preflight: refused before anything else.
        HttpResponse<String> form = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri().resolve("/api/login"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"user\":\"sam\",\"password\":\"" + TerminalPlant.PASSWORD + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(415, form.statusCode());
        assertTrue(form.body().contains("\"JSON_ONLY\""), form.body());
    }

    @Test
    void aCostControllerReadsButCannotPreviewOrPost() throws Exception {
        TerminalClient carla = TerminalClient.loggedIn(uri(), "carla");
        TerminalClient.Response orders = carla.get("/api/orders");
        assertEquals(200, orders.status());
        // RPO-1002 too until the browser test (which may run first) finishes it.
        assertEquals(TerminalPlant.ORDER, names(orders.body()).get(0));
        TerminalClient.Response preview = carla.post("/api/preview", scrap("10", "1", "DAMAGED"));
        assertEquals(List.of(403, "READ_ONLY_ROLE"), List.of(preview.status(), preview.error()));
        String token = carla.newForm();
        TerminalClient.Response post = carla.post("/api/post",
                TerminalClient.withToken(scrap("10", "1", "DAMAGED"), token));
        assertEquals(List.of(403, "READ_ONLY_ROLE"), List.of(post.status(), post.error()));
        assertNothingProducedWith(token);
    }

    @Test
    void anOperatorPostsForTheirOwnWorkCenterOnly() throws Exception {
        TerminalClient olga = TerminalClient.loggedIn(uri(), "olga");
        JsonNode order = olga.get("/api/orders").body().get(0);
        List<String> operations = new ArrayList<>();
        order.path("operations").forEach(op -> operations.add(op.path("operationNo").asText() + " "
                + op.path("workCenterNo").asText() + " " + op.path("mayPost").asBoolean()));
        assertEquals(List.of("10 WC-CUT true", "20 WC-ASSY false"), operations);

        TerminalClient.Response other = olga.post("/api/preview", scrap("20", "1", "DAMAGED"));
        assertEquals(List.of(403, "OTHER_WORK_CENTER"), List.of(other.status(), other.error()));
        assertEquals("olga posts for work center WC-CUT only, not for operation 20 (WC-ASSY)",
                other.body().path("message").asText());
        Map<String, Object> capacity = new LinkedHashMap<>(Map.of("kind", "CAPACITY", "type", "MACHINE_CENTER",
                "no", "MC-ASSY", "stopTime", "15", "stopCode", "CLEANING"));
        TerminalClient.Response machine = olga.post("/api/preview", capacity);
        assertEquals(List.of(403, "OTHER_WORK_CENTER"), List.of(machine.status(), machine.error()));
        capacity.putAll(Map.of("type", "WORK_CENTER", "no", "WC-ASSY"));
        TerminalClient.Response work = olga.post("/api/preview", capacity);
        assertEquals(List.of(403, "OTHER_WORK_CENTER"), List.of(work.status(), work.error()));
        String token = olga.newForm();
        TerminalClient.Response post = olga.post("/api/post", TerminalClient.withToken(scrap("20", "1", "DAMAGED"),
                token));
        assertEquals(List.of(403, "OTHER_WORK_CENTER"), List.of(post.status(), post.error()));
        assertNothingProducedWith(token);

        // Otto works on WC-ASSY: he sees the order too, and operation 20 is his.
        TerminalClient otto = TerminalClient.loggedIn(uri(), "otto");
        TerminalClient.Response his = otto.post("/api/preview", scrap("20", "1", "DAMAGED"));
        assertEquals(200, his.status(), his.body().toString());
        assertFalse(his.body().path("refused").asBoolean(), his.body().toString());
    }

    @Test
    void onlyASupervisorFinishesAnOrderOrPostsACorrection() throws Exception {
        TerminalClient olga = TerminalClient.loggedIn(uri(), "olga");
        TerminalClient.Response finish = olga.post("/api/preview", Map.of("kind", "FINISH",
                "orderNo", TerminalPlant.ORDER));
        assertEquals(List.of(403, "SUPERVISOR_ONLY"), List.of(finish.status(), finish.error()));
        Map<String, Object> correction = new LinkedHashMap<>(Map.of("kind", "OUTPUT", "orderNo", TerminalPlant.ORDER,
                "orderLineNo", 10000, "operationNo", "10", "outputQuantity", "-1", "appliesToEntry", "3"));
        TerminalClient.Response corrected = olga.post("/api/preview", correction);
        assertEquals(List.of(403, "SUPERVISOR_ONLY"), List.of(corrected.status(), corrected.error()));

        TerminalClient sam = TerminalClient.loggedIn(uri(), "sam");
        TerminalClient.Response samFinish = sam.post("/api/preview", Map.of("kind", "FINISH",
                "orderNo", TerminalPlant.ORDER));
        assertEquals(200, samFinish.status(), samFinish.body().toString());
    }

    @Test
    void badInputIsAMessageNextToEachField() throws Exception {
        TerminalClient sam = TerminalClient.loggedIn(uri(), "sam");
        Map<String, Object> form = new LinkedHashMap<>(Map.of("kind", "OUTPUT", "orderNo", TerminalPlant.ORDER,
                "orderLineNo", "ten", "operationNo", "20", "outputQuantity", "-2", "scrapQuantity", "1.5",
                "setupTime", "-3", "runTime", "1.123456", "postingDate", "tomorrow"));
        TerminalClient.Response response = sam.post("/api/preview", form);
        assertEquals(List.of(400, "INVALID_INPUT"), List.of(response.status(), response.error()));
        assertEquals(Map.of(
                "orderLineNo", "not a whole number",
                "postingDate", "a date as YYYY-MM-DD",
                "setupTime", "must not be negative",
                "runTime", "at most 5 decimals and below 1,000,000,000,000",
                "scrapCode", "scrap needs a scrap code",
                "appliesToEntry", "a correction (negative output) names the output entry it reverses"),
                Json.fields(response.body().path("fields")));
        TerminalClient.Response kind = sam.post("/api/preview", Map.of("kind", "SCRAP"));
        assertEquals("choose output, consumption, capacity, finish or re-code a stop",
                kind.body().path("fields").path("kind").asText());
    }

    /** A stop re-coding's own field messages and refusals (re-coding a real stop: TerminalPostingTest). */
    @Test
    void aStopRecodingNamesItsStopAndItsReasons() throws Exception {
        TerminalClient sam = TerminalClient.loggedIn(uri(), "sam");
        TerminalClient.Response noReasons = sam.post("/api/preview", Map.of("kind", "RECODE",
                "stopKey", "capacity/WC-CUT", "stopEntryNo", "x", "reasons", List.of(Map.of("stopCode", "JAM"),
                        Map.of("stopTime", "-2"))));
        assertEquals(List.of(400, "INVALID_INPUT"), List.of(noReasons.status(), noReasons.error()));
        assertEquals(Map.of(
                "stopEntryNo", "not an entry number",
                "reasons.1.stopTime", "enter the part of the stop time",
                "reasons.2.stopCode", "required",
                "reasons.2.stopTime", "must not be negative"),
                Json.fields(noReasons.body().path("fields")));
        TerminalClient.Response none = sam.post("/api/preview", Map.of("kind", "RECODE",
                "stopKey", "capacity/WC-CUT", "stopEntryNo", "1"));
        assertEquals(Map.of("reasons.1.stopCode", "give the stop at least one reason"),
                Json.fields(none.body().path("fields")));
        assertRefused(sam.post("/api/preview", Map.of("kind", "RECODE", "stopKey", "capacity/WC-NONE",
                "stopEntryNo", "7", "reasons", List.of(Map.of("stopCode", "JAM", "stopTime", "5")))),
                "APPLIES_TO_STOP_INVALID", "Applies to stop invalid: entry 7 of capacity/WC-NONE is not a stop entry.");
        TerminalClient carla = TerminalClient.loggedIn(uri(), "carla");
        TerminalClient.Response readOnly = carla.post("/api/preview", Map.of("kind", "RECODE",
                "stopKey", "capacity/WC-CUT", "stopEntryNo", "1", "reasons",
                List.of(Map.of("stopCode", "JAM", "stopTime", "5"))));
        assertEquals(List.of(403, "READ_ONLY_ROLE"), List.of(readOnly.status(), readOnly.error()));
    }

    @Test
    void aPreviewTheRulesRefuseSaysWhyInWordsAndItsPostPostsNothing() throws Exception {
        TerminalClient sam = TerminalClient.loggedIn(uri(), "sam");
        Map<String, Object> unknownOrder = new LinkedHashMap<>(scrap("10", "1", "DAMAGED"));
        unknownOrder.put("orderNo", "RPO-9999");
        assertRefused(sam.post("/api/preview", unknownOrder), "ORDER_NOT_RELEASED",
                "RPO-9999 is not a released production order");
        assertRefused(sam.post("/api/preview", scrap("99", "1", "DAMAGED")), "OPERATION_NOT_FOUND",
                "Operation not found: RPO-1001 operation 99.");
        Map<String, Object> correction = new LinkedHashMap<>(Map.of("kind", "OUTPUT", "orderNo", TerminalPlant.ORDER,
                "orderLineNo", 10000, "operationNo", "20", "outputQuantity", "-1", "appliesToEntry", "999"));
        assertRefused(sam.post("/api/preview", correction), "APPLIES_TO_ENTRY_INVALID",
                "Applies to entry invalid: entry 999 is no positive output of this order line.");

        String token = sam.newForm();
        TerminalClient.Response post = sam.post("/api/post", TerminalClient.withToken(scrap("99", "1", "DAMAGED"),
                token));
        assertEquals(List.of(422, "OPERATION_NOT_FOUND"), List.of(post.status(), post.error()));
        assertNothingProducedWith(token);
        TerminalClient.Response unknownForm = sam.post("/api/post", TerminalClient.withToken(
                scrap("10", "1", "DAMAGED"), "not-issued"));
        assertEquals(List.of(400, "FORM_TOKEN_UNKNOWN"), List.of(unknownForm.status(), unknownForm.error()));
    }

    @Test
    void capacityAndConsumptionLinesAreRefusedWithTheRulesReasonsOrPreviewed() throws Exception {
        TerminalClient olga = TerminalClient.loggedIn(uri(), "olga");
        Map<String, Object> cleaning = new LinkedHashMap<>(Map.of("kind", "CAPACITY", "type", "WORK_CENTER",
                "no", "WC-CUT", "stopTime", "15", "stopCode", "CLEANING"));
        JsonNode noDocument = olga.post("/api/preview", cleaning).body();
        assertEquals(List.of(true, "DOCUMENT_NO_REQUIRED"), List.of(noDocument.path("refused").asBoolean(),
                noDocument.path("reasonCode").asText()), noDocument.toString());
        cleaning.put("documentNo", "MAINT-7");
        cleaning.put("runTime", "30");
        JsonNode runTime = olga.post("/api/preview", cleaning).body();
        assertEquals(List.of(true, "ORDERLESS_CAPACITY_TIME"), List.of(runTime.path("refused").asBoolean(),
                runTime.path("reasonCode").asText()), runTime.toString());

        TerminalClient sam = TerminalClient.loggedIn(uri(), "sam");
        Map<String, Object> consumption = new LinkedHashMap<>(Map.of("kind", "CONSUMPTION",
                "orderNo", TerminalPlant.ORDER, "orderLineNo", 10000, "componentLineNo", 99, "quantity", "2"));
        JsonNode unknown = sam.post("/api/preview", consumption).body();
        assertEquals(List.of(true, "COMPONENT_NOT_FOUND"), List.of(unknown.path("refused").asBoolean(),
                unknown.path("reasonCode").asText()), unknown.toString());
        consumption.put("componentLineNo", 10000);
        JsonNode steel = sam.post("/api/preview", consumption).body();
        List<String> entries = LedgerComparison.previewed(steel);
        assertEquals(2, entries.size(), entries.toString());
        assertTrue(entries.get(0).matches("ILE \\d+ preview/ILE1 CONSUMPTION -2 - sam"), entries.toString());
        assertTrue(entries.get(1).matches("VE \\d+ preview/VE1 DIRECT_COST -3 0 sam"), entries.toString());
    }

    @Test
    void aSessionExpiresAfterItsLifetime() throws Exception {
        MovableClock clock = new MovableClock(Instant.now());
        try (Terminal terminal = Terminal.start(PLANT.running().settings().withSessionLifetime(Duration.ofHours(8)),
                clock)) {
            TerminalClient client = TerminalClient.loggedIn(terminal.uri(), "olga");
            clock.advance(Duration.ofHours(8).minusSeconds(1));
            assertEquals(200, client.get("/api/orders").status());
            clock.advance(Duration.ofSeconds(1));
            TerminalClient.Response expired = client.get("/api/orders");
            assertEquals(List.of(401, "SESSION_EXPIRED"), List.of(expired.status(), expired.error()));
            assertEquals(List.of(401, "NOT_LOGGED_IN"), List.of(client.get("/api/orders").status(),
                    client.get("/api/orders").error()));
        }
    }

    @Test
    void failedLoginsLockTheNameForAMinute() throws Exception {
        MovableClock clock = new MovableClock(Instant.now());
        try (Terminal terminal = Terminal.start(PLANT.running().settings(), clock)) {
            TerminalClient client = new TerminalClient(terminal.uri());
            for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
                assertEquals("LOGIN_FAILED", client.login("olga", "guess " + i).error());
            }
            TerminalClient.Response locked = client.login("olga", TerminalPlant.PASSWORD);
            assertEquals(List.of(429, "LOGIN_LOCKED"), List.of(locked.status(), locked.error()));
            assertEquals(200, client.login("sam", TerminalPlant.PASSWORD).status(), "other names are not locked");
            clock.advance(LoginThrottle.LOCK);
            assertEquals(200, client.login("olga", TerminalPlant.PASSWORD).status());
        }
    }

    static void assertRefused(TerminalClient.Response response, String code, String words) {
        assertEquals(200, response.status(), response.body().toString());
        assertEquals(List.of(true, code, words), List.of(response.body().path("refused").asBoolean(),
                response.body().path("reasonCode").asText(), response.body().path("reason").asText()));
    }

    private static void assertNothingProducedWith(String token) throws Exception {
        for (var record : PLANT.running().kafka.readAll(KafkaTopics.JOURNAL_LINES, false, Duration.ofSeconds(2))) {
            assertFalse(new String(record.value(), StandardCharsets.ISO_8859_1).contains(token),
                    "a journal line with source id " + token + " was produced");
        }
    }

    private static List<String> names(JsonNode orders) {
        List<String> names = new ArrayList<>();
        orders.forEach(o -> names.add(o.path("no").asText()));
        return names;
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now, zone);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** JSON object fields as a map of texts. */
    static final class Json {
        static Map<String, String> fields(JsonNode node) {
            Map<String, String> fields = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
            return fields;
        }
    }
}
