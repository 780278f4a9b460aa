package io.shopfloor.bridge.config;

import io.shopfloor.schema.signal.CounterKind;

/**
 * One counter of a machine: its name (the {@code {name}} level of a JSON counter topic), kind, declared width in
 * bits (16, 32 or 64: where it wraps), and the Sparkplug metric that carries it (null when it has none).
 */
public record CounterSpec(String name, CounterKind kind, Integer widthBits, String sparkplugMetric) {

    public CounterSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a counter needs a name");
        }
        kind = kind == null ? CounterKind.OTHER : kind;
        widthBits = widthBits == null ? 32 : widthBits;
        if (widthBits != 16 && widthBits != 32 && widthBits != 64) {
            throw new IllegalArgumentException("counter " + name + ": widthBits is 16, 32 or 64, not " + widthBits);
        }
    }
}
