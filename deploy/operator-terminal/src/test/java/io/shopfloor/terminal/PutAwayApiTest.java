package io.shopfloor.terminal;

import com.fasterxml.jackson.databind.JsonNode;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.journal.JournalLine;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.shopfloor.terminal.TerminalApiTest.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Inventory put-aways through the terminal's API on a real Kafka, ledger store and posting job: who may complete
 * one, each refusal, and a put-away that posts exactly its preview once (a second Post and a re-sent journal line
 * post nothing more). Order {@link TerminalPlant#PUT_AWAY_ORDER} at location WH (no default output bin).
 */
class PutAwayApiTest {
    @RegisterExtension
    static final TerminalPlant PLANT = new TerminalPlant();
    private static final String ORDER = TerminalPlant.PUT_AWAY_ORDER;

    static Map<String, Object> putAway(String orderNo, String quantity, String binCode) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("orderNo", orderNo);
        form.put("orderLineNo", 10000);
        form.put("quantity", quantity);
        if (binCode != null) {
            form.put("binCode", binCode);
        }
        return form;
    }

    @Test
    void onlyWarehouseWorkersAndSupervisorsCompletePutAwaysAndEveryRefusalIsInWords() throws Exception {
        TerminalPlant.Running plant = PLANT.running();
        TerminalClient olga = TerminalClient.loggedIn(plant.terminal.uri(), "olga");
        TerminalClient.Response operator = olga.post("/api/put-away/preview", putAway(ORDER, "10", "WH-A-01"));
        assertEquals(List.of(403, "WAREHOUSE_ROLE_REQUIRED"), List.of(operator.status(), operator.error()));
        String olgasToken = olga.newForm();
        TerminalClient.Response operatorPost = olga.post("/api/put-away/post",
                TerminalClient.withToken(putAway(ORDER, "10", "WH-A-01"), olgasToken));
        assertEquals(List.of(403, "WAREHOUSE_ROLE_REQUIRED"), List.of(operatorPost.status(), operatorPost.error()));
        assertEquals(List.of(), journalLines(plant, olgasToken));

        TerminalClient carla = TerminalClient.loggedIn(plant.terminal.uri(), "carla");
        TerminalClient.Response controller = carla.post("/api/put-away/preview", putAway(ORDER, "10", "WH-A-01"));
        assertEquals(List.of(403, "READ_ONLY_ROLE"), List.of(controller.status(), controller.error()));

        TerminalClient wanda = TerminalClient.loggedIn(plant.terminal.uri(), "wanda");
        TerminalClient.Response journal = wanda.post("/api/preview", TerminalApiTest.scrap("10", "1", "DAMAGED"));
        assertEquals(List.of(403, "PUT_AWAY_ONLY"), List.of(journal.status(), journal.error()));

        // Bad fields: a message next to each.
        TerminalClient.Response fields = wanda.post("/api/put-away/preview", Map.of("orderLineNo", "x",
                "quantity", "-3"));
        assertEquals(List.of(400, "INVALID_INPUT"), List.of(fields.status(), fields.error()));
        assertEquals(Map.of("orderNo", "required", "orderLineNo", "not a whole number",
                "quantity", "must not be negative"), TerminalApiTest.Json.fields(fields.body().path("fields")));
        TerminalClient.Response noQuantity = wanda.post("/api/put-away/preview", putAway(ORDER, "", "WH-A-01"));
        assertEquals(Map.of("quantity", "enter the quantity put away"),
                TerminalApiTest.Json.fields(noQuantity.body().path("fields")));

        // The rules' refusals, in words.
        assertRefused(wanda.post("/api/put-away/preview", putAway(ORDER, "10", null)), "BIN_CODE_MISSING",
                "Bin code missing: location WH requires a bin on the put-away.");
        assertRefused(wanda.post("/api/put-away/preview", putAway(ORDER, "500", "WH-A-01")),
                "PUT_AWAY_QUANTITY_EXCEEDS_OUTSTANDING", "Put away quantity exceeds outstanding: put-away of 500 "
                        + "PCS but " + outstanding(wanda) + " outstanding.");
        assertRefused(wanda.post("/api/put-away/preview", putAway(TerminalPlant.ORDER, "10", "WH-A-01")),
                "PUT_AWAY_REQUEST_NOT_FOUND", "Put away request not found: location MAIN does not put away "
                        + "production output: post the output in the output journal.");
        assertRefused(wanda.post("/api/put-away/preview", putAway("RPO-9999", "10", "WH-A-01")),
                "ORDER_NOT_RELEASED", "RPO-9999 is not a released production order");
        // A refused Post sends nothing and frees its form for a corrected one.
        String token = wanda.newForm();
        TerminalClient.Response refusedPost = wanda.post("/api/put-away/post",
                TerminalClient.withToken(putAway(ORDER, "10", null), token));
        assertEquals(List.of(422, "BIN_CODE_MISSING"), List.of(refusedPost.status(), refusedPost.error()));
        assertEquals(List.of(), journalLines(plant, token));
    }

    @Test
    void aPutAwayPostsExactlyItsPreviewOnceAndLowersTheOpenRequest() throws Exception {
        TerminalPlant.Running plant = PLANT.running();
        TerminalClient wanda = TerminalClient.loggedIn(plant.terminal.uri(), "wanda");
        assertEquals(List.of(ORDER + " 10000 FG-100 WH - 100 PCS true"), openRequests(wanda));

        Map<String, Object> form = putAway(ORDER, "40", "WH-A-01");
        String token = wanda.newForm();
        TerminalClient.Response posted = wanda.post("/api/put-away/post", TerminalClient.withToken(form, token));
        assertEquals(200, posted.status(), posted.body().toString());
        JsonNode preview = posted.body().path("preview");
        // The output on the last operation (a capacity entry without time), the bolts linked to it flushed from
        // the open shop floor bin, and the output into the bin the worker named.
        assertEquals(List.of(
                "ILE 1 " + token + "/ILE1 CONSUMPTION -400 - wanda",
                "ILE 2 " + token + "/ILE2 OUTPUT 40 - wanda",
                "CLE 1 " + token + "/CLE1 0 40 0 - - - wanda",
                "VE 1 " + token + "/VE1 DIRECT_COST -40 0 wanda",
                "VE 2 " + token + "/VE2 DIRECT_COST 0 312.4 wanda",
                "WE 1 " + token + "/WE1 NEGATIVE_ADJMT WH WH-OSF BOLT -400",
                "WE 2 " + token + "/WE2 POSITIVE_ADJMT WH WH-A-01 FG-100 40"), LedgerComparison.previewed(preview));
        TerminalClient.Response again = wanda.post("/api/put-away/post", TerminalClient.withToken(form, token));
        assertEquals(List.of(200, true), List.of(again.status(), again.body().path("alreadyPosted").asBoolean()));
        List<ConsumerRecord<byte[], byte[]>> sent = journalLines(plant, token);
        assertEquals(1, sent.size(), "a second Post of one form sends nothing");
        JournalLine line = ShopfloorSchemas.decoder(JournalLine.class).decode(sent.get(0).value());
        assertEquals(List.of(true, "WH-A-01", "wanda"), List.of(line.getInventoryPutAway(), line.getBinCode(),
                line.getPostedBy()));
        // The same put-away re-sent (a producer retry, a re-drive): the job posts it once.
        plant.kafka.produce(List.of(new ProducerRecord<>(KafkaTopics.JOURNAL_LINES, sent.get(0).key(),
                sent.get(0).value())));

        plant.post();
        JsonNode inLedger = wanda.get("/api/posted?sourceId=" + token).body();
        assertEquals(LedgerComparison.previewed(preview), LedgerComparison.posted(inLedger));
        List<String> letters = new ArrayList<>();
        inLedger.path("deadLetters").forEach(l -> letters.add(l.path("reason_code").asText()));
        assertEquals(List.of("DUPLICATE_INPUT"), letters);
        assertEquals(List.of(ORDER + " 10000 FG-100 WH - 60 PCS true"), openRequests(wanda));
    }

    /** The put-away order's open request as text (order, line, item, location, bin, outstanding, unit, mandatory). */
    private static List<String> openRequests(TerminalClient client) throws Exception {
        List<String> open = new ArrayList<>();
        for (JsonNode r : client.get("/api/put-aways?location=WH").body()) {
            if (r.path("orderNo").asText().equals(ORDER)) {
                open.add(String.join(" ", r.path("orderNo").asText(), r.path("orderLineNo").asText(),
                        r.path("itemNo").asText(), r.path("locationCode").asText(),
                        r.path("binCode").isNull() ? "-" : r.path("binCode").asText(),
                        r.path("outstandingQuantity").asText(), r.path("unitOfMeasureCode").asText(),
                        r.path("binMandatory").asText()));
            }
        }
        return open;
    }

    private static String outstanding(TerminalClient client) throws Exception {
        return openRequests(client).get(0).split(" ")[5];
    }

    private static List<ConsumerRecord<byte[], byte[]>> journalLines(TerminalPlant.Running plant, String sourceId)
            throws Exception {
        List<ConsumerRecord<byte[], byte[]>> lines = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : plant.kafka.readAll(KafkaTopics.JOURNAL_LINES, false,
                Duration.ofSeconds(2))) {
            if (new String(record.value(), StandardCharsets.ISO_8859_1).contains(sourceId)) {
                lines.add(record);
            }
        }
        return lines;
    }
}
