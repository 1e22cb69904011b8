package io.cxmonitor.domain.risk;

/**
 * How soon an outreach team should call a customer back (SPEC 5, {@code priority}), from the
 * switching risk and what the customer is worth: P1 when a valuable customer is at critical risk,
 * P2 when one of the two holds, P3 otherwise (say, an NPS of 6 from someone who never bought). A
 * route can take only P1, or P1 and P2 ({@code min-priority}).
 */
public enum Priority {
    P1, P2, P3;

    /** Risk from which a customer is at critical risk, as {@link RiskModel#severity} labels it. */
    public static final double CRITICAL_RISK = 0.8;
    /** {@link CustomerValue#score()} from which a customer counts as valuable: about 2 purchases worth 200 in all. */
    public static final double VALUABLE = 0.25;

    public static Priority of(double risk, CustomerValue value) {
        boolean critical = risk >= CRITICAL_RISK;
        boolean valuable = value.score() >= VALUABLE;
        return critical && valuable ? P1 : critical || valuable ? P2 : P3;
    }

    /** Whether an alert of this priority reaches a route that takes {@code min} and above. */
    public boolean atLeast(Priority min) {
        return ordinal() <= min.ordinal();
    }
}
