package io.shopfloor.bridge.config;

/**
 * A machine's place in Sparkplug: group and edge node, and the device id when the machine is a device of the
 * node (null: the machine is the edge node itself, its metrics come in NBIRTH/NDATA). {@code stateMetric} names
 * a String metric holding a {@link io.shopfloor.schema.signal.MachineState} name, {@code stopCodeMetric} the
 * stop code sent with it; both optional.
 */
public record SparkplugDevice(String groupId, String edgeNodeId, String deviceId, String stateMetric,
                              String stopCodeMetric) {

    public SparkplugDevice {
        if (groupId == null || edgeNodeId == null) {
            throw new IllegalArgumentException("a Sparkplug machine needs groupId and edgeNodeId");
        }
    }
}
