package io.shopfloor.bridge.config;

import io.shopfloor.bridge.sparkplug.SparkplugTopic;
import java.util.List;

/**
 * Sparkplug B: the group ids to subscribe to ({@code spBv1.0/<group>/#}; {@code "+"} for all), and whether to
 * ask an edge node for a rebirth (NCMD {@code Node Control/Rebirth}) when its data arrives without a known birth
 * or with a gap in {@code seq}, at most once per {@code rebirthIntervalMillis} per node.
 */
public record SparkplugSettings(List<String> groups, Boolean requestRebirth, Long rebirthIntervalMillis) {

    public static final SparkplugSettings DISABLED = new SparkplugSettings(List.of(), false, null);

    public SparkplugSettings {
        groups = groups == null ? List.of() : List.copyOf(groups);
        requestRebirth = requestRebirth == null || requestRebirth;
        rebirthIntervalMillis = rebirthIntervalMillis == null ? 30_000L : rebirthIntervalMillis;
    }

    /** The subscription filters, {@code spBv1.0/<group>/#} per group. */
    public List<String> filters() {
        return groups.stream().map(group -> SparkplugTopic.NAMESPACE + "/" + group + "/#").toList();
    }

    public boolean enabled() {
        return !groups.isEmpty();
    }
}
