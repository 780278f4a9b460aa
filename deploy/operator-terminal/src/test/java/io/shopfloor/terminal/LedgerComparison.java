package io.shopfloor.terminal;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A preview's entries and the entries the ledger store holds for the same source id, each as one line of text with
 * the fields both name (entry number in the order's numbering, idempotency key, quantities, amounts, applies-to,
 * the person who posted), so that a test compares them as lists and a difference shows which entry and field differ.
 */
final class LedgerComparison {
    private LedgerComparison() {
    }

    static List<String> previewed(JsonNode preview) {
        List<String> lines = new ArrayList<>();
        preview.path("itemLedgerEntries").forEach(e -> lines.add(line("ILE", e.path("entryNo"),
                e.path("idempotencyKey"), e.path("entryType"), e.path("quantity"), e.path("appliesToEntry"),
                e.path("postedBy"))));
        preview.path("capacityLedgerEntries").forEach(e -> lines.add(line("CLE", e.path("entryNo"),
                e.path("idempotencyKey"), e.path("quantity"), e.path("outputQuantity"), e.path("scrapQuantity"),
                e.path("scrapCode"), e.path("stopCode"), e.path("appliesToEntryNo"), e.path("postedBy"))));
        preview.path("valueEntries").forEach(e -> lines.add(line("VE", e.path("entryNo"), e.path("idempotencyKey"),
                e.path("entryType"), e.path("costAmountActual"), e.path("costAmountExpected"), e.path("postedBy"))));
        preview.path("otherEntries").forEach(e -> {
            if (e.has("entryNo") && e.has("binCode")) { // a warehouse entry (a request has no entry no.)
                lines.add(line("WE", e.path("entryNo"), e.path("idempotencyKey"), e.path("entryType"),
                        e.path("locationCode"), e.path("binCode"), e.path("itemNo"), e.path("qtyBase")));
            }
        });
        return lines;
    }

    static List<String> posted(JsonNode posted) {
        List<String> lines = new ArrayList<>();
        posted.path("itemLedgerEntries").forEach(e -> lines.add(line("ILE", e.path("entry_no"),
                e.path("idempotency_key"), e.path("entry_type"), e.path("quantity"), e.path("applies_to_entry"),
                e.path("posted_by"))));
        posted.path("capacityLedgerEntries").forEach(e -> lines.add(line("CLE", e.path("entry_no"),
                e.path("idempotency_key"), e.path("quantity"), e.path("output_quantity"), e.path("scrap_quantity"),
                e.path("scrap_code"), e.path("stop_code"), e.path("applies_to_entry"), e.path("posted_by"))));
        posted.path("valueEntries").forEach(e -> lines.add(line("VE", e.path("entry_no"), e.path("idempotency_key"),
                e.path("entry_type"), e.path("cost_amount_actual"), e.path("cost_amount_expected"),
                e.path("posted_by"))));
        posted.path("warehouseEntries").forEach(e -> lines.add(line("WE", e.path("entry_no"),
                e.path("idempotency_key"), e.path("entry_type"), e.path("location_code"), e.path("bin_code"),
                e.path("item_no"), e.path("qty_base"))));
        return lines;
    }

    private static String line(String ledger, JsonNode... fields) {
        StringBuilder line = new StringBuilder(ledger);
        for (JsonNode field : fields) {
            line.append(' ').append(text(field));
        }
        return line.toString();
    }

    private static String text(JsonNode field) {
        if (field.isMissingNode() || field.isNull()) {
            return "-";
        }
        String text = field.asText();
        try {
            return new BigDecimal(text).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return text;
        }
    }
}
