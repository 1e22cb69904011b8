package io.cxmonitor.domain.journeys;

import io.cxmonitor.domain.friction.SessionRating;

/**
 * The journeys of the sessions that closed in one window (SPEC 3.3): how many reached each funnel
 * step, where the abandoned ones stopped and what their carts held, and how the sessions felt.
 * A Flink POJO accumulator.
 */
public class JourneyStats {

    public long sessions;
    public long conversions;
    public long abandoned;
    /** Sessions that reached step i. */
    public long[] reached;
    /** Abandoned sessions whose last step was i. */
    public long[] abandonedAt;
    /** Cart value of abandoned sessions whose last step was i. */
    public double[] cartValueAtRisk;
    /** Indexed by {@link SessionRating#ordinal()}. */
    public long[] ratings = new long[SessionRating.values().length];

    public JourneyStats() {
        this(Funnel.GA4.size());
    }

    public JourneyStats(int steps) {
        reached = new long[steps];
        abandonedAt = new long[steps];
        cartValueAtRisk = new double[steps];
    }

    public JourneyStats add(SessionSummary s) {
        sessions++;
        if (s.converted) {
            conversions++;
        }
        for (int i = 0; i < reached.length; i++) {
            if (s.reached(i)) {
                reached[i]++;
            }
        }
        if (s.abandoned && s.lastStep >= 0 && s.lastStep < reached.length) {
            abandoned++;
            abandonedAt[s.lastStep]++;
            cartValueAtRisk[s.lastStep] += s.cartValue;
        }
        ratings[s.rating.ordinal()]++;
        return this;
    }

    public JourneyStats merge(JourneyStats o) {
        sessions += o.sessions;
        conversions += o.conversions;
        abandoned += o.abandoned;
        for (int i = 0; i < reached.length; i++) {
            reached[i] += o.reached[i];
            abandonedAt[i] += o.abandonedAt[i];
            cartValueAtRisk[i] += o.cartValueAtRisk[i];
        }
        for (int i = 0; i < ratings.length; i++) {
            ratings[i] += o.ratings[i];
        }
        return this;
    }

    /** reached k / reached k-1 (for the first step: reached / sessions); NaN when undefined. */
    public double stepConversion(int step) {
        long before = step == 0 ? sessions : reached[step - 1];
        return before == 0 ? Double.NaN : reached[step] / (double) before;
    }

    /** Converted sessions among sessions that reached the first step. */
    public double overallConversion() {
        return reached[0] == 0 ? Double.NaN : conversions / (double) reached[0];
    }

    /** Abandoned sessions among sessions that reached the second step (add to cart). */
    public double abandonmentRate() {
        return reached.length < 2 || reached[1] == 0 ? Double.NaN : abandoned / (double) reached[1];
    }

    public double cartValueAtRisk() {
        double total = 0;
        for (double v : cartValueAtRisk) {
            total += v;
        }
        return total;
    }
}
