package io.shopfloor.terminal;

import com.fasterxml.jackson.databind.JsonNode;
import io.shopfloor.schema.KafkaTopics;
import io.shopfloor.schema.ShopfloorSchemas;
import io.shopfloor.schema.journal.JournalLine;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.shopfloor.terminal.TerminalApiTest.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The production journal's Bin field through the API, the posting job and the ledger store
 * (docs/warehouse.md#bin-on-the-output-journal): order {@link TerminalPlant#BIN_ORDER} at the Bin Mandatory location
 * {@link TerminalPlant#BIN_LOCATION} has no output bin, so its output needs one; order {@link TerminalPlant#ORDER}
 * at MAIN, which uses no bins, takes none.
 */
class OutputBinApiTest {
    @RegisterExtension
    static final TerminalPlant PLANT = new TerminalPlant();

    /** Output on the last operation (WC-ASSY, otto's), into {@code binCode} unless null. */
    private static Map<String, Object> output(String orderNo, String quantity, String binCode) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("kind", "OUTPUT");
        form.put("orderNo", orderNo);
        form.put("orderLineNo", 10000);
        form.put("operationNo", "20");
        form.put("outputQuantity", quantity);
        if (binCode != null) {
            form.put("binCode", binCode);
        }
        return form;
    }

    @Test
    void outputWithoutABinWhereOneIsNeededOrWithOneWhereNoneIsUsedIsRefusedAtTheBinField() throws Exception {
        TerminalPlant.Running plant = PLANT.running();
        TerminalClient otto = TerminalClient.loggedIn(plant.terminal.uri(), "otto");
        TerminalClient.Response missing = otto.post("/api/preview", output(TerminalPlant.BIN_ORDER, "10", null));
        assertRefused(missing, "BIN_CODE_MISSING", "Bin code missing: location BINS requires a bin and order line "
                + "10000 has none: enter one on the line.");
        assertEquals("binCode", missing.body().path("field").asText());
        TerminalClient.Response notUsed = otto.post("/api/preview", output(TerminalPlant.ORDER, "10", "BINS-07"));
        assertRefused(notUsed, "BIN_CODE_NOT_ALLOWED", "Bin code not allowed: location MAIN does not use bins (Bin "
                + "Mandatory is off): bin BINS-07.");
        assertEquals("binCode", notUsed.body().path("field").asText());

        String token = otto.newForm();
        TerminalClient.Response post = otto.post("/api/post",
                TerminalClient.withToken(output(TerminalPlant.BIN_ORDER, "10", " "), token));
        assertEquals(List.of(422, "BIN_CODE_MISSING", "binCode"), List.of(post.status(), post.error(),
                post.body().path("preview").path("field").asText()));
        assertEquals(List.of(), journalLines(plant, token), "a refused Post sends nothing");
    }

    @Test
    void outputIntoTheBinTheOperatorNamesIsInTheLedgerExactlyAsPreviewed() throws Exception {
        TerminalPlant.Running plant = PLANT.running();
        TerminalClient otto = TerminalClient.loggedIn(plant.terminal.uri(), "otto");
        Map<String, Object> form = output(TerminalPlant.BIN_ORDER, "10", "BINS-07");
        String token = otto.newForm();
        TerminalClient.Response posted = otto.post("/api/post", TerminalClient.withToken(form, token));
        assertEquals(200, posted.status(), posted.body().toString());
        JsonNode preview = posted.body().path("preview");
        // The bolts linked to the operation flushed (backward, as for the put-away) from the open shop floor bin;
        // the output into the named bin.
        assertEquals(List.of(
                "ILE 1 " + token + "/ILE1 CONSUMPTION -400 - otto",
                "ILE 2 " + token + "/ILE2 OUTPUT 10 - otto",
                "CLE 1 " + token + "/CLE1 0 10 0 - - - otto",
                "VE 1 " + token + "/VE1 DIRECT_COST -40 0 otto",
                "VE 2 " + token + "/VE2 DIRECT_COST 0 78.1 otto",
                "WE 1 " + token + "/WE1 NEGATIVE_ADJMT BINS BINS-OSF BOLT -400",
                "WE 2 " + token + "/WE2 POSITIVE_ADJMT BINS BINS-07 FG-100 10"), LedgerComparison.previewed(preview));
        List<ConsumerRecord<byte[], byte[]>> sent = journalLines(plant, token);
        assertEquals(1, sent.size());
        JournalLine line = ShopfloorSchemas.decoder(JournalLine.class).decode(sent.get(0).value());
        assertEquals(List.of(false, "BINS-07", "otto"), List.of(line.getInventoryPutAway(), line.getBinCode(),
                line.getPostedBy()));

        plant.post();
        JsonNode inLedger = otto.get("/api/posted?sourceId=" + token).body();
        assertEquals(0, inLedger.path("deadLetters").size(), inLedger.toString());
        assertEquals(LedgerComparison.previewed(preview), LedgerComparison.posted(inLedger));
    }

    private static List<ConsumerRecord<byte[], byte[]>> journalLines(TerminalPlant.Running plant, String sourceId)
            throws Exception {
        var decoder = ShopfloorSchemas.decoder(JournalLine.class);
        List<ConsumerRecord<byte[], byte[]>> lines = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : plant.kafka.readAll(KafkaTopics.JOURNAL_LINES, false,
                Duration.ofSeconds(2))) {
            if (decoder.decode(record.value()).getSourceId().equals(sourceId)) {
                lines.add(record);
            }
        }
        return lines;
    }
}
