package io.shopfloor.dashboard;

/**
 * Server-sent events on the wire (text/event-stream): {@code event:} and one {@code data:} line per line of the
 * payload, ended by an empty line. A line break inside the payload would otherwise end the field early.
 */
public final class SseFraming {
    private SseFraming() {
    }

    /** One event of the given type; the browser's EventSource hands {@code data} to the type's listeners. */
    public static String event(String type, String data) {
        if (type.isEmpty() || type.contains("\n") || type.contains("\r")) {
            throw new IllegalArgumentException("event type must be one non-empty line: " + type);
        }
        StringBuilder frame = new StringBuilder("event: ").append(type).append('\n');
        for (String line : data.split("\r\n|\r|\n", -1)) {
            frame.append("data: ").append(line).append('\n');
        }
        return frame.append('\n').toString();
    }

    /** A comment line: ignored by the browser, it keeps proxies from closing an idle stream and finds dead clients. */
    public static String comment(String text) {
        return ": " + text.replaceAll("[\r\n]+", " ") + "\n\n";
    }

    /** Tells the browser how long to wait before reconnecting after the stream broke. */
    public static String retry(long millis) {
        return "retry: " + millis + "\n\n";
    }
}
