package io.shopfloor.bridge;

import io.shopfloor.bridge.config.BridgeConfig;
import io.shopfloor.bridge.json.TopicFilter;
import java.util.List;

/**
 * Which of a bridge's subscriptions takes a topic: the Sparkplug connection what its groups cover; the JSON
 * connections what {@code topics.root} covers except that and {@code topics.ignore} (left to another bridge).
 */
public final class TopicRouting {
    private final String jsonRoot;
    private final List<String> ignore;
    private final List<String> sparkplugFilters;

    public TopicRouting(BridgeConfig config) {
        jsonRoot = config.topics().root();
        ignore = config.topics().ignore();
        sparkplugFilters = config.sparkplug().enabled() ? config.sparkplug().filters() : List.of();
    }

    /** Whether the bridge translates (or dead-letters) a message of this topic, on either connection. */
    public boolean handles(String topic) {
        return sparkplugTakes(topic)
                || jsonRoot != null && TopicFilter.matches(jsonRoot, topic) && !leftToOthers(topic);
    }

    boolean sparkplugTakes(String topic) {
        return anyMatches(sparkplugFilters, topic);
    }

    /** Whether a topic the JSON root received belongs to the Sparkplug connection or to another bridge. */
    boolean leftToOthers(String topic) {
        return sparkplugTakes(topic) || anyMatches(ignore, topic);
    }

    private static boolean anyMatches(List<String> filters, String topic) {
        for (String filter : filters) {
            if (TopicFilter.matches(filter, topic)) {
                return true;
            }
        }
        return false;
    }
}
