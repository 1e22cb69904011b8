package io.cxmonitor.domain.risk;

import io.cxmonitor.domain.experiences.BadExperience;

/**
 * The switching-risk score of SPEC 3.6. About half of consumers leave after one bad experience
 * and about 80% after more than one (Zendesk CX Trends), so:
 *
 * <pre>
 * first bad experience:  risk = base + w_s·severity + w_v·value + w_r·recency + touchpoint bonus
 *                        (0.35, 0.35, 0.15, 0.10; +0.05 for a review, +0.03 for support)
 * each further one:      risk = max(0.8, 1 − (1 − previous)·(1 − severity/2))
 * </pre>
 *
 * where value (0-1) grows with purchases and spend ({@link CustomerValue#score()}) and recency
 * is e^(−days since the customer was last active / 30). The bad experience is itself the
 * customer's latest activity, so at a first experience recency is always 1: it does not wait for,
 * or depend on, the events behind the experience, which a job reading back after a restart may
 * get after it. A first bad experience of moderate severity is a coin flip, made worse by how much
 * the customer matters. Severity labels: warning below 0.65, high below 0.8, critical from 0.8.
 */
public final class RiskModel {

    private RiskModel() {}

    public static double first(BadExperience b, CustomerValue value, RiskSettings s) {
        double recency = 1; // the experience is the customer's latest activity (see above)
        double bonus = "reviews".equals(b.touchpoint) ? s.reviewBonus : "support".equals(b.touchpoint) ? s.supportBonus : 0;
        return clamp(s.base + s.severityWeight * b.severity + s.valueWeight * value.score()
                + s.recencyWeight * recency + bonus);
    }

    public static double further(double previous, BadExperience b) {
        return clamp(Math.max(0.8, 1 - (1 - previous) * (1 - b.severity / 2)));
    }

    public static String severity(double risk) {
        return risk >= 0.8 ? "critical" : risk >= 0.65 ? "high" : "warning";
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
