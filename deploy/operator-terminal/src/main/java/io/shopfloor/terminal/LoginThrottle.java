package io.shopfloor.terminal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows down password guessing: after {@link #MAX_FAILURES} failed logins in a row for one user name, that name is
 * refused for {@link #LOCK} (even with the right password), then gets one try at a time. Remembers at most
 * {@link #MAX_NAMES} names, the least recently failed forgotten first.
 */
final class LoginThrottle {
    static final int MAX_FAILURES = 5;
    static final Duration LOCK = Duration.ofMinutes(1);
    static final int MAX_NAMES = 10_000;

    private final Clock clock;
    private final LinkedHashMap<String, Failures> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > MAX_NAMES;
        }
    };

    private record Failures(int count, Instant lockedUntil) {
    }

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Whether the name is locked now. */
    synchronized boolean locked(String name) {
        Failures f = failures.get(name);
        return f != null && f.lockedUntil() != null && clock.instant().isBefore(f.lockedUntil());
    }

    synchronized void failed(String name) {
        Failures f = failures.getOrDefault(name, new Failures(0, null));
        int count = f.count() + 1;
        failures.put(name, new Failures(count, count >= MAX_FAILURES ? clock.instant().plus(LOCK) : null));
    }

    synchronized void succeeded(String name) {
        failures.remove(name);
    }
}
