package io.shopfloor.terminal;

import com.fasterxml.jackson.databind.JsonNode;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.journal.JournalLine;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * People post through the terminal's API and the posting job (MiniCluster) writes the ledger store, which then holds
 * exactly the entries the preview showed (entry numbers, idempotency keys, quantities, amounts): scrap with a scrap
 * code (posted twice: once in the ledger) and a capacity line without an order. Corrections and finishing are in
 * TerminalBrowserTest, which goes through the page.
 */
class TerminalPostingTest {
    @RegisterExtension
    static final TerminalPlant PLANT = new TerminalPlant();

    @Test
    void scrapAndACapacityLinePostedThroughTheApiLandInTheLedgerExactlyAsPreviewed() throws Exception {
        TerminalPlant.Running plant = PLANT.running();
        TerminalClient olga = TerminalClient.loggedIn(plant.terminal.uri(), "olga");
        Map<String, Object> scrap = TerminalApiTest.scrap("10", "3", "DAMAGED");
        String scrapToken = olga.newForm();
        JsonNode scrapPreview = previewAndPost(olga, scrap, scrapToken);
        // The scrap on the cutting operation flushes its linked steel (backward, 2 kg per piece + 5 % scrap).
        assertEquals(List.of(
                "ILE 1 " + scrapToken + "/ILE1 CONSUMPTION -6.3 - olga",
                "CLE 1 " + scrapToken + "/CLE1 0 0 3 DAMAGED - - olga",
                "VE 1 " + scrapToken + "/VE1 DIRECT_COST -9.45 0 olga"),
                LedgerComparison.previewed(scrapPreview));
        TerminalClient.Response again = olga.post("/api/post", TerminalClient.withToken(scrap, scrapToken));
        assertEquals(List.of(200, true), List.of(again.status(), again.body().path("alreadyPosted").asBoolean()));
        assertEquals(1, journalLines(plant, scrapToken).size(), "a second Post of one form posts nothing");
        assertEquals("olga", journalLines(plant, scrapToken).get(0).getPostedBy());

        // Cleaning on her own work center, without an order: a stop entry, unvalued, under the center's own numbers.
        Map<String, Object> cleaning = new LinkedHashMap<>(Map.of("kind", "CAPACITY", "type", "WORK_CENTER",
                "no", "WC-CUT", "stopTime", "15", "stopCode", "CLEANING", "documentNo", "MAINT-1"));
        String cleaningToken = olga.newForm();
        JsonNode cleaningPreview = previewAndPost(olga, cleaning, cleaningToken);
        assertEquals(List.of("CLE 1 " + cleaningToken + "/CLE1 15 0 0 - CLEANING - olga"),
                LedgerComparison.previewed(cleaningPreview));

        // A stop without a reason (as a machine posts one) on the assembly machine center, by the supervisor.
        TerminalClient sam = TerminalClient.loggedIn(plant.terminal.uri(), "sam");
        Map<String, Object> stop = new LinkedHashMap<>(Map.of("kind", "CAPACITY", "type", "MACHINE_CENTER",
                "no", "MC-ASSY", "stopTime", "20", "documentNo", "STOP-1"));
        String stopToken = sam.newForm();
        JsonNode stopPreview = previewAndPost(sam, stop, stopToken);
        assertEquals(List.of("CLE 1 " + stopToken + "/CLE1 20 0 0 - - - sam"),
                LedgerComparison.previewed(stopPreview));

        plant.post(); // all at once: an order and each center number their entries apart
        assertLedgerHolds(olga, scrapToken, scrapPreview);
        assertLedgerHolds(olga, cleaningToken, cleaningPreview);
        assertLedgerHolds(sam, stopToken, stopPreview);

        // docs/capacity-costs.md#re-coding-a-stop: otto (WC-ASSY) splits the stop into two reasons; olga may not.
        TerminalClient otto = TerminalClient.loggedIn(plant.terminal.uri(), "otto");
        assertEquals(List.of("capacity/MC-ASSY 1 20"), stops(otto));
        assertEquals(List.of(), stops(olga), "her work center's stops only");
        Map<String, Object> recoding = new LinkedHashMap<>(Map.of("kind", "RECODE", "stopKey", "capacity/MC-ASSY",
                "stopEntryNo", "1", "reasons", List.of(Map.of("stopCode", "JAM", "stopTime", "12"),
                        Map.of("stopCode", "CLEAN", "stopTime", "8"))));
        TerminalClient.Response other = olga.post("/api/preview", recoding);
        assertEquals(List.of(403, "OTHER_WORK_CENTER"), List.of(other.status(),
                other.body().path("error").asText()), other.body().toString());
        String recodingToken = otto.newForm();
        JsonNode recodingPreview = previewAndPost(otto, recoding, recodingToken);
        assertEquals(List.of(
                "CLE 2 " + recodingToken + "/CLE1 -20 0 0 - - 1 otto",
                "CLE 3 " + recodingToken + "/CLE2 12 0 0 - JAM - otto",
                "CLE 4 " + recodingToken + "/CLE3 8 0 0 - CLEAN - otto"),
                LedgerComparison.previewed(recodingPreview));
        plant.post();
        assertLedgerHolds(otto, recodingToken, recodingPreview);
        assertEquals(List.of(), stops(otto), "a re-coded stop has its reason");
        JsonNode twice = otto.post("/api/preview", recoding).body();
        assertEquals(List.of(true, "STOP_ALREADY_RECODED"), List.of(twice.path("refused").asBoolean(),
                twice.path("reasonCode").asText()), twice.toString());
    }

    /** The stops without a reason the terminal lists: key, entry no. and stop time. */
    private static List<String> stops(TerminalClient client) throws Exception {
        List<String> stops = new java.util.ArrayList<>();
        client.get("/api/stops").body().forEach(s -> stops.add(s.path("stop_key").asText() + " "
                + s.path("stop_entry_no").asText() + " " + new java.math.BigDecimal(s.path("stop_time").asText())
                .stripTrailingZeros().toPlainString()));
        return stops;
    }

    /** Previews the form, posts it with the token, and returns the preview the Post answered with. */
    private static JsonNode previewAndPost(TerminalClient client, Map<String, Object> form, String token)
            throws Exception {
        TerminalClient.Response preview = client.post("/api/preview", form);
        assertEquals(200, preview.status(), preview.body().toString());
        assertFalse(preview.body().path("refused").asBoolean(), preview.body().toString());
        TerminalClient.Response post = client.post("/api/post", TerminalClient.withToken(form, token));
        assertEquals(200, post.status(), post.body().toString());
        assertEquals(List.of(token, false), List.of(post.body().path("sourceId").asText(),
                post.body().path("alreadyPosted").asBoolean()));
        // The preview before the Post and the Post's own dry run agree except for the source id in the keys.
        assertEquals(LedgerComparison.previewed(preview.body()).stream().map(l -> l.replace("preview/", "")).toList(),
                LedgerComparison.previewed(post.body().path("preview")).stream()
                        .map(l -> l.replace(token + "/", "")).toList());
        return post.body().path("preview");
    }

    private static void assertLedgerHolds(TerminalClient client, String sourceId, JsonNode preview) throws Exception {
        JsonNode posted = client.get("/api/posted?sourceId=" + sourceId).body();
        assertEquals(0, posted.path("deadLetters").size(), posted.toString());
        List<String> expected = LedgerComparison.previewed(preview);
        assertFalse(expected.isEmpty());
        assertEquals(expected, LedgerComparison.posted(posted));
        assertTrue(posted.path("itemLedgerEntries").size() + posted.path("capacityLedgerEntries").size() > 0);
    }

    private static List<JournalLine> journalLines(TerminalPlant.Running plant, String sourceId) throws Exception {
        var decoder = ShopfloorSchemas.decoder(JournalLine.class);
        List<JournalLine> lines = new java.util.ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : plant.kafka.readAll(KafkaTopics.JOURNAL_LINES, false,
                Duration.ofSeconds(2))) {
            JournalLine line = decoder.decode(record.value());
            if (line.getSourceId().equals(sourceId)) {
                lines.add(line);
            }
        }
        return lines;
    }
}
