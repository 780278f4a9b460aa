package io.shopfloor.posting.model;

/** Component flushing method (BC enum 5417). */
public enum FlushingMethod {
    MANUAL, FORWARD, BACKWARD, PICK_FORWARD, PICK_BACKWARD, PICK_MANUAL;

    public boolean isForward() {
        return this == FORWARD || this == PICK_FORWARD;
    }

    public boolean isBackward() {
        return this == BACKWARD || this == PICK_BACKWARD;
    }

    public boolean isManual() {
        return this == MANUAL || this == PICK_MANUAL;
    }

    public boolean isPick() {
        return this == PICK_FORWARD || this == PICK_BACKWARD || this == PICK_MANUAL;
    }
}
