package io.shopfloor.bridge.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import io.shopfloor.bridge.json.TopicFilter;
import io.shopfloor.bridge.json.TopicTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The JSON topic scheme: one template per signal kind, MQTT topic levels with {@code {placeholders}} standing
 * for one whole level each; {@code machineId} composes the machine id from placeholders. With no template set
 * the three defaults below apply; an empty template turns that kind off (all three empty: Sparkplug only). The
 * counter template must have a {@code {name}} level (the counter name).
 *
 * <p>{@code root} is the one filter the JSON connections subscribe to, so that a topic outside the templates
 * arrives and becomes an {@code UNKNOWN_TOPIC} dead letter instead of being dropped by the broker unseen. Absent,
 * it is derived from the templates ({@link TopicFilter}: {@code plant/#} for the defaults); it must cover every
 * template. {@code ignore} lists filters whose topics this bridge acknowledges without output because another
 * subscription owns them (another bridge's root, when one bridge catches what no other takes).
 */
public record TopicSettings(String counter, String state, String operation, String machineId, String root,
                            List<String> ignore) {

    public static final TopicSettings DEFAULT = new TopicSettings(null, null, null, null);

    @JsonCreator
    public TopicSettings {
        boolean allDefault = counter == null && state == null && operation == null;
        if (allDefault) {
            counter = "plant/{site}/{area}/{line}/{machine}/counter/{name}";
            state = "plant/{site}/{area}/{line}/{machine}/state";
            operation = "plant/{site}/{area}/{line}/{machine}/operation";
        }
        counter = blankToNull(counter);
        state = blankToNull(state);
        operation = blankToNull(operation);
        machineId = machineId == null ? "{machine}" : machineId;
        ignore = ignore == null ? List.of() : List.copyOf(ignore);
        List<TopicTemplate> templates = new ArrayList<>(3);
        Stream.of(counter, state, operation).filter(t -> t != null).forEach(t -> templates.add(new TopicTemplate(t)));
        root = root == null || root.isBlank() ? TopicFilter.derivedRoot(templates) : checkedRoot(root, templates);
        for (String filter : ignore) {
            TopicFilter.validate(filter, "topics.ignore");
            for (TopicTemplate template : templates) {
                if (TopicFilter.covers(filter, template)) {
                    throw new IllegalArgumentException("topics.ignore " + filter + " covers the template "
                            + template + ": its messages would never be translated");
                }
            }
        }
    }

    /** The templates without root or ignored filters (root derived). */
    public TopicSettings(String counter, String state, String operation, String machineId) {
        this(counter, state, operation, machineId, null, null);
    }

    private static String checkedRoot(String root, List<TopicTemplate> templates) {
        TopicFilter.validate(root, "topics.root");
        for (TopicTemplate template : templates) {
            if (!TopicFilter.covers(root, template)) {
                throw new IllegalArgumentException("topics.root " + root + " does not cover the template " + template
                        + ": its messages would never arrive; widen the root (e.g. "
                        + TopicFilter.derivedRoot(templates) + ") or leave it out to derive it");
            }
        }
        return root;
    }

    private static String blankToNull(String template) {
        return template == null || template.isBlank() ? null : template;
    }
}
