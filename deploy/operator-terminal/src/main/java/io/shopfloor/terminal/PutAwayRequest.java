package io.shopfloor.terminal;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * A put-away line a warehouse worker completes (docs/warehouse.md#completing-an-inventory-put-away): the order line
 * whose request it handles, the quantity put away (in the order line's unit) and the Place bin (blank: the
 * request's bin). Checked field by field like {@link JournalRequest}: a message per bad field, never an exception.
 */
public record PutAwayRequest(String orderNo, int orderLineNo, BigDecimal quantity, String binCode,
                             LocalDate postingDate, String documentNo, Map<String, String> fieldErrors) {

    public static PutAwayRequest read(JsonNode json, LocalDate today) {
        JournalRequest.Fields f = new JournalRequest.Fields(json);
        String orderNo = f.text("orderNo", true);
        int orderLineNo = f.integer("orderLineNo", true, 1);
        BigDecimal quantity = f.decimal("quantity", false);
        if (quantity.signum() == 0 && !f.errors().containsKey("quantity")) {
            f.error("quantity", "enter the quantity put away");
        }
        String binCode = f.text("binCode", false);
        LocalDate postingDate = f.date("postingDate", today);
        String documentNo = f.text("documentNo", false);
        // BC: Doc. No. Is Prod. Order No.; a put-away without its own number posts under the order's.
        return new PutAwayRequest(orderNo, orderLineNo, quantity, binCode, postingDate,
                documentNo == null ? orderNo : documentNo, Map.copyOf(f.errors()));
    }
}
