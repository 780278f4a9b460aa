package io.shopfloor.posting.model;

import java.io.Serializable;

/** The three production bin codes carried by locations, work centers and machine centers (null = none). */
public record Bins(String openShopFloorBinCode, String toProductionBinCode, String fromProductionBinCode) implements Serializable {
    public static final Bins NONE = new Bins(null, null, null);
}
