package io.shopfloor.terminal;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import io.shopfloor.posting.journal.StopRecoding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a person entered in one journal form, read from the page's JSON and checked field by field: every problem is a
 * message next to its field ({@link #fieldErrors()}), never an exception.
 *
 * <p>Kinds: {@code OUTPUT} (one operation of a released order line: output, scrap with scrap code, setup/run/stop
 * time with unit, finished, bin (blank = the order line's); a negative output is a correction and names the output
 * entry it applies to),
 * {@code CONSUMPTION} (a component line; negative returns, applied from an earlier consumption entry),
 * {@code CAPACITY} (a work or machine center without an order), {@code FINISH} (finish the order by hand) and
 * {@code RECODE} (a posted stop given its reasons: the stop's key and entry number, 1 to 20 reasons of stop code and
 * time in the stop entry's unit; docs/capacity-costs.md#re-coding-a-stop).
 */
public record JournalRequest(Kind kind, String orderNo, int orderLineNo, String operationNo, Integer componentLineNo,
                             String capacityType, String capacityNo, LocalDate postingDate, String documentNo,
                             BigDecimal outputQuantity, BigDecimal scrapQuantity, String scrapCode,
                             BigDecimal setupTime, BigDecimal runTime, BigDecimal stopTime, String stopCode,
                             String capUnitOfMeasureCode, boolean finished, Long appliesToEntry, String binCode,
                             BigDecimal quantity, Long appliesFromEntry, String stopKey, Long stopEntryNo,
                             List<StopRecoding.Reason> reasons, Map<String, String> fieldErrors) {

    public enum Kind { OUTPUT, CONSUMPTION, CAPACITY, FINISH, RECODE }

    /** A correction: negative output (supervisors only). */
    public boolean isCorrection() {
        return kind == Kind.OUTPUT && outputQuantity.signum() < 0;
    }

    public static JournalRequest read(JsonNode json, LocalDate today) {
        Fields f = new Fields(json);
        Kind kind = f.kind();
        String orderNo = kind == Kind.CAPACITY || kind == Kind.RECODE ? null : f.text("orderNo", true);
        int orderLineNo = kind == Kind.OUTPUT || kind == Kind.CONSUMPTION ? f.integer("orderLineNo", true, 1) : 0;
        String operationNo = kind == Kind.OUTPUT ? f.text("operationNo", true) : null;
        Integer componentLineNo = kind == Kind.CONSUMPTION ? f.integer("componentLineNo", true, 1) : null;
        String capacityType = null;
        String capacityNo = null;
        if (kind == Kind.CAPACITY) {
            capacityType = f.text("type", true);
            if (capacityType != null && !capacityType.equals("WORK_CENTER") && !capacityType.equals("MACHINE_CENTER")) {
                f.error("type", "choose a work center or a machine center");
            }
            capacityNo = f.text("no", true);
        }
        LocalDate postingDate = f.date("postingDate", today);
        String documentNo = f.text("documentNo", false);
        BigDecimal output = f.decimal("outputQuantity", true);
        BigDecimal scrap = f.decimal("scrapQuantity", false);
        String scrapCode = f.text("scrapCode", false);
        BigDecimal setup = f.decimal("setupTime", false);
        BigDecimal run = f.decimal("runTime", false);
        BigDecimal stop = f.decimal("stopTime", false);
        String stopCode = f.text("stopCode", false);
        String unit = f.text("capUnitOfMeasureCode", false);
        boolean finished = json.path("finished").asBoolean(false);
        Long appliesTo = f.entryNo("appliesToEntry");
        // Blank: the order line's bin (the rules refuse a bin where none is used, or none where one is needed).
        String binCode = kind == Kind.OUTPUT ? f.text("binCode", false) : null;
        BigDecimal quantity = f.decimal("quantity", true);
        Long appliesFrom = f.entryNo("appliesFromEntry");
        if (kind == Kind.OUTPUT) {
            if (scrap.signum() != 0 && scrapCode == null) {
                f.error("scrapCode", "scrap needs a scrap code");
            }
            if (stop.signum() != 0 && stopCode == null) {
                f.error("stopCode", "stop time needs a stop code");
            }
            if (output.signum() < 0 && appliesTo == null) {
                f.error("appliesToEntry", "a correction (negative output) names the output entry it reverses");
            }
            if (output.signum() == 0 && scrap.signum() == 0 && setup.signum() == 0 && run.signum() == 0
                    && stop.signum() == 0 && !finished) {
                f.error("outputQuantity", "enter output, scrap, a time, or Finished");
            }
        }
        if (kind == Kind.CONSUMPTION && quantity.signum() == 0) {
            f.error("quantity", "enter a quantity (negative to return material)");
        }
        if (kind == Kind.CAPACITY && setup.signum() == 0 && run.signum() == 0 && stop.signum() == 0) {
            f.error("stopTime", "enter a time");
        }
        String stopKey = kind == Kind.RECODE ? f.text("stopKey", true) : null;
        Long stopEntryNo = kind == Kind.RECODE ? f.entryNo("stopEntryNo") : null;
        if (kind == Kind.RECODE && stopEntryNo == null) {
            f.error("stopEntryNo", "choose the stop");
        }
        List<StopRecoding.Reason> reasons = kind == Kind.RECODE ? f.reasons() : List.of();
        return new JournalRequest(kind, orderNo, orderLineNo, operationNo, componentLineNo, capacityType, capacityNo,
                postingDate, documentNo == null ? "" : documentNo, output, scrap, scrapCode, setup, run, stop,
                stopCode, unit, finished, appliesTo, binCode, quantity, appliesFrom, stopKey, stopEntryNo, reasons,
                Map.copyOf(f.errors));
    }

    /** Reads fields and collects a message per bad field. */
    static final class Fields {
        /** Longest text a field takes: codes and numbers, not prose. */
        private static final int MAX_TEXT = 50;
        private final JsonNode json;
        private final Map<String, String> errors = new LinkedHashMap<>();

        Fields(JsonNode json) {
            this.json = json;
        }

        void error(String field, String message) {
            errors.putIfAbsent(field, message);
        }

        Map<String, String> errors() {
            return errors;
        }

        Kind kind() {
            try {
                return Kind.valueOf(json.path("kind").asText(""));
            } catch (IllegalArgumentException e) {
                error("kind", "choose output, consumption, capacity, finish or re-code a stop");
                return Kind.OUTPUT;
            }
        }

        String text(String name, boolean required) {
            String value = json.path(name).asText("").strip();
            if (value.isEmpty()) {
                if (required) {
                    error(name, "required");
                }
                return null;
            }
            if (value.length() > MAX_TEXT || value.chars().anyMatch(Character::isISOControl)) {
                error(name, "at most " + MAX_TEXT + " characters on one line");
                return null;
            }
            return value;
        }

        /**
         * A re-coding's reasons ({@code reasons}: objects of {@code stopCode} and {@code stopTime}); a bad one is
         * marked on {@code reasons.<n>.stopCode} or {@code reasons.<n>.stopTime}, n counted from 1.
         */
        List<StopRecoding.Reason> reasons() {
            JsonNode array = json.path("reasons");
            if (!array.isArray() || array.isEmpty()) {
                error("reasons.1.stopCode", "give the stop at least one reason");
                return List.of();
            }
            if (array.size() > StopRecoding.MAX_REASONS) {
                error("reasons.1.stopCode", "at most " + StopRecoding.MAX_REASONS + " reasons");
                return List.of();
            }
            List<StopRecoding.Reason> reasons = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                Fields reason = new Fields(array.get(i));
                String code = reason.text("stopCode", true);
                BigDecimal time = reason.decimal("stopTime", false);
                if (time.signum() == 0 && !reason.errors.containsKey("stopTime")) {
                    reason.error("stopTime", "enter the part of the stop time");
                }
                String prefix = "reasons." + (i + 1) + ".";
                reason.errors.forEach((field, message) -> error(prefix + field, message));
                reasons.add(new StopRecoding.Reason(code, time));
            }
            return reasons;
        }

        int integer(String name, boolean required, int min) {
            JsonNode node = json.path(name);
            String text = node.asText("").strip();
            if (text.isEmpty()) {
                if (required) {
                    error(name, "required");
                }
                return 0;
            }
            try {
                int value = Integer.parseInt(text);
                if (value < min) {
                    error(name, "must be at least " + min);
                }
                return value;
            } catch (NumberFormatException e) {
                error(name, "not a whole number");
                return 0;
            }
        }

        Long entryNo(String name) {
            String text = json.path(name).asText("").strip();
            if (text.isEmpty()) {
                return null;
            }
            try {
                long value = Long.parseLong(text);
                if (value <= 0) {
                    error(name, "not an entry number");
                    return null;
                }
                return value;
            } catch (NumberFormatException e) {
                error(name, "not an entry number");
                return null;
            }
        }

        /** A decimal with at most 5 decimals (the ledger's scale); blank is 0. */
        BigDecimal decimal(String name, boolean signed) {
            String text = json.path(name).asText("").strip().replace(',', '.');
            if (text.isEmpty()) {
                return BigDecimal.ZERO;
            }
            try {
                BigDecimal value = new BigDecimal(text);
                if (value.stripTrailingZeros().scale() > 5 || value.abs().compareTo(new BigDecimal("1e12")) >= 0) {
                    error(name, "at most 5 decimals and below 1,000,000,000,000");
                    return BigDecimal.ZERO;
                }
                if (!signed && value.signum() < 0) {
                    error(name, "must not be negative");
                }
                return value;
            } catch (NumberFormatException e) {
                error(name, "not a number");
                return BigDecimal.ZERO;
            }
        }

        LocalDate date(String name, LocalDate defaultDate) {
            String text = json.path(name).asText("").strip();
            if (text.isEmpty()) {
                return defaultDate;
            }
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                error(name, "a date as YYYY-MM-DD");
                return defaultDate;
            }
        }
    }
}
