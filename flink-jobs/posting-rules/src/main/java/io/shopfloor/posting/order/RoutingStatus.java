package io.shopfloor.posting.order;

/** Prod. Order Routing Status; BLANK is BC's " " before release. */
public enum RoutingStatus { BLANK, PLANNED, IN_PROGRESS, FINISHED }
