package io.shopfloor.job.order;

import java.io.Serializable;

/** An input the order stage could not post, with the reason code (a rules RefusalReason or the stage's own). */
public record Rejection(String sourceId, String key, String reasonCode, String detail, String input) implements Serializable {
}
