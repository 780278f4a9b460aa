package io.shopfloor.simulator;

import java.time.Instant;

/**
 * How the simulated plant is made up.
 *
 * @param seed                of every random choice: the same settings give the same plant, message for message
 * @param start               simulated time of the first message (a whole minute)
 * @param machines            machine count (at least 4), about five per line, lines alternating FG-100 / FG-200
 * @param ordersPerLine       generated orders per line, besides the ERP's sample orders
 * @param minQuantity         of a generated order (at least 5: a window never holds a whole order)
 * @param maxQuantity         of a generated order
 * @param includeSampleOrders run the reference ERP's released RPO-1003 (line 1) and RPO-1002 (line 2) first
 * @param planningRounds      how many times the planner releases {@code ordersPerLine} orders per line;
 *                            {@link #CONTINUOUS} (0): for as long as the plant runs
 */
public record PlantSettings(long seed, Instant start, int machines, int ordersPerLine, int minQuantity,
                            int maxQuantity, boolean includeSampleOrders, int planningRounds) {
    /** {@link #planningRounds} of a plant whose planner keeps releasing orders. */
    public static final int CONTINUOUS = 0;

    public PlantSettings {
        if (ordersPerLine < 1) {
            throw new IllegalArgumentException("the planner releases at least 1 order per line, not "
                    + ordersPerLine);
        }
        if (planningRounds < 0) {
            throw new IllegalArgumentException("planning rounds are 0 (continuous) or more, not " + planningRounds);
        }
        if (machines < 4) {
            throw new IllegalArgumentException("the plant needs at least 4 machines (2 lines of 2), not " + machines);
        }
        if (minQuantity < 5 || maxQuantity < minQuantity) {
            throw new IllegalArgumentException("order quantities must be 5 or more, min <= max");
        }
        if (start.toEpochMilli() % 60_000 != 0) {
            throw new IllegalArgumentException("the plant starts on a whole minute, not " + start);
        }
    }

    /** A finite plant: one planning round, after which the machines stand idle. */
    public PlantSettings(long seed, Instant start, int machines, int ordersPerLine, int minQuantity,
                         int maxQuantity, boolean includeSampleOrders) {
        this(seed, start, machines, ordersPerLine, minQuantity, maxQuantity, includeSampleOrders, 1);
    }

    /** 20 machines on 4 lines, 12 orders per line of 8 to 30 pieces after the sample orders, continuous. */
    public static PlantSettings defaults(long seed, Instant start) {
        return new PlantSettings(seed, start, 20, 12, 8, 30, true, CONTINUOUS);
    }

    public boolean continuous() {
        return planningRounds == CONTINUOUS;
    }

    public PlantSettings withStart(Instant newStart) {
        return new PlantSettings(seed, newStart, machines, ordersPerLine, minQuantity, maxQuantity,
                includeSampleOrders, planningRounds);
    }
}
