package io.shopfloor.bridge.sparkplug;

/** Asks an edge node to publish its births again (NCMD {@code Node Control/Rebirth}). */
@FunctionalInterface
public interface RebirthRequester {
    void requestRebirth(String groupId, String edgeNodeId);
}
