package io.shopfloor.bridge.json;

import io.shopfloor.bridge.config.TopicSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The configured JSON topic scheme: which kind of signal a topic carries, and for which machine. */
public final class JsonTopicScheme {

    public enum Kind { COUNTER, STATE, OPERATION }

    /** A matched topic: its kind, the machine id composed from the topic, and the counter name (counters). */
    public record Match(Kind kind, String machineId, String counterName) {
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}/]+)}");

    private final List<TopicTemplate> templates = new ArrayList<>(3);
    private final List<Kind> kinds = new ArrayList<>(3);
    private final String machineIdTemplate;
    private final String root;

    public JsonTopicScheme(TopicSettings settings) {
        machineIdTemplate = settings.machineId();
        root = settings.root();
        add(Kind.COUNTER, settings.counter());
        add(Kind.STATE, settings.state());
        add(Kind.OPERATION, settings.operation());
    }

    private void add(Kind kind, String template) {
        if (template == null) {
            return;
        }
        TopicTemplate compiled = new TopicTemplate(template);
        Matcher placeholders = PLACEHOLDER.matcher(machineIdTemplate);
        while (placeholders.find()) {
            if (!compiled.hasPlaceholder(placeholders.group(1))) {
                throw new IllegalArgumentException("machine id template " + machineIdTemplate + " uses {"
                        + placeholders.group(1) + "}, which the " + kind + " topic " + template + " lacks");
            }
        }
        if (kind == Kind.COUNTER && !compiled.hasPlaceholder("name")) {
            throw new IllegalArgumentException("the counter topic " + template + " needs a {name} level");
        }
        templates.add(compiled);
        kinds.add(kind);
    }

    /** The filters of the templates, one per configured kind. */
    public List<String> filters() {
        return templates.stream().map(TopicTemplate::filter).toList();
    }

    /** What the JSON connections subscribe to ({@code topics.root}); null: no JSON subscription. */
    public String root() {
        return root;
    }

    public boolean isEmpty() {
        return templates.isEmpty();
    }

    /** What the topic carries, or null when it matches no template. */
    public Match match(String topic) {
        String[] levels = topic.split("/", -1);
        for (int i = 0; i < templates.size(); i++) {
            Map<String, String> values = templates.get(i).match(levels);
            if (values != null) {
                return new Match(kinds.get(i), machineId(values), values.get("name"));
            }
        }
        return null;
    }

    private String machineId(Map<String, String> values) {
        if (machineIdTemplate.equals("{machine}")) {
            return values.get("machine"); // the common case without a regex
        }
        Matcher placeholders = PLACEHOLDER.matcher(machineIdTemplate);
        StringBuilder id = new StringBuilder();
        while (placeholders.find()) {
            placeholders.appendReplacement(id, Matcher.quoteReplacement(values.get(placeholders.group(1))));
        }
        placeholders.appendTail(id);
        return id.toString();
    }
}
