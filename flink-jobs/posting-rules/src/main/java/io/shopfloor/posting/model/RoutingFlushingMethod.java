package io.shopfloor.posting.model;

/** Routing-line flushing method: controls automatic output posting of an operation. */
public enum RoutingFlushingMethod { MANUAL, FORWARD, BACKWARD }
