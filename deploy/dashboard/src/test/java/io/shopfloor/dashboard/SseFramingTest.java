package io.shopfloor.dashboard;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SseFramingTest {
    @Test
    void anEventIsItsTypeThenOneDataLinePerPayloadLineThenAnEmptyLine() {
        assertEquals("event: machine\ndata: {\"machineId\":\"CUT-1\"}\n\n",
                SseFraming.event("machine", "{\"machineId\":\"CUT-1\"}"));
        assertEquals("event: note\ndata: first\ndata: second\ndata: third\ndata: \n\n",
                SseFraming.event("note", "first\nsecond\r\nthird\r"));
        assertEquals("event: empty\ndata: \n\n", SseFraming.event("empty", ""));
    }

    @Test
    void aTypeMustBeOneNonEmptyLine() {
        assertEquals("event type must be one non-empty line: a\nb",
                assertThrows(IllegalArgumentException.class, () -> SseFraming.event("a\nb", "x")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> SseFraming.event("", "x"));
    }

    @Test
    void commentsAndRetryAreSingleFrames() {
        assertEquals(": keep-alive\n\n", SseFraming.comment("keep-alive"));
        assertEquals(": two lines\n\n", SseFraming.comment("two\nlines"));
        assertEquals("retry: 1000\n\n", SseFraming.retry(1000));
    }
}
