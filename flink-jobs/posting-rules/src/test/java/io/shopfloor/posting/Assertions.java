package io.shopfloor.posting;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

final class Assertions {

    private Assertions() {
    }

    /** Numeric equality (126 equals 126.00); the message shows both. */
    static void assertDec(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), () -> "expected " + expected + " but was " + actual);
    }

    static PostingResult.Posted posted(PostingResult result) {
        return assertInstanceOf(PostingResult.Posted.class, result, () -> "refused: " + result);
    }

    static PostingResult.Refused refused(PostingResult result, RefusalReason reason) {
        PostingResult.Refused refused = assertInstanceOf(PostingResult.Refused.class, result, () -> "posted: " + result);
        assertEquals(reason, refused.reason());
        return refused;
    }
}
