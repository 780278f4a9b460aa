package io.shopfloor.bridge.json;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An MQTT topic template like {@code plant/{site}/{line}/{machine}/state}: each level is a literal or a
 * {@code {placeholder}} standing for one whole level. Matches concrete topics and gives the subscription filter.
 */
public final class TopicTemplate {
    private final String template;
    private final String[] literals; // null where the level is a placeholder
    private final String[] placeholders; // null where the level is a literal

    public TopicTemplate(String template) {
        this.template = template;
        String[] levels = template.split("/", -1);
        literals = new String[levels.length];
        placeholders = new String[levels.length];
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.startsWith("{") && level.endsWith("}") && level.length() > 2) {
                placeholders[i] = level.substring(1, level.length() - 1);
            } else if (level.contains("{") || level.contains("}") || level.contains("+") || level.contains("#")) {
                throw new IllegalArgumentException("topic template " + template + ": level '" + level
                        + "' must be a literal or one whole {placeholder}");
            } else {
                literals[i] = level;
            }
        }
    }

    /** The subscription filter: placeholders become {@code +}. */
    public String filter() {
        List<String> levels = new ArrayList<>(literals.length);
        for (int i = 0; i < literals.length; i++) {
            levels.add(literals[i] != null ? literals[i] : "+");
        }
        return String.join("/", levels);
    }

    public boolean hasPlaceholder(String name) {
        for (String placeholder : placeholders) {
            if (name.equals(placeholder)) {
                return true;
            }
        }
        return false;
    }

    /** The placeholder values if {@code topic} matches, else null. */
    public Map<String, String> match(String[] topicLevels) {
        if (topicLevels.length != literals.length) {
            return null;
        }
        for (int i = 0; i < literals.length; i++) {
            if (literals[i] != null && !literals[i].equals(topicLevels[i])) {
                return null;
            }
        }
        Map<String, String> values = new HashMap<>(placeholders.length * 2);
        for (int i = 0; i < placeholders.length; i++) {
            if (placeholders[i] != null) {
                if (topicLevels[i].isEmpty()) {
                    return null; // an empty level names nothing
                }
                values.put(placeholders[i], topicLevels[i]);
            }
        }
        return values;
    }

    @Override
    public String toString() {
        return template;
    }
}
