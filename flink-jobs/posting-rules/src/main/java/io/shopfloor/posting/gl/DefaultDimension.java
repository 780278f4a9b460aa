package io.shopfloor.posting.gl;

import java.io.Serializable;

/** A Default Dimension of an item, work center or machine center: the value its entries get for one dimension. */
public record DefaultDimension(String dimensionCode, String dimensionValueCode) implements Serializable {
}
