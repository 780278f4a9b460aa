package io.shopfloor.simulator;

/** How a machine's gateway talks: plain JSON per machine topic, or Sparkplug B (one edge node per line). */
public enum Protocol {
    JSON,
    SPARKPLUG
}
