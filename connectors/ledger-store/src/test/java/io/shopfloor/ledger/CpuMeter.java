package io.shopfloor.ledger;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * CPU time from {@code /proc}, for benchmarks on a shared machine: this JVM's, a PostgreSQL server's (postmaster,
 * its live children, and the children it has reaped), and the whole machine's busy time.
 */
final class CpuMeter {
    private static final long NANOS_PER_TICK = 1_000_000_000L / clockTicksPerSecond();

    private CpuMeter() {
    }

    /** This JVM's CPU time (all threads), in nanoseconds. */
    static long jvmNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The CPU time of a PostgreSQL server and all its processes, past and present, in nanoseconds. */
    static long postgresNanos(long postmasterPid) throws IOException {
        for (int attempt = 0; ; attempt++) {
            long[] before = stat(postmasterPid);
            long children = 0;
            try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
                for (Path process : processes) {
                    long[] child = stat(Long.parseLong(process.getFileName().toString()));
                    if (child != null && child[0] == postmasterPid) {
                        children += child[1] + child[2];
                    }
                }
            }
            long[] after = stat(postmasterPid);
            // A child reaped while the children were read would count twice or not at all: read again.
            if (before[3] + before[4] == after[3] + after[4] || attempt == 10) {
                return (after[1] + after[2] + after[3] + after[4] + children) * NANOS_PER_TICK;
            }
        }
    }

    /** The parent of a process. */
    static long parentOf(long pid) throws IOException {
        return stat(pid)[0];
    }

    /** Busy CPU time of the whole machine (every core, every process), in nanoseconds. */
    static long machineBusyNanos() throws IOException {
        String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < Math.min(fields.length, 9); i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(fields[i]);
            }
        }
        return busy * NANOS_PER_TICK;
    }

    static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }

    /** ppid, utime, stime, cutime, cstime of a process (ticks), or null if it is gone. */
    private static long[] stat(long pid) throws IOException {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(fields[1]), Long.parseLong(fields[11]), Long.parseLong(fields[12]),
                Long.parseLong(fields[13]), Long.parseLong(fields[14])};
    }

    private static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
            if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                return Long.parseLong(new String(getconf.getInputStream().readAllBytes()).trim());
            }
        } catch (IOException | InterruptedException | NumberFormatException e) {
            // Linux's USER_HZ is 100 everywhere this runs.
        }
        return 100;
    }
}
