package io.cxmonitor.generator;

import java.util.Locale;

/**
 * How the traffic's rate varies around its average over event time (UTC): the seasonality that
 * the anomaly baselines must take for normal.
 */
public enum Curve {
    /** The same rate at every hour. */
    STEADY,
    /** Quiet at night (0.3 at 08:00 UTC), busiest in the evening (1.7 at 20:00 UTC). */
    DAILY,
    /** The daily curve, and Monday busiest, Saturday quietest (1.15 to 0.9 of the day's rate). */
    WEEKLY;

    /** Monday first; their mean is 1, so the week's average rate is the configured one. */
    private static final double[] DAY_OF_WEEK = {1.15, 1.05, 1.0, 1.0, 0.95, 0.9, 0.95};
    private static final long DAY = 86_400_000L;
    /** The epoch began on a Thursday. */
    private static final int EPOCH_DAY_OF_WEEK = 3;

    /** The factor of the average rate at {@code ts}. */
    public double factor(long ts) {
        return switch (this) {
            case STEADY -> 1;
            case DAILY -> daily(ts);
            case WEEKLY -> daily(ts) * DAY_OF_WEEK[(int) Math.floorMod(Math.floorDiv(ts, DAY) + EPOCH_DAY_OF_WEEK, 7)];
        };
    }

    private static double daily(long ts) {
        double hour = Math.floorMod(ts, DAY) / 3_600_000.0;
        return 1 + 0.7 * Math.sin(2 * Math.PI * (hour - 14) / 24);
    }

    /** {@code steady}, {@code daily} or {@code weekly}. */
    public static Curve parse(String name) {
        for (Curve c : values()) {
            if (c.name().toLowerCase(Locale.ROOT).equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("--curve must be steady, daily or weekly, not " + name);
    }
}
