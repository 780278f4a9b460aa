package io.shopfloor.posting.ledger;

import java.io.Serializable;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A request to the warehouse: the inbound request created at release for locations whose output is put away by
 * an inventory put-away, or the put-away created after output at Warehouse Put-away locations.
 */
public record WarehouseRequest(String idempotencyKey, RequestType requestType, String locationCode,
                               String binCode, String itemNo, String variantCode, String orderNo, int orderLineNo,
                               BigDecimal quantityBase, LocalDate date) implements Serializable, LedgerEntry {

    public enum RequestType { INBOUND_INVENTORY_PUT_AWAY, WAREHOUSE_PUT_AWAY }
}
