package io.shopfloor.launcher;

import io.shopfloor.bridge.config.BridgeConfig;
import io.shopfloor.config.ConfigException;
import io.shopfloor.config.Section;
import java.io.IOException;
import java.util.Map;

/**
 * What the embedded plant connects in real-plant mode instead of the simulator: the plant's machines (the
 * configuration file's {@code bridge} section: topics, Sparkplug groups and the machine registry, in the MQTT bridge's
 * own shape) and its ERP database ({@code erp}; absent, the embedded {@code erp} database, which people or a
 * synchronisation fill).
 *
 * @param erp null: the embedded ERP database
 */
public record RealPlant(BridgeConfig.Registry machines, ErpConnection erp) {

    /** The ERP database CDC reads (the reference ERP tables, see connectors/erp-cdc). */
    public record ErpConnection(String jdbcUrl, String user, String password) {
        @Override
        public String toString() {
            return "ErpConnection[" + jdbcUrl + " as " + user + "]"; // never the password
        }
    }

    /** From the file's {@code bridge} and {@code erp} sections. */
    public static RealPlant read(Section root, Map<String, String> environment) {
        BridgeConfig.Registry machines;
        try {
            machines = BridgeConfig.Registry.of(root.tree("bridge"));
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("bridge: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (machines.machines().isEmpty()) {
            throw new ConfigException("bridge.machines: real-plant mode needs the plant's machines (the registry)");
        }
        Section erp = root.section("erp");
        String jdbcUrl = erp.string("jdbcUrl", null);
        ErpConnection connection = jdbcUrl == null ? null
                : new ErpConnection(jdbcUrl, erp.requiredString("user"), erp.secret("password", environment));
        erp.requireAllRead();
        return new RealPlant(machines, connection);
    }
}
