package io.cxmonitor.domain.anomalies;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One series watched for anomalies (SPEC 7): its {@link SeasonalBaseline} and whether it is
 * deviating, fed one value per minute in event-time order. A deviation that lasts
 * {@code minDuration} opens an anomaly; {@code resolveAfter} back within the threshold resolves it.
 * A Flink POJO.
 */
public class AnomalyTracker {

    private static final long MINUTE = 60_000L;
    /** The most minutes without a point a count takes as 0 before its next point: a week. */
    public static final int MAX_ZERO_FILLED_MINUTES = 7 * 24 * 60;
    private static final DateTimeFormatter USUAL = DateTimeFormatter.ofPattern("EEEE HH:00", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** A change of an anomaly: it fired, or it resolved. */
    public record Change(String status, long since, long at, double value, double expected, double sigmas,
            boolean seasonal) {

        /** Beyond this many times its usual level, a ratio says less than the two values. */
        private static final double MOST_TIMES = 100;

        /** Three significant digits, and 0 for what is as good as nothing. */
        private static String plain(double x) {
            return Math.abs(x) < 0.0005 ? "0" : String.format(Locale.ROOT, "%.3g", x);
        }

        /** "checkout abandonment at payment is 3.4× its usual Tuesday 14:00 level since 14:07 UTC". */
        public String summary(String what) {
            String usual = seasonal ? "its usual " + USUAL.format(Instant.ofEpochMilli(at)) + " level"
                    : "its level of the last hour";
            String how;
            if (expected > 0 && value >= 0 && value / expected < MOST_TIMES) {
                how = String.format(Locale.ROOT, "%.1f× %s", value / expected, usual);
            } else if (expected >= 0 && value >= 0) { // "12 where its level of the last hour is 0", not "10^40×"
                how = plain(value) + " where " + usual + " is " + plain(expected);
            } else {
                how = String.format(Locale.ROOT, "%.1f standard deviations from %s", sigmas, usual);
            }
            return status.equals("firing")
                    ? what + " is " + how + " since " + SINCE.format(Instant.ofEpochMilli(since)) + " UTC"
                    : what + " is back to " + usual + " since " + SINCE.format(Instant.ofEpochMilli(since)) + " UTC";
        }
    }

    public SeasonalBaseline baseline = new SeasonalBaseline();
    /** The first minute of the current deviation, or -1. */
    public long deviatingSince = -1;
    /** The last minute that deviated, or -1. */
    public long lastDeviating = -1;
    public boolean open;
    /**
     * The last minute judged: the minutes come in order, and an older one is ignored (a thin minute
     * of a rate that could not be judged does not count).
     */
    public long lastMinute = Long.MIN_VALUE;
    /**
     * The side of the baseline the current deviation is on: 1 above, -1 below, 0 for none (or for
     * an anomaly a version that did not keep it opened). A minute beyond the other side neither
     * continues it nor keeps it open: a busy count that falls silent after a spike resolves.
     */
    public int direction;
    /** The latest minutes of a series with a weight (a rate, a mean); null for the others. */
    public MinutePool pool;
    /**
     * The last minute that went halfway beyond the threshold, or -1, and its side ({@link #leadInSide}).
     * An incident seldom starts on a minute's boundary, and a crash or an abandonment comes some
     * time into the sessions it spoils, so its first minute is diluted. A deviation may begin with
     * such a minute: it is counted as the deviation's first, but does not start one by itself.
     */
    public long leadIn = -1;
    public int leadInSide;

    public AnomalyTracker() {}

    /** {@link #observe(long, double, double, AnomalySettings)} with no absolute floor. */
    public Change observe(long minute, double value, AnomalySettings settings) {
        return observe(minute, value, 0, settings);
    }

    /**
     * The value of a rate or mean of the minute that starts at {@code minute}, and its weight (app
     * starts, answers): judged by itself when its weight reaches {@code minWeight}, else together
     * with the minutes just before it ({@link MinutePool}), and not at all when they are too thin.
     * A pooled minute deviates only when its own value lies on the same side of the baseline: one
     * crash would otherwise keep the next few pools high, and a few such crashes raise a false anomaly.
     */
    public Change observe(long minute, double value, double weight, double minWeight, double floor,
            AnomalySettings settings) {
        if (minute <= lastMinute || !Double.isFinite(value) || !(weight >= 0) || !Double.isFinite(weight)) {
            return null;
        }
        if (pool == null) {
            pool = new MinutePool();
        }
        double pooled = pool.add(minute, value, weight, minWeight);
        return Double.isFinite(pooled) ? judge(minute, pooled, value, false, floor, settings) : null;
    }

    /**
     * The count of the minute that starts at {@code minute} (errors, crashes, bad experiences). A
     * count has no point in a minute in which it is 0, so the minutes since the last one observed
     * are observed as 0 first (the last {@link #MAX_ZERO_FILLED_MINUTES} of them at most): the baseline
     * learns the quiet minutes too, and an anomaly whose errors stopped resolves when it should.
     *
     * @return the anomalies that fire or resolve, in order
     */
    public List<Change> observeCount(long minute, double value, double floor, AnomalySettings settings) {
        if (minute <= lastMinute || !Double.isFinite(value)) {
            return List.of();
        }
        List<Change> changes = new ArrayList<>(1);
        if (lastMinute != Long.MIN_VALUE) {
            for (long m = Math.max(lastMinute + MINUTE, minute - MAX_ZERO_FILLED_MINUTES * MINUTE); m < minute; m += MINUTE) {
                add(changes, judge(m, 0, 0, true, floor, settings));
            }
        }
        add(changes, judge(minute, value, value, false, floor, settings));
        return changes;
    }

    private static void add(List<Change> changes, Change change) {
        if (change != null) {
            changes.add(change);
        }
    }

    /**
     * The value of the minute that starts at {@code minute}: learned, and compared with the baseline.
     *
     * @param floor the least standard deviation of the series whatever its history: a count of 0 to 2
     *     a minute does not make 5 an anomaly
     * @return the anomaly that fires or resolves with it, or null
     */
    public Change observe(long minute, double value, double floor, AnomalySettings settings) {
        if (minute <= lastMinute || !Double.isFinite(value)) {
            return null;
        }
        return judge(minute, value, value, false, floor, settings);
    }

    /**
     * Judges and learns {@code judged}, the minute's own value or a pooled one; {@code own} is its
     * own. A minute {@code inferred} (a count's minute without a point) is learned, keeps an anomaly
     * open or resolves it, but never starts one: it is only known once the next point comes, too
     * late to page anyone about.
     */
    private Change judge(long minute, double judged, double own, boolean inferred, double floor,
            AnomalySettings settings) {
        lastMinute = minute;
        SeasonalBaseline.Expected e = baseline.expected(minute, settings);
        Change change = null;
        boolean outlier = false;
        int halfway = 0; // the side of a minute halfway beyond the threshold, or 0
        if (e != null) {
            double sigma = Math.max(Math.max(e.sigma(), floor), settings.relativeFloor() * Math.abs(e.mean()));
            double sigmas = sigma > 0 ? (judged - e.mean()) / sigma : 0;
            int side = sigmas > 0 ? 1 : -1;
            outlier = Math.abs(sigmas) >= settings.threshold();
            boolean ownSide = (own - e.mean()) * sigmas > 0;
            boolean deviating = outlier && ownSide && (open ? direction == 0 || side == direction : !inferred);
            if (!outlier && ownSide && !inferred && Math.abs(sigmas) >= settings.threshold() / 2) {
                halfway = side;
            }
            if (deviating) {
                if (!open && (deviatingSince < 0 || minute - lastDeviating > MINUTE || side != direction)) {
                    // a minute within the threshold, none at all, or the other side starts over
                    deviatingSince = leadIn == minute - MINUTE && leadInSide == side ? leadIn : minute;
                    direction = side;
                }
                lastDeviating = minute;
                if (!open && minute + MINUTE - deviatingSince >= settings.minDuration().toMillis()) {
                    open = true;
                    change = new Change("firing", deviatingSince, minute + MINUTE, judged, e.mean(), sigmas,
                            e.seasonal());
                }
            } else if (!open) {
                deviatingSince = -1;
            } else if (minute - lastDeviating >= settings.resolveAfter().toMillis()) {
                open = false;
                deviatingSince = -1;
                direction = 0;
                change = new Change("resolved", lastDeviating + MINUTE, minute + MINUTE, judged, e.mean(), sigmas,
                        e.seasonal());
            }
        }
        leadIn = halfway != 0 ? minute : -1;
        leadInSide = halfway;
        // an outlier is learned a tenth as much, whichever side it is on and whatever made it
        baseline.learn(minute, judged, outlier && e.seasonal(), outlier);
        return change;
    }
}
