package io.shopfloor.bridge.translate;

/** The bridge's dead-letter reason codes (stable: operators filter on them). */
public final class ReasonCodes {
    /**
     * The topic matches neither the JSON topic scheme nor the Sparkplug topic structure (it arrived through
     * topics.root or a Sparkplug group subscription).
     */
    public static final String UNKNOWN_TOPIC = "UNKNOWN_TOPIC";
    /** The machine (JSON topic) or Sparkplug edge node/device is not in the registry. */
    public static final String UNKNOWN_MACHINE = "UNKNOWN_MACHINE";
    /** The machine has no counter of that name. */
    public static final String UNKNOWN_COUNTER = "UNKNOWN_COUNTER";
    public static final String MALFORMED_JSON = "MALFORMED_JSON";
    public static final String MALFORMED_PROTOBUF = "MALFORMED_PROTOBUF";
    /** A field or metric has the wrong type (a string counter, a fractional value, a float metric...). */
    public static final String WRONG_TYPE = "WRONG_TYPE";
    public static final String MISSING_FIELD = "MISSING_FIELD";
    /** Right type, impossible value (an unknown state name or event type). */
    public static final String INVALID_VALUE = "INVALID_VALUE";
    public static final String NEGATIVE_COUNTER = "NEGATIVE_COUNTER";
    /** A counter value that does not fit its declared width. */
    public static final String VALUE_OUT_OF_RANGE = "VALUE_OUT_OF_RANGE";
    /** The payload names another machine than its topic. */
    public static final String MACHINE_ID_MISMATCH = "MACHINE_ID_MISMATCH";
    /** Sparkplug DATA (or DBIRTH) from a node or device whose birth the bridge has not seen. */
    public static final String DATA_BEFORE_BIRTH = "DATA_BEFORE_BIRTH";
    /** Sparkplug metric alias that no birth defined. */
    public static final String UNKNOWN_ALIAS = "UNKNOWN_ALIAS";
    /** A report, not a rejection: Sparkplug seq skipped; the message itself was forwarded. */
    public static final String SEQ_GAP = "SEQ_GAP";
    /** Sparkplug NDEATH whose bdSeq is not the current session's: the node is alive in a newer session. */
    public static final String STALE_DEATH = "STALE_DEATH";
    /** The payload is larger than mqtt.maxPayloadBytes; the dead letter keeps its first maxPayloadBytes bytes. */
    public static final String PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE";
    /** A payload of no bytes (on MQTT often someone clearing a retained message). */
    public static final String EMPTY_PAYLOAD = "EMPTY_PAYLOAD";
    /** The source timestamp is more than limits.maxAheadMillis ahead of the bridge's clock. */
    public static final String FUTURE_TIMESTAMP = "FUTURE_TIMESTAMP";
    /** A bug in the bridge; the message is kept so it can be replayed after the fix. */
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";

    private ReasonCodes() {
    }
}
