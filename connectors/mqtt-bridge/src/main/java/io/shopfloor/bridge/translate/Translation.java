package io.shopfloor.bridge.translate;

import java.util.ArrayList;
import java.util.List;

/**
 * What one MQTT message becomes: signal records and dead letters (a message can give both, e.g. a Sparkplug DATA
 * with one good and one malformed metric, or a forwarded message with a reported seq gap). The message is
 * acknowledged once every record is in Kafka; an empty translation is acknowledged at once.
 */
public final class Translation {
    private final List<OutboundRecord> records = new ArrayList<>(2);
    private final List<String> deadLetterReasons = new ArrayList<>(0);
    private int signals;

    public Translation signal(OutboundRecord record) {
        records.add(record);
        signals++;
        return this;
    }

    public Translation deadLetter(OutboundRecord record, String reasonCode) {
        records.add(record);
        deadLetterReasons.add(reasonCode);
        return this;
    }

    public List<OutboundRecord> records() {
        return records;
    }

    public int signals() {
        return signals;
    }

    /** Reason codes of the dead letters, in the order they were added. */
    public List<String> deadLetterReasons() {
        return deadLetterReasons;
    }
}
