package io.shopfloor.bridge.config;

/**
 * The JSON topic scheme: one template per signal kind, MQTT topic levels with {@code {placeholders}} standing
 * for one whole level each; {@code machineId} composes the machine id from placeholders. With no template set
 * the three defaults below apply; an empty template turns that kind off (all three empty: Sparkplug only). The
 * counter template must have a {@code {name}} level (the counter name).
 */
public record TopicSettings(String counter, String state, String operation, String machineId) {

    public static final TopicSettings DEFAULT = new TopicSettings(null, null, null, null);

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
    }

    private static String blankToNull(String template) {
        return template == null || template.isBlank() ? null : template;
    }
}
