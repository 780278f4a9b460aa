package io.shopfloor.posting;

/** A refused input: nothing was posted and the order state is unchanged. */
public record Refusal(RefusalReason reason, String detail) {
}
