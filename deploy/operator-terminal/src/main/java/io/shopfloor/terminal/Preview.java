package io.shopfloor.terminal;

import io.shopfloor.posting.Notice;
import io.shopfloor.posting.PostingResult;
import io.shopfloor.posting.ledger.CapacityLedgerEntry;
import io.shopfloor.posting.ledger.ItemLedgerEntry;
import io.shopfloor.posting.ledger.LedgerEntry;
import io.shopfloor.posting.ledger.ValueEntry;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a posting would do: the entries by ledger (in the job's entry numbers within the order) and notices, or the
 * refusal with its reason code and in words.
 */
public record Preview(boolean refused, String reasonCode, String reason, String field,
                      List<ItemLedgerEntry> itemLedgerEntries, List<CapacityLedgerEntry> capacityLedgerEntries,
                      List<ValueEntry> valueEntries, List<LedgerEntry> otherEntries, List<String> notices) {

    /** Refusals a single form field can put right: the page shows them next to that field as well. */
    private static final Map<String, String> FIELD_OF_REASON = Map.of(
            "BIN_CODE_MISSING", "binCode",
            "BIN_CODE_NOT_ALLOWED", "binCode");

    public static Preview refused(String code, String words) {
        return new Preview(true, code, words, FIELD_OF_REASON.get(code), List.of(), List.of(), List.of(), List.of(),
                List.of());
    }

    public static Preview of(PostingResult result) {
        if (result instanceof PostingResult.Refused refused) {
            return refused(refused.reason().name(), inWords(refused.reason().name(), refused.refusal().detail()));
        }
        PostingResult.Posted posted = (PostingResult.Posted) result;
        List<LedgerEntry> others = posted.entries().stream().filter(e -> !(e instanceof ItemLedgerEntry)
                && !(e instanceof CapacityLedgerEntry) && !(e instanceof ValueEntry)).toList();
        return new Preview(false, null, null, null, posted.itemLedgerEntries(), posted.capacityLedgerEntries(),
                posted.valueEntries(), others, posted.notices().stream().map(Notice::toString).toList());
    }

    /** "APPLIES_TO_ENTRY_INVALID" and its detail as a sentence a person reads. */
    static String inWords(String code, String detail) {
        String words = code.toLowerCase(Locale.ROOT).replace('_', ' ');
        words = Character.toUpperCase(words.charAt(0)) + words.substring(1);
        return detail == null || detail.isBlank() ? words + "." : words + ": " + detail + ".";
    }
}
