package io.shopfloor.bridge.translate;

/** Bad input found while translating: becomes a dead letter with this reason code and detail. */
public final class BadInputException extends Exception {
    private final String reasonCode;

    public BadInputException(String reasonCode, String detail) {
        super(detail, null, false, false); // control flow, not a bug: no stack trace
        this.reasonCode = reasonCode;
    }

    public String reasonCode() {
        return reasonCode;
    }
}
