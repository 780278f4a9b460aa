package io.shopfloor.cluster;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits for a condition on another process (a REST answer, rows in the database) with a deadline: asks every
 * quarter second until the answer is not null, or fails with the last answer seen and what the caller adds.
 */
final class Await {
    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private Await() {
    }

    interface Probe<T> {
        /** The awaited value, or null while not there yet. */
        T probe() throws Exception;
    }

    static <T> T until(String what, Duration timeout, Probe<T> probe, Callable<String> context) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                T value = probe.probe();
                if (value != null) {
                    return value;
                }
            } catch (Exception e) {
                last = e; // the other process may not answer yet
            }
            if (System.nanoTime() > deadline) {
                AssertionError error = new AssertionError("waited " + timeout + " for " + what + "\n" + context.call());
                if (last != null) {
                    error.addSuppressed(last);
                }
                throw error;
            }
            LockSupport.parkNanos(PAUSE_NANOS);
        }
    }
}
