package io.cxmonitor.domain.risk;

import java.io.Serializable;
import java.time.Duration;

/**
 * The knobs of the switching-risk model; they can change while the alerting job runs (a control
 * topic broadcasts them) without losing any customer's state.
 */
public final class RiskSettings implements Serializable {

    public static final RiskSettings DEFAULT = new RiskSettings(0.5, Duration.ofHours(24), Duration.ofDays(90),
            0.35, 0.35, 0.15, 0.10, 0.05, 0.03);

    /** Alerts fire from this score. */
    public final double threshold;
    /** At most one page per customer in this time, escalations apart. */
    public final Duration cooldown;
    /** Bad experiences count within this window; state expires after it. */
    public final Duration lookback;
    /** Score of a first bad experience before its specifics: about half of customers leave after one. */
    public final double base;
    public final double severityWeight;
    public final double valueWeight;
    public final double recencyWeight;
    /** Added for a public review: the customer took the trouble to tell everyone. */
    public final double reviewBonus;
    /** Added for support: the customer already had to ask for help. */
    public final double supportBonus;

    public RiskSettings(double threshold, Duration cooldown, Duration lookback, double base, double severityWeight,
            double valueWeight, double recencyWeight, double reviewBonus, double supportBonus) {
        this.threshold = threshold;
        this.cooldown = cooldown;
        this.lookback = lookback;
        this.base = base;
        this.severityWeight = severityWeight;
        this.valueWeight = valueWeight;
        this.recencyWeight = recencyWeight;
        this.reviewBonus = reviewBonus;
        this.supportBonus = supportBonus;
    }

    public RiskSettings withThreshold(double threshold) {
        return new RiskSettings(threshold, cooldown, lookback, base, severityWeight, valueWeight, recencyWeight,
                reviewBonus, supportBonus);
    }

    @Override
    public String toString() {
        return String.format("threshold %.2f, cooldown %s, lookback %s, weights base %.2f severity %.2f value %.2f "
                + "recency %.2f review %.2f support %.2f", threshold, cooldown, lookback, base, severityWeight,
                valueWeight, recencyWeight, reviewBonus, supportBonus);
    }
}
