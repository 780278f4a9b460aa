package io.shopfloor.dashboard;

import java.util.List;

/**
 * A line's charts, computed on the server from its machines' kept KPI windows (the page used to get every window
 * of every machine: 6.5 MB at 500 machines): {@code output} the good pieces of the line cumulated over the window
 * ends (pcs), {@code oeePct} the line's OEE per ten minutes from the summed time elements (%, one decimal; a bucket
 * without planned busy time, parts or ideal cycle time, or whose performance is above 100 %, has no point).
 * {@code x} is epoch milliseconds.
 */
public record LineTrend(String line, List<Point> output, List<Point> oeePct) {

    public record Point(long x, double y) {
    }
}
