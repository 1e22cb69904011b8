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
 * (0-1) is e^(−days since the customer was last active / 30), the bad experience itself being
 * activity: a first bad experience of
 * moderate severity is a coin flip, made worse by how much the customer matters and how engaged
 * they were. Severity labels: warning below 0.65, high below 0.8, critical from 0.8.
 */
public final class RiskModel {

    private RiskModel() {}

    public static double first(BadExperience b, CustomerValue value, RiskSettings s) {
        // The experience is activity at its own time, whether or not the events behind it are
        // here yet: read back after a restart, an experience can arrive before them, and its risk
        // must not depend on which came first.
        long lastActive = Math.max(value.lastActive, b.ts);
        double recency = Math.exp(-Math.max(0, b.ts - lastActive) / 86_400_000.0 / 30);
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
