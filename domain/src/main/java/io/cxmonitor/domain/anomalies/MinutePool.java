package io.cxmonitor.domain.anomalies;

/**
 * The latest minutes of a rate or a mean (crashes per app start, CSAT), so that a minute too thin
 * to judge alone is judged together with the minutes just before it: five app starts a minute say
 * little, the last twenty say enough. A minute that reaches the weight alone is judged alone.
 * Pooled as the rate of the minutes' sums, exactly as if they were one longer minute; never over
 * more than {@link #SPAN_MINUTES}, so a series seen twice an hour is still not judged. A Flink POJO.
 */
public class MinutePool {

    /** The most minutes one judgement pools, the minute judged included. */
    public static final int SPAN_MINUTES = 10;
    private static final long MINUTE = 60_000L;

    /** The latest minutes' starts, oldest first; as many as {@link #size}. */
    public long[] minutes = new long[SPAN_MINUTES];
    /** Each minute's weight (app starts, answers). */
    public double[] weights = new double[SPAN_MINUTES];
    /** Each minute's value times its weight (crashes, the sum of the answers). */
    public double[] sums = new double[SPAN_MINUTES];
    public int size;

    public MinutePool() {}

    /**
     * Adds the minute that starts at {@code minute}, later than every minute added before, and
     * returns the value to judge it by: its own when {@code weight} reaches {@code minWeight}, else
     * that of the latest minutes within {@link #SPAN_MINUTES} that reach it together; NaN when they
     * do not, or when the minute is not later than the last one added.
     */
    public double add(long minute, double value, double weight, double minWeight) {
        if (size > 0 && minute <= minutes[size - 1]) {
            return Double.NaN; // added already
        }
        int drop = 0;
        while (drop < size && (minutes[drop] <= minute - SPAN_MINUTES * MINUTE || size - drop >= minutes.length)) {
            drop++; // leaves at most the nine minutes before this one, and room for it
        }
        if (drop > 0) {
            System.arraycopy(minutes, drop, minutes, 0, size - drop);
            System.arraycopy(weights, drop, weights, 0, size - drop);
            System.arraycopy(sums, drop, sums, 0, size - drop);
            size -= drop;
        }
        minutes[size] = minute;
        weights[size] = weight;
        sums[size] = value * weight;
        size++;
        if (weight >= minWeight) {
            return value;
        }
        double pooledWeight = 0;
        double pooledSum = 0;
        for (int i = size - 1; i >= 0; i--) {
            pooledWeight += weights[i];
            pooledSum += sums[i];
            if (pooledWeight >= minWeight) {
                return pooledSum / pooledWeight;
            }
        }
        return Double.NaN;
    }
}
