package io.shopfloor.launcher;

import io.shopfloor.simulator.PlantSimulator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The receiving clock of the embedded plant's bridges: the simulated plant's time, which runs {@code speed} times
 * faster than the wall clock. A bridge compares each message's own time with it (a message too far ahead is a
 * dead letter), so on a wall clock every simulated message would soon look like the future. Until the simulator
 * runs, it is the time the plant resumes at (messages the broker kept from before a stop arrive then), or for a new
 * plant the wall clock, where a new plant's time starts.
 */
final class PlantClock extends Clock {
    private final Instant resumesAt;
    private volatile PlantSimulator simulator;

    PlantClock(Instant resumesAt) {
        this.resumesAt = resumesAt;
    }

    void running(PlantSimulator running) {
        simulator = running;
    }

    @Override
    public long millis() {
        PlantSimulator running = simulator;
        return running != null ? running.simulatedTime().toEpochMilli()
                : resumesAt != null ? resumesAt.toEpochMilli() : System.currentTimeMillis();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the plant's clock is UTC");
    }
}
