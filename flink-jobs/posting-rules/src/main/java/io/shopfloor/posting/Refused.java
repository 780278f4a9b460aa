package io.shopfloor.posting;

/**
 * Thrown by the check phase of a rule and turned into a {@link PostingResult.Refused} value at the
 * {@link PostingRules} boundary. Never thrown once the state has started to change (see {@link PostingContext}).
 */
final class Refused extends RuntimeException {
    private final transient Refusal refusal;

    Refused(RefusalReason reason, String detail) {
        super(reason + ": " + detail, null, false, false);
        this.refusal = new Refusal(reason, detail);
    }

    Refusal refusal() {
        return refusal;
    }
}
