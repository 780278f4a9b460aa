package io.shopfloor.posting.model;

import java.io.Serializable;

/** Location card: bin handling and how production output reaches the warehouse. */
public record Location(String code, boolean binMandatory, ProdOutputWhseHandling prodOutputWhseHandling, Bins bins) implements Serializable {

    public static Location simple(String code) {
        return new Location(code, false, ProdOutputWhseHandling.NO_WAREHOUSE_HANDLING, Bins.NONE);
    }
}
