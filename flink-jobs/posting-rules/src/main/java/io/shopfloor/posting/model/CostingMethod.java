package io.shopfloor.posting.model;

public enum CostingMethod {
    FIFO, LIFO, SPECIFIC, AVERAGE, STANDARD;

    public boolean producesVariances() {
        return this == STANDARD;
    }
}
