package io.cxmonitor.domain.anomalies;

/**
 * The usual level of one series (SPEC 7): for each hour of the week (UTC, Monday 00:00 first), an
 * exponentially weighted mean and variance of its minute values, and the same over the last hour
 * or so. The hour of the week is the baseline once it has seen {@code seasonalWarmUp} minutes (two
 * weeks of that hour by default); until then the recent level stands in, once it has seen
 * {@code recentWarmUp} minutes; before that there is no baseline, and nothing can be anomalous.
 *
 * <p>Robust: a value far from the baseline is learned clipped to three standard deviations, and a
 * minute of an anomaly a tenth as much, so an outage does not become the usual level within
 * minutes. 168 × 2 doubles and ints: about 3.4 KB, from the series' {@value #SEASONAL_AFTER}th minute
 * on: until then only the recent level is kept, so that a flood of one-off tag values (a new app
 * version on every event) does not cost 3.4 KB a series. A Flink POJO.
 */
public class SeasonalBaseline {

    public static final int HOURS_OF_WEEK = 168;
    private static final long HOUR = 3_600_000L;
    /** The epoch began on a Thursday: three days after a Monday. */
    private static final int EPOCH_HOUR_OF_WEEK = 72;
    /** The longest memory of an hour of the week, in its minutes: about six weeks. */
    private static final int SEASONAL_MEMORY = 360;
    /** The memory of the recent level, in minutes. */
    private static final int RECENT_MEMORY = 60;
    private static final double CLIP = 3;
    /** The minutes a series is seen before it learns its hours of the week too. */
    public static final int SEASONAL_AFTER = 30;

    /** What a series is expected to be at a time, and how much it usually varies. */
    public record Expected(double mean, double sigma, boolean seasonal) {}

    /** By hour of the week; null until the series has been seen for {@value #SEASONAL_AFTER} minutes. */
    public double[] mean;
    public double[] variance;
    public int[] samples;
    public double recentMean;
    public double recentVariance;
    public int recentSamples;

    public SeasonalBaseline() {}

    /** Monday 00:00-01:00 UTC is 0, Sunday 23:00-24:00 is 167. */
    public static int hourOfWeek(long ts) {
        return (int) Math.floorMod(Math.floorDiv(ts, HOUR) + EPOCH_HOUR_OF_WEEK, HOURS_OF_WEEK);
    }

    /** The baseline at {@code ts}, or null while it warms up. */
    public Expected expected(long ts, AnomalySettings settings) {
        int h = hourOfWeek(ts);
        if (samples != null && samples[h] >= settings.seasonalWarmUp()) {
            return new Expected(mean[h], Math.sqrt(variance[h]), true);
        }
        if (recentSamples >= settings.recentWarmUp()) {
            return new Expected(recentMean, Math.sqrt(recentVariance), false);
        }
        return null;
    }

    /**
     * Learns the value of the minute at {@code ts}. An outlier (a minute the baseline that judged it
     * found anomalous) moves that baseline's mean a tenth as much and leaves its variance alone: a
     * lasting change of level is learned in time, but an outage neither becomes usual within the
     * hour nor widens what is. The hour of the week learns normally while the recent level judges:
     * a weekly rush hour is an anomaly the first weeks, and usual after.
     */
    public void learn(long ts, double value, boolean seasonalOutlier, boolean recentOutlier) {
        if (samples == null && recentSamples >= SEASONAL_AFTER) {
            mean = new double[HOURS_OF_WEEK];
            variance = new double[HOURS_OF_WEEK];
            samples = new int[HOURS_OF_WEEK];
        }
        if (samples != null) {
            learnHourOfWeek(hourOfWeek(ts), value, seasonalOutlier);
        }

        double recent = clipped(value, recentMean, recentVariance, recentSamples);
        double beta = (recentOutlier ? 0.1 : 1) / Math.min(recentSamples + 1, RECENT_MEMORY);
        double r = recent - recentMean;
        recentMean += beta * r;
        if (!recentOutlier) {
            recentVariance = (1 - beta) * (recentVariance + beta * r * r);
        }
        recentSamples = Math.min(recentSamples + 1, Integer.MAX_VALUE - 1);
    }

    private void learnHourOfWeek(int h, double value, boolean outlier) {
        double weight = outlier ? 0.1 : 1;
        double seasonal = clipped(value, mean[h], variance[h], samples[h]);
        double alpha = weight / Math.min(samples[h] + 1, SEASONAL_MEMORY);
        double d = seasonal - mean[h];
        mean[h] += alpha * d;
        if (!outlier) {
            variance[h] = (1 - alpha) * (variance[h] + alpha * d * d);
        }
        samples[h] = Math.min(samples[h] + 1, Integer.MAX_VALUE - 1);
    }

    /** A value beyond three standard deviations counts as three, once there is something to compare to. */
    private static double clipped(double value, double mean, double variance, int samples) {
        if (samples < 10 || variance <= 0) {
            return value;
        }
        double limit = CLIP * Math.sqrt(variance);
        return Math.max(mean - limit, Math.min(mean + limit, value));
    }
}
