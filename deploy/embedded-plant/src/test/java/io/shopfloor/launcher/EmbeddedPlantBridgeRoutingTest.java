package io.shopfloor.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.shopfloor.bridge.TopicRouting;
import io.shopfloor.bridge.config.BridgeConfig;
import io.shopfloor.simulator.PlantLayout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The embedded plant's bridges between them take every topic under plant/ and Sparkplug's group exactly once. */
class EmbeddedPlantBridgeRoutingTest {

    @Test
    void everyTopicOfThePlantIsHandledByExactlyOneBridge() {
        PlantLayout layout = PlantLayout.of(20, new Random(42));
        List<BridgeConfig> configs = EmbeddedPlant.bridgeConfigs(layout, "tcp://127.0.0.1:1883", "secret", null,
                "127.0.0.1:9092");
        List<TopicRouting> bridges = configs.stream().map(TopicRouting::new).toList();
        String machine = layout.machines().get(0).machineId();
        String line = layout.machines().get(0).lineName();
        String prefix = "plant/" + PlantLayout.SITE + "/" + PlantLayout.AREA + "/";
        Map<String, String> expected = new LinkedHashMap<>(); // topic -> client id of the bridge taking it
        expected.put(prefix + line + "/" + machine + "/counter/good", "embedded-plant-bridge-" + line);
        expected.put(prefix + line + "/" + machine + "/operation", "embedded-plant-bridge-" + line);
        expected.put(prefix + "L4/L4-X/state", "embedded-plant-bridge-L4");
        // Strays: on a line, its bridge; of no line, the strays bridge; Sparkplug, the Sparkplug bridge.
        expected.put(prefix + line + "/" + machine + "/temperature", "embedded-plant-bridge-" + line);
        expected.put(prefix + line + "/" + machine + "/counter/good/extra", "embedded-plant-bridge-" + line);
        expected.put(prefix + "L9/" + machine + "/state", "embedded-plant-bridge-strays");
        expected.put("plant/" + PlantLayout.SITE, "embedded-plant-bridge-strays");
        expected.put("plant", "embedded-plant-bridge-strays");
        expected.put("spBv1.0/" + PlantLayout.SPARKPLUG_GROUP + "/DDATA/L2/L2-X", "embedded-plant-bridge-spb");
        expected.put("spBv1.0/" + PlantLayout.SPARKPLUG_GROUP + "/NFOO/L2", "embedded-plant-bridge-spb");
        Map<String, List<String>> actual = new LinkedHashMap<>();
        for (String topic : expected.keySet()) {
            List<String> takers = new java.util.ArrayList<>();
            for (int i = 0; i < configs.size(); i++) {
                if (bridges.get(i).handles(topic)) {
                    takers.add(configs.get(i).mqtt().clientId());
                }
            }
            actual.put(topic, takers);
        }
        Map<String, List<String>> once = new LinkedHashMap<>();
        expected.forEach((topic, bridge) -> once.put(topic, List.of(bridge)));
        assertEquals(once, actual);
        assertEquals("plant/+/+/" + line + "/#", configs.get(0).topics().root());
    }
}
