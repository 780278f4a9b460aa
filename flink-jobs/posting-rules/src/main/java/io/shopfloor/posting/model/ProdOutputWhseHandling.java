package io.shopfloor.posting.model;

public enum ProdOutputWhseHandling { NO_WAREHOUSE_HANDLING, INVENTORY_PUT_AWAY, WAREHOUSE_PUT_AWAY }
