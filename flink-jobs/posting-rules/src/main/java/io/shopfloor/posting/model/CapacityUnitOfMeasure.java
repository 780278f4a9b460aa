package io.shopfloor.posting.model;

import java.io.Serializable;

import java.math.BigDecimal;

/** Capacity unit of measure (MINUTES, HOURS, ...) with its length in minutes, for time conversions. */
public record CapacityUnitOfMeasure(String code, BigDecimal minutesPerUnit) implements Serializable {
    public static final CapacityUnitOfMeasure MINUTES = new CapacityUnitOfMeasure("MINUTES", BigDecimal.ONE);
    public static final CapacityUnitOfMeasure HOURS = new CapacityUnitOfMeasure("HOURS", BigDecimal.valueOf(60));
    public static final CapacityUnitOfMeasure DAYS = new CapacityUnitOfMeasure("DAYS", BigDecimal.valueOf(1440));
}
