package io.shopfloor.bridge.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shopfloor.bridge.config.BridgeConfig;
import io.shopfloor.bridge.config.TopicSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicFilterTest {

    @Test
    void filtersMatchAsMqttSays() {
        assertTrue(TopicFilter.matches("plant/#", "plant/S1/A1/L1/M-1/temperature"));
        assertTrue(TopicFilter.matches("plant/#", "plant"), "# matches the parent level too");
        assertFalse(TopicFilter.matches("plant/#", "factory/S1"));
        assertTrue(TopicFilter.matches("plant/+/+/L1/#", "plant/S1/A1/L1/M-1/counter/good/extra"));
        assertFalse(TopicFilter.matches("plant/+/+/L1/#", "plant/S1/A1/L2/M-1/state"));
        assertFalse(TopicFilter.matches("plant/+/+/L1/#", "plant/S1/A1"));
        assertTrue(TopicFilter.matches("a/+", "a/"), "+ matches an empty level");
        assertFalse(TopicFilter.matches("a/+", "a/b/c"));
        assertTrue(TopicFilter.matches("#", "spBv1.0/G1/DDATA/E1/D1"));
        assertFalse(TopicFilter.matches("#", "$SYS/broker/uptime"), "no $ topics through a leading wildcard");
        assertFalse(TopicFilter.matches("+/broker/uptime", "$SYS/broker/uptime"));
        assertTrue(TopicFilter.matches("$SYS/#", "$SYS/broker/uptime"));
    }

    /** The root derived from the templates: common leading levels up to the last literal one, then #. */
    @Test
    void theRootIsDerivedFromTheTemplates() {
        assertEquals("plant/#", TopicSettings.DEFAULT.root());
        assertEquals("plant/+/+/L1/#", new TopicSettings("plant/{site}/{area}/L1/{machine}/counter/{name}",
                "plant/{site}/{area}/L1/{machine}/state", "plant/{site}/{area}/L1/{machine}/operation", null).root());
        assertEquals("f/#", new TopicSettings("f/{site}/{machine}/c/{name}", "f/{site}/{machine}/s", "", null).root());
        assertEquals("f/+/x/+/c/#", new TopicSettings("f/{site}/x/{machine}/c/{name}", "", "", null).root(),
                "one template: all but its last level");
        assertEquals("#", new TopicSettings("a/{machine}/c/{name}", "b/{machine}/s", "", null).root());
        assertEquals(null, new TopicSettings("", "", "", null).root(), "Sparkplug only: no JSON subscription");
        assertEquals("plant/#", new TopicSettings("", "", "", null, "plant/#", List.of("plant/+/+/L1/#")).root(),
                "a catch-all without templates");
    }

    @Test
    void aRootThatMissesATemplateOrIsNoFilterIsAConfigurationError() {
        String config = """
                {"mqtt": {"serverUri": "tcp://h:1883"}, "kafka": {"bootstrapServers": "k:9092"},
                 "topics": {"root": "%s"}}""";
        IllegalArgumentException narrow = assertThrows(IllegalArgumentException.class,
                () -> new TopicSettings(null, null, null, null, "plant/+/+/L1/#", null));
        assertEquals("topics.root plant/+/+/L1/# does not cover the template "
                + "plant/{site}/{area}/{line}/{machine}/counter/{name}: its messages would never arrive; widen the "
                + "root (e.g. plant/#) or leave it out to derive it", narrow.getMessage());
        assertThrows(Exception.class, () -> BridgeConfig.parse(config.formatted("factory/#")));
        assertThrows(Exception.class, () -> BridgeConfig.parse(config.formatted("plant/+/+/+/+/state")),
                "covers the state template only");
        assertThrows(Exception.class, () -> BridgeConfig.parse(config.formatted("plant/#/x")));
        assertThrows(Exception.class, () -> BridgeConfig.parse(config.formatted("plant/L+")));
        assertThrows(Exception.class, () -> BridgeConfig.parse(config.formatted("$share/g/plant/#")));
        assertEquals("#", assertDoesNotThrow(config.formatted("#")).topics().root());
        assertEquals("plant/+/+/+/+/#", assertDoesNotThrow(config.formatted("plant/+/+/+/+/#")).topics().root());
        assertThrows(IllegalArgumentException.class, () -> new TopicSettings(null, null, null, null, null,
                List.of("plant/+/+/+/+/state")), "ignoring a template's own topics");
    }

    private static BridgeConfig assertDoesNotThrow(String json) {
        try {
            return BridgeConfig.parse(json);
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }
}
