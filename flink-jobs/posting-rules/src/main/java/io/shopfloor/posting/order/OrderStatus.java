package io.shopfloor.posting.order;

public enum OrderStatus { SIMULATED, PLANNED, FIRM_PLANNED, RELEASED, FINISHED }
