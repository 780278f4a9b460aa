package io.shopfloor.bridge.json;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** MQTT topic filters ({@code +} one level, {@code #} the rest): syntax, matching, and the root of templates. */
public final class TopicFilter {

    private TopicFilter() {
    }

    /** Throws with a message naming {@code setting} when {@code filter} is not a valid MQTT topic filter. */
    public static void validate(String filter, String setting) {
        if (filter == null || filter.isEmpty()) {
            throw new IllegalArgumentException(setting + " is empty: give an MQTT topic filter like plant/#");
        }
        if (filter.startsWith("$share/")) {
            throw new IllegalArgumentException(setting + " " + filter + ": no $share prefix here, "
                    + "mqtt.sharedSubscriptionGroup adds it");
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            boolean wildcard = level.equals("+") || level.equals("#");
            if (!wildcard && (level.contains("+") || level.contains("#"))) {
                throw new IllegalArgumentException(setting + " " + filter + ": a wildcard (+ or #) must be a "
                        + "whole level");
            }
            if (level.equals("#") && i != levels.length - 1) {
                throw new IllegalArgumentException(setting + " " + filter + ": # must be the last level");
            }
        }
    }

    /** Whether a concrete topic matches the filter (MQTT rules: {@code $} topics match no leading wildcard). */
    public static boolean matches(String filter, String topic) {
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        boolean system = topic.startsWith("$");
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return !(i == 0 && system); // "a/#" matches "a" too
            }
            if (i >= t.length) {
                return false;
            }
            if (f[i].equals("+")) {
                if (i == 0 && system) {
                    return false;
                }
            } else if (!f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }

    /** Whether every topic the template matches also matches the filter. */
    public static boolean covers(String filter, TopicTemplate template) {
        String[] f = filter.split("/", -1);
        String[] t = template.filter().split("/", -1); // placeholders as "+"; literals never contain '+'
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length) {
                return false;
            }
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                return false; // a literal covers only the same literal, not a placeholder
            }
        }
        return f.length == t.length;
    }

    /**
     * The widest filter that keeps the templates' discriminating literals: the levels the templates share (each
     * without its last level, placeholders as {@code +}) up to the last literal one, then {@code #}. The default
     * scheme gives {@code plant/#}, a scheme fixed to line L1 {@code plant/+/+/L1/#}; templates without a common
     * first level give {@code #}.
     */
    public static String derivedRoot(List<TopicTemplate> templates) {
        List<String> common = null;
        for (TopicTemplate template : templates) {
            List<String> levels = Arrays.asList(template.filter().split("/", -1));
            if (common == null) {
                common = new ArrayList<>(levels.subList(0, levels.size() - 1)); // the last level varies by kind
            } else {
                int same = 0;
                while (same < common.size() && same < levels.size() && common.get(same).equals(levels.get(same))) {
                    same++;
                }
                common = new ArrayList<>(common.subList(0, same));
            }
        }
        if (common == null) {
            return null;
        }
        while (!common.isEmpty() && common.get(common.size() - 1).equals("+")) {
            common.remove(common.size() - 1);
        }
        common.add("#");
        return String.join("/", common);
    }
}
