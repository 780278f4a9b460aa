package io.shopfloor.bridge.sparkplug;

/**
 * A Sparkplug B topic: {@code spBv1.0/<group>/<type>/<edge node>[/<device>]}. Host application topics
 * ({@code spBv1.0/STATE/<host>}) parse with type {@code STATE} and no node.
 */
public record SparkplugTopic(String groupId, String messageType, String edgeNodeId, String deviceId) {
    public static final String NAMESPACE = "spBv1.0";

    /** The parsed topic, or null when it is not a Sparkplug B topic. */
    public static SparkplugTopic parse(String topic) {
        String[] levels = topic.split("/", -1);
        if (!NAMESPACE.equals(levels[0])) {
            return null;
        }
        if (levels.length == 3 && levels[1].equals("STATE")) {
            return new SparkplugTopic(null, "STATE", null, null);
        }
        if (levels.length != 4 && levels.length != 5) {
            return null;
        }
        for (String level : levels) {
            if (level.isEmpty()) {
                return null;
            }
        }
        return new SparkplugTopic(levels[1], levels[2], levels[3], levels.length == 5 ? levels[4] : null);
    }

    public boolean isDevice() {
        return deviceId != null;
    }

    public String nodeKey() {
        return groupId + "/" + edgeNodeId;
    }
}
